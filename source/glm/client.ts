// Sends chat requests to GLM and turns the SSE answer into typed events. Owns retries, timeouts, abort and the
// proxy; knows nothing about conversations or the screen.
import {webSources} from './web-search.js';
import {networkText as say} from './network-messages.js';
import type {Usage} from '../domain/types.js';
import {
	GlmError,
	abortedError,
	errorFromException,
	errorFromFrame,
	errorFromResponse,
	needsFreshToken,
	notChatError,
	type ErrorContext,
} from './errors.js';
import type {Answer, Transport} from './http.js';
import {displayProxy, proxyFor} from './proxy.js';
import {SseParser, sniffSse, type SseEvent} from './sse.js';
import {parseApiKey} from './api-key.js';
import type {TokenSigner} from './token.js';
import type {ChatRequest, Completion, StreamEvent} from './types.js';

export interface GlmClientOptions {
	apiKey: string;
	baseUrl: string;
	/** Retries of transient failures before the first event, on top of the first attempt. */
	maxRetries?: number;
	/** Until the response headers arrive. */
	connectTimeoutMs?: number;
	/**
	 * Longest silence of an answer once its headers are in (30 s by default); noticed within it, never before 90%
	 * of it. A silence before the first token is retried once; after it, never. 0 disables.
	 */
	idleTimeoutMs?: number;
	/** Wall-clock limit of one stream() / complete() call, retries included. 0 disables. */
	totalTimeoutMs?: number;
	acceptLanguage?: string;
	/** Where the proxy variables are read from. */
	env?: NodeJS.ProcessEnv;
	sleep?: (ms: number, signal?: AbortSignal) => Promise<void>;
	random?: () => number;
	userAgent?: string;
	/** Clock of the token signer and the total timeout. */
	now?: () => number;
	tokenTtlMs?: number;
	/**
	 * Shortest time between two reads of a streamed answer (see Answer.pace); 0 reads every chunk as it comes.
	 * One frame by default: the screen still gets new text every frame; the answer's last bytes wait at most this
	 * long (half of it on average) before they are read.
	 */
	readPaceMs?: number;
}

export interface RequestOptions {
	signal?: AbortSignal;
}

export type StreamListener = (event: StreamEvent) => void;

export interface GlmClient {
	stream(request: ChatRequest, options?: RequestOptions): AsyncGenerator<StreamEvent>;
	/**
	 * The same events as stream(), each handed to `onEvent` as soon as it is parsed, inside the socket's
	 * callback. For a consumer that keeps up by itself (the chat screen): no promise per token. Resolves after
	 * the last event; rejects with a GlmError.
	 */
	send(request: ChatRequest, onEvent: StreamListener, options?: RequestOptions): Promise<void>;
	/** The whole answer at once; streamed underneath, so long answers are bounded by the idle timeout only. */
	complete(request: ChatRequest, options?: RequestOptions): Promise<Completion>;
	/** Loads the HTTP stack (node:https and TLS) in the background, so the first request does not wait for it. */
	prepare(): void;
	/** Closes pooled connections and ends anything still in flight. */
	close(): Promise<void>;
}

const MAX_RETRY_AFTER_MS = 60_000;
export const DEFAULT_IDLE_TIMEOUT_MS = 30_000;
// The idle check looks at the byte count this many times per idle period: a silence is noticed between 90% and
// 100% of the limit, at the cost of 10 wake-ups per period (one every 3 s by default).
const IDLE_CHECKS = 10;
// A 200's first line tells an event stream from a page; a line longer than this is not an SSE field.
const SNIFF_BYTES = 256;
// What is quoted of a body that is not an answer: its first line, up to this many bytes, waited for this long.
const QUOTE_BYTES = 120;
const QUOTE_WAIT_MS = 250;

/** The first line of a body that began with `start`, as far as it arrives soon: enough to quote. */
async function firstLine(answer: Answer, start: Buffer): Promise<Buffer> {
	let have = start;
	const deadline = Date.now() + QUOTE_WAIT_MS;
	while (have.length < QUOTE_BYTES && !have.subarray(1).includes(10)) {
		const left = deadline - Date.now();
		if (left <= 0) break;
		let timer: NodeJS.Timeout | undefined;
		// Left pending when the wait ends first; it settles when the request is released.
		const next = answer.read().catch(() => undefined);
		const chunk = await Promise.race([
			next,
			new Promise<undefined>((resolve) => {
				timer = setTimeout(() => resolve(undefined), left);
			}),
		]);
		clearTimeout(timer);
		if (!chunk) break;
		have = Buffer.concat([have, chunk]);
	}
	return have;
}
const MAX_ERROR_BODY = 64 * 1024;
const DRAIN_GRACE_MS = 1000;
// setTimeout fires at once for anything above 2^31-1 ms; treat such limits as "none".
const MAX_TIMER = 2 ** 31 - 1;

function limit(ms: number | undefined, fallback: number): number | undefined {
	const value = ms ?? fallback;
	return value > 0 && value <= MAX_TIMER ? value : undefined;
}

function seconds(ms: number): string {
	return ms < 1000 ? `${ms} ms` : `${Math.round(ms / 100) / 10} s`;
}

/** Backoff of the official SDKs: min(0.5 * 2^n, 8) s, times a jitter in [0.75, 1]. */
export function backoffDelay(retriesSoFar: number, random: () => number = Math.random): number {
	const base = Math.min(0.5 * 2 ** retriesSoFar, 8) * 1000;
	return Math.round(base * (1 - 0.25 * random()));
}

export function defaultSleep(ms: number, signal?: AbortSignal): Promise<void> {
	return new Promise((resolve, reject) => {
		if (signal?.aborted) {
			reject(abortedError(signal.reason));
			return;
		}
		const onAbort = (): void => {
			clearTimeout(timer);
			reject(abortedError(signal?.reason));
		};
		const timer = setTimeout(() => {
			signal?.removeEventListener('abort', onAbort);
			resolve();
		}, ms);
		signal?.addEventListener('abort', onAbort, {once: true});
	});
}

function mapUsage(raw: unknown): Usage | undefined {
	if (!raw || typeof raw !== 'object') return undefined;
	const u = raw as Record<string, unknown>;
	const num = (value: unknown): number | undefined => (typeof value === 'number' && Number.isFinite(value) ? value : undefined);
	const nested = (key: string, field: string): number | undefined => {
		const detail = u[key];
		return detail && typeof detail === 'object' ? num((detail as Record<string, unknown>)[field]) : undefined;
	};
	const promptTokens = num(u['prompt_tokens']) ?? 0;
	const completionTokens = num(u['completion_tokens']) ?? 0;
	const usage: Usage = {promptTokens, completionTokens, totalTokens: num(u['total_tokens']) ?? promptTokens + completionTokens};
	const cached = nested('prompt_tokens_details', 'cached_tokens');
	const reasoning = nested('completion_tokens_details', 'reasoning_tokens');
	if (cached !== undefined) usage.cachedTokens = cached;
	if (reasoning !== undefined) usage.reasoningTokens = reasoning;
	return usage;
}

function parseJson(text: string): Record<string, unknown> | undefined {
	try {
		const value: unknown = JSON.parse(text);
		return value && typeof value === 'object' ? (value as Record<string, unknown>) : undefined;
	} catch {
		return undefined;
	}
}

function text(value: unknown): string | undefined {
	return typeof value === 'string' && value !== '' ? value : undefined;
}

function firstChoice(frame: Record<string, unknown>): Record<string, unknown> | undefined {
	const choices = frame['choices'];
	const choice: unknown = Array.isArray(choices) ? choices[0] : undefined;
	return choice && typeof choice === 'object' ? (choice as Record<string, unknown>) : undefined;
}

interface AnswerMeta {
	model?: string;
	requestId?: string;
}

type TimerReason = 'connect' | 'idle' | 'total';

interface AttemptState {
	/** An event went to the consumer: the request can no longer be sent again. */
	yielded: boolean;
	/** The attempt ended at the idle timeout. */
	stalled?: boolean;
}

export function createGlmClient(options: GlmClientOptions): GlmClient {
	// Throws key-format / no-key here, before anything is sent.
	const keyParts = parseApiKey(options.apiKey);
	const endpoint = `${options.baseUrl.trim().replace(/\/+$/, '')}/chat/completions`;
	const target = new URL(endpoint);
	const proxy = proxyFor(target, options.env ?? process.env);
	// Loaded on first use so start-up does not wait for node:https. The client's own timers are the only
	// timeouts, so the options mean what they say.
	// The token signer (jsonwebtoken and its dependencies) too.
	let transport: Promise<Transport> | undefined;
	let signer: TokenSigner | undefined;
	let closed = false;
	const connection = (): Promise<Transport> =>
		(transport ??= Promise.all([import('./http.js'), import('./token.js')]).then(([{createTransport}, {TokenSigner}]) => {
			signer = new TokenSigner(keyParts, {
				...(options.now ? {now: options.now} : {}),
				...(options.tokenTtlMs ? {ttlMs: options.tokenTtlMs} : {}),
			});
			return createTransport(target, proxy);
		}));
	const baseContext: ErrorContext = {host: target.host, ...(proxy ? {proxy: displayProxy(proxy)} : {})};
	const maxRetries = options.maxRetries ?? 3;
	const connectTimeoutMs = limit(options.connectTimeoutMs, 8000);
	const idleTimeoutMs = limit(options.idleTimeoutMs, DEFAULT_IDLE_TIMEOUT_MS);
	const totalTimeoutMs = limit(options.totalTimeoutMs, 300_000);
	const readPaceMs = options.readPaceMs ?? 100;
	const sleep = options.sleep ?? defaultSleep;
	const random = options.random ?? Math.random;
	const now = options.now ?? Date.now;
	const redact = (value: string): string => value.split(keyParts.secret).join('[secret]');

	function timeoutError(reason: TimerReason, yielded: boolean, received: boolean, cause: unknown): GlmError {
		const where = (baseContext.host ?? 'GLM') + (baseContext.proxy ? say.via(baseContext.proxy) : '');
		switch (reason) {
			case 'connect':
				return new GlmError({
					kind: 'timeout',
					message: say.connectTimeout(where, seconds(connectTimeoutMs ?? 0)),
					retryable: true,
					cause,
				});
			case 'idle': {
				const silence = seconds(idleTimeoutMs ?? 0);
				if (yielded) {
					return new GlmError({
						kind: 'timeout',
						message: say.idleMidAnswer(silence),
						retryable: false,
						cause,
					});
				}
				// Said as it happened: whether any byte of an answer came, so nobody looks for a half answer.
				return new GlmError({
					kind: 'timeout',
					message: received ? say.idleBegan(where, silence) : say.idleAccepted(where, silence),
					retryable: true,
					cause,
				});
			}
			case 'total':
				return new GlmError({
					kind: 'timeout',
					message: say.totalTimeout(seconds(totalTimeoutMs ?? 0), yielded),
					retryable: false,
					cause,
				});
		}
	}

	function interrupted(yielded: boolean, cause?: unknown): GlmError {
		return new GlmError({
			kind: 'interrupted',
			message: yielded ? say.brokeOff : say.closedEarly,
			retryable: !yielded,
			...(cause === undefined ? {} : {cause}),
		});
	}

	function headers(token: string): Record<string, string> {
		const result: Record<string, string> = {
			authorization: `Bearer ${token}`,
			'content-type': 'application/json',
			accept: 'text/event-stream',
			'user-agent': options.userAgent ?? 'glm-tui',
		};
		if (options.acceptLanguage) result['accept-language'] = options.acceptLanguage;
		return result;
	}

	/** One HTTP exchange. Throws only GlmError; `state.yielded` tells the caller whether a retry is still possible. */
	async function attempt(
		request: ChatRequest,
		signal: AbortSignal | undefined,
		deadline: number | undefined,
		state: AttemptState,
		meta: AnswerMeta,
		emit: StreamListener,
	): Promise<void> {
		const context: ErrorContext = {...baseContext, model: request.model};
		const controller = new AbortController();
		let fired: TimerReason | undefined;
		const fire = (reason: TimerReason): void => {
			if (controller.signal.aborted) return;
			fired = reason;
			controller.abort();
		};
		const onAbort = (): void => controller.abort(signal?.reason);
		signal?.addEventListener('abort', onAbort, {once: true});
		let connectTimer: NodeJS.Timeout | undefined;
		let idleCheck: NodeJS.Timeout | undefined;
		// Silence is noticed by one coarse timer comparing the transport's byte count, not by a timer restarted
		// per chunk: an answer's chunks cost nothing here.
		const watch = (current: Answer): void => {
			if (idleTimeoutMs === undefined) return;
			let seen = current.received;
			let quiet = 0;
			idleCheck = setInterval(
				() => {
					if (current.received !== seen) {
						seen = current.received;
						quiet = 0;
						return;
					}
					// A socket resting between paced reads is not silent: its rest ends within readPaceMs.
					if (current.resting || ++quiet < IDLE_CHECKS - 1) return;
					// A loop held up past the limit runs timers before it reads the socket: look again after the reads.
					setImmediate(() => {
						if (idleCheck !== undefined && current.received === seen) fire('idle');
					});
				},
				Math.max(1, Math.floor(idleTimeoutMs / IDLE_CHECKS)),
			);
		};
		const totalTimer = deadline === undefined ? undefined : setTimeout(fire, Math.max(0, deadline - now()), 'total');
		let phase: 'connect' | 'body' = 'connect';
		let drained = false;
		// Events that were not JSON: said at the end of an answer, or before the error that ends it.
		let unreadable = 0;
		const sayUnreadable = (): void => {
			if (unreadable > 0) emit({type: 'unreadable', count: unreadable});
			unreadable = 0;
		};

		const fail = (e: unknown): GlmError => {
			// Closing cuts requests off mid-way; that is a cancellation, not a network failure worth retrying.
			if (closed) return abortedError(e);
			if (signal?.aborted) return e instanceof GlmError && e.kind === 'aborted' ? e : abortedError(e);
			if (fired === 'idle') state.stalled = true;
			if (fired) return timeoutError(fired, state.yielded, (answer?.received ?? 0) > 0, e);
			if (e instanceof GlmError) return e;
			if (phase === 'body') return interrupted(state.yielded, e);
			return errorFromException(e, context);
		};

		let answer: Answer | undefined;
		const read = async (): Promise<Buffer | undefined> => {
			// A response that arrived whole is not cut off by an abort (see http.ts): stop reading it here.
			controller.signal.throwIfAborted();
			// answer is set before any read
			return answer!.read();
		};
		const readAll = async (): Promise<string> => {
			const decoder = new TextDecoder();
			let body = '';
			for (;;) {
				const chunk = await read();
				if (chunk === undefined) {
					drained = true;
					break;
				}
				body += decoder.decode(chunk, {stream: true});
				if (body.length > MAX_ERROR_BODY) break;
			}
			return redact(body + decoder.decode());
		};

		try {
			if (signal?.aborted || closed) throw abortedError(signal?.reason);
			if (connectTimeoutMs !== undefined) connectTimer = setTimeout(fire, connectTimeoutMs, 'connect');
			const connected = await connection();
			answer = await connected.post(headers(signer!.token()), JSON.stringify({...request, stream: true}), controller.signal);
			clearTimeout(connectTimer);
			phase = 'body';
			watch(answer);
			const {status} = answer;

			if (status < 200 || status >= 300) throw errorFromResponse(status, await readAll(), answer.headers, context);

			const contentType = answer.headers['content-type'] ?? '';
			if (/json/i.test(contentType)) {
				// Not a stream after all (a gateway ignoring `stream`, or a 200 carrying an error): take it whole.
				wholeAnswer(await readAll(), context, state, meta, emit);
				return;
			}
			if (/html/i.test(contentType)) throw notChatError(context);
			// Anything else is read as SSE: a proxy may have dropped or rewritten the content type.

			const parser = new SseParser();
			let finishReason: string | undefined;
			let usage: Usage | undefined;
			let done = false;
			// The body's first bytes, until its first line shows whether it is an event stream at all.
			let start: Buffer | undefined;
			let sniffing = true;
			let notSse: Buffer | undefined;
			// Thrown out of the socket's callback would lose it: kept, the reading stops, and it is thrown here.
			let frameError: unknown;
			const take = (events: SseEvent[]): boolean => {
				try {
					for (const event of events) {
						const data = event.data.trim();
						if (data === '[DONE]') {
							done = true;
							return true;
						}
						const frame = parseJson(data);
						if (!frame) {
							unreadable++;
							continue;
						}
						if (frame['error'] !== undefined && frame['error'] !== null) {
							throw errorFromFrame(parseJson(redact(data)), context);
						}
						meta.requestId = text(frame['request_id']) ?? text(frame['id']) ?? meta.requestId;
						meta.model = text(frame['model']) ?? meta.model;
						usage = mapUsage(frame['usage']) ?? usage;
						const sources = webSources(frame['web_search']);
						if (sources) emit({type: 'sources', sources});
						const choice = firstChoice(frame);
						const delta = choice?.['delta'] as Record<string, unknown> | undefined;
						const reasoning = text(delta?.['reasoning_content']);
						const content = text(delta?.['content']);
						finishReason = text(choice?.['finish_reason']) ?? finishReason;
						if (reasoning !== undefined) {
							state.yielded = true;
							emit({type: 'reasoning', text: reasoning});
						}
						if (content !== undefined) {
							state.yielded = true;
							emit({type: 'content', text: content});
						}
					}
				} catch (e) {
					frameError = e;
					return true;
				}
				return false;
			};
			const sniff = (chunk: Buffer): boolean => {
				start = start ? Buffer.concat([start, chunk]) : chunk;
				const verdict = sniffSse(start.toString('utf8', 0, Math.min(start.length, SNIFF_BYTES)));
				if (verdict === 'undecided' && start.length < SNIFF_BYTES) return false;
				sniffing = false;
				if (verdict === 'not-sse') {
					notSse = start;
					return true;
				}
				return take(parser.push(start));
			};
			answer.pace(readPaceMs);
			try {
				await answer.each((chunk) => (sniffing ? sniff(chunk) : take(parser.push(chunk))), controller.signal);
			} catch (e) {
				// The answer was complete; a connection lost before [DONE] does not change that.
				if (finishReason === undefined || signal?.aborted) throw e;
				done = true;
			}
			if (frameError !== undefined) throw frameError;
			if (sniffing && start && start.toString('utf8').trim() !== '') notSse = start;
			if (notSse) {
				const begins = (await firstLine(answer, notSse)).toString('utf8');
				// JSON under another content type: a gateway's whole answer or error, read as such.
				if (begins.trimStart().startsWith('{')) {
					wholeAnswer(redact(begins + (await readAll())), context, state, meta, emit);
					return;
				}
				throw notChatError(context, redact(begins));
			}
			if (!done) {
				drained = true;
				take(parser.end());
				if (frameError !== undefined) throw frameError;
			}
			if (!done && finishReason === undefined) throw interrupted(state.yielded);
			if (!drained) drainAfterDone();
			release();
			sayUnreadable();
			if (usage) emit({type: 'usage', usage});
			state.yielded = true;
			emit({type: 'finish', reason: finishReason ?? 'stop', ...(meta.requestId ? {requestId: meta.requestId} : {})});
		} catch (e) {
			const error = fail(e);
			// Not for an attempt that is sent again: its events are not the answer's.
			if (state.yielded) sayUnreadable();
			throw error;
		} finally {
			release();
		}

		// The response normally ends right after [DONE]. Letting it end, instead of aborting, keeps the
		// connection (and its TLS session) for the next message; a server that lingers is cut off.
		function drainAfterDone(): void {
			const current = answer;
			if (!current) return;
			drained = true;
			const cutOff = setTimeout(() => controller.abort(), DRAIN_GRACE_MS);
			void (async () => {
				try {
					while ((await current.read()) !== undefined) {
						// discard
					}
				} catch {
					// Aborted or reset: the answer is already complete.
				} finally {
					clearTimeout(cutOff);
				}
			})();
		}

		function release(): void {
			clearTimeout(connectTimer);
			clearInterval(idleCheck);
			idleCheck = undefined;
			clearTimeout(totalTimer);
			signal?.removeEventListener('abort', onAbort);
			// A body still arriving holds the connection: aborting destroys it. One that has fully arrived is left
			// alone by the transport, and its connection goes back to the pool.
			if (!drained) controller.abort();
		}
	}

	function wholeAnswer(body: string, context: ErrorContext, state: {yielded: boolean}, meta: AnswerMeta, emit: StreamListener): void {
		const frame = parseJson(body);
		if (frame && frame['error'] !== undefined && frame['error'] !== null) throw errorFromFrame(frame, context);
		const choice = frame ? firstChoice(frame) : undefined;
		const message = choice?.['message'] as Record<string, unknown> | undefined;
		if (!frame || !message) throw notChatError(context, body);
		meta.requestId = text(frame['request_id']) ?? text(frame['id']) ?? meta.requestId;
		meta.model = text(frame['model']) ?? meta.model;
		state.yielded = true;
		const reasoning = text(message['reasoning_content']);
		const content = text(message['content']);
		const usage = mapUsage(frame['usage']);
		const sources = webSources(frame['web_search']);
		if (sources) emit({type: 'sources', sources});
		if (reasoning !== undefined) emit({type: 'reasoning', text: reasoning});
		if (content !== undefined) emit({type: 'content', text: content});
		if (usage) emit({type: 'usage', usage});
		const reason = text(choice?.['finish_reason']) ?? 'stop';
		emit({type: 'finish', reason, ...(meta.requestId ? {requestId: meta.requestId} : {})});
	}

	async function run(request: ChatRequest, options: RequestOptions, meta: AnswerMeta, emit: StreamListener): Promise<void> {
		const {signal} = options;
		const deadline = totalTimeoutMs === undefined ? undefined : now() + totalTimeoutMs;
		let retries = 0;
		let freshTokenTried = false;
		let stallRetried = false;
		for (;;) {
			const state: AttemptState = {yielded: false};
			let error: GlmError;
			try {
				await attempt(request, signal, deadline, state, meta, emit);
				return;
			} catch (e) {
				error = e instanceof GlmError ? e : errorFromException(e, baseContext);
			}
			if (state.yielded || error.kind === 'aborted') throw error;
			// A silent GLM is tried once more; twice silent, it will not answer soon.
			if (state.stalled) {
				if (stallRetried) throw error;
				stallRetried = true;
			}
			if (needsFreshToken(error)) {
				if (freshTokenTried) throw error;
				freshTokenTried = true;
				signer?.invalidate();
				continue;
			}
			if (!error.retryable || retries >= maxRetries) throw error;
			if (error.retryAfterMs !== undefined && error.retryAfterMs > MAX_RETRY_AFTER_MS) throw error;
			const delayMs = error.retryAfterMs ?? backoffDelay(retries, random);
			if (deadline !== undefined && now() + delayMs >= deadline) throw error;
			retries++;
			emit({type: 'retry', attempt: retries, delayMs, error});
			try {
				await sleep(delayMs, signal);
			} catch (e) {
				throw signal?.aborted ? abortedError(e) : errorFromException(e, baseContext);
			}
			if (signal?.aborted) throw abortedError(signal.reason);
		}
	}

	/** run() as an async generator: events queue up until the consumer pulls; leaving the loop early ends the request. */
	async function* pull(request: ChatRequest, options: RequestOptions): AsyncGenerator<StreamEvent> {
		const stop = new AbortController();
		const {signal} = options;
		const onAbort = (): void => stop.abort(signal?.reason);
		if (signal?.aborted) onAbort();
		else signal?.addEventListener('abort', onAbort, {once: true});
		const queue: StreamEvent[] = [];
		let wake: (() => void) | undefined;
		let outcome: {error: unknown} | undefined;
		const running = run(request, {signal: stop.signal}, {}, (event) => {
			queue.push(event);
			wake?.();
		})
			.then(
				() => {
					outcome = {error: undefined};
				},
				(error: unknown) => {
					outcome = {error};
				},
			)
			.finally(() => wake?.());
		try {
			for (;;) {
				while (queue.length > 0) yield queue.shift()!;
				if (outcome) {
					if (outcome.error !== undefined) throw outcome.error;
					return;
				}
				await new Promise<void>((resolve) => {
					wake = resolve;
				});
				wake = undefined;
			}
		} finally {
			signal?.removeEventListener('abort', onAbort);
			if (!outcome) {
				stop.abort();
				await running;
			}
		}
	}

	return {
		stream(request, options = {}) {
			return pull(request, options);
		},

		send(request, onEvent, options = {}) {
			return run(request, options, {}, onEvent);
		},

		async complete(request, options = {}) {
			const meta: AnswerMeta = {};
			let content = '';
			let reasoning = '';
			let finishReason = 'stop';
			let usage: Usage | undefined;
			await run(request, options, meta, (event) => {
				if (event.type === 'content') content += event.text;
				else if (event.type === 'reasoning') reasoning += event.text;
				else if (event.type === 'usage') usage = event.usage;
				else if (event.type === 'finish') finishReason = event.reason;
			});
			const completion: Completion = {content, finishReason, model: meta.model ?? request.model};
			if (reasoning !== '') completion.reasoning = reasoning;
			if (usage) completion.usage = usage;
			if (meta.requestId) completion.requestId = meta.requestId;
			return completion;
		},

		prepare() {
			void connection();
		},

		close() {
			closed = true;
			// Destroys rather than waits for in-flight requests: a hung one would block the exit.
			return transport ? transport.then((connected) => connected.destroy()) : Promise.resolve();
		},
	};
}

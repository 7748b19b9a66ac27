// The public GLM client: sends chat requests and turns the answer into typed events. Owns the connection, abort
// and the proxy; decoding (frames.ts), retries (retry.ts) and time limits (timers.ts) are their own modules. Knows
// nothing about conversations or the screen.
import type {Usage} from '../domain/types.js';
import {GlmError, abortedError, errorFromException, errorFromResponse, notChatError, type ErrorContext} from './errors.js';
import {FrameDecoder, firstLine, wholeAnswer, type AnswerMeta, type AttemptState, type StreamListener} from './frames.js';
import type {Answer, Transport} from './http.js';
import {displayProxy, proxyFor} from './proxy.js';
import {defaultSleep, withRetries} from './retry.js';
import {SseParser, sniffSse} from './sse.js';
import {parseApiKey} from './api-key.js';
import {DEFAULT_IDLE_TIMEOUT_MS, interrupted, limit, timeoutError, watchIdle, type Limits, type TimerReason} from './timers.js';
import type {TokenSigner} from './token.js';
import type {ChatRequest, Completion, StreamEvent} from './types.js';

export {backoffDelay, defaultSleep} from './retry.js';
export {DEFAULT_IDLE_TIMEOUT_MS} from './timers.js';
export type {StreamListener} from './frames.js';

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

// A 200's first line tells an event stream from a page; a line longer than this is not an SSE field.
const SNIFF_BYTES = 256;
const MAX_ERROR_BODY = 64 * 1024;
const DRAIN_GRACE_MS = 1000;

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
	const limits: Limits = {
		connectTimeoutMs: limit(options.connectTimeoutMs, 8000),
		idleTimeoutMs: limit(options.idleTimeoutMs, DEFAULT_IDLE_TIMEOUT_MS),
		totalTimeoutMs: limit(options.totalTimeoutMs, 300_000),
	};
	const {connectTimeoutMs, idleTimeoutMs, totalTimeoutMs} = limits;
	const readPaceMs = options.readPaceMs ?? 100;
	const sleep = options.sleep ?? defaultSleep;
	const random = options.random ?? Math.random;
	const now = options.now ?? Date.now;
	const redact = (value: string): string => value.split(keyParts.secret).join('[secret]');

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
		let stopIdle: (() => void) | undefined;
		const totalTimer = deadline === undefined ? undefined : setTimeout(fire, Math.max(0, deadline - now()), 'total');
		let phase: 'connect' | 'body' = 'connect';
		let drained = false;
		let decoder: FrameDecoder | undefined;

		const fail = (e: unknown): GlmError => {
			// Closing cuts requests off mid-way; that is a cancellation, not a network failure worth retrying.
			if (closed) return abortedError(e);
			if (signal?.aborted) return e instanceof GlmError && e.kind === 'aborted' ? e : abortedError(e);
			if (fired === 'idle') state.stalled = true;
			if (fired) return timeoutError(fired, limits, baseContext, state.yielded, (answer?.received ?? 0) > 0, e);
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
			const textDecoder = new TextDecoder();
			let body = '';
			for (;;) {
				const chunk = await read();
				if (chunk === undefined) {
					drained = true;
					break;
				}
				body += textDecoder.decode(chunk, {stream: true});
				if (body.length > MAX_ERROR_BODY) break;
			}
			return redact(body + textDecoder.decode());
		};

		try {
			if (signal?.aborted || closed) throw abortedError(signal?.reason);
			if (connectTimeoutMs !== undefined) connectTimer = setTimeout(fire, connectTimeoutMs, 'connect');
			const connected = await connection();
			answer = await connected.post(headers(signer!.token()), JSON.stringify({...request, stream: true}), controller.signal);
			clearTimeout(connectTimer);
			phase = 'body';
			if (idleTimeoutMs !== undefined) stopIdle = watchIdle(answer, idleTimeoutMs, () => fire('idle'));
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
			const frames = new FrameDecoder(context, state, meta, emit, redact);
			decoder = frames;
			// The body's first bytes, until its first line shows whether it is an event stream at all.
			let start: Buffer | undefined;
			let sniffing = true;
			let notSse: Buffer | undefined;
			const sniff = (chunk: Buffer): boolean => {
				start = start ? Buffer.concat([start, chunk]) : chunk;
				const verdict = sniffSse(start.toString('utf8', 0, Math.min(start.length, SNIFF_BYTES)));
				if (verdict === 'undecided' && start.length < SNIFF_BYTES) return false;
				sniffing = false;
				if (verdict === 'not-sse') {
					notSse = start;
					return true;
				}
				return frames.take(parser.push(start));
			};
			answer.pace(readPaceMs);
			try {
				await answer.each((chunk) => (sniffing ? sniff(chunk) : frames.take(parser.push(chunk))), controller.signal);
			} catch (e) {
				// The answer was complete; a connection lost before [DONE] does not change that.
				if (frames.finishReason === undefined || signal?.aborted) throw e;
				frames.done = true;
			}
			// Thrown out of the socket's callback it would be lost: the decoder kept it.
			if (frames.error !== undefined) throw frames.error;
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
			if (!frames.done) {
				drained = true;
				frames.take(parser.end());
				if (frames.error !== undefined) throw frames.error;
			}
			if (!frames.done && frames.finishReason === undefined) throw interrupted(state.yielded);
			if (!drained) drainAfterDone();
			release();
			frames.sayUnreadable();
			const {usage, finishReason} = frames;
			if (usage) emit({type: 'usage', usage});
			state.yielded = true;
			emit({type: 'finish', reason: finishReason ?? 'stop', ...(meta.requestId ? {requestId: meta.requestId} : {})});
		} catch (e) {
			const error = fail(e);
			// Not for an attempt that is sent again: its events are not the answer's.
			if (state.yielded) decoder?.sayUnreadable();
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
			stopIdle?.();
			stopIdle = undefined;
			clearTimeout(totalTimer);
			signal?.removeEventListener('abort', onAbort);
			// A body still arriving holds the connection: aborting destroys it. One that has fully arrived is left
			// alone by the transport, and its connection goes back to the pool.
			if (!drained) controller.abort();
		}
	}

	function run(request: ChatRequest, options: RequestOptions, meta: AnswerMeta, emit: StreamListener): Promise<void> {
		const {signal} = options;
		const deadline = totalTimeoutMs === undefined ? undefined : now() + totalTimeoutMs;
		return withRetries(
			(state) => attempt(request, signal, deadline, state, meta, emit),
			{maxRetries, deadline, signal, baseContext, sleep, random, now, invalidateToken: () => signer?.invalidate()},
			emit,
		);
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

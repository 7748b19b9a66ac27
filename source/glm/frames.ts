// Reads GLM's answer bodies: the JSON frames of an event stream, a whole (non-streamed) answer, and the first
// line of a body that is not an answer at all. Pure decoding; the connection and its timers are the client's.
import {webSources} from './web-search.js';
import type {Usage} from '../domain/types.js';
import {errorFromFrame, notChatError, type ErrorContext} from './errors.js';
import type {Answer} from './http.js';
import type {SseEvent} from './sse.js';
import type {StreamEvent} from './types.js';

export type StreamListener = (event: StreamEvent) => void;

export interface AnswerMeta {
	model?: string;
	requestId?: string;
}

export interface AttemptState {
	/** An event went to the consumer: the request can no longer be sent again. */
	yielded: boolean;
	/** The attempt ended at the idle timeout. */
	stalled?: boolean;
}

// What is quoted of a body that is not an answer: its first line, up to this many bytes, waited for this long.
const QUOTE_BYTES = 120;
const QUOTE_WAIT_MS = 250;

/** The first line of a body that began with `start`, as far as it arrives soon: enough to quote. */
export async function firstLine(answer: Answer, start: Buffer): Promise<Buffer> {
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

export function mapUsage(raw: unknown): Usage | undefined {
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

export function parseJson(text: string): Record<string, unknown> | undefined {
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

/**
 * The events of one streamed answer, frame by frame. Called inside the socket's callback, so it never throws: an
 * error frame is kept in `error`, and take() returns true to stop the reading.
 */
export class FrameDecoder {
	done = false;
	finishReason: string | undefined;
	usage: Usage | undefined;
	error: unknown;
	// Events that were not JSON: said at the end of an answer, or before the error that ends it.
	private unreadable = 0;

	constructor(
		private readonly context: ErrorContext,
		private readonly state: AttemptState,
		private readonly meta: AnswerMeta,
		private readonly emit: StreamListener,
		private readonly redact: (value: string) => string,
	) {}

	/** True when the reading should stop: [DONE] came, or an error frame. */
	take(events: SseEvent[]): boolean {
		try {
			for (const event of events) {
				const data = event.data.trim();
				if (data === '[DONE]') {
					this.done = true;
					return true;
				}
				const frame = parseJson(data);
				if (!frame) {
					this.unreadable++;
					continue;
				}
				if (frame['error'] !== undefined && frame['error'] !== null) {
					throw errorFromFrame(parseJson(this.redact(data)), this.context);
				}
				this.meta.requestId = text(frame['request_id']) ?? text(frame['id']) ?? this.meta.requestId;
				this.meta.model = text(frame['model']) ?? this.meta.model;
				this.usage = mapUsage(frame['usage']) ?? this.usage;
				const sources = webSources(frame['web_search']);
				if (sources) this.emit({type: 'sources', sources});
				const choice = firstChoice(frame);
				const delta = choice?.['delta'] as Record<string, unknown> | undefined;
				const reasoning = text(delta?.['reasoning_content']);
				const content = text(delta?.['content']);
				this.finishReason = text(choice?.['finish_reason']) ?? this.finishReason;
				if (reasoning !== undefined) {
					this.state.yielded = true;
					this.emit({type: 'reasoning', text: reasoning});
				}
				if (content !== undefined) {
					this.state.yielded = true;
					this.emit({type: 'content', text: content});
				}
			}
		} catch (e) {
			this.error = e;
			return true;
		}
		return false;
	}

	sayUnreadable(): void {
		if (this.unreadable > 0) this.emit({type: 'unreadable', count: this.unreadable});
		this.unreadable = 0;
	}
}

/** An answer sent whole (a gateway ignoring `stream`, or a 200 carrying an error) as the same events. */
export function wholeAnswer(body: string, context: ErrorContext, state: {yielded: boolean}, meta: AnswerMeta, emit: StreamListener): void {
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

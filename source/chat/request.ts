// Builds the GLM request for a conversation: system prompt, the turns that fit the model's window, options.
import type {ChatMessage, ChatRequest} from '../glm/types.js';
import type {Conversation, Message} from '../domain/types.js';
import {contextWindow} from './models.js';
import {estimateTokens} from './tokens.js';
import {inFailedTurn} from './turns.js';
import {questionWithFiles} from './attachments.js';
import {WEB_SEARCH_TOOL} from '../glm/web-search.js';

/** Tokens kept free for the answer and for the error of the estimate. */
const ANSWER_RESERVE = 8_192;
/** Per-message overhead of the chat template. */
const MESSAGE_OVERHEAD = 4;

export interface BuiltRequest {
	request: ChatRequest;
	/** Index into conversation.messages of the first message sent; earlier ones were left out to fit. */
	firstIncluded: number;
	estimatedTokens: number;
}

/**
 * Messages the model should see: not the answer being streamed, not a filtered answer (GLM requires it to be
 * withdrawn), nothing of a failed turn (turns.ts), nothing empty.
 */
export function sendable(messages: readonly Message[], index: number): boolean {
	const message = messages[index]!;
	// A `tool` (or other) message brought in from elsewhere is kept and shown, but GLM would refuse it here.
	if (message.role !== 'user' && message.role !== 'assistant') return false;
	if (message.state === 'streaming' || message.content.trim() === '') return false;
	return !inFailedTurn(messages, index);
}

export function buildRequest(conversation: Conversation, options: {window?: number} = {}): BuiltRequest {
	const window = options.window ?? contextWindow(conversation.model);
	const budget = Math.max(1_024, window - ANSWER_RESERVE);
	const system = conversation.system?.trim();
	let used = system ? estimateTokens(system) + MESSAGE_OVERHEAD : 0;

	// Walk back from the newest message and keep whole turns while they fit; the newest user turn always goes.
	const messages = conversation.messages;
	let firstIncluded = messages.length;
	for (let index = messages.length - 1; index >= 0; index--) {
		const message = messages[index]!;
		if (!sendable(messages, index)) {
			firstIncluded = index;
			continue;
		}
		const cost = estimateTokens(questionWithFiles(message.content, message.attachments)) + MESSAGE_OVERHEAD;
		if (used + cost > budget && firstIncluded < messages.length) break;
		used += cost;
		firstIncluded = index;
	}

	// A request must not start with an orphaned assistant turn.
	while (firstIncluded < messages.length && messages[firstIncluded]!.role === 'assistant') firstIncluded++;

	const chat: ChatMessage[] = [];
	if (system) chat.push({role: 'system', content: system});
	for (let index = firstIncluded; index < messages.length; index++) {
		const message = messages[index]!;
		if (sendable(messages, index)) chat.push({role: message.role, content: questionWithFiles(message.content, message.attachments)});
	}

	const request: ChatRequest = {model: conversation.model, messages: chat};
	if (conversation.temperature !== undefined) request.temperature = clampTemperature(conversation.temperature);
	if (conversation.thinking) request.thinking = {type: conversation.thinking};
	if (conversation.webSearch) request.tools = [WEB_SEARCH_TOOL];
	return {request, firstIncluded, estimatedTokens: used};
}

/** GLM accepts (0, 1]; the official SDK maps the edges the same way. */
export function clampTemperature(value: number): number {
	if (!Number.isFinite(value)) return 0.6;
	return Math.min(1, Math.max(0.01, value));
}

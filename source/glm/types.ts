// Wire types of the GLM chat API (see shared/glm-api.md) and the events the client yields.
import type {Usage, WebSource} from '../domain/types.js';
import type {WebSearchTool} from './web-search.js';
import type {GlmError} from './errors.js';

export interface ChatMessage {
	role: 'system' | 'user' | 'assistant' | 'tool';
	content: string;
	reasoning_content?: string;
}

export interface ChatRequest {
	model: string;
	messages: ChatMessage[];
	temperature?: number;
	top_p?: number;
	max_tokens?: number;
	stop?: string[];
	thinking?: {type: 'enabled' | 'disabled'};
	tools?: WebSearchTool[];
	request_id?: string;
	user_id?: string;
}

export type StreamEvent =
	| {type: 'reasoning'; text: string}
	| {type: 'content'; text: string}
	| {type: 'usage'; usage: Usage}
	/** The pages GLM's web search found for this answer (the response's `web_search` field). */
	| {type: 'sources'; sources: WebSource[]}
	/** Last event of a stream that ended with a finish_reason (stop, length, sensitive, network_error, ...). */
	| {type: 'finish'; reason: string; requestId?: string}
	/**
	 * Events of the answer that could not be read (not JSON), counted: sent once, before usage and finish, or
	 * before the error that ends an answer that had begun. Whatever they held is missing from the answer.
	 */
	| {type: 'unreadable'; count: number}
	/** A retryable failure happened before any content arrived; the client waits delayMs and tries again. */
	| {type: 'retry'; attempt: number; delayMs: number; error: GlmError};

export interface Completion {
	content: string;
	reasoning?: string;
	finishReason: string;
	usage?: Usage;
	requestId?: string;
	model?: string;
}

// Folds the client's stream events into the assistant message being written. Pure, so the chat screen,
// background streams and tests share one definition of what an answer is.
import {chatText} from './chat-messages.js';
import type {StreamEvent} from '../glm/types.js';
import type {GlmError} from '../glm/errors.js';
import type {Message} from '../domain/types.js';
import {createThinkSplitter} from '../glm/think.js';

export interface AnswerBuilder {
	readonly message: Message;
	apply(event: StreamEvent): void;
	/** The stream ended without error. */
	finish(): Message;
	/** The stream failed or was stopped; what arrived stays. */
	fail(error: GlmError): Message;
}

export function startAnswer(id: string, model: string, time = new Date().toISOString()): AnswerBuilder {
	const splitter = createThinkSplitter();
	let message: Message = {id, role: 'assistant', content: '', state: 'streaming', time, model};
	let finishReason: string | undefined;

	const append = (parts: {reasoning: string; content: string}) => {
		if (!parts.reasoning && !parts.content) return;
		message = {
			...message,
			content: message.content + parts.content,
			reasoning: parts.reasoning ? (message.reasoning ?? '') + parts.reasoning : message.reasoning,
		};
	};

	const close = (state: Message['state'], extra: Partial<Message>) => {
		append(splitter.end());
		message = {...message, state, ...extra};
		return message;
	};

	return {
		get message() {
			return message;
		},
		apply(event) {
			switch (event.type) {
				case 'reasoning':
					append({reasoning: event.text, content: ''});
					break;
				case 'content':
					append(splitter.push(event.text));
					break;
				case 'usage':
					message = {...message, usage: event.usage};
					break;
				case 'sources':
					message = {...message, sources: event.sources};
					break;
				case 'finish':
					finishReason = event.reason;
					break;
				case 'retry':
					break;
			}
		},
		finish() {
			switch (finishReason) {
				case undefined:
				case 'stop':
				case 'tool_calls':
					return close('complete', {});
				case 'sensitive':
					// GLM requires a flagged answer to be withdrawn: drop the text, keep the fact.
					return close('filtered', {
						content: '',
						reasoning: undefined,
						finishReason,
						error: chatText.withdrawn,
					});
				case 'length':
					return close('complete', {finishReason, error: chatText.cutOff});
				case 'network_error':
					return close('failed', {finishReason, error: chatText.serviceNetworkError});
				case 'model_context_window_exceeded':
					return close('failed', {finishReason, error: chatText.contextExceeded});
				default:
					return close('complete', {finishReason, error: chatText.endedWith(finishReason)});
			}
		},
		fail(error) {
			if (error.kind === 'aborted') return close('stopped', {});
			if (error.kind === 'content-filter') {
				return close('filtered', {content: '', reasoning: undefined, error: error.message});
			}
			return close('failed', {error: error.message});
		},
	};
}

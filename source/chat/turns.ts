// A turn is a question and the answer to it. When the answer fails (an error from GLM, a dropped connection,
// the content filter), the whole turn is marked failed and left out of every later request: a flagged
// question sent again as context would make every later request fail the same way.
import type {Message} from '../domain/types.js';

interface HasMessages {
	messages: Message[];
}

/** Whether an answer's end makes its turn a failed one. */
export function failsTurn(answer: Message): boolean {
	return answer.state === 'failed' || answer.state === 'filtered';
}

/**
 * Whether messages[index] belongs to a failed turn. A question is in one when marked `failed`, or when the
 * answer right after it failed (files written before questions were marked).
 */
export function inFailedTurn(messages: readonly Message[], index: number): boolean {
	const message = messages[index]!;
	if (message.role === 'assistant') return failsTurn(message);
	if (message.state === 'failed') return true;
	const next = messages[index + 1];
	return next !== undefined && next.role === 'assistant' && failsTurn(next);
}

/** Marks the question that the answer `answerId` replied to as failed. `updatedAt` lets a merge keep the mark. */
export function failTurn(conversation: HasMessages, answerId: string, time: string): void {
	const messages = conversation.messages;
	const at = messages.findIndex((each) => each.id === answerId);
	for (let index = at - 1; index >= 0; index--) {
		const question = messages[index]!;
		if (question.role !== 'user') continue;
		// A new object: the serializer keeps per-object JSON, and the old object may still be referenced.
		if (question.state !== 'failed') messages[index] = {...question, state: 'failed', updatedAt: time};
		return;
	}
}

/** Before a retry: the last question, if it failed, is asked again. Returns it when it was changed. */
export function reopenTurn(conversation: HasMessages, time: string): Message | undefined {
	const messages = conversation.messages;
	for (let index = messages.length - 1; index >= 0; index--) {
		const question = messages[index]!;
		if (question.role !== 'user') continue;
		if (question.state !== 'failed') return undefined;
		const reopened: Message = {...question, state: 'complete', updatedAt: time};
		messages[index] = reopened;
		return reopened;
	}
	return undefined;
}

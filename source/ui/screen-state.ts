// What the status line says about the conversations: the active one's state word, and which others stream or
// have an unread answer.
import type {ChatController} from '../chat/controller.js';
import {statusText} from './status-messages.js';

export interface OtherConversation {
	/** Its number in the list, from 1. */
	readonly position: number;
	readonly mark: 'streaming' | 'unread';
}

export function otherConversations(controller: ChatController): OtherConversation[] {
	const activeId = controller.active.id;
	const others: OtherConversation[] = [];
	controller.conversations.forEach((summary, index) => {
		if (summary.id === activeId) return;
		if (controller.isStreaming(summary.id)) others.push({position: index + 1, mark: 'streaming'});
		else if (controller.unread.has(summary.id)) others.push({position: index + 1, mark: 'unread'});
	});
	return others;
}

export function describeState(controller: ChatController, id: string): {text: string; tone: 'idle' | 'busy' | 'error'} {
	const stream = controller.stream(id);
	if (stream?.retry) {
		const seconds = Math.max(0, Math.ceil((stream.retry.until - Date.now()) / 1000));
		return {text: statusText.retry(stream.retry.attempt, seconds), tone: 'error'};
	}
	if (stream) return {text: stream.answer.message.content ? statusText.streaming : statusText.waiting, tone: 'busy'};
	const last = controller.active.id === id ? controller.active.messages.at(-1) : undefined;
	if (last?.state === 'streaming' && last.writer) return {text: statusText.finishingElsewhere, tone: 'busy'};
	if (!controller.hasClient) return {text: statusText.noKey, tone: 'error'};
	if (controller.readOnly) return {text: statusText.readOnly, tone: 'error'};
	return {text: statusText.ready, tone: 'idle'};
}

/** What the screen shows besides the transcript's text that streamed text can change. */
export function shellSignature(controller: ChatController): string {
	const marks = controller.conversations
		.map((each) => (controller.isStreaming(each.id) ? 's' : controller.unread.has(each.id) ? 'u' : '-'))
		.join('');
	return `${describeState(controller, controller.active.id).text}|${marks}`;
}

// Small edits of conversations and their list that the controller makes: pure, in place where said.
import {randomUUID} from 'node:crypto';
import type {Conversation, ConversationSettings, Message} from '../domain/types.js';
import {listOrder} from '../store/order.js';
import type {ConversationSummaryLike} from './ports.js';

/**
 * "Finished after the connection dropped" is said until the conversation goes on: the next question takes the
 * mark off (with a newer updatedAt, so the merge keeps the unmarked copy). Returns what it changed, to undo.
 */
export function unmarkDetached(conversation: Conversation, time: string): Array<[number, Message]> {
	const changed: Array<[number, Message]> = [];
	const messages = conversation.messages;
	for (let index = 0; index < messages.length; index++) {
		const message = messages[index]!;
		if (!message.finishedDetached) continue;
		const {finishedDetached: _mark, ...rest} = message;
		messages[index] = {...rest, updatedAt: time};
		changed.push([index, message]);
	}
	return changed;
}

/** Replaces the message with the same id (searched from the end, where the answer being written is), or appends it. */
export function replaceMessage(conversation: Conversation, message: Message): void {
	const messages = conversation.messages;
	for (let index = messages.length - 1; index >= 0; index--) {
		if (messages[index]!.id === message.id) {
			messages[index] = message;
			return;
		}
	}
	messages.push(message);
}

/** The first `count` messages as a fork holds them: an answer still streaming is copied as it stands, stopped. */
export function forkedMessages(messages: readonly Message[], count: number): Message[] {
	return messages.slice(0, count).map((message) => {
		const copy: Message = structuredClone(message);
		if (copy.state === 'streaming') {
			copy.state = 'stopped';
			delete copy.writer;
		}
		return copy;
	});
}

/** The settings a new conversation takes from `from` (the model) and the defaults (the rest). */
export function settingsOf(model: string, from: ConversationSettings): ConversationSettings {
	return {model, ...pickDefined({system: from.system, temperature: from.temperature, thinking: from.thinking})};
}

export function summaryKey(summary: ConversationSummaryLike): string {
	return `${summary.updatedAt}|${summary.messageCount}|${summary.name}`;
}

export function sameList(a: readonly ConversationSummaryLike[], b: readonly ConversationSummaryLike[]): boolean {
	if (a.length !== b.length) return false;
	return a.every((each, index) => {
		const other = b[index]!;
		return (
			each.id === other.id && each.name === other.name && each.messageCount === other.messageCount && each.updatedAt === other.updatedAt
		);
	});
}

/** The one order every list, number and Alt+N uses (store/order.ts), whatever order the store gave. */
export function byCreation<T extends ConversationSummaryLike>(list: T[]): T[] {
	return [...list].sort(listOrder);
}

function pickDefined<T extends object>(value: T): Partial<T> {
	return Object.fromEntries(Object.entries(value).filter(([, each]) => each !== undefined)) as Partial<T>;
}

export function newId(): string {
	return randomUUID().replaceAll('-', '').slice(0, 16);
}

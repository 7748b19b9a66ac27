// Taking in what another glm-tui wrote into a conversation this one has open: its messages (new ones, an
// answer it is finishing, growing with each of its saves), a rename or new settings. Pure: no I/O.
import type {Conversation, Message} from '../domain/types.js';
import {mergeConversation, sharedFields} from '../store/merge.js';
import {settleStreaming, type WriterWorld} from './writer.js';

export interface Adopted {
	/** Something on screen may differ. */
	changed: boolean;
	/** The conversation holds an answer another live glm-tui is still writing. */
	elsewhere: boolean;
	/** An answer that was still being written elsewhere when last seen came in finished after a connection drop. */
	finishedDetached: boolean;
}

/**
 * Merges `disk` into `conversation` in place by the store's rules (a final answer beats a streaming one, then
 * the later change), keeping our live answer last and our draft. Name and settings come from disk unless
 * `keepFields` (ours could not be saved yet, so they are the newer ones).
 */
export function adoptFromDisk(
	conversation: Conversation,
	disk: Conversation,
	options: {live?: Message | undefined; keepFields?: boolean; world?: WriterWorld},
): Adopted {
	const {live} = options;
	settleStreaming(disk, options.world);
	const ours: Conversation = {
		...conversation,
		messages: live ? conversation.messages.filter((each) => each.id !== live.id) : conversation.messages,
	};
	// As base, our own fields: "unchanged here", so the file's win (a rename in the other window shows here).
	const merged = mergeConversation(ours, disk, options.keepFields ? undefined : sharedFields(ours));
	const before = conversation.messages;
	const messages = live ? [...merged.messages.filter((each) => each.id !== live.id), live] : merged.messages;
	const wasElsewhere = new Set(before.filter((each) => each.state === 'streaming' && each.writer).map((each) => each.id));
	const finishedDetached = messages.some((each) => each.finishedDetached && wasElsewhere.has(each.id));
	const sameMessages = messages.length === before.length && messages.every((each, index) => each === before[index]);
	const changed =
		!sameMessages || (['name', 'model', 'system', 'temperature', 'thinking'] as const).some((key) => merged[key] !== conversation[key]);
	const draft = conversation.draft;
	for (const key of Object.keys(conversation) as Array<keyof Conversation>) if (!(key in merged)) delete conversation[key];
	// The same messages keep their array: a screen drawing from it goes on without being told.
	Object.assign(conversation, merged, {messages: sameMessages ? before : messages});
	if (draft === undefined) delete conversation.draft;
	else conversation.draft = draft;
	const elsewhere = messages.some((each) => each.state === 'streaming' && each.writer !== undefined && each !== live);
	return {changed, elsewhere, finishedDetached};
}

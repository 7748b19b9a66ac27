// How two copies of one conversation become one: the caller's (in memory) and the file (which another
// glm-tui may have written since we last read it). Pure functions, no I/O.
import type {Conversation, Message} from '../domain/types.js';

const SHARED_KEYS = ['name', 'model', 'system', 'temperature', 'thinking', 'webSearch', 'draft', 'versions'] as const;

/** The fields of a conversation that are not messages, which either session may change. */
export type SharedFields = Pick<Conversation, (typeof SHARED_KEYS)[number]>;

export function sharedFields(conversation: Conversation): SharedFields {
	const fields: Partial<SharedFields> = {};
	for (const key of SHARED_KEYS) {
		if (conversation[key] !== undefined) (fields as Record<string, unknown>)[key] = conversation[key];
	}
	return fields as SharedFields;
}

/**
 * - Messages: the union by id, minus every id in either copy's `removedIds`; for an id in both, a final
 *   state beats `streaming`, then the later `updatedAt ?? time`, then ours. Sorted by `time`.
 * - Name and settings: ours, unless we did not change a field since `base` (the version the caller last
 *   got from the store) and the file did: then the file's (a rename in the other session survives our save).
 * - createdAt the earliest, updatedAt the latest.
 * Without `disk` (no file yet) the result is ours.
 */
export function mergeConversation(ours: Conversation, disk: Conversation | undefined, base?: SharedFields): Conversation {
	if (!disk) return {...ours, messages: sortByTime(dropRemoved(ours.messages, ours.removedIds))};
	const merged: Conversation = {...ours};
	for (const key of SHARED_KEYS) {
		if (base && ours[key] === base[key] && disk[key] !== base[key]) {
			if (disk[key] === undefined) delete merged[key];
			else (merged as unknown as Record<string, unknown>)[key] = disk[key];
		}
	}
	const removedIds = union(disk.removedIds, ours.removedIds);
	if (removedIds.length > 0) merged.removedIds = removedIds;
	const byId = new Map<string, Message>();
	for (const message of disk.messages) byId.set(message.id, message);
	for (const message of ours.messages) {
		const theirs = byId.get(message.id);
		// Mostly the very same object: both copies came from the last save.
		if (theirs !== message) byId.set(message.id, theirs ? newerMessage(message, theirs) : message);
	}
	merged.messages = sortByTime(dropRemoved([...byId.values()], removedIds));
	merged.createdAt = earliest(ours.createdAt, disk.createdAt);
	merged.updatedAt = latest(ours.updatedAt, disk.updatedAt);
	return merged;
}

/** Deletes messages on purpose (regenerate): they stay deleted when merged with a copy that still has them. */
export function removeMessages(conversation: Conversation, ids: readonly string[]): Conversation {
	const gone = new Set(ids);
	return {
		...conversation,
		messages: conversation.messages.filter((message) => !gone.has(message.id)),
		removedIds: union(conversation.removedIds, ids),
	};
}

/** Of two copies of one message: a final state beats `streaming`, then the later change, then `ours`. */
export function newerMessage(ours: Message, theirs: Message): Message {
	const rank = (message: Message) => (message.state === 'streaming' ? 0 : 1);
	if (rank(ours) !== rank(theirs)) return rank(ours) > rank(theirs) ? ours : theirs;
	return time(theirs.updatedAt ?? theirs.time) > time(ours.updatedAt ?? ours.time) ? theirs : ours;
}

function dropRemoved(messages: Message[], removedIds: readonly string[] | undefined): Message[] {
	if (!removedIds || removedIds.length === 0) return messages;
	const gone = new Set(removedIds);
	return messages.filter((message) => !gone.has(message.id));
}

// Stable, and skipped when already in order (the common case: one process appending).
export function sortByTime(messages: Message[]): Message[] {
	let sorted = true;
	for (let index = 1; index < messages.length && sorted; index++) {
		sorted = inOrder(messages[index - 1]!.time, messages[index]!.time);
	}
	if (sorted) return messages;
	return messages
		.map((message, index) => ({message, index, at: time(message.time)}))
		.sort((a, b) => a.at - b.at || a.index - b.index)
		.map(({message}) => message);
}

// toISOString() output (24 characters, UTC) sorts as text, which saves parsing thousands of dates per save;
// anything else written by hand is parsed.
const CANONICAL = /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/;
function inOrder(a: string, b: string): boolean {
	if (a?.length === 24 && b?.length === 24 && a <= b && CANONICAL.test(a) && CANONICAL.test(b)) return true;
	return time(a) <= time(b);
}

// Unparsable or missing times (a malformed message, refused later by the schema) sort first rather than
// making the comparison inconsistent.
function time(value: string): number {
	const parsed = typeof value === 'string' ? Date.parse(value) : Number.NaN;
	return Number.isNaN(parsed) ? Number.NEGATIVE_INFINITY : parsed;
}

function earliest(a: string, b: string): string {
	return time(b) < time(a) ? b : a;
}

export function latest(a: string, b: string): string {
	return time(b) > time(a) ? b : a;
}

function union(a: readonly string[] | undefined, b: readonly string[] | undefined): string[] {
	return [...new Set([...(a ?? []), ...(b ?? [])])];
}

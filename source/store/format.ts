// The on-disk shape of a conversation file: JSON schema, version, migrations from older shapes, and the
// serializer. Everything conf needs to own one file per conversation.
import path from 'node:path';
import type Conf from 'conf';
import type {Schema} from 'conf';

/**
 * conf records the version in `__internal__.migrations.version`.
 * - 1.0.0 (glm-tui 0.0.x): settings nested as `options: {model, system?, temperature?}`, times as `created`
 *   and `updated`, no top-level `id`, and messages without `id` or `state` (`{role, content, time, error?}`,
 *   a message with `error` had failed).
 * - 2.0.0: the Conversation type of source/chat/types.ts, plus `removedIds`.
 */
export const FORMAT_VERSION = '2.0.0';

export type ConversationFile = Record<string, unknown>;

const string = {type: 'string'} as const;
const timestamp = {type: 'string', minLength: 1} as const;

const messageSchema = {
	type: 'object',
	required: ['id', 'role', 'content', 'state', 'time'],
	properties: {
		id: {type: 'string', minLength: 1},
		role: {enum: ['user', 'assistant']},
		content: string,
		reasoning: string,
		state: {enum: ['complete', 'stopped', 'failed', 'filtered', 'streaming']},
		time: timestamp,
		updatedAt: timestamp,
		model: string,
		usage: {
			type: 'object',
			required: ['promptTokens', 'completionTokens', 'totalTokens'],
			properties: {
				promptTokens: {type: 'number'},
				completionTokens: {type: 'number'},
				totalTokens: {type: 'number'},
				cachedTokens: {type: 'number'},
				reasoningTokens: {type: 'number'},
			},
		},
		finishReason: string,
		error: string,
	},
} as const;

// Types are strict, ranges are not: a hand-edited temperature of 1.5 should reach the API's own check, not
// cost the whole conversation. Unknown properties are allowed and kept. `id` is only a string: the file
// name is the id, so a hand-edited id must not get the file moved aside.
export const conversationSchema: Schema<ConversationFile> = {
	id: string,
	name: string,
	createdAt: timestamp,
	updatedAt: timestamp,
	model: {type: 'string', minLength: 1},
	system: string,
	temperature: {type: 'number'},
	thinking: {enum: ['enabled', 'disabled']},
	draft: string,
	messages: {type: 'array', items: messageSchema},
	removedIds: {type: 'array', items: string},
};

export const conversationRootSchema = {
	required: ['id', 'name', 'createdAt', 'updatedAt', 'model', 'messages'],
} as const;

export const INTERNAL = {migrations: {version: FORMAT_VERSION}} as const;

/** The version a parsed file declares; files from before conf's bookkeeping count as 0.0.0. */
export function declaredVersion(data: unknown): string {
	const version = (data as {__internal__?: {migrations?: {version?: unknown}}} | null)?.__internal__?.migrations?.version;
	return typeof version === 'string' ? version : '0.0.0';
}

export function isNewerFormat(version: string): boolean {
	const [a, b] = [version, FORMAT_VERSION].map((each) => each.split('.').map((part) => Number.parseInt(part, 10) || 0));
	for (let index = 0; index < 3; index++) {
		const difference = (a![index] ?? 0) - (b![index] ?? 0);
		if (difference !== 0) return difference > 0;
	}
	return false;
}

/**
 * Turns a 1.0.0 document into 2.0.0, or returns undefined when there is nothing to change. conf also runs
 * migrations on a brand-new empty file and on files already in the new shape (its own caveat), so this
 * must be idempotent and leave unknown shapes alone: the schema check that follows reports them.
 */
export function migrateToV2(data: ConversationFile, id: string): ConversationFile | undefined {
	if (Object.keys(data).every((key) => key === '__internal__')) return undefined;
	const next: ConversationFile = {...data};
	let changed = false;
	const options = data['options'];
	if (isRecord(options)) {
		for (const key of ['model', 'system', 'temperature', 'thinking']) {
			if (next[key] === undefined && options[key] !== undefined) next[key] = options[key];
		}
		delete next['options'];
		changed = true;
	}
	for (const [old, current] of [
		['created', 'createdAt'],
		['updated', 'updatedAt'],
	] as const) {
		if (old in next) {
			next[current] ??= next[old];
			delete next[old];
			changed = true;
		}
	}
	if (next['updatedAt'] === undefined && next['createdAt'] !== undefined) {
		next['updatedAt'] = next['createdAt'];
		changed = true;
	}
	if (next['id'] === undefined) {
		next['id'] = id;
		changed = true;
	}
	if (Array.isArray(data['messages'])) {
		next['messages'] = data['messages'].map((message: unknown, index) => {
			if (!isRecord(message) || (typeof message['id'] === 'string' && typeof message['state'] === 'string')) {
				return message;
			}
			changed = true;
			return {
				...message,
				// Derived from the position, so two processes migrating the same file agree on the ids.
				id: typeof message['id'] === 'string' && message['id'] !== '' ? message['id'] : `v1-${index + 1}`,
				state: typeof message['state'] === 'string' ? message['state'] : typeof message['error'] === 'string' ? 'failed' : 'complete',
			};
		});
	}
	return changed ? next : undefined;
}

export const conversationMigrations = {
	[FORMAT_VERSION]: (store: Conf<ConversationFile>) => {
		const next = migrateToV2(store.store, path.basename(store.path, '.json'));
		if (next) store.store = next;
	},
};

/**
 * Tab-indented like conf's default, except that each message is one line: a 5,000-message file stays
 * readable, greppable and diffable, and is written a little faster than fully indented JSON.
 */
export function serializeConversation(value: ConversationFile): string {
	const {messages, ...rest} = value;
	if (!Array.isArray(messages)) return JSON.stringify(value, undefined, '\t');
	const list = messages.length === 0 ? '[]' : `[\n\t\t${messages.map(messageJson).join(',\n\t\t')}\n\t]`;
	const head = JSON.stringify(rest, undefined, '\t');
	return head === '{}' ? `{\n\t"messages": ${list}\n}\n` : `${head.slice(0, -2)},\n\t"messages": ${list}\n}\n`;
}

// Turning thousands of messages into JSON is most of the cost of a save, and all but the newest are the
// same objects as last time. Each one's JSON is remembered with a shallow snapshot of it (one level down,
// for `usage`), so a message changed in place is still serialized again; deeper objects are not cached.
const remembered = new WeakMap<object, {snapshot: unknown[]; text: string}>();
const OBJECT_END = Symbol('end of nested object');

function messageJson(message: unknown): string {
	const snapshot = typeof message === 'object' && message !== null ? shallowSnapshot(message) : undefined;
	if (!snapshot) return JSON.stringify(message);
	const known = remembered.get(message as object);
	if (known && known.snapshot.length === snapshot.length && known.snapshot.every((each, index) => each === snapshot[index])) {
		return known.text;
	}
	const text = JSON.stringify(message);
	remembered.set(message as object, {snapshot, text});
	return text;
}

function shallowSnapshot(object: object, depth = 0): unknown[] | undefined {
	if (Array.isArray(object)) return undefined;
	const entries: unknown[] = [];
	for (const [key, value] of Object.entries(object)) {
		entries.push(key);
		if (typeof value !== 'object' || value === null) {
			entries.push(value);
			continue;
		}
		const nested = depth === 0 ? shallowSnapshot(value, 1) : undefined;
		if (!nested) return undefined;
		entries.push(...nested, OBJECT_END);
	}
	return entries;
}

function isRecord(value: unknown): value is Record<string, unknown> {
	return typeof value === 'object' && value !== null && !Array.isArray(value);
}

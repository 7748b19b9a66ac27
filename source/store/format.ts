// The on-disk shape of a conversation file: JSON schema, version, migrations from older shapes, and the
// serializer. conf owns the file (atomic writes, mode, migrations); the schema is checked by schema.ts.
import path from 'node:path';
import type Conf from 'conf';
import {compileSchema, type JsonSchema} from './schema.js';

/**
 * conf records the version in `__internal__.migrations.version`.
 * - 1.0.0 (glm-tui 0.0.x): settings nested as `options: {model, system?, temperature?}`, times as `created`
 *   and `updated`, no top-level `id`, and messages without `id` or `state` (`{role, content, time, error?}`,
 *   a message with `error` had failed).
 * - 2.0.0: the Conversation type of source/domain/types.ts, plus `removedIds`.
 */
export const FORMAT_VERSION = '2.0.0';

export type ConversationFile = Record<string, unknown>;

const string = {type: 'string'} as const;
const timestamp = {type: 'string', minLength: 1} as const;

const plainMessageSchema: JsonSchema = {
	type: 'object',
	required: ['id', 'role', 'content', 'state', 'time'],
	properties: {
		id: {type: 'string', minLength: 1},
		// Any role is kept: a `tool` message brought from elsewhere must not cost the whole conversation. Only
		// user and assistant messages are sent (request.ts).
		role: {type: 'string', minLength: 1},
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
		writer: string,
		finishedDetached: {type: 'boolean'},
		sources: {
			type: 'array',
			items: {type: 'object', required: ['title', 'link'], properties: {title: string, link: string, media: string}},
		},
		attachments: {
			type: 'array',
			items: {
				type: 'object',
				required: ['name', 'text', 'bytes', 'lines'],
				properties: {name: string, text: string, bytes: {type: 'number'}, lines: {type: 'number'}},
			},
		},
	},
};

// Versions hold whole messages; those are checked one level deep (a schema here cannot refer to itself).
const versionsSchema: JsonSchema = {
	type: 'object',
	required: ['others', 'shown'],
	properties: {others: {type: 'array', items: {type: 'array', items: plainMessageSchema}}, shown: {type: 'number', minimum: 0}},
};

const messageSchema: JsonSchema = {
	...plainMessageSchema,
	properties: {...plainMessageSchema.properties, versions: versionsSchema},
};

// Types are strict, ranges are not: a hand-edited temperature of 1.5 should reach the API's own check, not
// cost the whole conversation. Unknown properties are allowed and kept. `id` is only a string: the file
// name is the id, so a hand-edited id must not get the file moved aside.
export const conversationFileSchema = {
	type: 'object',
	required: ['id', 'name', 'createdAt', 'updatedAt', 'model', 'messages'],
	properties: {
		id: string,
		name: string,
		createdAt: timestamp,
		updatedAt: timestamp,
		model: {type: 'string', minLength: 1},
		system: string,
		temperature: {type: 'number'},
		thinking: {enum: ['enabled', 'disabled']},
		webSearch: {type: 'boolean'},
		draft: string,
		messages: {type: 'array', items: messageSchema},
		removedIds: {type: 'array', items: string},
		versions: versionsSchema,
	},
} satisfies JsonSchema;

/** Throws SchemaViolation for a document that is not a conversation of FORMAT_VERSION. */
export const checkConversationFile = compileSchema(conversationFileSchema);

/** Throws SchemaViolation for a value that is not one message of such a conversation. */
export const checkMessage = compileSchema(messageSchema);

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
 * readable, greppable and diffable. Existing files in any JSON layout read the same.
 *
 * Returns bytes, not text, in a buffer that the next call reuses: conf hands whatever this returns to its
 * atomic writer, which writes a Buffer as is. Given a 2.4 MB string instead, Node encodes it into a fresh
 * 7 MB buffer on every write (~15 ms here, most of it page faults on new memory).
 */
export function serializeConversation(value: ConversationFile): Buffer {
	const {messages, ...rest} = value;
	if (!Array.isArray(messages)) return Buffer.from(`${JSON.stringify(value, undefined, '\t')}\n`);
	const head = JSON.stringify(rest, undefined, '\t');
	const start = Buffer.from(head === '{}' ? '{\n\t"messages": [' : `${head.slice(0, -2)},\n\t"messages": [`);
	const end = messages.length === 0 ? EMPTY_END : END;
	const parts = messages.map(messageBytes);
	let size = start.length + end.length;
	for (const part of parts) size += SEPARATOR.length + part.length;
	// Sized once: growing it message by message costs more in copies and fresh pages than the rest.
	if (size > output.length) output = Buffer.allocUnsafeSlow(Math.ceil(size * 1.25));
	let length = 0;
	const put = (bytes: Uint8Array) => {
		output.set(bytes, length);
		length += bytes.length;
	};
	put(start);
	for (let index = 0; index < parts.length; index++) {
		put(index === 0 ? FIRST : SEPARATOR);
		put(parts[index]!);
	}
	put(end);
	return output.subarray(0, length);
}

let output = Buffer.allocUnsafeSlow(0);
const FIRST = Buffer.from('\n\t\t');
const SEPARATOR = Buffer.from(',\n\t\t');
const END = Buffer.from('\n\t]\n}\n');
const EMPTY_END = Buffer.from(']\n}\n');

// All but the newest messages of a save were written by the save before, and JSON.stringify of 5,000 of
// them is most of a save's CPU. Each message's JSON is kept with a copy of its fields (one level down, for
// `usage`), and used again while the message's fields are the very same values: a message changed in place
// is serialized again. Messages holding arrays or deeper objects are always serialized.
const written = new WeakMap<object, {fields: Record<string, unknown>; json: Buffer}>();

function messageBytes(message: unknown): Buffer {
	if (!isPlainObject(message)) return Buffer.from(JSON.stringify(message));
	const known = written.get(message);
	if (known && sameFields(message, known.fields, 0)) return known.json;
	const json = Buffer.from(JSON.stringify(message));
	const fields = copyFields(message, 0);
	if (fields) written.set(message, {fields, json});
	return json;
}

function copyFields(object: Record<string, unknown>, depth: number): Record<string, unknown> | undefined {
	// Without a prototype, a field named __proto__ is copied like any other.
	const copy = Object.create(null) as Record<string, unknown>;
	for (const key of Object.keys(object)) {
		const value = object[key];
		if (typeof value !== 'object' || value === null) copy[key] = value;
		else if (depth === 0 && isPlainObject(value)) {
			const nested = copyFields(value, 1);
			if (!nested) return undefined;
			copy[key] = nested;
		} else return undefined;
	}
	return copy;
}

function sameFields(object: Record<string, unknown>, copy: Record<string, unknown>, depth: number): boolean {
	let count = 0;
	for (const key of Object.keys(object)) {
		count++;
		const value = object[key];
		const before = copy[key];
		if (value === before) continue;
		if (depth > 0 || !isPlainObject(value) || !isPlainObject(before) || !sameFields(value, before, 1)) return false;
	}
	for (const _ in copy) count--;
	return count === 0;
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
	if (typeof value !== 'object' || value === null) return false;
	const prototype = Object.getPrototypeOf(value) as unknown;
	return prototype === Object.prototype || prototype === null;
}

function isRecord(value: unknown): value is Record<string, unknown> {
	return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Serializes messages ahead of their first save (for idle time: in a 5,000-message conversation the first save otherwise takes twice as long). */
export function prepareSerialization(messages: readonly unknown[]): void {
	for (const message of messages) messageBytes(message);
}

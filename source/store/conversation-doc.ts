// A conversation as its file holds it, and the conf instance that writes it: the file's own form (id from the
// file name, conf's __internal__), and the cache that spares conf a second parse of a file just read.
import {conversationFileText as say} from './messages.js';
import type Conf from 'conf';
import type {Conversation} from '../domain/types.js';
import {StoreError} from './errors.js';
import {
	FORMAT_VERSION,
	conversationMigrations,
	declaredVersion,
	isNewerFormat,
	serializeConversation,
	type ConversationFile,
} from './format.js';
import {SchemaViolation} from './schema.js';
import {fileFingerprint} from './summary-index.js';
import {VerifiedConf} from './verified-conf.js';

/**
 * What each conversation file held when this process last read it, by path and fingerprint. Opening a conf
 * instance reads and parses the whole file (2.4 MB for 5,000 messages), and migrating reads it several
 * times; the store has just read it, so conf is answered from here while the file stays the same.
 */
export const lastRead = new Map<string, {fingerprint: string; data: ConversationFile}>();

export class FileCachedConf<T extends Record<string, any>> extends VerifiedConf<T> {
	override get store(): T {
		const known = lastRead.get(this.path);
		if (known && known.fingerprint === fileFingerprint(this.path)) return Object.assign(Object.create(null) as object, known.data) as T;
		return super.store;
	}

	override set store(value: T) {
		lastRead.delete(this.path);
		super.store = value;
	}
}

/** The file name is the id: a file copied or renamed by hand keeps working under its new name. */
export function fromFile(data: ConversationFile, id: string): Conversation {
	const {__internal__: _internal, ...rest} = data;
	return {...(rest as unknown as Conversation), id};
}

// conf keeps `__internal__` by re-reading the file when a new value lacks it: passing it saves that read.
// Identity first for whoever opens the file; the serializer puts the messages last.
export function toFile(conversation: Conversation): ConversationFile {
	const {id, name, ...rest} = conversation;
	return {id, name, ...rest, __internal__: {migrations: {version: FORMAT_VERSION}}};
}

// The caller may mutate what it gets; the store's own copy of the message list must not change with it.
export function copy(conversation: Conversation): Conversation {
	return {
		...conversation,
		messages: [...conversation.messages],
		...(conversation.removedIds ? {removedIds: [...conversation.removedIds]} : {}),
	};
}

/** Without `migrate`, conf leaves the version alone: only open files already read as current that way. */
export function openConversationConf(
	dir: string,
	id: string,
	{migrate = false, defaults}: {migrate?: boolean; defaults?: ConversationFile} = {},
): Conf<ConversationFile> {
	return new FileCachedConf<ConversationFile>({
		cwd: dir,
		configName: id,
		projectSuffix: '',
		configFileMode: 0o600,
		clearInvalidConfig: false,
		accessPropertiesByDotNotation: false,
		// Bytes: see serializeConversation.
		serialize: serializeConversation as unknown as (value: ConversationFile) => string,
		...(migrate ? {projectVersion: FORMAT_VERSION, migrations: conversationMigrations} : {}),
		...(defaults ? {defaults} : {}),
	});
}

/**
 * The file's bytes as a JSON object and the format version it declares. Throws SchemaViolation for what is not
 * a conversation at all, StoreError `newer-format` for a file of a newer glm-tui (checked before conf opens the
 * file, which would rewrite the version number).
 */
export function parseConversationBytes(raw: Buffer, file: string): {data: object; version: string} {
	const data: unknown = JSON.parse(raw.toString('utf8'));
	if (typeof data !== 'object' || data === null || Array.isArray(data)) throw new SchemaViolation('not a JSON object');
	const version = declaredVersion(data);
	if (isNewerFormat(version)) {
		throw new StoreError('newer-format', say.newerFormat(file, version, FORMAT_VERSION), {file});
	}
	return {data, version};
}

// `<data>/index.json`: one summary per conversation file, keyed by id and stamped with the file's
// fingerprint. It is only a cache: an entry whose fingerprint no longer matches the file is recomputed, a
// missing or unreadable index is rebuilt, so it never needs a lock or a migration.
import fs from 'node:fs';
import {writeFileVerified} from './verified-write.js';
import type {Conversation} from '../domain/types.js';

export interface ConversationSummary {
	id: string;
	/** Free text from the file: sanitize before display. */
	name: string;
	createdAt: string;
	updatedAt: string;
	messageCount: number;
	model: string;
	/** The start of the last message with text, white space collapsed. */
	preview?: string;
}

export interface IndexEntry {
	fingerprint: string;
	summary: ConversationSummary;
}

const INDEX_VERSION = 1;
const PREVIEW_LENGTH = 80;

/**
 * Identity, size and modification time (nanoseconds) of a file, or undefined when it is missing. conf
 * writes through a temporary file and a rename, so every write gives a new inode: equal fingerprints mean
 * the same content without reading it.
 */
export function fileFingerprint(file: string): string | undefined {
	try {
		const stat = fs.statSync(file, {bigint: true});
		return stat.isFile() ? `${stat.ino}:${stat.size}:${stat.mtimeNs}` : undefined;
	} catch (error) {
		if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
		throw error;
	}
}

export function summarize(conversation: Conversation): ConversationSummary {
	const summary: ConversationSummary = {
		id: conversation.id,
		name: conversation.name,
		createdAt: conversation.createdAt,
		updatedAt: conversation.updatedAt,
		messageCount: conversation.messages.length,
		model: conversation.model,
	};
	for (let index = conversation.messages.length - 1; index >= 0; index--) {
		const text = conversation.messages[index]!.content.replace(/\s+/g, ' ').trim();
		if (text === '') continue;
		const characters = [...text.slice(0, PREVIEW_LENGTH * 2)];
		summary.preview = characters.length > PREVIEW_LENGTH ? `${characters.slice(0, PREVIEW_LENGTH - 1).join('')}…` : text;
		break;
	}
	return summary;
}

/** Entries by id; anything unreadable counts as absent and is recomputed by the caller. */
export function readIndex(file: string): Map<string, IndexEntry> {
	const entries = new Map<string, IndexEntry>();
	let data: unknown;
	try {
		data = JSON.parse(fs.readFileSync(file, 'utf8'));
	} catch {
		return entries;
	}
	const record = data as {version?: unknown; entries?: unknown};
	if (record?.version !== INDEX_VERSION || typeof record.entries !== 'object' || record.entries === null) return entries;
	for (const [id, value] of Object.entries(record.entries as Record<string, unknown>)) {
		if (isEntry(value) && value.summary.id === id) entries.set(id, value);
	}
	return entries;
}

/**
 * Whole or not at all (a verified write and a rename), so a reader sees the old index or the new one, never
 * half of one, even on a full disk. Not fsynced: it is a cache, rebuilt from the files when it is lost.
 */
export function writeIndex(file: string, entries: ReadonlyMap<string, IndexEntry>): void {
	const data = {version: INDEX_VERSION, entries: Object.fromEntries(entries)};
	writeFileVerified(file, `${JSON.stringify(data, undefined, '\t')}\n`, {mode: 0o600, fsync: false});
}

function isEntry(value: unknown): value is IndexEntry {
	const entry = value as Partial<IndexEntry> | null;
	const summary = entry?.summary as Partial<ConversationSummary> | undefined;
	return (
		typeof entry?.fingerprint === 'string' &&
		typeof summary === 'object' &&
		summary !== null &&
		typeof summary.id === 'string' &&
		typeof summary.name === 'string' &&
		typeof summary.createdAt === 'string' &&
		typeof summary.updatedAt === 'string' &&
		typeof summary.messageCount === 'number' &&
		typeof summary.model === 'string' &&
		(summary.preview === undefined || typeof summary.preview === 'string')
	);
}

/** Writes the index, or leaves it: the conversations themselves are safe, and a stale or missing index is only re-checked at the next list(). */
export function writeIndexQuietly(file: string, entries: ReadonlyMap<string, IndexEntry>): void {
	try {
		writeIndex(file, entries);
	} catch {
		// see above
	}
}

/** One conversation's entry changed (or, undefined, removed). */
export function updateIndexEntry(file: string, id: string, entry: IndexEntry | undefined): void {
	const index = readIndex(file);
	if (entry) index.set(id, entry);
	else index.delete(id);
	writeIndexQuietly(file, index);
}

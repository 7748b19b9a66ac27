// The exchange format: one versioned JSON document carrying a whole conversation, written by
// `glm-tui export --json` and by the rescue file, and read back by `glm-tui import`. Also the readers for
// what else people bring: glm-tui's own Markdown export, OpenAI-style message arrays (content parts, tool
// messages), the seed blog's comma-separated history.json, and conversation files copied from a data folder.
//
// Every field of the conversation and of each message is carried as it is, known or not: a field added by a
// later glm-tui (or a message state this one does not draw) survives export and import unchanged.
import {transferText as say} from './transfer-messages.js';
import {randomUUID} from 'node:crypto';
import type {Conversation, Message} from '../domain/types.js';
import {migrateToV2} from '../store/format.js';
import {sanitizeLine} from '../text/sanitize.js';
import {fromMarkdown, looksLikeMarkdownExport} from './markdown-import.js';

export const EXCHANGE_FORMAT = 'glm-tui conversation';
/** 1: the Conversation of types.ts with `format` and `version` in front. */
export const EXCHANGE_VERSION = 1;

/** What a file gave: everything but the id, name and model may be missing from a plain history. */
export type ImportedConversation = Omit<Conversation, 'id' | 'name' | 'model'> & {id?: string; name?: string; model?: string};

export interface ImportResult {
	conversation: ImportedConversation;
	/** What was left out or changed on the way, one sentence each, for the person importing. */
	notes: string[];
}

/**
 * The exchange document. Characters a terminal could take as control (C0 but tab and newline, DEL, C1, line
 * separators, bidi overrides) are written as \u escapes: still the exact text once parsed, and harmless
 * when the file is printed.
 */
export function toJson(conversation: Conversation): string {
	const {messages, ...rest} = conversation;
	const document = {format: EXCHANGE_FORMAT, version: EXCHANGE_VERSION, ...rest, messages};
	return `${JSON.stringify(document, null, '\t').replace(UNSAFE_IN_JSON, (character) => `\\u${character.charCodeAt(0).toString(16).padStart(4, '0')}`)}\n`;
}

const UNSAFE_IN_JSON = /[\u007F-\u009F\u2028\u2029\u202A-\u202E\u2066-\u2069]/g;

/**
 * Reads any history file glm-tui knows. Throws an Error whose message is safe to print (no character of
 * the file reaches it unneutralized) and names what is wrong.
 */
export function readConversationText(text: string, fileName: string): ImportResult {
	const trimmed = text.replace(/^\uFEFF/, '').trim();
	if (trimmed === '') throw new Error(say.empty);
	if (looksLikeMarkdownExport(trimmed)) return {conversation: fromMarkdown(trimmed), notes: []};
	let data: unknown;
	try {
		data = JSON.parse(trimmed);
	} catch (error) {
		try {
			data = JSON.parse(`[${trimmed.replace(/,\s*$/, '')}]`);
		} catch {
			throw new Error(say.notConversation(jsonProblem(error), safe(fileName)));
		}
	}
	if (isRecord(data) && (data['format'] === EXCHANGE_FORMAT || isConversationDocument(data))) return readDocument(data, fileName);
	if (isRecord(data) && Array.isArray(data['messages'])) data = data['messages'];
	return readHistory(Array.isArray(data) ? data : [data]);
}

// ---- glm-tui's own documents ------------------------------------------------------------------------

function readDocument(data: Record<string, unknown>, fileName: string): ImportResult {
	if (data['format'] === EXCHANGE_FORMAT) {
		const version = data['version'];
		if (typeof version !== 'number' || !Number.isInteger(version) || version < 1) throw new Error(say.badVersion(safe(String(version))));
		if (version > EXCHANGE_VERSION) {
			throw new Error(say.newerVersion(version, EXCHANGE_VERSION));
		}
	}
	let document: Record<string, unknown> = {...data};
	delete document['format'];
	delete document['version'];
	// A file copied from a data folder: conf's bookkeeping, maybe the 1.0.0 shape.
	if ('__internal__' in document || 'options' in document || 'created' in document) {
		document = migrateToV2(document, '') ?? document;
		delete document['__internal__'];
		if (document['id'] === '') delete document['id'];
	}
	const notes: string[] = [];
	const messages = document['messages'];
	if (!Array.isArray(messages)) throw new Error(say.noMessages);
	const seen = new Set<string>();
	let renumbered = 0;
	const read = messages.map((entry, index): Message => {
		if (!isRecord(entry)) throw new Error(say.notObject(index + 1));
		const message = {...entry} as Record<string, unknown>;
		if (typeof message['role'] !== 'string' || message['role'] === '') throw new Error(say.badRole(index + 1));
		message['content'] = contentText(message['content'], index, notes);
		if (typeof message['id'] !== 'string' || message['id'] === '' || seen.has(message['id'])) {
			if (typeof message['id'] === 'string' && message['id'] !== '') renumbered++;
			message['id'] = newId();
		}
		seen.add(message['id'] as string);
		if (typeof message['state'] !== 'string' || message['state'] === '')
			message['state'] = typeof message['error'] === 'string' ? 'failed' : 'complete';
		// An answer that was still arriving when it was copied ended there.
		if (message['state'] === 'streaming') message['state'] = 'stopped';
		if (typeof message['time'] !== 'string' || message['time'] === '') message['time'] = fallbackTime(document, index);
		return message as unknown as Message;
	});
	if (renumbered > 0) notes.push(say.renumbered(renumbered));
	const conversation = {...document, messages: read} as ImportedConversation & Record<string, unknown>;
	for (const key of ['id', 'name', 'model'] as const) {
		if (conversation[key] !== undefined && (typeof conversation[key] !== 'string' || conversation[key].trim() === ''))
			delete conversation[key];
	}
	for (const key of ['createdAt', 'updatedAt'] as const) {
		if (typeof conversation[key] !== 'string' || conversation[key] === '')
			conversation[key] = read[key === 'createdAt' ? 0 : read.length - 1]?.time ?? new Date().toISOString();
	}
	if (conversation.temperature !== undefined && typeof conversation.temperature !== 'number') {
		notes.push(say.badTemperature(safe(String(conversation.temperature))));
		delete conversation.temperature;
	}
	if (conversation.thinking !== undefined && conversation.thinking !== 'enabled' && conversation.thinking !== 'disabled') {
		notes.push(say.badThinking);
		delete conversation.thinking;
	}
	for (const key of ['system', 'draft'] as const) {
		if (conversation[key] !== undefined && typeof conversation[key] !== 'string') {
			notes.push(key === 'system' ? say.systemNotText : say.draftNotText);
			delete conversation[key];
		}
	}
	void fileName;
	return {conversation, notes: mergeNotes(notes)};
}

/** The exchange format, an export from before it, or a file from a data folder: not a bare message list. */
function isConversationDocument(data: Record<string, unknown>): boolean {
	if (!Array.isArray(data['messages'])) return false;
	// Not `model` alone: an OpenAI-style request body has one too, and its messages are a plain history.
	return ['createdAt', '__internal__', 'options', 'created'].some((key) => key in data);
}

// ---- plain histories --------------------------------------------------------------------------------

/** `[{role, content}]` as OpenAI-style APIs and the seed blog write them: system messages become the system prompt. */
function readHistory(entries: unknown[]): ImportResult {
	const notes: string[] = [];
	const system: string[] = [];
	const messages: Message[] = [];
	let tools = 0;
	const start = Date.now() - entries.length * 1000;
	entries.forEach((entry, index) => {
		const record = isRecord(entry) ? entry : {};
		const role = record['role'];
		if (role === 'tool' || role === 'function') {
			tools++;
			return;
		}
		if (role !== 'user' && role !== 'assistant' && role !== 'system' && role !== 'developer') {
			throw new Error(say.historyRole(index + 1, safe(JSON.stringify(role) ?? '-')));
		}
		// An assistant turn that only calls tools has no text of its own.
		if (role === 'assistant' && (record['content'] === null || record['content'] === undefined) && Array.isArray(record['tool_calls'])) {
			tools++;
			return;
		}
		const content = contentText(record['content'], index, notes);
		if (role === 'system' || role === 'developer') system.push(content);
		else messages.push({id: newId(), role, content, state: 'complete', time: new Date(start + index * 1000).toISOString()});
	});
	if (tools > 0) notes.push(say.toolsLeftOut(tools));
	if (messages.length === 0 && system.length === 0) throw new Error(say.noMessagesHeld);
	const conversation: ImportedConversation = {
		createdAt: messages[0]?.time ?? new Date().toISOString(),
		updatedAt: messages.at(-1)?.time ?? new Date().toISOString(),
		messages,
	};
	if (system.length > 0) conversation.system = system.join('\n\n');
	return {conversation, notes: mergeNotes(notes)};
}

/** A string, or OpenAI-style content parts whose text parts are joined; other parts are counted in `notes`. */
function contentText(content: unknown, index: number, notes: string[]): string {
	if (typeof content === 'string') return content;
	if (content === null) return '';
	if (Array.isArray(content)) {
		const texts: string[] = [];
		for (const part of content) {
			if (typeof part === 'string') texts.push(part);
			else if (isRecord(part) && typeof part['text'] === 'string') texts.push(part['text']);
			else notes.push(`PART:${isRecord(part) && typeof part['type'] === 'string' ? safe(part['type']).slice(0, 40) : 'unknown'}`);
		}
		return texts.join('\n');
	}
	throw new Error(say.badContent(index + 1));
}

/** Part notes (`PART:type`) gathered into one sentence. */
function mergeNotes(notes: string[]): string[] {
	const parts = notes.filter((note) => note.startsWith('PART:')).map((note) => note.slice(5));
	const others = notes.filter((note) => !note.startsWith('PART:'));
	if (parts.length === 0) return others;
	const types = [...new Set(parts)].join(', ');
	return [...others, say.partsLeftOut(parts.length, types)];
}

// ---- helpers ----------------------------------------------------------------------------------------

function fallbackTime(document: Record<string, unknown>, index: number): string {
	const base = Date.parse(typeof document['createdAt'] === 'string' ? document['createdAt'] : '') || Date.now();
	return new Date(base + index * 1000).toISOString();
}

/** V8's JSON errors quote the text around the fault; that text is the file's, so it is dropped. */
function jsonProblem(error: unknown): string {
	const message = error instanceof Error ? error.message : String(error);
	return safe(message.replace(/, ".*" is not valid JSON$/s, '').replace(/^(Unexpected token) '.*?'/s, '$1')).slice(0, 120);
}

/** Untrusted text for a one-line message. */
export function safe(text: string): string {
	return sanitizeLine(text);
}

function newId(): string {
	return randomUUID().replaceAll('-', '').slice(0, 16);
}

function isRecord(value: unknown): value is Record<string, unknown> {
	return typeof value === 'object' && value !== null && !Array.isArray(value);
}

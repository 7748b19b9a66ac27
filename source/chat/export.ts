// Conversations as Markdown or JSON files, and the history formats glm-tui can import.
import {writeFileSync} from 'node:fs';
import path from 'node:path';
import type {Conversation, Message} from './types.js';

export function toMarkdown(conversation: Conversation): string {
	const lines = [`# ${conversation.name}`, '', `- model: ${conversation.model}`, `- created: ${conversation.createdAt}`];
	if (conversation.system) lines.push(`- system: ${conversation.system.replaceAll('\n', ' ')}`);
	lines.push('');
	for (const message of conversation.messages) {
		if (message.state === 'streaming') continue;
		const who = message.role === 'user' ? 'You' : `GLM${message.model ? ` (${message.model})` : ''}`;
		lines.push(`## ${who} · ${message.time.slice(0, 16).replace('T', ' ')}`, '');
		if (message.reasoning) lines.push('<details><summary>Reasoning</summary>', '', message.reasoning, '', '</details>', '');
		lines.push(message.content || `_${stateNote(message)}_`, '');
		if (message.content && message.state !== 'complete') lines.push(`_${stateNote(message)}_`, '');
	}
	return `${lines.join('\n').trimEnd()}\n`;
}

export function toJson(conversation: Conversation): string {
	return `${JSON.stringify(conversation, null, '\t')}\n`;
}

function stateNote(message: Message): string {
	switch (message.state) {
		case 'stopped':
			return 'stopped';
		case 'failed':
			return `failed: ${message.error ?? ''}`.trim();
		case 'filtered':
			return 'withdrawn by the content filter';
		default:
			return message.error ?? '';
	}
}

/** Writes `<id>.md` in the current directory unless a file is given; returns the path written. */
export function exportMarkdown(conversation: Conversation, file?: string): string {
	const target = path.resolve(file ?? `${conversation.id}.md`);
	writeFileSync(target, toMarkdown(conversation), {mode: 0o600});
	return target;
}

export interface ImportedMessage {
	role: 'user' | 'assistant' | 'system';
	content: string;
}

/**
 * Reads a history file: a JSON array of {role, content}, or the seed blog's history.json, which is JSON objects
 * separated by commas with no surrounding brackets (and often a trailing comma).
 */
export function parseHistory(text: string): ImportedMessage[] {
	const trimmed = text.replace(/^\uFEFF/, '').trim();
	if (trimmed === '') throw new Error('The file is empty.');
	let data: unknown;
	try {
		data = JSON.parse(trimmed);
	} catch {
		try {
			data = JSON.parse(`[${trimmed.replace(/,\s*$/, '')}]`);
		} catch (error) {
			throw new Error(`Not JSON, a JSON array, or comma-separated JSON objects: ${(error as Error).message}`);
		}
	}
	if (!Array.isArray(data)) {
		const inner = (data as {messages?: unknown})?.messages;
		if (Array.isArray(inner)) data = inner;
		else data = [data];
	}
	const messages: ImportedMessage[] = [];
	(data as unknown[]).forEach((entry, index) => {
		const {role, content} = (entry ?? {}) as {role?: unknown; content?: unknown};
		if (role !== 'user' && role !== 'assistant' && role !== 'system') {
			throw new Error(`Entry ${index + 1}: role must be user, assistant or system, got ${JSON.stringify(role)}.`);
		}
		if (typeof content !== 'string') throw new Error(`Entry ${index + 1}: content must be a string.`);
		messages.push({role, content});
	});
	if (messages.length === 0) throw new Error('The file holds no messages.');
	return messages;
}

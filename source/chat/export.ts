// Conversations as Markdown (for people) and the writing of export files. The JSON exchange format and
// every reader are in transfer.ts; markdown-import.ts reads back what toMarkdown writes.
import os from 'node:os';
import path from 'node:path';
import type {Conversation, Message} from '../domain/types.js';
import {isDirectory, writeUnderFreeName} from '../store/new-file.js';
import {fenceFor} from './attachments.js';

export {toJson} from './transfer.js';

/**
 * The conversation as a Markdown document. What it shows can be imported back (markdown-import.ts): the
 * settings as a list under the title, one `## You · time` / `## GLM (model) · time` section per message,
 * the reasoning folded with its line count (so a `</details>` line inside it cannot end it early), and a
 * message that did not end normally marked in an italic line of its own.
 */
export function toMarkdown(conversation: Conversation): string {
	const lines = [`# ${conversation.name}`, '', `- model: ${conversation.model}`, `- created: ${conversation.createdAt}`];
	if (conversation.temperature !== undefined) lines.push(`- temperature: ${conversation.temperature}`);
	if (conversation.thinking) lines.push(`- thinking: ${conversation.thinking === 'enabled' ? 'on' : 'off'}`);
	const system = shownText(conversation.system ?? '');
	if (system) lines.push(`- system: ${system.split('\n').join('\n  ')}`);
	lines.push('');
	for (const message of conversation.messages) {
		if (message.state === 'streaming') continue;
		lines.push(`## ${speaker(message)} · ${message.time.slice(0, 16).replace('T', ' ')}`, '');
		const reasoning = shownText(message.reasoning ?? '');
		if (reasoning) {
			const count = reasoning.split('\n').length;
			lines.push(`<details><summary>Reasoning (${count} line${count === 1 ? '' : 's'})</summary>`, '', reasoning, '', '</details>', '');
		}
		// Attached files come first, as the model gets them; the exact bytes are in the JSON export.
		for (const file of message.attachments ?? []) {
			const text = file.text.replace(/\r\n?|[\u2028\u2029]/g, '\n');
			const count = text.split('\n').length;
			lines.push(`<details><summary>📎 ${oneLine(file.name)} (${count} line${count === 1 ? '' : 's'})</summary>`, '');
			lines.push(fenceFor(text), ...text.split('\n'), fenceFor(text), '', '</details>', '');
		}
		// The web search's sources, folded, before the text they stand behind (read back by markdown-import.ts).
		const sources = message.sources ?? [];
		if (sources.length > 0) {
			lines.push(`<details><summary>Sources (${sources.length})</summary>`, '');
			for (const source of sources) {
				const title = source.title.replace(/[\r\n\u2028\u2029]+/g, ' ').replace(/[\\\]]/g, '\\$&');
				lines.push(
					`- [${title}](${source.link.replace(/[\s()]/g, encodeURIComponent)})${source.media ? ` · ${source.media.replace(/[\r\n\u2028\u2029]+/g, ' ')}` : ''}`,
				);
			}
			lines.push('', '</details>', '');
		}
		lines.push(shownText(message.content) ? message.content : '_(no text)_', '');
		const note = stateNote(message);
		if (note) lines.push(`_${note}_`, '');
	}
	return `${lines.join('\n').trimEnd()}\n`;
}

function speaker(message: Message): string {
	if (message.role === 'user') return 'You';
	if (message.role === 'assistant') return `GLM${message.model ? ` (${message.model})` : ''}`;
	return message.role;
}

/** One italic line saying how a message ended, when not normally; empty for a plain complete message. */
function stateNote(message: Message): string {
	const error = message.error ? oneLine(message.error) : '';
	switch (message.state) {
		case 'complete':
			return error ? `note: ${error}` : '';
		case 'filtered':
			return 'withdrawn by the content filter';
		default:
			return error ? `${message.state}: ${error}` : message.state;
	}
}

function oneLine(text: string): string {
	return text.replace(/\s+/g, ' ').trim();
}

/** Text as Markdown lines show it: line ends as LF, no leading blank lines, no trailing white space. */
export function shownText(text: string): string {
	return text
		.replace(/\r\n?|[\u2028\u2029]/g, '\n')
		.replace(/^\s*\n/, '')
		.trimEnd();
}

/** A file name for the conversation: its name with what file systems and shells trip on replaced. */
export function defaultExportName(conversation: Pick<Conversation, 'name' | 'id'>): string {
	const base = conversation.name
		.normalize('NFC')
		.replace(/[\p{Cc}\p{Cf}/\\:*?"<>|]+/gu, '-')
		.replace(/\s+/g, ' ')
		.replace(/^[\s.-]+|[\s.-]+$/g, '');
	const cut = [...base].slice(0, 80).join('').trim();
	return `${cut || conversation.id}.md`;
}

/** `~` and `~/x` are the home folder, as in a shell (a slash command has no shell to expand them). */
export function expandHome(file: string, home = os.homedir()): string {
	if (file === '~') return home;
	if (file.startsWith('~/')) return path.join(home, file.slice(2));
	return file;
}

export interface ExportWritten {
	/** The absolute path written. */
	file: string;
	/** The path asked for, when it existed and a free name was taken instead. */
	taken?: string;
}

/**
 * Writes the Markdown to `file` (default: the conversation's name, `.md`, in the current folder) without
 * ever replacing a file: when the name is taken, `name-2.md`, `name-3.md`, ... and the result says so.
 */
export function exportMarkdown(conversation: Conversation, file?: string, cwd = process.cwd()): ExportWritten {
	const asked = path.resolve(cwd, expandHome(file?.trim() || defaultExportName(conversation)));
	const target = isDirectory(asked) ? path.join(asked, defaultExportName(conversation)) : asked;
	const extension = path.extname(target);
	const written = writeUnderFreeName(target.slice(0, target.length - extension.length), extension, toMarkdown(conversation), 1000);
	return written === target ? {file: written} : {file: written, taken: target};
}

// Reads back what toMarkdown (export.ts) writes: the name, the settings it lists, and each message with its
// reasoning and how it ended. Times come back to the minute the file shows; ids are new.
import {randomUUID} from 'node:crypto';
import type {Message, Thinking} from '../domain/types.js';
import type {ImportedConversation} from './transfer.js';
import {countLines} from './attachments.js';

const HEADER = /^## (.+) · (\d{4}-\d\d-\d\d) (\d\d:\d\d)$/;
const REASONING = /^<details><summary>Reasoning \((\d+) lines?\)<\/summary>$/;
const ATTACHED = /^<details><summary>📎 (.+) \((\d+) lines?\)<\/summary>$/;
const SOURCES = /^<details><summary>Sources \((\d+)\)<\/summary>$/;
const SOURCE = /^- \[((?:\\.|[^\\\]])*)\]\((\S+)\)(?: · (.+))?$/;
const NOTE = /^_(.+)_$/;

export function looksLikeMarkdownExport(text: string): boolean {
	return text.startsWith('# ') && /^- model: /m.test(text);
}

export function fromMarkdown(text: string): ImportedConversation {
	const lines = text.replace(/\r\n?|[\u2028\u2029]/g, '\n').split('\n');
	const conversation: ImportedConversation = {createdAt: '', updatedAt: '', messages: []};
	conversation.name = lines[0]!.slice(2).trim();
	let index = 1;
	// The settings list, up to the first message.
	for (; index < lines.length && !HEADER.test(lines[index]!); index++) {
		const setting = /^- (model|created|temperature|thinking|system): ?(.*)$/.exec(lines[index]!);
		if (!setting) continue;
		const [, key, value = ''] = setting;
		if (key === 'model' && value.trim()) conversation.model = value.trim();
		else if (key === 'created' && !Number.isNaN(Date.parse(value))) conversation.createdAt = value.trim();
		else if (key === 'temperature' && Number.isFinite(Number(value)) && value.trim()) conversation.temperature = Number(value);
		else if (key === 'thinking' && (value === 'on' || value === 'off'))
			conversation.thinking = (value === 'on' ? 'enabled' : 'disabled') satisfies Thinking;
		else if (key === 'system') {
			const system = [value];
			while (index + 1 < lines.length && lines[index + 1]!.startsWith('  ')) system.push(lines[++index]!.slice(2));
			conversation.system = system.join('\n');
		}
	}
	while (index < lines.length) {
		const header = HEADER.exec(lines[index]!)!;
		let end = index + 1;
		while (end < lines.length && !HEADER.test(lines[end]!)) {
			// A file's text is taken by its line count: a line in it that looks like a header is still text.
			const file = ATTACHED.exec(lines[end]!);
			end += file ? 3 + Number(file[2]) : 1;
		}
		end = Math.min(end, lines.length);
		conversation.messages.push(readMessage(header, lines.slice(index + 1, end)));
		index = end;
	}
	const times = conversation.messages.map((each) => each.time);
	conversation.createdAt ||= times[0] ?? new Date().toISOString();
	conversation.updatedAt = times.at(-1) ?? conversation.createdAt;
	return conversation;
}

function readMessage([, speaker = '', day, minute]: RegExpExecArray, body: string[]): Message {
	const message: Message = {
		id: randomUUID().replaceAll('-', '').slice(0, 16),
		role: 'user',
		content: '',
		state: 'complete',
		time: `${day}T${minute}:00.000Z`,
	};
	const model = /^GLM(?: \((.*)\))?$/.exec(speaker);
	if (model) {
		message.role = 'assistant';
		if (model[1]) message.model = model[1];
	} else if (speaker !== 'You') (message as {role: string}).role = speaker;
	let at = 0;
	const skipBlank = () => {
		while (at < body.length && body[at]!.trim() === '') at++;
	};
	skipBlank();
	const reasoning = REASONING.exec(body[at] ?? '');
	if (reasoning) {
		const count = Number(reasoning[1]);
		at += 2;
		message.reasoning = body.slice(at, at + count).join('\n');
		at += count;
		while (at < body.length && body[at] !== '</details>') at++;
		at++;
		skipBlank();
	}
	for (let file = ATTACHED.exec(body[at] ?? ''); file; file = ATTACHED.exec(body[at] ?? '')) {
		const count = Number(file[2]);
		// The summary line, a blank line, the opening fence; then the text.
		const text = body.slice(at + 3, at + 3 + count).join('\n');
		(message.attachments ??= []).push({name: file[1]!, text, bytes: Buffer.byteLength(text), lines: countLines(text)});
		at += 3 + count;
		while (at < body.length && body[at] !== '</details>') at++;
		at++;
		skipBlank();
	}
	const sources = SOURCES.exec(body[at] ?? '');
	if (sources) {
		at += 2;
		for (let count = Number(sources[1]); count > 0 && at < body.length; count--, at++) {
			const source = SOURCE.exec(body[at]!);
			if (!source) break;
			(message.sources ??= []).push({
				title: source[1]!.replace(/\\(.)/g, '$1'),
				link: source[2]!,
				...(source[3] ? {media: source[3]} : {}),
			});
		}
		while (at < body.length && body[at] !== '</details>') at++;
		at++;
		skipBlank();
	}
	const rest = body.slice(at);
	const trimTrailing = () => {
		while (rest.length > 0 && rest.at(-1)!.trim() === '') rest.pop();
	};
	trimTrailing();
	let empty = false;
	for (let notes = 0; notes < 2; notes++) {
		const note = NOTE.exec(rest.at(-1) ?? '');
		if (!note || rest.length === 0) break;
		const text = note[1]!;
		if (text === '(no text)') empty = true;
		else if (text === 'withdrawn by the content filter') message.state = 'filtered';
		else if (text.startsWith('note: ')) message.error = text.slice(6);
		else {
			const state = /^([a-z]+)(?:: (.*))?$/.exec(text);
			if (!state) break;
			message.state = state[1] as Message['state'];
			if (state[2]) message.error = state[2];
		}
		rest.pop();
		trimTrailing();
		if (empty) break;
	}
	message.content = empty ? '' : rest.join('\n').trimEnd();
	return message;
}

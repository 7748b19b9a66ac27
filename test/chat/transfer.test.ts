// The exchange format: `glm-tui export --json`, the rescue file and `glm-tui import` carry a whole
// conversation, and every other history shape glm-tui reads (its own Markdown, OpenAI-style arrays, the
// seed blog's history.json) imports as far as it goes, saying what it left out.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import {afterEach, describe, expect, it} from 'vitest';
import {readConversationText, toJson, EXCHANGE_VERSION} from '../../source/chat/transfer.js';
import {toMarkdown} from '../../source/chat/export.js';
import {rescueUnsaved} from '../../source/chat/rescue.js';
import type {Conversation, Message, MessageState} from '../../source/domain/types.js';
import {mulberry32} from '../support/random.js';
import {makeTempHome} from '../store/helpers.js';
import {openConversationStore} from '../../source/store/conversations.js';

const directories: string[] = [];
afterEach(() => {
	for (const directory of directories.splice(0)) fs.rmSync(directory, {recursive: true, force: true});
});

function temporary(): string {
	const directory = fs.mkdtempSync(path.join(os.tmpdir(), 'glm-tui-transfer-test-'));
	directories.push(directory);
	return directory;
}

const PIECES = [
	'a',
	'Z',
	' ',
	'学',
	'习',
	'🎉',
	'👩‍💻',
	'👍🏽',
	'é',
	'e\u0301',
	'\t',
	'\n',
	'\r\n',
	'\r',
	'\u001B[2J',
	'\u001B]2;PWN\u0007',
	'\u009B',
	'\u0007',
	'"',
	'\\',
	'</details>',
	'## You',
	'_',
	'\u2028',
	'\u202E',
	'{',
	'}',
];
const STATES: MessageState[] = ['complete', 'stopped', 'failed', 'filtered'];

function randomText(random: () => number, max: number): string {
	let text = '';
	const length = Math.floor(random() * max);
	for (let index = 0; index < length; index++) text += PIECES[Math.floor(random() * PIECES.length)];
	return text;
}

function randomName(random: () => number): string {
	const letters = ['笔记', 'notes', '🎉', 'deploy', 'é', '-', ' ', '论文'];
	let name = '';
	while (name.trim() === '')
		for (let index = 0; index < 1 + Math.floor(random() * 4); index++) name += letters[Math.floor(random() * letters.length)];
	return name.trim();
}

/** A conversation with any mix of optional fields, states and texts, and fields this version does not know. */
export function randomConversation(random: () => number): Conversation {
	const start = Date.UTC(2026, 0, 1) + Math.floor(random() * 1e10);
	const iso = (offset: number) => new Date(start + offset).toISOString();
	const maybe = <T>(value: () => T): T | undefined => (random() < 0.5 ? value() : undefined);
	const messages: Message[] = [];
	const count = Math.floor(random() * 8);
	for (let index = 0; index < count; index++) {
		const role = random() < 0.5 ? 'user' : 'assistant';
		const message: Message & Record<string, unknown> = {
			id: `m${index}-${Math.floor(random() * 1e6).toString(36)}`,
			role,
			content: randomText(random, 40),
			state: STATES[Math.floor(random() * STATES.length)]!,
			time: iso(index * 60_000),
		};
		const reasoning = maybe(() => randomText(random, 20));
		if (reasoning !== undefined) message.reasoning = reasoning;
		if (random() < 0.3) message.updatedAt = iso(index * 60_000 + 5_000);
		if (random() < 0.4) message.model = 'glm-4.6';
		if (random() < 0.3)
			message.usage = {
				promptTokens: Math.floor(random() * 100),
				completionTokens: 3,
				totalTokens: 103,
				...(random() < 0.5 ? {reasoningTokens: 7} : {}),
			};
		if (random() < 0.3) message.finishReason = 'length';
		if (random() < 0.3) message.error = randomText(random, 10);
		// Fields a later glm-tui (or another engineer's branch) adds must survive unchanged.
		if (random() < 0.3) message['excludedFromContext'] = true;
		if (random() < 0.2) message['partial'] = {savedAt: iso(index), chars: 12};
		messages.push(message);
	}
	const conversation: Conversation & Record<string, unknown> = {
		id: `c-${Math.floor(random() * 1e9).toString(36)}`,
		name: randomName(random),
		createdAt: iso(0),
		updatedAt: iso(count * 60_000),
		model: random() < 0.5 ? 'glm-4.6' : 'glm-4.5-air',
		messages,
	};
	const system = maybe(() => randomText(random, 30));
	if (system !== undefined) conversation.system = system;
	if (random() < 0.5) conversation.temperature = Math.round(random() * 100) / 100 || 0.5;
	if (random() < 0.5) conversation.thinking = random() < 0.5 ? 'enabled' : 'disabled';
	if (random() < 0.4) conversation.draft = randomText(random, 20);
	if (random() < 0.2) conversation.removedIds = ['gone-1'];
	if (random() < 0.2) conversation['pinned'] = true;
	return conversation;
}

const SEED = Number(process.env['GLM_TEST_SEED'] ?? Date.now() % 1_000_000);

describe('export → import is the identity (seeded; GLM_TEST_SEED reproduces a run)', () => {
	it(`random conversations survive toJson → readConversationText unchanged (seed ${SEED})`, () => {
		const random = mulberry32(SEED);
		for (let round = 0; round < 300; round++) {
			const conversation = randomConversation(random);
			const read = readConversationText(toJson(conversation), 'x.json');
			expect(read.notes, `seed ${SEED} round ${round}`).toEqual([]);
			expect(read.conversation, `seed ${SEED} round ${round}`).toEqual(conversation);
		}
	});

	it(`random conversations survive the rescue file unchanged (seed ${SEED})`, () => {
		const random = mulberry32(SEED + 1);
		const directory = temporary();
		for (let round = 0; round < 40; round++) {
			const conversation = randomConversation(random);
			const [line] = rescueUnsaved(
				[{conversation, reason: 'the disk is full (ENOSPC)'}],
				directory,
				new Date(Date.UTC(2026, 0, 1, 0, 0, round)),
			);
			const file = /A copy is in (\S+);/.exec(line!)?.[1];
			expect(file, line).toBeDefined();
			const read = readConversationText(fs.readFileSync(file!, 'utf8'), file!);
			expect(read.conversation, `seed ${SEED} round ${round}`).toEqual(conversation);
		}
	});

	it(`random conversations survive export → import into a store → load unchanged, rescue files too (seed ${SEED})`, () => {
		const random = mulberry32(SEED + 4);
		const home = makeTempHome();
		try {
			const store = openConversationStore({env: home.env});
			const directory = temporary();
			for (let round = 0; round < 40; round++) {
				const conversation = randomConversation(random);
				const viaRescue = round % 2 === 1;
				let text = toJson(conversation);
				if (viaRescue) {
					const [line] = rescueUnsaved([{conversation, reason: 'x'}], directory, new Date(Date.UTC(2026, 1, 1, 0, 0, round)));
					text = fs.readFileSync(/A copy is in (\S+);/.exec(line!)![1]!, 'utf8');
				}
				const read = readConversationText(text, 'x.json').conversation as Conversation;
				const imported = store.importConversation(read);
				expect(imported.id, `seed ${SEED} round ${round}`).toBe(conversation.id);
				expect(openConversationStore({env: home.env}).load(conversation.id), `seed ${SEED} round ${round}`).toEqual(conversation);
				store.remove(conversation.id);
			}
		} finally {
			home.cleanup();
		}
	});

	it('the JSON written holds no raw control character, so printing it to a terminal is harmless', () => {
		const random = mulberry32(SEED + 2);
		for (let round = 0; round < 50; round++) {
			const json = toJson(randomConversation(random));
			expect(json).not.toMatch(/[\u0000-\u0008\u000B-\u001F\u007F-\u009F\u2028\u2029\u202A-\u202E\u2066-\u2069]/);
		}
	});

	it('says which format and version it is', () => {
		const data = JSON.parse(toJson(randomConversation(mulberry32(1)))) as Record<string, unknown>;
		expect(data['format']).toBe('glm-tui conversation');
		expect(data['version']).toBe(EXCHANGE_VERSION);
	});

	it('refuses a file from a newer glm-tui with a clear message', () => {
		const text = JSON.stringify({format: 'glm-tui conversation', version: EXCHANGE_VERSION + 1, name: 'x', messages: []});
		expect(() => readConversationText(text, 'x.json')).toThrow(/newer glm-tui.*version 2/);
	});
});

describe('older and foreign files', () => {
	it('an export from before the versioned format (the bare conversation) imports whole', () => {
		const conversation = randomConversation(mulberry32(7));
		const read = readConversationText(JSON.stringify(conversation, null, '\t'), 'old.json');
		expect(read.conversation).toEqual(conversation);
	});

	it('a conversation file copied from the data folder (with conf bookkeeping, format 1.0.0) imports', () => {
		const file = {
			name: 'Old chat',
			options: {model: 'glm-4', system: 'Be brief.', temperature: 0.3},
			created: '2025-01-01T00:00:00.000Z',
			updated: '2025-01-02T00:00:00.000Z',
			messages: [
				{role: 'user', content: 'q', time: '2025-01-01T00:00:00.000Z'},
				{role: 'assistant', content: '', time: '2025-01-01T00:00:01.000Z', error: 'network'},
			],
			__internal__: {migrations: {version: '1.0.0'}},
		};
		const read = readConversationText(JSON.stringify(file), 'old-chat.json');
		expect(read.conversation).toMatchObject({
			name: 'Old chat',
			model: 'glm-4',
			system: 'Be brief.',
			temperature: 0.3,
			createdAt: '2025-01-01T00:00:00.000Z',
		});
		expect(read.conversation.messages.map((each) => each.state)).toEqual(['complete', 'failed']);
		expect(read.conversation).not.toHaveProperty('__internal__');
	});

	it('OpenAI-style content-part arrays are joined as text; tool messages are skipped and counted', () => {
		const text = JSON.stringify([
			{role: 'system', content: [{type: 'text', text: 'Be brief.'}]},
			{
				role: 'user',
				content: [
					{type: 'text', text: 'What is in'},
					{type: 'image_url', image_url: {url: 'data:...'}},
					{type: 'text', text: 'this picture?'},
				],
			},
			{role: 'assistant', content: null, tool_calls: [{id: 't1', type: 'function', function: {name: 'look', arguments: '{}'}}]},
			{role: 'tool', tool_call_id: 't1', content: 'a cat'},
			{role: 'assistant', content: 'A cat.'},
		]);
		const read = readConversationText(text, 'openai.json');
		expect(read.conversation.system).toBe('Be brief.');
		expect(read.conversation.messages.map(({role, content}) => ({role, content}))).toEqual([
			{role: 'user', content: 'What is in\nthis picture?'},
			{role: 'assistant', content: 'A cat.'},
		]);
		expect(read.notes.join(' ')).toMatch(/2 tool messages/);
		expect(read.notes.join(' ')).toMatch(/1 non-text part \(image_url\)/);
	});

	it('an OpenAI-style request body ({model, messages}) is a plain history: its system message is the system prompt', () => {
		const read = readConversationText(
			JSON.stringify({
				model: 'gpt-4o',
				messages: [
					{role: 'system', content: 'S'},
					{role: 'user', content: 'q'},
					{role: 'tool', content: 't'},
				],
			}),
			'body.json',
		);
		expect(read.conversation.system).toBe('S');
		expect(read.conversation.messages.map((each) => each.role)).toEqual(['user']);
		expect(read.notes.join(' ')).toMatch(/1 tool message\b/);
	});

	it('the seed blog history.json still imports', () => {
		const read = readConversationText('{"role": "user", "content": "hi"},\n{"role": "assistant", "content": "你好"},\n', 'history.json');
		expect(read.conversation.messages.map(({role, content}) => ({role, content}))).toEqual([
			{role: 'user', content: 'hi'},
			{role: 'assistant', content: '你好'},
		]);
		expect(read.conversation.name).toBeUndefined();
	});

	it.each([
		['garbage', 'this is {not json', /Not a conversation/],
		['a wrong role', '[{"role":"robot","content":"hi"}]', /Message 1: role must be/],
		['a missing content', '{"role":"user"},', /Message 1: content must be/],
		['nothing', '   \n', /empty/],
	])('names what is wrong with %s', (_, text, problem) => {
		expect(() => readConversationText(text, 'bad.json')).toThrow(problem);
	});

	it('an error quoting the file never carries its control characters', () => {
		for (const text of [
			'\u001B]2;PWN\u0007\u001B[2J',
			'[{"role":"\u001B]2;PWN\u0007\u009B2J","content":"x"}]',
			'{"a": "\u001B[2J',
			'[{"role":"user","content":"\u001B[2J"}, x\u001B[2J]',
		]) {
			let message = '';
			try {
				readConversationText(text, 'evil.json');
			} catch (error) {
				message = (error as Error).message;
			}
			expect(message).not.toBe('');
			expect(message).not.toMatch(/[\u0000-\u001F\u007F-\u009F]/);
		}
	});
});

describe('the Markdown export imports back', () => {
	it(`restores the messages and the settings it shows (seed ${SEED})`, () => {
		const random = mulberry32(SEED + 3);
		for (let round = 0; round < 200; round++) {
			const original = randomConversation(random);
			// What the Markdown shows: no ids, times to the minute, text as a reader sees it (no streaming answers).
			const read = readConversationText(toMarkdown(original), 'x.md').conversation;
			const context = `seed ${SEED} round ${round}\n${toMarkdown(original)}`;
			expect(read.name, context).toBe(original.name);
			expect(read.model, context).toBe(original.model);
			expect(read.system, context).toBe(original.system?.trim() === '' ? undefined : shown(original.system));
			expect(read.temperature, context).toBe(original.temperature);
			expect(read.thinking, context).toBe(original.thinking);
			expect(read.createdAt, context).toBe(original.createdAt);
			expect(
				read.messages.map(({role, content, state, reasoning}) => ({role, content, state, reasoning: reasoning || undefined})),
				context,
			).toEqual(
				original.messages.map(({role, content, state, reasoning}) => ({
					role,
					content: shown(content),
					state,
					reasoning: shown(reasoning) || undefined,
				})),
			);
		}
	});
});

/** Markdown keeps text as lines: line ends become LF and the text's own leading and trailing blank lines go. */
function shown(text: string | undefined): string | undefined {
	if (text === undefined) return undefined;
	return text
		.replace(/\r\n?|[\u2028\u2029]/g, '\n')
		.replace(/^\s*\n/, '')
		.trimEnd();
}

import fs from 'node:fs';
import path from 'node:path';
import {afterEach, beforeEach, describe, expect, it, vi} from 'vitest';
import type {Conversation} from '../../source/domain/types.js';
import {openConversationStore, type StoreProblem} from '../../source/store/conversations.js';
import {StoreError} from '../../source/store/errors.js';
import {removeMessages} from '../../source/store/merge.js';
import {makeTempHome, message, mode, type TempHome} from './helpers.js';

let home: TempHome;
beforeEach(() => {
	home = makeTempHome();
});
afterEach(() => {
	vi.restoreAllMocks();
	home.cleanup();
});

const open = (onProblem?: (problem: StoreProblem) => void) => openConversationStore({env: home.env, ...(onProblem ? {onProblem} : {})});
const file = (id: string) => path.join(home.conversationsDir, `${id}.json`);
const ids = (conversation: Conversation) => conversation.messages.map((each) => each.id);

function caught(run: () => unknown): StoreError {
	try {
		run();
	} catch (error) {
		expect(error).toBeInstanceOf(StoreError);
		return error as StoreError;
	}
	throw new Error('expected a StoreError');
}

describe('round trip', () => {
	it('keeps names and content exactly, in 0600 files inside 0700 directories', () => {
		const store = open();
		const name = '学习笔记 🎉 "quoted" \'single\' \\ back';
		const created = store.create({name, model: 'glm-4.6', system: '你是助手', temperature: 0.7, thinking: 'enabled'});
		expect(created).toMatchObject({name, model: 'glm-4.6', system: '你是助手', temperature: 0.7, thinking: 'enabled', messages: []});
		expect(created.id).toBe('quoted-single-back');

		created.messages.push(
			message('u1', {content: 'line one\nline "two"\n\ttabbed\r\n🎉👨‍👩‍👧 学习 \u2028 end'}),
			message('a1', {
				role: 'assistant',
				content: '```ts\nconst x = "y";\n```',
				reasoning: '<think>hmm</think>',
				model: 'glm-4.6',
				usage: {promptTokens: 10, completionTokens: 20, totalTokens: 30, reasoningTokens: 5},
				finishReason: 'length',
			}),
		);
		created.draft = 'unsent 草稿';
		const saved = store.save(created);
		expect(saved).toEqual(created);

		const loaded = open().load(created.id);
		expect(loaded).toEqual(created);
		expect(mode(file(created.id))).toBe(0o600);
		expect(mode(home.indexFile)).toBe(0o600);
		expect(mode(home.conversationsDir)).toBe(0o700);
		expect(mode(path.dirname(home.conversationsDir))).toBe(0o700);
		expect(fs.readdirSync(home.conversationsDir)).toEqual([`${created.id}.json`]);
	});

	it('lists summaries in creation order, whichever was written last (the numbers Alt+N uses)', () => {
		const store = open();
		const first = store.create({name: 'First', model: 'glm-4.6'});
		const second = store.create({name: 'Second', model: 'glm-4.5'});
		second.messages.push(message('m1', {content: '  hello\n\n  world  '}));
		second.updatedAt = '2030-01-01T00:00:00.000Z';
		store.save(second);
		expect(store.list()).toEqual([
			{id: 'first', name: 'First', createdAt: first.createdAt, updatedAt: first.updatedAt, messageCount: 0, model: 'glm-4.6'},
			{
				id: 'second',
				name: 'Second',
				createdAt: second.createdAt,
				updatedAt: '2030-01-01T00:00:00.000Z',
				messageCount: 1,
				model: 'glm-4.5',
				preview: 'hello world',
			},
		]);
	});

	it('does not let the caller change its copy behind the store', () => {
		const store = open();
		const created = store.create({name: 'Mine', model: 'glm-4.6'});
		const loaded = store.load(created.id);
		loaded.messages.push(message('not-saved'));
		expect(store.load(created.id).messages).toEqual([]);
	});
});

describe('files written by earlier versions', () => {
	it("reads a current-format file in conf's default layout (tab-indented throughout) and saves it", () => {
		const document = {
			id: 'tabbed',
			name: 'Tabbed',
			createdAt: '2026-01-01T00:00:00.000Z',
			updatedAt: '2026-01-01T00:00:00.000Z',
			model: 'glm-4.6',
			messages: [
				message('t1', {content: '学习\n"x"'}),
				message('t2', {role: 'assistant', usage: {promptTokens: 1, completionTokens: 2, totalTokens: 3}}),
			],
			__internal__: {migrations: {version: '2.0.0'}},
		};
		fs.mkdirSync(home.conversationsDir, {recursive: true});
		fs.writeFileSync(file('tabbed'), JSON.stringify(document, undefined, '\t'), {mode: 0o600});
		const store = open();
		const {__internal__: _, ...conversation} = document;
		const loaded = store.load('tabbed');
		expect(loaded).toEqual(conversation);
		loaded.messages.push(message('t3'));
		store.save(loaded);
		expect(ids(open().load('tabbed'))).toEqual(['t1', 't2', 't3']);
		expect(JSON.parse(fs.readFileSync(file('tabbed'), 'utf8')).__internal__).toEqual({migrations: {version: '2.0.0'}});
	});
});

describe('names and ids', () => {
	it('makes hostile names into safe ids and keeps every file inside the directory', () => {
		const store = open();
		const names = ['../../x', 'a/b', 'con', 'NUL', '.', '..', '🎉🎉', '/etc/passwd', '..\\..\\windows', '~root'];
		const created = names.map((name) => store.create({name, model: 'glm-4.6'}));
		for (const [index, conversation] of created.entries()) {
			expect(conversation.id).toMatch(/^[a-z0-9][a-z0-9_-]*$/);
			expect(conversation.name).toBe(names[index]);
			expect(fs.existsSync(file(conversation.id))).toBe(true);
		}
		expect(created.map((each) => each.id).slice(0, 4)).toEqual(['x', 'a-b', 'c-con', 'c-nul']);
		const dataDir = path.dirname(home.conversationsDir);
		expect(fs.readdirSync(dataDir).sort()).toEqual(['conversations', 'index.json']);
		expect(fs.readdirSync(home.root).sort()).toEqual(['data']);
		expect(
			store
				.list()
				.map((each) => each.name)
				.sort(),
		).toEqual([...names].sort());
	});

	it.each([
		['empty', ''],
		['white space', '  \t '],
		['300 characters', 'x'.repeat(300)],
		['control characters', 'bad\u001b[2Jname'],
		['a newline', 'two\nlines'],
	])('refuses a name that is %s', (_, name) => {
		const store = open();
		expect(caught(() => store.create({name, model: 'glm-4.6'})).code).toBe('invalid-name');
		expect(fs.readdirSync(home.conversationsDir)).toEqual([]);
	});

	it('refuses ids that are not slugs, before touching any path', () => {
		const store = open();
		for (const id of ['../../etc/passwd', 'a/b', '', '.', 'UPPER']) {
			expect(caught(() => store.load(id)).code).toBe('invalid-id');
			expect(caught(() => store.remove(id)).code).toBe('invalid-id');
		}
	});

	it('keeps names unique: a clashing name is refused, or suffixed when asked', () => {
		const store = open();
		store.create({name: 'Notes', model: 'glm-4.6'});
		expect(caught(() => store.create({name: 'Notes', model: 'glm-4.6'})).code).toBe('name-taken');
		expect(caught(() => open().create({name: ' notes ', model: 'glm-4.6'})).message).toMatch(/Conversation 1 is already named "Notes"/);
		const made = [1, 2].map(() => store.create({name: 'Notes', model: 'glm-4.6'}, 'suffix'));
		expect(made.map((each) => [each.id, each.name])).toEqual([
			['notes-2', 'Notes (2)'],
			['notes-3', 'Notes (3)'],
		]);
		expect(store.list().map((each) => each.name)).toEqual(['Notes', 'Notes (2)', 'Notes (3)']);
		// A rename onto another's name is refused; onto its own name (or its own in another case) it is not.
		expect(caught(() => store.rename('notes-2', 'NOTES')).code).toBe('name-taken');
		expect(store.rename('notes', 'NOTES').name).toBe('NOTES');
		expect(
			fs
				.readdirSync(home.conversationsDir)
				.filter((each) => each.endsWith('.json'))
				.sort(),
		).toEqual(['notes-2.json', 'notes-3.json', 'notes.json']);
	});

	it('imports a whole conversation: every field kept, the id when free, the name made unique', () => {
		const store = open();
		const existing = store.create({name: 'Notes', model: 'glm-4.6'});
		const brought = {
			id: 'notes',
			name: 'Notes',
			model: 'glm-4.5-air',
			system: 'Be brief.',
			temperature: 0.3,
			thinking: 'disabled' as const,
			draft: 'unsent',
			createdAt: '2024-05-01T00:00:00.000Z',
			updatedAt: '2024-05-02T00:00:00.000Z',
			pinned: true,
			messages: [
				message('i1'),
				message('i2', {
					role: 'assistant',
					state: 'stopped',
					reasoning: 'hm',
					usage: {promptTokens: 1, completionTokens: 2, totalTokens: 3},
				}),
				{...message('i3'), role: 'tool' as 'user', extra: {a: 1}},
			],
		};
		const imported = store.importConversation(brought);
		expect(imported.id).toBe('notes-2');
		expect(imported.name).toBe('Notes (2)');
		expect(open().load('notes-2')).toEqual({...brought, id: 'notes-2', name: 'Notes (2)'});
		expect(open().load(existing.id)).toEqual(existing);
		// Created before the others: it is number 1 everywhere.
		expect(store.list().map((each) => each.id)).toEqual(['notes-2', 'notes']);
		const fresh = store.importConversation({...brought, id: 'brand-new', name: 'Other'});
		expect(fresh.id).toBe('brand-new');
	});

	it('trims the name and requires a model', () => {
		const store = open();
		expect(store.create({name: '  Padded  ', model: 'glm-4.6'}).name).toBe('Padded');
		expect(caught(() => store.create({name: 'x', model: ' '})).code).toBe('invalid-value');
	});
});

describe('rename and remove', () => {
	it('renames the display name, keeping the id', () => {
		const store = open();
		const created = store.create({name: 'Old name', model: 'glm-4.6'});
		const renamed = store.rename(created.id, '新名字 🎉');
		expect(renamed).toMatchObject({id: 'old-name', name: '新名字 🎉'});
		expect(open().load('old-name').name).toBe('新名字 🎉');
		expect(store.list()[0]?.name).toBe('新名字 🎉');
		expect(caught(() => store.rename(created.id, '')).code).toBe('invalid-name');
		expect(caught(() => store.rename('missing', 'x')).code).toBe('not-found');
	});

	it('keeps a rename made in another window when this one saves', () => {
		const here = open();
		const there = open();
		const mine = here.create({name: 'Shared', model: 'glm-4.6'});
		there.rename(mine.id, 'Renamed there');
		mine.messages.push(message('m1'));
		const saved = here.save(mine);
		expect(saved.name).toBe('Renamed there');
		expect(ids(saved)).toEqual(['m1']);
	});

	it('removes the file and the summary', () => {
		const store = open();
		const kept = store.create({name: 'Kept', model: 'glm-4.6'});
		const gone = store.create({name: 'Gone', model: 'glm-4.6'});
		expect(store.remove(gone.id)).toBe(true);
		expect(fs.existsSync(file(gone.id))).toBe(false);
		expect(store.list().map((each) => each.id)).toEqual([kept.id]);
		expect(caught(() => store.load(gone.id)).code).toBe('not-found');
		expect(store.remove(gone.id)).toBe(false);
		expect(fs.readdirSync(home.conversationsDir)).toEqual([`${kept.id}.json`]);
		expect(
			open()
				.list()
				.map((each) => each.id),
		).toEqual([kept.id]);
	});
});

describe('migration', () => {
	const v1 = {
		__internal__: {migrations: {version: '1.0.0'}},
		name: 'Old chat',
		created: '2024-01-01T00:00:00.000Z',
		updated: '2024-01-02T00:00:00.000Z',
		options: {model: 'glm-4', system: 'be brief', temperature: 0.5},
		messages: [
			{role: 'user', content: '你好', time: '2024-01-01T00:00:01.000Z'},
			{role: 'assistant', content: 'Hi!', time: '2024-01-01T00:00:02.000Z'},
			{role: 'assistant', content: '', time: '2024-01-01T00:00:03.000Z', error: 'network error'},
		],
	};

	it.each([
		['marked 1.0.0', v1],
		['from before conf kept a version', (({__internal__: _, ...rest}) => rest)(v1)],
	])('reads a version 1 file %s and rewrites it in the current format', (_, content) => {
		fs.mkdirSync(home.conversationsDir, {recursive: true});
		fs.writeFileSync(file('old-chat'), JSON.stringify(content, undefined, 2), {mode: 0o600});
		const problems: StoreProblem[] = [];
		const store = open((problem) => problems.push(problem));
		expect(problems).toEqual([]);
		expect(store.list()).toMatchObject([{id: 'old-chat', name: 'Old chat', messageCount: 3, model: 'glm-4'}]);
		const loaded = store.load('old-chat');
		expect(loaded).toEqual({
			id: 'old-chat',
			name: 'Old chat',
			createdAt: '2024-01-01T00:00:00.000Z',
			updatedAt: '2024-01-02T00:00:00.000Z',
			model: 'glm-4',
			system: 'be brief',
			temperature: 0.5,
			messages: [
				{id: 'v1-1', role: 'user', content: '你好', time: '2024-01-01T00:00:01.000Z', state: 'complete'},
				{id: 'v1-2', role: 'assistant', content: 'Hi!', time: '2024-01-01T00:00:02.000Z', state: 'complete'},
				{id: 'v1-3', role: 'assistant', content: '', time: '2024-01-01T00:00:03.000Z', error: 'network error', state: 'failed'},
			],
		});
		const onDisk = JSON.parse(fs.readFileSync(file('old-chat'), 'utf8'));
		expect(onDisk.__internal__.migrations.version).toBe('2.0.0');
		expect(onDisk.options).toBeUndefined();
		expect(mode(file('old-chat'))).toBe(0o600);

		loaded.messages.push(message('new'));
		expect(ids(open().save(loaded))).toEqual(['v1-1', 'v1-2', 'v1-3', 'new']);
	});

	it('migrates a version 1 file written while the conversation is open (an older glm-tui elsewhere)', () => {
		const store = open();
		const created = store.create({name: 'Old chat', model: 'glm-4.6'});
		store.load(created.id);
		fs.writeFileSync(file(created.id), JSON.stringify(v1));
		expect(ids(store.load(created.id))).toEqual(['v1-1', 'v1-2', 'v1-3']);
		expect(store.problems()).toEqual([]);
	});
});

describe('messages with a role glm-tui does not send', () => {
	it('a `tool` message (from an import or another program) keeps the conversation and the message', () => {
		const store = open();
		const created = store.create({name: 'Tools', model: 'glm-4.6'});
		const onDisk = JSON.parse(fs.readFileSync(file(created.id), 'utf8')) as Record<string, unknown>;
		const question = message('q1');
		const tool = {...message('t1', {content: 'result 42'}), role: 'tool', tool_call_id: 'x'};
		fs.writeFileSync(file(created.id), JSON.stringify({...onDisk, messages: [question, tool]}));
		const reported: StoreProblem[] = [];
		const reopened = open((problem) => reported.push(problem));
		expect(reported).toEqual([]);
		const loaded = reopened.load(created.id);
		expect(loaded.messages.at(-1)).toEqual(tool);
		loaded.messages.push(message('q2'));
		reopened.save(loaded);
		expect(
			open()
				.load(created.id)
				.messages.map((each) => each.role),
		).toEqual(['user', 'tool', 'user']);
		expect(fs.readdirSync(home.conversationsDir).filter((each) => each.includes('corrupt'))).toEqual([]);
	});
});

describe('corrupt files', () => {
	function seed(): {good: Conversation; bad: Conversation} {
		const store = open();
		const good = store.create({name: 'Good', model: 'glm-4.6'});
		const bad = store.create({name: 'Bad', model: 'glm-4.6'});
		bad.messages.push(message('m1'), message('m2'));
		store.save(bad);
		return {good, bad};
	}

	const currentHeader = '"__internal__":{"migrations":{"version":"2.0.0"}}';
	it.each([
		['truncated JSON', (text: string) => text.slice(0, Math.floor(text.length / 2))],
		['not JSON at all', () => '\u0000\u0001 binary garbage'],
		['an empty file', () => ''],
		['a JSON array', () => '[1, 2, 3]'],
		[
			'a message of the wrong type',
			() =>
				`{${currentHeader},"id":"bad","name":"Bad","createdAt":"x","updatedAt":"x","model":"m","messages":[{"id":"1","role":"user","content":5,"state":"complete","time":"t"}]}`,
		],
		['a missing field', () => `{${currentHeader},"id":"bad","name":"Bad","createdAt":"x","updatedAt":"x","messages":[]}`],
		['wrong types and no version (so conf migrates first)', () => '{"name": 42, "messages": "none"}'],
	])('moves aside %s, byte for byte, reports it once and lists the rest', (_, corrupt) => {
		const {good, bad} = seed();
		const bytes = Buffer.from(corrupt(fs.readFileSync(file(bad.id), 'utf8')));
		fs.writeFileSync(file(bad.id), bytes);

		const reported: StoreProblem[] = [];
		const store = open((problem) => reported.push(problem));
		expect(reported).toHaveLength(1);
		const [problem] = reported;
		expect(problem).toMatchObject({kind: 'corrupt', id: bad.id, file: file(bad.id)});
		expect(String(problem)).toContain(problem!.movedTo!);
		expect(path.dirname(problem!.movedTo!)).toBe(home.conversationsDir);
		expect(path.basename(problem!.movedTo!)).toMatch(/^bad\.corrupt-[0-9TZ-]+\.json$/);
		expect(fs.readFileSync(problem!.movedTo!).equals(bytes)).toBe(true);
		expect(mode(problem!.movedTo!)).toBe(0o600);
		expect(fs.existsSync(file(bad.id))).toBe(false);

		expect(store.problems()).toEqual([problem]);
		expect(store.problems()).toEqual([]);
		expect(store.list().map((each) => each.id)).toEqual([good.id]);
		expect(reported).toHaveLength(1);
		expect(open().problems()).toEqual([]);
		expect(caught(() => store.load(bad.id)).code).toBe('not-found');
		expect(store.load(good.id).name).toBe('Good');
		// The id is free again: a new conversation may take it, the moved file stays.
		expect(store.create({name: 'Bad', model: 'glm-4.6'}).id).toBe('bad');
		expect(fs.readFileSync(problem!.movedTo!).equals(bytes)).toBe(true);
	});

	it('moves aside a file corrupted while open, on load', () => {
		const {bad} = seed();
		const store = open();
		store.load(bad.id);
		fs.writeFileSync(file(bad.id), '{"oops"');
		const error = caught(() => store.load(bad.id));
		expect(error.code).toBe('corrupt');
		expect(error.message).toContain(error.movedTo!);
		expect(fs.readFileSync(error.movedTo!, 'utf8')).toBe('{"oops"');
		expect(store.problems()).toHaveLength(1);
	});

	it('on save, moves the corrupt file aside and writes what is in memory instead of overwriting it', () => {
		const {bad} = seed();
		const store = open();
		const mine = store.load(bad.id);
		fs.writeFileSync(file(bad.id), '{"truncated": ');
		mine.messages.push(message('m3'));
		expect(ids(store.save(mine))).toEqual(['m1', 'm2', 'm3']);
		const [problem] = store.problems();
		expect(fs.readFileSync(problem!.movedTo!, 'utf8')).toBe('{"truncated": ');
		expect(ids(open().load(bad.id))).toEqual(['m1', 'm2', 'm3']);
	});

	it('leaves a file from a newer glm-tui alone and says so once', () => {
		const {good, bad} = seed();
		const newer = fs.readFileSync(file(bad.id), 'utf8').replace('"2.0.0"', '"3.0.0"');
		fs.writeFileSync(file(bad.id), newer);
		const store = open();
		const problems = store.problems();
		expect(problems).toHaveLength(1);
		expect(problems[0]).toMatchObject({kind: 'newer-format', id: bad.id});
		expect(store.list().map((each) => each.id)).toEqual([good.id]);
		expect(store.problems()).toEqual([]);
		expect(caught(() => store.load(bad.id)).code).toBe('newer-format');
		expect(caught(() => store.save({...bad, messages: []})).code).toBe('newer-format');
		expect(fs.readFileSync(file(bad.id), 'utf8')).toBe(newer);
	});

	it('refuses to save a malformed conversation without touching the file', () => {
		const {bad} = seed();
		const store = open();
		const before = fs.readFileSync(file(bad.id));
		const broken = {...store.load(bad.id), messages: [{id: 'x', role: 'robot'}]} as unknown as Conversation;
		expect(caught(() => store.save(broken)).code).toBe('invalid-value');
		expect(fs.readFileSync(file(bad.id)).equals(before)).toBe(true);
		expect(caught(() => store.save({...broken, id: 'brand-new'})).code).toBe('invalid-value');
		expect(fs.existsSync(file('brand-new'))).toBe(false);
	});
});

describe('index', () => {
	function seed(count: number): string[] {
		const store = open();
		return Array.from({length: count}, (_, index) => {
			const conversation = store.create({name: `Chat ${index}`, model: 'glm-4.6'});
			conversation.messages.push(message(`m${index}`));
			return store.save(conversation).id;
		});
	}

	function conversationReads(run: () => void): string[] {
		const spy = vi.spyOn(fs, 'readFileSync');
		run();
		const reads = spy.mock.calls
			.map(([target]) => String(target))
			.filter((target) => target.startsWith(home.conversationsDir) && target.endsWith('.json'));
		spy.mockRestore();
		return reads;
	}

	it('lists from a fresh index without reading any conversation file', () => {
		const created = seed(5);
		let listed: string[] = [];
		const reads = conversationReads(() => {
			listed = open()
				.list()
				.map((each) => each.id);
		});
		expect(reads).toEqual([]);
		expect(listed.sort()).toEqual([...created].sort());
	});

	it('rebuilds a missing or corrupt index', () => {
		const created = seed(3);
		for (const damage of [() => fs.rmSync(home.indexFile), () => fs.writeFileSync(home.indexFile, '{"version":1,"entries":')]) {
			damage();
			let listed: string[] = [];
			const reads = conversationReads(() => {
				listed = open()
					.list()
					.map((each) => each.id);
			});
			expect(new Set(reads)).toEqual(new Set(created.map(file)));
			expect(listed.sort()).toEqual([...created].sort());
			expect(Object.keys(JSON.parse(fs.readFileSync(home.indexFile, 'utf8')).entries).sort()).toEqual([...created].sort());
			expect(mode(home.indexFile)).toBe(0o600);
		}
	});

	it('reads only the files that changed, appeared or disappeared since the index was written', () => {
		const [a, b, c] = seed(3) as [string, string, string];
		const edited = JSON.parse(fs.readFileSync(file(b), 'utf8'));
		edited.name = 'Edited by hand';
		fs.writeFileSync(file(b), JSON.stringify(edited));
		fs.copyFileSync(file(c), file('copied'));
		fs.rmSync(file(a));

		let summaries: Array<{id: string; name: string}> = [];
		const reads = conversationReads(() => {
			summaries = open().list();
		});
		expect(new Set(reads)).toEqual(new Set([file(b), file('copied')]));
		expect(summaries.map(({id, name}) => ({id, name})).sort((x, y) => x.id.localeCompare(y.id))).toEqual([
			{id: b, name: 'Edited by hand'},
			{id: c, name: 'Chat 2'},
			{id: 'copied', name: 'Chat 2'},
		]);
		expect(conversationReads(() => open().list())).toEqual([]);
	});

	it('reads a conversation file once to open it, and not again to save it', () => {
		const [id] = seed(1) as [string];
		const store = open();
		let conversation = store.load(id);
		expect(conversationReads(() => (conversation = store.load(id)))).toEqual([]);
		conversation.messages.push(message('more'));
		expect(conversationReads(() => (conversation = store.save(conversation)))).toEqual([]);
		expect(conversationReads(() => open().load(id))).toEqual([file(id)]);
		expect(ids(open().load(id))).toEqual(['m0', 'more']);
	});

	it('ignores files that are not conversations', () => {
		seed(1);
		for (const name of ['notes.txt', 'UPPER.json', '.hidden.json', 'x.json.tmp-123', 'old.corrupt-2026.json']) {
			fs.writeFileSync(path.join(home.conversationsDir, name), 'whatever');
		}
		const store = open();
		expect(store.list()).toHaveLength(1);
		expect(store.problems()).toEqual([]);
	});
});

describe('two windows on one conversation', () => {
	it('loses no message when two store instances append alternately from stale copies', () => {
		const first = open();
		const second = open();
		const created = first.create({name: 'Busy', model: 'glm-4.6'});
		const mineA = first.load(created.id);
		const mineB = second.load(created.id);
		for (let index = 0; index < 50; index++) {
			// Neither adopts the merged result: each only ever knows its own messages.
			mineA.messages.push(message(`a${index}`));
			first.save(mineA);
			mineB.messages.push(message(`b${index}`));
			second.save(mineB);
		}
		const final = open().load(created.id);
		expect(final.messages).toHaveLength(100);
		expect(new Set(ids(final)).size).toBe(100);
		const times = final.messages.map((each) => each.time);
		expect(times).toEqual([...times].sort());
	});

	it('returns the other window’s messages from save', () => {
		const first = open();
		const second = open();
		const created = first.create({name: 'Busy', model: 'glm-4.6'});
		const there = second.load(created.id);
		there.messages.push(message('theirs'));
		second.save(there);
		const here = first.load(created.id);
		here.messages.push(message('mine'));
		expect(ids(first.save(here))).toEqual(['theirs', 'mine']);
	});

	it('replaces a streaming answer with the final one, and keeps a regenerated answer deleted', () => {
		const first = open();
		const second = open();
		const created = first.create({name: 'Busy', model: 'glm-4.6'});
		const question = message('q');
		const partial = message('a', {role: 'assistant', content: 'Par', state: 'streaming'});
		created.messages.push(question, partial);
		first.save(created);

		const stale = second.load(created.id);
		first.save({...created, messages: [question, {...partial, content: 'Partial, then whole.', state: 'complete'}]});
		expect(second.save(stale).messages[1]).toMatchObject({content: 'Partial, then whole.', state: 'complete'});

		const regenerated = removeMessages(first.load(created.id), ['a']);
		first.save(regenerated);
		const merged = second.save(stale);
		expect(ids(merged)).toEqual(['q']);
		expect(merged.removedIds).toEqual(['a']);
	});

	it('saves one message into a 5,000-message conversation quickly', () => {
		const store = open();
		const big = store.create({name: 'Big', model: 'glm-4.6'});
		const paragraph = '这是一个很长的回答，包含中文和 English text, code `x = 1` and emoji 🎉. '.repeat(6);
		for (let index = 0; index < 5000; index++) {
			big.messages.push(
				message(
					`m${index}`,
					index % 2 ? {role: 'assistant', content: paragraph, usage: {promptTokens: 1, completionTokens: 2, totalTokens: 3}} : {},
				),
			);
		}
		store.save(big);
		const size = fs.statSync(file(big.id)).size;

		// Its speed is the bench rows "save, 5,000 msgs".
		expect(size).toBeGreaterThan(0);
		const fresh = open();
		let current = fresh.load(big.id);
		for (let index = 0; index < 5; index++) {
			current.messages.push(message(`extra${index}`));
			current = fresh.save(current);
		}
		expect(current.messages).toHaveLength(5005);
		expect(open().load(big.id).messages.at(-1)).toMatchObject({id: 'extra4'});
	});
});

describe('prepareSave', () => {
	it('a message edited in place after the warm-up is saved as edited, and the file reads back the same', () => {
		const store = open();
		const created = store.create({name: 'warm', model: 'glm-4.6'});
		created.messages = [message('a', {content: 'question 你好'}), message('b', {role: 'assistant', content: 'first answer'})];
		store.save(created);
		const loaded = store.load(created.id);
		store.prepareSave(loaded);
		loaded.messages[1]!.content = 'edited answer';
		loaded.messages.push(message('c', {content: 'more'}));
		store.save(loaded);
		expect(
			open()
				.load(created.id)
				.messages.map((each) => each.content),
		).toEqual(['question 你好', 'edited answer', 'more']);
	});
});

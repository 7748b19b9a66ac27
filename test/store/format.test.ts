import Conf from 'conf';
import {afterEach, beforeEach, describe, expect, it} from 'vitest';
import {
	FORMAT_VERSION,
	conversationFileSchema,
	isNewerFormat,
	migrateToV2,
	serializeConversation,
	type ConversationFile,
} from '../../source/store/format.js';
import {makeTempHome, message, type TempHome} from './helpers.js';

let home: TempHome;
beforeEach(() => {
	home = makeTempHome();
});
afterEach(() => home.cleanup());

const valid = (): ConversationFile => ({
	id: 'x',
	name: 'X',
	createdAt: '2026-01-01T00:00:00.000Z',
	updatedAt: '2026-01-01T00:00:00.000Z',
	model: 'glm-4.6',
	messages: [message('m1')],
});

describe('conversation schema', () => {
	// The store checks documents with schema.ts, not ajv; this is where the schema itself gets checked.
	it('compiles with ajv schema validation and strict mode on, and accepts a current document', () => {
		const conf = new Conf<ConversationFile>({
			cwd: home.root,
			configName: 'x',
			schema: conversationFileSchema.properties,
			rootSchema: {required: conversationFileSchema.required},
			ajvOptions: {strict: true},
			defaults: valid(),
		});
		expect(conf.store['name']).toBe('X');
	});
});

describe('serializeConversation', () => {
	it('round-trips through JSON.parse, one message per line', () => {
		const document = {
			__internal__: {migrations: {version: FORMAT_VERSION}},
			...valid(),
			messages: [message('a', {content: 'quotes " \\ \n newlines \u2028 学习 🎉'}), message('b', {role: 'assistant'})],
		};
		const text = serializeConversation(document).toString();
		expect(JSON.parse(text)).toEqual(document);
		expect(text.split('\n').filter((line) => line.startsWith('\t\t{"id"'))).toHaveLength(2);
	});

	it("lays a conversation out like before: conf's tab-indented JSON, one message per line", () => {
		const document = {...valid(), __internal__: {migrations: {version: FORMAT_VERSION}}, messages: [message('a'), message('b')]};
		const {messages, ...rest} = document;
		const expected = `${JSON.stringify(rest, undefined, '\t').slice(0, -2)},\n\t"messages": [\n\t\t${messages.map((each) => JSON.stringify(each)).join(',\n\t\t')}\n\t]\n}\n`;
		expect(serializeConversation(document).toString()).toBe(expected);
	});

	it('grows its buffer for a large document, and the next call reuses it', () => {
		const big = {...valid(), messages: Array.from({length: 2000}, (_, index) => message(`m${index}`, {content: '学习🎉'.repeat(100)}))};
		const first = serializeConversation(big).toString();
		expect(JSON.parse(first)).toEqual(big);
		const small = valid();
		expect(JSON.parse(serializeConversation(small).toString())).toEqual(small);
		expect(serializeConversation(big).toString()).toBe(first);
	});

	it('handles no messages, empty messages and only messages', () => {
		for (const document of [{a: 1}, {...valid(), messages: []}, {messages: [message('only')]}, {}]) {
			expect(JSON.parse(serializeConversation(document).toString())).toEqual(document);
		}
	});
});

describe('serializeConversation, saving again', () => {
	it('writes a message changed in place with its new fields', () => {
		const document = {...valid(), messages: [message('a', {usage: {promptTokens: 1, completionTokens: 2, totalTokens: 3}}), message('b')]};
		const again = () => JSON.parse(serializeConversation(document).toString()) as {messages: Array<Record<string, unknown>>};
		expect(again()).toEqual(document);
		const [first, second] = document.messages as unknown as [Record<string, any>, Record<string, any>];
		first['content'] = 'edited';
		expect(again().messages[0]!['content']).toBe('edited');
		first['usage'].totalTokens = 4;
		expect(again().messages[0]!['usage']).toEqual({promptTokens: 1, completionTokens: 2, totalTokens: 4});
		first['error'] = 'late';
		expect(again().messages[0]!['error']).toBe('late');
		delete first['error'];
		expect(again().messages[0]).not.toHaveProperty('error');
		second['extra'] = ['a'];
		expect(again().messages[1]!['extra']).toEqual(['a']);
		second['extra'].push('b');
		expect(again().messages[1]!['extra']).toEqual(['a', 'b']);
		expect(again()).toEqual(document);
	});

	it('writes a message whose field named __proto__ changed', () => {
		const document = {
			...valid(),
			messages: [JSON.parse('{"id":"p","role":"user","content":"x","state":"complete","time":"t","__proto__":1}')],
		};
		expect(serializeConversation(document).toString()).toContain('"__proto__":1');
		document.messages[0]['__proto__'] = 2;
		expect(serializeConversation(document).toString()).toContain('"__proto__":2');
	});
});

describe('migrateToV2', () => {
	it('flattens options, renames times, adds ids and states', () => {
		const v1 = {
			name: 'Old',
			created: '2024-01-01T00:00:00.000Z',
			updated: '2024-01-02T00:00:00.000Z',
			options: {model: 'glm-4', system: 'brief', temperature: 0.5},
			messages: [
				{role: 'user', content: 'hi', time: '2024-01-01T00:00:01.000Z'},
				{role: 'assistant', content: '', time: '2024-01-01T00:00:02.000Z', error: 'network'},
			],
		};
		expect(migrateToV2(v1, 'old')).toEqual({
			id: 'old',
			name: 'Old',
			createdAt: '2024-01-01T00:00:00.000Z',
			updatedAt: '2024-01-02T00:00:00.000Z',
			model: 'glm-4',
			system: 'brief',
			temperature: 0.5,
			messages: [
				{id: 'v1-1', role: 'user', content: 'hi', time: '2024-01-01T00:00:01.000Z', state: 'complete'},
				{id: 'v1-2', role: 'assistant', content: '', time: '2024-01-01T00:00:02.000Z', error: 'network', state: 'failed'},
			],
		});
	});

	it('leaves current documents and empty stores alone (conf runs migrations on both)', () => {
		expect(migrateToV2(valid(), 'x')).toBeUndefined();
		expect(migrateToV2({}, 'x')).toBeUndefined();
		expect(migrateToV2({__internal__: {migrations: {version: '0.0.0'}}}, 'x')).toBeUndefined();
	});
});

describe('isNewerFormat', () => {
	it('compares versions numerically', () => {
		expect(isNewerFormat('10.0.0')).toBe(true);
		expect(isNewerFormat('2.1.0')).toBe(true);
		expect(isNewerFormat(FORMAT_VERSION)).toBe(false);
		expect(isNewerFormat('1.0.0')).toBe(false);
		expect(isNewerFormat('0.0.0')).toBe(false);
	});
});

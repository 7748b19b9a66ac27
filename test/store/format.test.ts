import Conf from 'conf';
import {afterEach, beforeEach, describe, expect, it} from 'vitest';
import {
	FORMAT_VERSION,
	conversationRootSchema,
	conversationSchema,
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
	// The store skips ajv's meta-schema check for speed; this is where the schema itself gets checked.
	it('compiles with ajv schema validation and strict mode on, and accepts a current document', () => {
		const conf = new Conf<ConversationFile>({
			cwd: home.root,
			configName: 'x',
			schema: conversationSchema,
			rootSchema: conversationRootSchema,
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
		const text = serializeConversation(document);
		expect(JSON.parse(text)).toEqual(document);
		expect(text.split('\n').filter((line) => line.startsWith('\t\t{"id"'))).toHaveLength(2);
	});

	it('handles no messages, empty messages and only messages', () => {
		for (const document of [{a: 1}, {...valid(), messages: []}, {messages: [message('only')]}, {}]) {
			expect(JSON.parse(serializeConversation(document))).toEqual(document);
		}
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

import Conf from 'conf';
import {afterEach, beforeEach, describe, expect, it} from 'vitest';
import {conversationFileSchema, FORMAT_VERSION} from '../../source/store/format.js';
import {SchemaViolation, compileSchema, type JsonSchema} from '../../source/store/schema.js';
import {settingsSchema} from '../../source/store/settings.js';
import {makeTempHome, message, type TempHome} from './helpers.js';

let home: TempHome;
beforeEach(() => {
	home = makeTempHome();
});
afterEach(() => home.cleanup());

/** ajv's verdict, as conf gives it: undefined when valid, else conf's list of errors. */
let stores = 0;
function ajvVerdict(schema: JsonSchema & {properties: object}, document: Record<string, unknown>): string | undefined {
	const {properties, ...root} = schema;
	try {
		// conf checks `defaults` when it opens a missing file.
		new Conf<Record<string, unknown>>({
			cwd: home.root,
			configName: `ajv-${++stores}`,
			schema: properties as never,
			rootSchema: root as never,
			ajvOptions: {strict: true},
			accessPropertiesByDotNotation: false,
			defaults: document,
		});
		return undefined;
	} catch (error) {
		expect((error as Error).message).toMatch(/^Config schema violation: /);
		return (error as Error).message;
	}
}

function ourVerdict(schema: JsonSchema, document: unknown): string | undefined {
	try {
		compileSchema(schema)(document);
		return undefined;
	} catch (error) {
		expect(error).toBeInstanceOf(SchemaViolation);
		return (error as Error).message;
	}
}

function agree(schema: JsonSchema & {properties: object}, document: Record<string, unknown>): void {
	const ajv = ajvVerdict(schema, document);
	const ours = ourVerdict(schema, document);
	if (ajv === undefined) {
		expect(ours, JSON.stringify(document)).toBeUndefined();
	} else {
		// ajv lists every error; ours names the first, in ajv's words.
		expect(ours, `${JSON.stringify(document)}: ${ajv}`).toBeDefined();
		expect(ajv).toContain(ours!.replace(/^schema violation: /, ''));
	}
}

const conversation = () => ({
	__internal__: {migrations: {version: FORMAT_VERSION}},
	id: 'x',
	name: '学习 🎉',
	createdAt: '2026-01-01T00:00:00.000Z',
	updatedAt: '2026-01-01T00:00:00.000Z',
	model: 'glm-4.6',
	system: 'be brief',
	temperature: 1.5,
	thinking: 'enabled',
	draft: '',
	removedIds: ['gone'],
	messages: [
		message('u1'),
		message('a1', {
			role: 'assistant',
			reasoning: 'hmm',
			model: 'glm-4.6',
			usage: {promptTokens: 1, completionTokens: 2, totalTokens: 3, cachedTokens: 0},
			finishReason: 'stop',
		}),
		message('a2', {role: 'assistant', state: 'failed', error: 'network', updatedAt: '2026-01-02T00:00:00.000Z'}),
	] as unknown[],
});

type Edit = [string, (document: ReturnType<typeof conversation>) => void];
const set =
	(key: string, value: unknown): Edit[1] =>
	(document) => {
		(document as Record<string, unknown>)[key] = value;
	};
const setMessage =
	(key: string, value: unknown, index = 1): Edit[1] =>
	(document) => {
		(document.messages[index] as Record<string, unknown>)[key] = value;
	};

const conversationEdits: Edit[] = [
	['unchanged', () => {}],
	[
		'unknown properties, kept',
		(document) => Object.assign(document, {extra: {any: 'thing'}, messages: [...document.messages, {...message('m'), extra: 1}]}),
	],
	['no messages', set('messages', [])],
	['a one-character emoji name and model', (document) => Object.assign(document, {name: '', model: '🎉'})],
	['a missing model', set('model', undefined)],
	['an empty model', set('model', '')],
	['a numeric name', set('name', 42)],
	['an empty createdAt', set('createdAt', '')],
	['a string temperature', set('temperature', '0.5')],
	['an unknown thinking mode', set('thinking', 'maybe')],
	['messages not an array', set('messages', 'none')],
	['a message that is not an object', set('messages', [message('ok'), 'text'])],
	['a message that is an array', set('messages', [[1]])],
	['a message without id', setMessage('id', undefined)],
	['a message with an empty id', setMessage('id', '')],
	['a message with a numeric content', setMessage('content', 5)],
	['a message from a robot', setMessage('role', 'robot')],
	['a message in an unknown state', setMessage('state', 'pending', 0)],
	['a message with null time', setMessage('time', null)],
	['usage missing a total', setMessage('usage', {promptTokens: 1, completionTokens: 2})],
	['usage with a string count', setMessage('usage', {promptTokens: '1', completionTokens: 2, totalTokens: 3})],
	['usage that is null', setMessage('usage', null)],
	['removedIds with a number', set('removedIds', ['a', 1])],
	['several errors at once', (document) => Object.assign(document, {name: 1, model: '', messages: [{id: 'x'}]})],
];

describe('schema.ts agrees with ajv (through conf)', () => {
	it.each(conversationEdits)('on a conversation: %s', (_, edit) => {
		const document = conversation();
		edit(document);
		agree(conversationFileSchema, document);
	});

	it.each<[string, Record<string, unknown>]>([
		['empty', {}],
		[
			'everything',
			{
				apiKey: 'id.secret',
				baseUrl: 'http://localhost:1/v4',
				model: 'glm-4.6',
				system: '',
				temperature: 0,
				thinking: 'disabled',
				lastConversation: 'a_b-1',
			},
		],
		['temperature 1', {temperature: 1}],
		['temperature above 1', {temperature: 1.01}],
		['temperature below 0', {temperature: -0.5}],
		['an empty key', {apiKey: ''}],
		['an ftp base URL', {baseUrl: 'ftp://example.com'}],
		['a path for lastConversation', {lastConversation: '../../etc'}],
		['an upper-case lastConversation', {lastConversation: 'Notes'}],
		['a numeric model', {model: 4}],
		['an unknown key', {colour: 'blue'}],
	])('on settings: %s', (_, document) => {
		agree(settingsSchema, document);
	});

	it('refuses what is not an object, and keywords it does not know', () => {
		for (const value of [null, [], 'text', 3])
			expect(ourVerdict(conversationFileSchema, value)).toBe('schema violation: `` must be object');
		expect(() => compileSchema({type: 'string', format: 'email'} as JsonSchema)).toThrow(/"format" is not supported/);
	});
});

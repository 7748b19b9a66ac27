import fs from 'node:fs';
import path from 'node:path';
import {afterEach, beforeEach, describe, expect, it} from 'vitest';
import {StoreError} from '../../source/store/errors.js';
import {DEFAULT_BASE_URL, DEFAULT_MODEL, openSettings, resolveConfig} from '../../source/store/settings.js';
import {makeTempHome, mode, type TempHome} from './helpers.js';

let home: TempHome;
let configFile: string;
beforeEach(() => {
	home = makeTempHome();
	configFile = path.join(home.env.XDG_CONFIG_HOME, 'glm-tui', 'config.json');
});
afterEach(() => home.cleanup());

describe('openSettings', () => {
	it('stores settings in config.json, 0600 inside a 0700 directory', () => {
		const settings = openSettings(home.env);
		expect(settings.path).toBe(configFile);
		expect(mode(path.dirname(configFile))).toBe(0o700);
		expect(fs.existsSync(configFile)).toBe(false);

		settings.set('apiKey', 'id.secret');
		settings.set('model', 'glm-4.5-air');
		settings.set('temperature', 0.3);
		settings.set('thinking', 'disabled');
		expect(mode(configFile)).toBe(0o600);
		expect(openSettings(home.env).all()).toEqual({apiKey: 'id.secret', model: 'glm-4.5-air', temperature: 0.3, thinking: 'disabled'});
		expect(settings.get('model')).toBe('glm-4.5-air');

		settings.delete('model');
		settings.set('temperature', undefined);
		expect(settings.all()).toEqual({apiKey: 'id.secret', thinking: 'disabled'});
	});

	it('keeps model names with dots as whole keys', () => {
		const settings = openSettings(home.env);
		settings.set('model', 'glm-4.6');
		expect(JSON.parse(fs.readFileSync(configFile, 'utf8'))).toEqual({model: 'glm-4.6'});
	});

	it('tightens an existing config directory and file that others could read', () => {
		fs.mkdirSync(path.dirname(configFile), {recursive: true, mode: 0o755});
		fs.chmodSync(path.dirname(configFile), 0o755);
		fs.writeFileSync(configFile, '{"apiKey":"id.secret"}', {mode: 0o644});
		const settings = openSettings(home.env);
		expect(mode(path.dirname(configFile))).toBe(0o700);
		expect(mode(configFile)).toBe(0o600);
		expect(settings.get('apiKey')).toBe('id.secret');
	});

	it.each([
		['truncated JSON', '{"apiKey": "id.sec'],
		['wrong types', '{"temperature": "hot", "model": 4}'],
		['an empty file', ''],
	])('reports %s naming the file and leaves it untouched', (_, content) => {
		fs.mkdirSync(path.dirname(configFile), {recursive: true});
		fs.writeFileSync(configFile, content, {mode: 0o600});
		let error: unknown;
		try {
			openSettings(home.env);
		} catch (caught) {
			error = caught;
		}
		expect(error).toBeInstanceOf(StoreError);
		expect((error as StoreError).code).toBe('corrupt');
		expect((error as StoreError).message).toContain(configFile);
		expect(fs.readFileSync(configFile, 'utf8')).toBe(content);
		expect(fs.readdirSync(path.dirname(configFile))).toEqual(['config.json']);
	});

	it('never quotes the broken file in its message: it may hold the API key', () => {
		fs.mkdirSync(path.dirname(configFile), {recursive: true});
		for (const content of [
			'{"apiKey": "myid.topsecretvalue",}',
			'{"apiKey": "myid.topsecretvalue" "model": 1}',
			'{"apiKey": myid.topsecretvalue}',
			// V8 quotes the end of the text around some errors: `..."cr3t","t":NaN}" is not valid JSON`.
			'{"apiKey":"myid.topsecretvalue","t":NaN}',
			'{\n  "model": "glm-4.6",\n  "apiKey": "myid.topsecretvalue",\n  "t": tru\n}',
			'{"apiKey":"myid.topsecretvalue\u0001"}',
		]) {
			fs.writeFileSync(configFile, content, {mode: 0o600});
			let message = '';
			try {
				openSettings(home.env);
			} catch (caught) {
				message = (caught as Error).message;
			}
			expect(message).toContain(configFile);
			expect(message).not.toMatch(/topsecret|NaN|tru\b|\.\.\./);
		}
	});

	it('says where the JSON breaks, by line and column, never what is there', () => {
		fs.mkdirSync(path.dirname(configFile), {recursive: true});
		fs.writeFileSync(configFile, '{\n  "model": "glm-4.6",\n  "apiKey": "myid.topsecretvalue" x\n}', {mode: 0o600});
		expect(() => openSettings(home.env)).toThrow(`Settings file ${configFile} is not valid (not valid JSON at line 3, column 35).`);
	});

	it('refuses a value of the wrong type without touching the file', () => {
		const settings = openSettings(home.env);
		settings.set('model', 'glm-4.6');
		const before = fs.readFileSync(configFile, 'utf8');
		expect(() => settings.set('temperature', 7)).toThrow(expect.objectContaining({code: 'invalid-value'}));
		expect(() => settings.set('lastConversation', '../../etc')).toThrow(StoreError);
		expect(fs.readFileSync(configFile, 'utf8')).toBe(before);
	});
});

describe('resolveConfig', () => {
	it('takes the key from ZHIPUAI_API_KEY, then ZAI_API_KEY, then settings, and never writes it', () => {
		const settings = openSettings(home.env);
		settings.set('apiKey', 'stored.key');
		const both = {ZHIPUAI_API_KEY: 'zhipu.key', ZAI_API_KEY: 'zai.key'};
		expect(resolveConfig({env: both, settings})).toMatchObject({apiKey: 'zhipu.key', apiKeySource: 'env'});
		expect(resolveConfig({env: {ZAI_API_KEY: 'zai.key'}, settings})).toMatchObject({apiKey: 'zai.key', apiKeySource: 'env'});
		expect(resolveConfig({env: {ZHIPUAI_API_KEY: '  '}, settings})).toMatchObject({apiKey: 'stored.key', apiKeySource: 'settings'});
		expect(resolveConfig({env: {}, settings: {}})).toMatchObject({apiKey: undefined, apiKeySource: undefined});

		settings.set('model', 'glm-4.5');
		const file = fs.readFileSync(configFile, 'utf8');
		expect(file).not.toContain('zhipu.key');
		expect(file).not.toContain('zai.key');
		expect(JSON.parse(file)).toEqual({apiKey: 'stored.key', model: 'glm-4.5'});
	});

	it('takes the base URL from the flag, ZHIPUAI_BASE_URL, ZAI_BASE_URL, settings, then the default', () => {
		const stored = {baseUrl: 'https://stored.example/v4'};
		const env = {ZHIPUAI_BASE_URL: 'https://zhipu.example/v4', ZAI_BASE_URL: 'https://api.z.ai/api/paas/v4/'};
		expect(resolveConfig({flags: {baseUrl: 'https://flag.example/v4'}, env, settings: stored}).baseUrl).toBe('https://flag.example/v4');
		expect(resolveConfig({env, settings: stored}).baseUrl).toBe('https://zhipu.example/v4');
		expect(resolveConfig({env: {ZAI_BASE_URL: env.ZAI_BASE_URL}, settings: stored}).baseUrl).toBe('https://api.z.ai/api/paas/v4');
		expect(resolveConfig({env: {ZHIPUAI_BASE_URL: ''}, settings: stored}).baseUrl).toBe('https://stored.example/v4');
		expect(resolveConfig({env: {}, settings: {}}).baseUrl).toBe(DEFAULT_BASE_URL);
	});

	it('takes the model from the flag, then settings, then the default, and passes stored options on', () => {
		expect(resolveConfig({env: {}}).model).toBe(DEFAULT_MODEL);
		const stored = {model: 'glm-4.5-air', temperature: 0.2, thinking: 'enabled' as const, system: 'terse'};
		expect(resolveConfig({env: {}, settings: stored})).toMatchObject(stored);
		expect(resolveConfig({flags: {model: 'glm-5'}, env: {}, settings: stored}).model).toBe('glm-5');
	});
});

// Temporary XDG homes for store tests: every test gets its own, passed explicitly as an env object.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type {Message} from '../../source/domain/types.js';

export interface TempHome {
	root: string;
	env: {HOME: string; XDG_CONFIG_HOME: string; XDG_DATA_HOME: string};
	conversationsDir: string;
	indexFile: string;
	cleanup(): void;
}

export function makeTempHome(): TempHome {
	const root = fs.mkdtempSync(path.join(os.tmpdir(), 'glm-tui-store-'));
	const env = {HOME: root, XDG_CONFIG_HOME: path.join(root, 'config'), XDG_DATA_HOME: path.join(root, 'data')};
	return {
		root,
		env,
		conversationsDir: path.join(env.XDG_DATA_HOME, 'glm-tui', 'conversations'),
		indexFile: path.join(env.XDG_DATA_HOME, 'glm-tui', 'index.json'),
		cleanup: () => fs.rmSync(root, {recursive: true, force: true}),
	};
}

let clock = Date.parse('2026-01-01T00:00:00.000Z');

/** Messages with strictly increasing times, so merges have a defined order. */
export function message(id: string, overrides: Partial<Message> = {}): Message {
	clock += 1000;
	return {id, role: 'user', content: `content of ${id}`, state: 'complete', time: new Date(clock).toISOString(), ...overrides};
}

export function mode(file: string): number {
	return fs.statSync(file).mode & 0o777;
}

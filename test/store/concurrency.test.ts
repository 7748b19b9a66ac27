import {spawn, spawnSync} from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import {fileURLToPath} from 'node:url';
import {afterEach, beforeEach, describe, expect, it} from 'vitest';
import {openConversationStore} from '../../source/store/conversations.js';
import {StoreError} from '../../source/store/errors.js';
import {makeTempHome, message, type TempHome} from './helpers.js';

const writer = fileURLToPath(new URL('fixtures/append-writer.ts', import.meta.url));
const saver = fileURLToPath(new URL('fixtures/endless-saver.ts', import.meta.url));

let home: TempHome;
beforeEach(() => {
	home = makeTempHome();
});
afterEach(() => home.cleanup());

function run(args: string[]): Promise<{code: number | null; stderr: string}> {
	return new Promise((resolve, reject) => {
		const child = spawn(process.execPath, ['--import', 'tsx', writer, ...args], {stdio: ['ignore', 'ignore', 'pipe']});
		let stderr = '';
		child.stderr.on('data', (chunk: Buffer) => {
			stderr += chunk.toString();
		});
		child.on('error', reject);
		child.on('close', (code) => resolve({code, stderr}));
	});
}

describe('two processes', () => {
	it('each appending 50 messages to the same conversation at once: all 100 are kept', async () => {
		const store = openConversationStore({env: home.env});
		const {id} = store.create({name: 'Shared', model: 'glm-4.6'});
		const barrier = fs.mkdtempSync(path.join(home.root, 'barrier-'));
		const results = await Promise.all(['left', 'right'].map((tag) => run([home.env.XDG_DATA_HOME, id, tag, '50', barrier, '2'])));
		for (const result of results) expect(result).toEqual({code: 0, stderr: ''});

		const final = openConversationStore({env: home.env}).load(id);
		const ids = new Set(final.messages.map((each) => each.id));
		expect(final.messages).toHaveLength(100);
		for (let index = 0; index < 50; index++) {
			expect(ids.has(`left-${index}`)).toBe(true);
			expect(ids.has(`right-${index}`)).toBe(true);
		}
		expect(fs.readdirSync(home.conversationsDir)).toEqual([`${id}.json`]);
		// Evidence that the writers overlapped rather than ran one after the other.
		const tags = final.messages.map((each) => each.id.split('-')[0]);
		const switches = tags.filter((tag, index) => index > 0 && tag !== tags[index - 1]).length;
		expect(switches).toBeGreaterThan(2);
	}, 60_000);
});

describe('kill -9 in the middle of saving', () => {
	function killWhileSaving(id: string, tag: string, afterMs: number): Promise<void> {
		return new Promise((resolve, reject) => {
			const child = spawn(process.execPath, ['--import', 'tsx', saver, home.env.XDG_DATA_HOME, id, tag], {
				stdio: ['ignore', 'pipe', 'inherit'],
			});
			child.on('error', reject);
			child.stdout.once('data', () => setTimeout(() => child.kill('SIGKILL'), afterMs));
			child.on('exit', (_code, signal) =>
				signal === 'SIGKILL' ? resolve() : reject(new Error(`saver exited without being killed (${signal})`)),
			);
		});
	}

	it('leaves the old or the new file, never a broken one, and the next glm-tui carries on', async () => {
		const store = openConversationStore({env: home.env});
		const created = store.create({name: 'Crash', model: 'glm-4.6'});
		created.messages = Array.from({length: 2000}, (_, index) => message(`seed-${index}`, {content: 'y'.repeat(400)}));
		store.save(created);

		for (const [round, afterMs] of [150, 420].entries()) {
			await killWhileSaving(created.id, `round${round}`, afterMs);
			const file = path.join(home.conversationsDir, `${created.id}.json`);
			expect(() => JSON.parse(fs.readFileSync(file, 'utf8'))).not.toThrow();
			const next = openConversationStore({env: home.env, lock: {timeoutMs: 2000}});
			expect(next.problems()).toEqual([]);
			const loaded = next.load(created.id);
			expect(loaded.messages.length).toBeGreaterThan(2000);
			loaded.messages.push(message(`after-${round}`, {time: new Date().toISOString()}));
			expect(next.save(loaded).messages.at(-1)?.id).toBe(`after-${round}`);
		}
	}, 60_000);
});

describe('lock', () => {
	const lockFile = (id: string) => path.join(home.conversationsDir, `${id}.lock`);

	function deadPid(): number {
		const child = spawnSync(process.execPath, ['-e', 'process.stdout.write(String(process.pid))'], {encoding: 'utf8'});
		return Number(child.stdout);
	}

	it('takes over a lock left by a process that died mid-save', () => {
		const store = openConversationStore({env: home.env, lock: {timeoutMs: 2000}});
		const created = store.create({name: 'Crashed', model: 'glm-4.6'});
		fs.writeFileSync(lockFile(created.id), JSON.stringify({pid: deadPid(), host: os.hostname(), token: 'dead'}));
		created.messages.push(message('after-crash'));
		// Waiting would end in the lock's timeout error: a save that returns took the lock over.
		expect(store.save(created).messages).toHaveLength(1);
		expect(fs.existsSync(lockFile(created.id))).toBe(false);
	});

	it('takes over a lock this very process left behind (a save whose release failed) without waiting', () => {
		const store = openConversationStore({env: home.env, lock: {timeoutMs: 2000, staleMs: 10_000}});
		const created = store.create({name: 'Leftover', model: 'glm-4.6'});
		fs.writeFileSync(lockFile(created.id), JSON.stringify({pid: process.pid, host: os.hostname(), token: 'ours'}));
		created.messages.push(message('after-failed-release'));
		// Waiting would end in the lock's timeout error: a save that returns took the lock over.
		expect(store.save(created).messages).toHaveLength(1);
		expect(fs.existsSync(lockFile(created.id))).toBe(false);
	});

	it('waits for a live holder, gives up with a clear error, and breaks the lock once it is stale', () => {
		const store = openConversationStore({env: home.env, lock: {timeoutMs: 300, staleMs: 10_000}});
		const created = store.create({name: 'Busy', model: 'glm-4.6'});
		// A live process elsewhere: another host name, so only the age of the lock can free it.
		fs.writeFileSync(lockFile(created.id), JSON.stringify({pid: process.pid, host: 'elsewhere', token: 'live'}));
		let error: unknown;
		try {
			store.save(created);
		} catch (caught) {
			error = caught;
		}
		expect(error).toBeInstanceOf(StoreError);
		expect((error as StoreError).code).toBe('locked');

		const old = new Date(Date.now() - 60_000);
		fs.utimesSync(lockFile(created.id), old, old);
		created.messages.push(message('late'));
		expect(store.save(created).messages).toHaveLength(1);
		expect(fs.existsSync(lockFile(created.id))).toBe(false);
	});
});

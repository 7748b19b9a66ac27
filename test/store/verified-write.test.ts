// The write path with injected faults (short writes, ENOSPC, a failing fsync), everywhere, root or not: the
// real full disk is in full-disk.test.ts. A file is replaced only by a complete, fsynced copy.
import fs from 'node:fs';
import path from 'node:path';
import {afterEach, beforeEach, describe, expect, it, vi} from 'vitest';
import {writeFileVerified, writeNewFile} from '../../source/store/verified-write.js';
import {openConversationStore} from '../../source/store/conversations.js';
import {openSettings} from '../../source/store/settings.js';
import {describeFileError} from '../../source/store/errors.js';
import {rescueUnsaved} from '../../source/chat/rescue.js';
import {mulberry32} from '../support/random.js';
import {makeTempHome, message, type TempHome} from './helpers.js';

let home: TempHome;
beforeEach(() => {
	home = makeTempHome();
});
afterEach(() => {
	vi.restoreAllMocks();
	home.cleanup();
});

const enospc = () => Object.assign(new Error('ENOSPC: no space left on device, write'), {code: 'ENOSPC'});

/** write(2) as on a disk with `room` bytes left: short once it reaches the end, then ENOSPC. */
function diskWithRoom(room: number): {calls: number} {
	const real = fs.writeSync.bind(fs) as (fd: number, buffer: Uint8Array, offset: number, length: number) => number;
	const state = {calls: 0, left: room};
	vi.spyOn(fs, 'writeSync').mockImplementation(((fd: number, buffer: Uint8Array, offset: number, length: number) => {
		state.calls++;
		if (state.left <= 0) throw enospc();
		const count = real(fd, buffer, offset, Math.min(length, state.left));
		state.left -= count;
		return count;
	}) as unknown as typeof fs.writeSync);
	return state;
}

const files = () => fs.readdirSync(home.root).sort();

describe('writeFileVerified', () => {
	it('a short write followed by ENOSPC fails and leaves the old file and nothing else', () => {
		const file = path.join(home.root, 'a.json');
		fs.writeFileSync(file, '{"old": true}\n');
		const disk = diskWithRoom(10);
		expect(() => writeFileVerified(file, '{"new": "much longer than ten bytes"}\n')).toThrow(/ENOSPC/);
		expect(disk.calls).toBe(2);
		expect(fs.readFileSync(file, 'utf8')).toBe('{"old": true}\n');
		expect(files()).toEqual(['a.json']);
	});

	it('short writes that do go through are resumed where they stopped (random splits; the seed is in the failure message, TEST_SEED repeats it)', () => {
		const seed = Number(process.env['TEST_SEED'] ?? Date.now() % 100_000);
		const random = mulberry32(seed);
		const real = fs.writeSync.bind(fs) as (fd: number, buffer: Uint8Array, offset: number, length: number) => number;
		vi.spyOn(fs, 'writeSync').mockImplementation(((fd: number, buffer: Uint8Array, offset: number, length: number) =>
			real(fd, buffer, offset, Math.max(1, Math.floor(random() * Math.min(length, 64))))) as unknown as typeof fs.writeSync);
		const file = path.join(home.root, 'b.json');
		for (let round = 0; round < 20; round++) {
			const text = `{"text": "${'学习 notes 🎉 '.repeat(1 + Math.floor(random() * 40))}"}\n`;
			writeFileVerified(file, text);
			expect(fs.readFileSync(file, 'utf8'), `seed ${seed}, round ${round}`).toBe(text);
		}
		expect(files()).toEqual(['b.json']);
	});

	it('a write(2) that returns 0 is taken as a full disk, not as done', () => {
		const file = path.join(home.root, 'c.json');
		fs.writeFileSync(file, 'old');
		vi.spyOn(fs, 'writeSync').mockReturnValue(0);
		let failure: unknown;
		try {
			writeFileVerified(file, 'new content');
		} catch (error) {
			failure = error;
		}
		expect(describeFileError(failure)).toBe('the disk is full (ENOSPC)');
		expect(fs.readFileSync(file, 'utf8')).toBe('old');
		expect(files()).toEqual(['c.json']);
	});

	it('a failing fsync (EIO) or a file shorter than written keeps the old file', () => {
		const file = path.join(home.root, 'd.json');
		fs.writeFileSync(file, 'old');
		const fsync = vi.spyOn(fs, 'fsyncSync').mockImplementation(() => {
			throw Object.assign(new Error('EIO: i/o error, fsync'), {code: 'EIO'});
		});
		expect(() => writeFileVerified(file, 'new')).toThrow(/EIO/);
		fsync.mockRestore();
		const realFstat = fs.fstatSync.bind(fs);
		vi.spyOn(fs, 'fstatSync').mockImplementation(((fd: number) => ({...realFstat(fd), size: 1})) as typeof fs.fstatSync);
		expect(() => writeFileVerified(file, 'new')).toThrow(/short write/);
		expect(fs.readFileSync(file, 'utf8')).toBe('old');
		expect(files()).toEqual(['d.json']);
	});

	it('writeNewFile never replaces a file and removes its own partial copy', () => {
		const file = path.join(home.root, 'e.json');
		fs.writeFileSync(file, 'mine');
		expect(() => writeNewFile(file, 'other')).toThrow(/EEXIST/);
		expect(fs.readFileSync(file, 'utf8')).toBe('mine');
		diskWithRoom(3);
		expect(() => writeNewFile(path.join(home.root, 'f.json'), 'longer than three')).toThrow(/ENOSPC/);
		expect(files()).toEqual(['e.json']);
	});
});

describe('the stores on a disk that fills up mid-save (injected)', () => {
	it('a conversation save fails with "disk full", and the file, its index and a fresh start are intact', () => {
		const store = openConversationStore({env: home.env});
		const conversation = store.create({name: 'notes', model: 'glm-4.6'});
		conversation.messages.push(message('u1'), message('a1', {role: 'assistant'}));
		store.save(conversation);
		const file = path.join(home.conversationsDir, 'notes.json');
		const before = fs.readFileSync(file);
		const indexBefore = fs.readFileSync(home.indexFile);

		conversation.messages.push(message('u2', {content: '问题 '.repeat(5000)}));
		// Room for the lock, not for the conversation.
		diskWithRoom(before.length);
		let failure: unknown;
		try {
			store.save(conversation);
		} catch (error) {
			failure = error;
		}
		vi.restoreAllMocks();
		expect(describeFileError(failure)).toBe('the disk is full (ENOSPC)');
		expect(fs.readFileSync(file).equals(before)).toBe(true);
		expect(fs.readFileSync(home.indexFile).equals(indexBefore)).toBe(true);
		expect(fs.readdirSync(home.conversationsDir)).toEqual(['notes.json']);
		expect(
			openConversationStore({env: home.env})
				.load('notes')
				.messages.map((each) => each.id),
		).toEqual(['u1', 'a1']);
	});

	it('a lock that cannot be written whole is not left behind to block the next save', () => {
		const store = openConversationStore({env: home.env, lock: {timeoutMs: 200}});
		const conversation = store.create({name: 'notes', model: 'glm-4.6'});
		diskWithRoom(5);
		expect(() => store.save({...conversation, messages: [message('u1')]})).toThrow(/ENOSPC/);
		vi.restoreAllMocks();
		expect(fs.readdirSync(home.conversationsDir)).toEqual(['notes.json']);
		expect(store.save({...conversation, messages: [message('u1')]}).messages).toHaveLength(1);
	});

	it('config.json keeps its settings when a change does not fit', () => {
		const settings = openSettings(home.env);
		settings.set('apiKey', 'abc.def');
		const before = fs.readFileSync(settings.path);
		diskWithRoom(20);
		expect(() => settings.set('system', 'a long system prompt '.repeat(100))).toThrow(/ENOSPC/);
		vi.restoreAllMocks();
		expect(fs.readFileSync(settings.path).equals(before)).toBe(true);
		expect(fs.readdirSync(path.dirname(settings.path))).toEqual(['config.json']);
	});

	it('a rescue copy that does not fit is not left half-written, and the newest message is printed instead', () => {
		const conversation = {
			id: 'notes',
			name: 'notes',
			model: 'glm-4.6',
			createdAt: '2026-01-01T00:00:00Z',
			updatedAt: '2026-01-01T00:00:00Z',
			messages: [message('u1', {content: 'the words to keep'})],
		};
		diskWithRoom(10);
		const [line] = rescueUnsaved([{conversation, reason: 'the disk is full (ENOSPC)'}], home.root);
		vi.restoreAllMocks();
		expect(line).toMatch(/nor a copy in .*the disk is full \(ENOSPC\)/);
		expect(line).toContain('the words to keep');
		expect(files()).toEqual(['config', 'data'].filter((name) => fs.existsSync(path.join(home.root, name))));
	});
});

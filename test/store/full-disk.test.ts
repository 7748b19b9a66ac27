// A full disk on a real (small) tmpfs: a save that does not fit must leave the old file whole, say "disk full",
// and leave no half-written file anywhere; start-up on a full disk must still read everything.
import fs from 'node:fs';
import path from 'node:path';
import {afterAll, afterEach, beforeAll, describe, expect, it} from 'vitest';
import {openConversationStore} from '../../source/store/conversations.js';
import {openSettings} from '../../source/store/settings.js';
import {describeFileError} from '../../source/store/errors.js';
import {mountRefused, mountSmallDisk, warnSkipped, type SmallDisk} from '../support/mounts.js';
import {message} from './helpers.js';

const refused = mountRefused();
if (refused) warnSkipped('full-disk tests on a real tmpfs (test/store/full-disk.test.ts)', refused);

describe.skipIf(refused !== undefined)(`a full disk (real tmpfs)${refused ? ` — SKIPPED: ${refused}` : ''}`, () => {
	let disk: SmallDisk;
	let env: {HOME: string; XDG_CONFIG_HOME: string; XDG_DATA_HOME: string};
	beforeAll(() => {
		disk = mountSmallDisk(512 * 1024);
	});
	afterAll(() => disk?.unmount());
	afterEach(() => {
		disk.free();
		for (const name of fs.readdirSync(disk.dir)) fs.rmSync(path.join(disk.dir, name), {recursive: true, force: true});
	});
	const setUp = () => {
		env = {HOME: disk.dir, XDG_CONFIG_HOME: path.join(disk.dir, 'config'), XDG_DATA_HOME: path.join(disk.dir, 'data')};
		return env;
	};
	const conversationsDir = () => path.join(env.XDG_DATA_HOME, 'glm-tui', 'conversations');
	const leftovers = () => fs.readdirSync(conversationsDir()).filter((name) => !/^[a-z0-9-]+\.json$/.test(name));

	it('a save that does not fit fails with "disk full" and the file keeps its last good content', () => {
		const store = openConversationStore({env: setUp()});
		const conversation = store.create({name: 'notes', model: 'glm-4.6'});
		conversation.messages.push(
			message('u1', {content: '第一个问题 '.repeat(200)}),
			message('a1', {role: 'assistant', content: 'answer '.repeat(300)}),
		);
		store.save(conversation);
		const file = path.join(conversationsDir(), 'notes.json');
		const before = fs.readFileSync(file);
		const indexBefore = fs.readFileSync(path.join(env.XDG_DATA_HOME, 'glm-tui', 'index.json'));

		disk.fill(8 * 1024);
		conversation.messages.push(message('u2', {content: '很长的问题 '.repeat(20_000)}));
		let failure: unknown;
		try {
			store.save(conversation);
		} catch (error) {
			failure = error;
		}
		expect(failure, 'the save must fail, not pretend').toBeDefined();
		expect(describeFileError(failure)).toBe('the disk is full (ENOSPC)');
		expect(fs.readFileSync(file).equals(before)).toBe(true);
		expect(JSON.parse(fs.readFileSync(path.join(env.XDG_DATA_HOME, 'glm-tui', 'index.json'), 'utf8'))).toEqual(
			JSON.parse(indexBefore.toString()),
		);
		expect(leftovers()).toEqual([]);

		// Start-up on the full disk reads everything, and nothing was lost.
		const again = openConversationStore({env});
		expect(again.list().map((each) => each.id)).toEqual(['notes']);
		expect(again.load('notes').messages.map((each) => each.id)).toEqual(['u1', 'a1']);
		expect(again.problems()).toEqual([]);
		expect(leftovers()).toEqual([]);

		// Space again: the same save goes through.
		disk.free();
		store.save(conversation);
		expect(
			openConversationStore({env})
				.load('notes')
				.messages.map((each) => each.id),
		).toEqual(['u1', 'a1', 'u2']);
	});

	it('start-up on a completely full disk lists and loads, and a new conversation fails with a reason instead of a crash', () => {
		const store = openConversationStore({env: setUp()});
		const conversation = store.create({name: 'notes', model: 'glm-4.6'});
		conversation.messages.push(message('u1'));
		store.save(conversation);
		// A file changed behind the index's back forces start-up to read it (and take its lock).
		fs.appendFileSync(path.join(conversationsDir(), 'notes.json'), '\n');
		disk.fill(0);

		const opened = openConversationStore({env});
		expect(opened.list().map((each) => each.id)).toEqual(['notes']);
		expect(opened.load('notes').messages.map((each) => each.id)).toEqual(['u1']);
		expect(() => opened.create({name: 'more', model: 'glm-4.6'})).toThrow(/disk is full/);
		expect(leftovers()).toEqual([]);
	});

	it('config.json is never cut short: a setting that does not fit fails and the file stays as it was', () => {
		setUp();
		const settings = openSettings(env);
		settings.set('model', 'glm-4.5-air');
		settings.set('apiKey', 'abc.def');
		const before = fs.readFileSync(settings.path);
		disk.fill(8 * 1024);
		expect(() => settings.set('system', '系统提示 '.repeat(50_000))).toThrow(/ENOSPC/);
		expect(fs.readFileSync(settings.path).equals(before)).toBe(true);
		expect(openSettings(env).all()).toEqual({model: 'glm-4.5-air', apiKey: 'abc.def'});
		expect(fs.readdirSync(path.dirname(settings.path))).toEqual(['config.json']);
	});
});

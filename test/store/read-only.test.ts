// A data folder that cannot be written: the store opens, lists and loads everything, says why it cannot
// write, refuses each change in words, and changes nothing on disk. Once on a real read-only bind mount
// (root), once with EROFS injected into every write (anyone).
import fs from 'node:fs';
import path from 'node:path';
import {afterEach, beforeEach, describe, expect, it, vi} from 'vitest';
import {openConversationStore} from '../../source/store/conversations.js';
import {openSettings} from '../../source/store/settings.js';
import {StoreError, describeFileError} from '../../source/store/errors.js';
import {makeReadOnly, mountRefused, warnSkipped} from '../support/mounts.js';
import {makeTempHome, message, type TempHome} from './helpers.js';

let home: TempHome;
let undo: (() => void) | undefined;
beforeEach(() => {
	home = makeTempHome();
});
afterEach(() => {
	vi.restoreAllMocks();
	undo?.();
	undo = undefined;
	home.cleanup();
});

/** Two conversations, one changed behind the index's back (start-up must read it), one corrupt file. */
function seed(): void {
	const store = openConversationStore({env: home.env});
	const notes = store.create({name: 'notes', model: 'glm-4.6'});
	store.save({...notes, messages: [message('u1', {content: '读取 only'}), message('a1', {role: 'assistant'})]});
	const other = store.create({name: 'other', model: 'glm-4.6'});
	store.save({...other, messages: [message('u2')]});
	fs.appendFileSync(path.join(home.conversationsDir, 'other.json'), '\n');
	fs.writeFileSync(path.join(home.conversationsDir, 'broken.json'), '{"id": "broken", "na');
	const settings = openSettings(home.env);
	settings.set('lastConversation', 'notes');
}

/** Every file under the home, with its content: a read-only folder must come out byte for byte the same. */
function snapshot(): Record<string, string> {
	const result: Record<string, string> = {};
	const walk = (dir: string) => {
		for (const entry of fs.readdirSync(dir, {withFileTypes: true})) {
			const full = path.join(dir, entry.name);
			if (entry.isDirectory()) walk(full);
			else result[path.relative(home.root, full)] = fs.readFileSync(full, 'base64');
		}
	};
	walk(home.root);
	return result;
}

function caught(run: () => unknown): unknown {
	try {
		run();
	} catch (error) {
		return error;
	}
	throw new Error('expected an error');
}

function checkReadOnlyBehaviour(reason: string): void {
	const before = snapshot();
	const problems: string[] = [];
	const store = openConversationStore({env: home.env, onProblem: (problem) => problems.push(String(problem))});
	expect(store.unwritable).toBe(reason);
	expect(
		store
			.list()
			.map((each) => each.id)
			.sort(),
	).toEqual(['notes', 'other']);
	expect(store.load('notes').messages.map((each) => each.content)[0]).toBe('读取 only');
	expect(store.load('other').messages.map((each) => each.id)).toEqual(['u2']);
	// The corrupt file is reported, and left where it is (it cannot be moved aside).
	expect(problems).toEqual([
		expect.stringMatching(
			/^Conversation "broken" could not be read \(.*\)\. It was left as it is: it could not be moved aside \(the file system is read-only \(EROFS\)\)\.$/,
		),
	]);

	const notes = store.load('notes');
	const saveFailure = caught(() => store.save({...notes, messages: [...notes.messages, message('u3')]}));
	expect(describeFileError(saveFailure)).toBe('the file system is read-only (EROFS)');
	for (const [run, text] of [
		[() => store.create({name: 'new one', model: 'glm-4.6'}), 'Cannot create a conversation: the file system is read-only (EROFS).'],
		[() => store.rename('notes', 'renamed'), 'Cannot rename this conversation: the file system is read-only (EROFS).'],
		[() => store.remove('notes'), 'Cannot delete this conversation: the file system is read-only (EROFS).'],
	] as const) {
		const error = caught(run);
		expect(error).toBeInstanceOf(StoreError);
		expect(error).toMatchObject({code: 'unwritable', message: text});
	}
	const settings = openSettings(home.env);
	expect(settings.get('lastConversation')).toBe('notes');
	expect(() => settings.set('lastConversation', 'other')).toThrow(/EROFS/);
	expect(snapshot()).toEqual(before);
}

const refused = mountRefused();
if (refused) warnSkipped('read-only tests on a real read-only bind mount (test/store/read-only.test.ts)', refused);

describe('a read-only data folder', () => {
	it.skipIf(refused !== undefined)(`on a real read-only bind mount${refused ? ` — SKIPPED: ${refused}` : ''}`, () => {
		seed();
		undo = makeReadOnly(home.root).undo;
		expect(() => fs.writeFileSync(path.join(home.root, 'probe'), '')).toThrow(/EROFS/);
		checkReadOnlyBehaviour('the file system is read-only (EROFS)');
	});

	it('with EROFS injected into every write under the home', () => {
		seed();
		const inside = (target: unknown) => typeof target === 'string' && path.resolve(target).startsWith(home.root + path.sep);
		const erofs = (target: unknown) =>
			Object.assign(new Error(`EROFS: read-only file system, '${String(target)}'`), {code: 'EROFS', path: target});
		const guard = <K extends keyof typeof fs>(name: K, isWrite: (...args: any[]) => boolean) => {
			const real = (fs[name] as (...args: any[]) => unknown).bind(fs);
			vi.spyOn(fs, name as any).mockImplementation(((...args: any[]) => {
				if (inside(args[0]) && isWrite(...args)) throw erofs(args[0]);
				return real(...args);
			}) as any);
		};
		const always = () => true;
		guard('openSync', (_file, flags = 'r') => flags !== 'r');
		guard('writeFileSync', always);
		guard('appendFileSync', always);
		guard('renameSync', always);
		guard('rmSync', always);
		guard('unlinkSync', always);
		guard('chmodSync', always);
		guard('mkdirSync', (dir) => !fs.existsSync(dir as string));
		guard('accessSync', (_file, mode = 0) => (mode & fs.constants.W_OK) !== 0);
		checkReadOnlyBehaviour('the file system is read-only (EROFS)');
	});

	it('that does not exist yet, on a read-only disk: the store opens empty instead of crashing', () => {
		const erofs = () => Object.assign(new Error('EROFS: read-only file system, mkdir'), {code: 'EROFS'});
		vi.spyOn(fs, 'mkdirSync').mockImplementation(() => {
			throw erofs();
		});
		const store = openConversationStore({env: home.env});
		expect(store.unwritable).toBe('the file system is read-only (EROFS)');
		expect(store.list()).toEqual([]);
		expect(() => store.create({name: 'x', model: 'glm-4.6'})).toThrow(/Cannot create a conversation/);
	});
});

describe('settings on a disk that cannot be written', () => {
	it('open with nothing stored when the config folder cannot even be made, and a change says why', () => {
		vi.spyOn(fs, 'mkdirSync').mockImplementation(() => {
			throw Object.assign(new Error('EROFS: read-only file system, mkdir'), {code: 'EROFS'});
		});
		const settings = openSettings(home.env);
		expect(settings.all()).toEqual({});
		expect(describeFileError(caught(() => settings.set('model', 'glm-4.5-air')))).toBe('the file system is read-only (EROFS)');
	});
});

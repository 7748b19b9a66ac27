// A full disk and a read-only data folder, as a person meets them in the chat: real mounts (a small tmpfs, a
// read-only bind mount), so root only; skipped loudly otherwise (the store tests inject the same faults).
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import {afterEach, describe, expect, it} from 'vitest';
import {
	composerRowIndex,
	conversationsDir,
	keys,
	readConversations,
	seedConversation,
	statusLine,
	until,
	useHarness,
} from '../support/screen-kit.js';
import {makeReadOnly, mountRefused, mountSmallDisk, warnSkipped, type SmallDisk} from '../support/mounts.js';

const refused = mountRefused();
if (refused) warnSkipped('full-disk and read-only screen tests (test/screen/disk-faults.test.ts)', refused);

const h = useHarness();
const ready = (s: string) => /\bready\b/.test(statusLine(s.split('\n')));
const oneLine = (screen: string) => screen.replace(/\s+/g, ' ');

describe.skipIf(refused !== undefined)(`disk faults in the chat${refused ? ` — SKIPPED: ${refused}` : ''}`, () => {
	const cleanups: Array<() => void> = [];
	afterEach(() => {
		for (const cleanup of cleanups.splice(0).reverse()) cleanup();
	});

	it('a full disk: the answer that cannot be saved is said, kept, rescued on quit; the file stays whole; the next start reads it', async () => {
		const home = h.home();
		const data = path.join(home, '.local', 'share');
		fs.mkdirSync(data, {recursive: true});
		const disk: SmallDisk = mountSmallDisk(256 * 1024);
		// The tmpfs is mounted as the data folder itself.
		fs.rmSync(data, {recursive: true});
		fs.symlinkSync(disk.dir, data);
		cleanups.push(() => disk.unmount());
		const rescueDir = fs.mkdtempSync(path.join(os.tmpdir(), 'glm-tui-rescue-'));
		cleanups.push(() => fs.rmSync(rescueDir, {recursive: true, force: true}));

		const {app, server} = await h.chat({home, env: {TMPDIR: rescueDir}});
		// Slow enough (about 3 s) that the disk is full long before the answer ends and is saved.
		const reply = `写满了磁盘 the answer that did not fit${' and more'.repeat(10)}`;
		server.enqueue({reply, tokensPerSecond: 10});
		await app.type('fill the disk please');
		app.write(keys.enter);
		await app.waitFor((s) => s.includes('写满了'), 8_000);
		await until(() => readConversations(home)[0]?.messages.length === 1, 'the question saved');
		disk.fill(0);
		const said = await app.waitFor((s) => ready(s) && /Could not save/.test(s), 15_000);
		// The conversation is named after its first question (saved before the disk filled).
		expect(oneLine(said)).toMatch(/Could not save "(chat|fill the disk please)": the disk is full \(ENOSPC\)\./);
		expect(said).toContain('the answer that did not fit');
		// The file holds what was saved before, whole.
		const file = path.join(conversationsDir(home), 'chat.json');
		expect(JSON.parse(fs.readFileSync(file, 'utf8')).messages.map((m: {content: string}) => m.content)).toEqual(['fill the disk please']);
		expect(fs.readdirSync(conversationsDir(home))).toEqual(['chat.json']);

		// A new question cannot be saved either: refused, kept in the composer, not sent.
		await app.type('one more');
		app.write(keys.enter);
		const refusedSend = await app.waitFor((s) => /The message was not sent/.test(s));
		expect(refusedSend.split('\n')[composerRowIndex(refusedSend.split('\n'))]).toContain('one more');
		expect(server.requests).toHaveLength(1);

		app.write(keys.ctrlU);
		app.write(keys.ctrlD);
		expect(await app.exited).toBe(1);
		const rescued = fs.readdirSync(rescueDir).filter((name) => name.startsWith('glm-tui-rescue-chat-'));
		expect(rescued).toHaveLength(1);
		const copy = JSON.parse(fs.readFileSync(path.join(rescueDir, rescued[0]!), 'utf8'));
		expect(copy.messages.map((m: {content: string}) => m.content)).toEqual(['fill the disk please', reply]);
		expect(oneLine(app.text())).toMatch(
			/glm-tui: could not save "(chat|fill the disk please)": the disk is full \(ENOSPC\)\. A copy is in/,
		);

		// Start again on the still-full disk: no crash, the conversation is there, the reason is said.
		const again = await h.app({home, server, env: {TMPDIR: rescueDir}});
		const shown = await again.waitFor((s) => /read-only/.test(statusLine(s.split('\n'))) && s.includes('fill the disk please'), 15_000);
		expect(oneLine(shown)).toMatch(/Read-only: cannot save in .*: the disk is full \(ENOSPC\)\./);
		again.write(keys.ctrlD);
		expect(await again.exited).toBe(0);
	});

	it('a read-only data folder: it starts with a warning, shows the conversations, and refuses only what must write', async () => {
		const home = h.home();
		seedConversation(home, {name: 'notes', count: 4});
		const data = path.join(home, '.local', 'share');
		const readOnly = makeReadOnly(data);
		cleanups.push(() => readOnly.undo());
		const before = JSON.stringify(
			fs.readdirSync(conversationsDir(home)).map((name) => [name, fs.readFileSync(path.join(conversationsDir(home), name), 'utf8')]),
		);

		const {app, server} = await h.chat({home, ready: /read-only/});
		const start = await app.waitFor((s) => s.includes('question 2') && /Read-only/.test(s));
		expect(oneLine(start)).toMatch(/Read-only: cannot save in .*: the file system is read-only \(EROFS\)\. Conversations can be read;/);
		// Said for as long as it lasts, in the status line, after the notice has gone with the first key.
		expect(statusLine(start.split('\n'))).toMatch(/1:notes .*read-only/);

		await app.type('a question that cannot be kept');
		app.write(keys.enter);
		const refusedSend = await app.waitFor((s) => /The message was not sent/.test(s));
		expect(oneLine(refusedSend)).toContain(
			'Could not save "notes": the file system is read-only (EROFS). The message was not sent; it is still in the input.',
		);
		expect(refusedSend.split('\n')[composerRowIndex(refusedSend.split('\n'))]).toContain('a question that cannot be kept');
		expect(server.requests).toHaveLength(0);
		app.write(keys.ctrlU);

		await app.type('/new other');
		app.write(keys.enter);
		expect(oneLine(await app.waitFor(/Cannot create/))).toContain('Cannot create a conversation: the file system is read-only (EROFS).');
		// A command that fails keeps its text in the composer.
		app.write(keys.ctrlU);
		await app.settle(100);
		await app.type('/rename renamed');
		app.write(keys.enter);
		expect(oneLine(await app.waitFor(/Cannot rename/))).toContain('Cannot rename this conversation: the file system is read-only (EROFS).');
		app.write(keys.ctrlU);
		await app.settle(100);
		app.write('\u000F'); // Ctrl+O
		await app.waitFor(/Ctrl\+X delete/);
		app.write('\u0018'); // Ctrl+X
		await app.waitFor(/y deletes/);
		app.write('y');
		expect(oneLine(await app.waitFor(/Cannot delete/))).toContain('Cannot delete this conversation: the file system is read-only (EROFS).');
		expect(app.text()).not.toMatch(/Deleted "/);
		app.write(keys.esc);
		await app.settle(200);
		// The next key clears the notice; the status line still says it.
		app.write('x');
		await app.waitFor((s) => /1:notes .*read-only/.test(statusLine(s.split('\n'))));
		app.write(keys.ctrlU);
		await app.settle(200);

		// Nothing new to keep: quitting is clean, and the folder is as it was.
		app.write(keys.ctrlD);
		expect(await app.exited).toBe(0);
		expect(
			JSON.stringify(
				fs.readdirSync(conversationsDir(home)).map((name) => [name, fs.readFileSync(path.join(conversationsDir(home), name), 'utf8')]),
			),
		).toBe(before);
	});
});

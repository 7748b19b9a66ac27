// The shell commands on a read-only HOME (a real read-only bind mount; root only, skipped loudly otherwise):
// what only reads works, what must write says why in one line.
import fs from 'node:fs';
import path from 'node:path';
import {afterEach, beforeAll, afterAll, describe, expect, it} from 'vitest';
import {startGlmServer, type GlmServer} from './support/glm-server.js';
import {cliHome, runCli, type CliHome} from './support/cli.js';
import {makeReadOnly, mountRefused, warnSkipped} from './support/mounts.js';
import {openConversationStore} from '../source/store/conversations.js';
import {openSettings} from '../source/store/settings.js';

const refused = mountRefused();
if (refused) warnSkipped('glm-tui list/export/import/-p on a read-only HOME (test/read-only-cli.test.ts)', refused);

describe.skipIf(refused !== undefined)(`glm-tui on a read-only HOME${refused ? ` — SKIPPED: ${refused}` : ''}`, () => {
	let server: GlmServer;
	let home: CliHome;
	let undo: (() => void) | undefined;
	beforeAll(async () => {
		server = await startGlmServer();
	});
	afterAll(async () => server.close());
	afterEach(() => {
		undo?.();
		undo = undefined;
		home.remove();
	});

	const readOnlyHome = () => {
		home = cliHome();
		const store = openConversationStore({env: home.env});
		const notes = store.create({name: '学习 notes', model: 'glm-4.6'});
		const time = '2026-01-01T00:00:00.000Z';
		store.save({
			...notes,
			messages: [
				{id: 'u1', role: 'user', content: 'what is CAP?', state: 'complete', time},
				{id: 'a1', role: 'assistant', content: 'Consistency, availability, partition tolerance.', state: 'complete', time},
			],
		});
		// Changed behind the index's back: listing must read it, which used to need its lock file.
		fs.appendFileSync(path.join(home.dataDir, 'conversations', `${notes.id}.json`), '\n');
		openSettings(home.env).set('model', 'glm-4.5-air');
		undo = makeReadOnly(home.home).undo;
		return home;
	};
	const run = (args: string[], stdin?: string) =>
		runCli(args, {
			cwd: '/',
			env: {...home.env, ZHIPUAI_BASE_URL: server.baseUrl, ZHIPUAI_API_KEY: server.key},
			...(stdin === undefined ? {} : {stdin}),
		});

	it('list and export read it; import says why it cannot, in one line', async () => {
		readOnlyHome();
		const list = await run(['list']);
		expect(list.stderr).toBe('');
		expect(list.stdout).toMatch(/^ {2}1 {2}学习 notes {2}\(notes, 2 messages, /);
		expect(list.code).toBe(0);

		const exported = await run(['export', 'notes']);
		expect(exported.stderr).toBe('');
		expect(exported.stdout).toContain('Consistency, availability, partition tolerance.');
		expect(exported.code).toBe(0);

		const source = path.join(fs.mkdtempSync('/tmp/glm-tui-import-'), 'more.json');
		fs.writeFileSync(source, JSON.stringify([{role: 'user', content: 'hi'}]));
		const imported = await run(['import', source]);
		expect(imported.stderr).toBe(`glm-tui: ${source}: Cannot import the conversation: the file system is read-only (EROFS).\n`);
		expect(imported.code).not.toBe(0);
		fs.rmSync(path.dirname(source), {recursive: true, force: true});
	});

	it('-p still answers; with -c or --new it says on stderr that the turn cannot be saved', async () => {
		readOnlyHome();
		const answer = await run(['-p', 'still there?']);
		expect(answer.stdout).toContain('«still there?»');
		expect(answer.stderr).toBe('');
		expect(answer.code).toBe(0);
		expect(server.requests.at(-1)?.body).toMatchObject({model: 'glm-4.5-air'});

		const inside = await run(['-c', 'notes', '-p', 'and partition?']);
		expect(inside.stdout).toContain('«and partition?»');
		expect(inside.stderr).toBe(
			'glm-tui: the question could not be saved into "学习 notes": the file system is read-only (EROFS); asking anyway.\n' +
				'glm-tui: the answer could not be saved into "学习 notes": the file system is read-only (EROFS)\n',
		);
		expect(inside.code).toBe(0);
		// Asked with the conversation's history.
		expect(JSON.stringify(server.requests.at(-1)?.body.messages)).toContain('what is CAP?');

		const fresh = await run(['--new', 'later', '-p', 'a new one']);
		expect(fresh.stdout).toContain('«a new one»');
		expect(fresh.stderr).toMatch(/^glm-tui: "later" could not be created: the file system is read-only \(EROFS\); asking anyway\.\n/);
		expect(fresh.code).toBe(0);
	});
});

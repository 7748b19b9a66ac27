// Files from the server in a question: `@path` with Tab completion and `/file`, sent fenced before the question,
// shown as one line each, saved with the question (a restart shows them), refused with a reason and nothing lost.
import fs from 'node:fs';
import path from 'node:path';
import {describe, expect, it} from 'vitest';
import {keys, statusLine, storedMessages, useHarness} from '../support/screen-kit.js';

const h = useHarness();
const ready = (s: string) => /\bready\b/.test(statusLine(s.split('\n')));
const lastUser = (body: {messages: Array<{role: string; content: string}>}) =>
	body.messages.filter((m) => m.role === 'user').at(-1)!.content;

describe('attaching files', () => {
	it('@path completes with Tab, goes fenced with the question, shows as a line, and is there after a restart', async () => {
		const home = h.home();
		fs.mkdirSync(path.join(home, 'logs'));
		fs.writeFileSync(path.join(home, 'logs', 'app.log'), 'ERROR db timeout\nINFO retry\n');
		fs.writeFileSync(path.join(home, 'logs', 'api.log'), 'x\n');
		const {server, app, env} = await h.chat({home, columns: 80, rows: 24});
		server.enqueue({reply: 'Looks like the database.'});
		await app.type('why @lo');
		app.write('\t');
		await app.waitFor(/why @logs\/\s/);
		await app.type('app');
		app.write('\t');
		await app.waitFor(/why @logs\/app\.log/);
		await app.type('fail?');
		app.write(keys.enter);
		await app.waitFor((s) => ready(s) && s.includes('📎 logs/app.log · 28 B · 2 lines'));
		expect(lastUser(server.requests.at(-1)!.body)).toBe(
			'logs/app.log:\n```log\nERROR db timeout\nINFO retry\n```\n\nwhy @logs/app.log fail?',
		);
		// The file's text is on disk with the question, not on screen.
		expect(app.text()).not.toContain('ERROR db timeout');
		expect(storedMessages(home).find((m) => m.role === 'user')?.attachments).toEqual([
			{name: 'logs/app.log', text: 'ERROR db timeout\nINFO retry\n', bytes: 28, lines: 2},
		]);
		app.kill();
		await app.exited;
		const again = await h.app({home, env, columns: 80, rows: 24});
		await again.waitFor('📎 logs/app.log · 28 B · 2 lines');
	});

	it('a path that cannot be read stops the question with the reason, its text kept; /file waits for the next question', async () => {
		const home = h.home();
		fs.writeFileSync(path.join(home, 'notes.md'), '# notes\n');
		const {server, app} = await h.chat({home, columns: 80, rows: 24});
		await app.type('look at @logs/missing.log please');
		app.write(keys.enter);
		await app.waitFor('Cannot read logs/missing.log: no such file.');
		expect(server.requests).toHaveLength(0);
		expect(app.text()).toContain('look at @logs/missing.log please');
		app.write(keys.ctrlU);
		await app.type('/file notes.md');
		app.write(keys.enter);
		await app.waitFor('For the next question: notes.md · 8 B · 1 line. /file clear drops them.');
		await app.type('summarize');
		app.write(keys.enter);
		await app.waitFor((s) => ready(s) && s.includes('📎 notes.md · 8 B · 1 line'));
		expect(lastUser(server.requests.at(-1)!.body)).toBe('notes.md:\n```md\n# notes\n```\n\nsummarize');
		// Sent once: the next question goes without it.
		await app.type('/file');
		app.write(keys.enter);
		await app.waitFor('No files wait for the next question.');
	});
});

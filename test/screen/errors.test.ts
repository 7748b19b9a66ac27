// Errors a person can act on: a clear message in the transcript, a visible retry countdown, and an app that
// keeps working afterwards.
import {describe, expect, it} from 'vitest';
import fs from 'node:fs';
import {
	chatLayoutProblems,
	composerRowIndex,
	conversationsDir,
	keys,
	statusLine,
	storedMessages,
	until,
	useHarness,
} from '../support/screen-kit.js';

const h = useHarness();

const ready = (s: string) => /\bready\b/.test(statusLine(s.split('\n')));

describe('errors', () => {
	it('1113 (no balance) shows a clear message in the transcript and the app stays usable', async () => {
		const {server, app, home} = await h.chat();
		server.enqueue({code: '1113'});
		await app.type('are you there');
		app.write(keys.enter);
		const shown = await app.waitFor((s) => ready(s) && /balance/i.test(s));
		expect(shown).toMatch(/no balance left/);
		expect(shown).toMatch(/Top up/);
		expect(shown).toContain('are you there');
		// In the transcript (above the separator), under the question, not only in the status line.
		const rows = shown.split('\n');
		const above = rows
			.slice(
				0,
				rows.findIndex((line) => /^─+$/.test(line)),
			)
			.join('\n');
		expect(above).toMatch(/✖.*no balance left/);
		// Not retried: a balance problem does not go away by asking again.
		await app.settle(300);
		expect(server.requests).toHaveLength(1);
		await until(() => storedMessages(home).find((m) => m.role === 'assistant' && m.state === 'failed'), 'the failed answer saved');

		server.enqueue({reply: '充值成功 topped up'});
		await app.type('again');
		app.write(keys.enter);
		await app.waitFor((s) => ready(s) && s.includes('充值成功 topped up'));
		expect(server.requests).toHaveLength(2);
	});

	it('1305 (overloaded) is retried with a countdown in the status line, then the answer arrives', async () => {
		const {server, app} = await h.chat();
		server.enqueue({code: '1305', headers: {'retry-after': '3'}}, {reply: '重试成功 retried fine'});
		await app.type('busy?');
		app.write(keys.enter);
		const first = await app.waitFor((s) => /retry 1 in \d+s/.test(statusLine(s.split('\n'))));
		const seconds = Number(/retry 1 in (\d+)s/.exec(statusLine(first.split('\n')))![1]);
		expect(seconds).toBeGreaterThanOrEqual(1);
		expect(seconds).toBeLessThanOrEqual(3);
		// It counts down.
		if (seconds > 1) await app.waitFor((s) => new RegExp(`retry 1 in ${seconds - 1}s`).test(statusLine(s.split('\n'))), 3_000);
		await app.waitFor((s) => ready(s) && s.includes('重试成功 retried fine'), 8_000);
		expect(server.requests).toHaveLength(2);
		expect(app.text()).not.toMatch(/retry \d in/);
	});

	it('a question that cannot be saved is not sent, stays in the composer, and is sent once the disk is back', async () => {
		const {server, app, home} = await h.chat();
		server.enqueue({reply: 'first answer'});
		await app.type('first question');
		app.write(keys.enter);
		await app.waitFor((s) => ready(s) && s.includes('first answer'));
		await until(() => storedMessages(home).some((m) => m.content === 'first answer'), 'the first answer saved');
		// The conversations folder becomes a file: every save fails (root ignores permissions, so not chmod).
		const dir = conversationsDir(home);
		fs.renameSync(dir, `${dir}.away`);
		fs.writeFileSync(dir, '');
		await app.type('second question');
		app.write(keys.enter);
		const refused = await app.waitFor((s) => /Could not save/.test(s));
		const rows = refused.split('\n');
		expect(rows[composerRowIndex(rows)]).toContain('second question');
		// Read whole, on rows of its own above an intact status line, not cut in the middle.
		expect(rows.join(' ').replace(/\s+/g, ' ')).toContain(
			'Could not save "first question": part of the path is a file, not a folder (ENOTDIR). The message was not sent; it is still in the input.',
		);
		// Named after its first question, which was saved; its number only while the folder can be listed (never "0:").
		expect(statusLine(rows)).toMatch(/^ (1:)?first question .* ready/);
		expect(chatLayoutProblems(rows, 100)).toEqual([]);
		app.write(keys.enter);
		await app.settle(300);
		expect(server.requests).toHaveLength(1);
		// Never shown as asked, let alone twice.
		expect(app.text().split('second question')).toHaveLength(2);

		fs.rmSync(dir);
		fs.renameSync(`${dir}.away`, dir);
		server.enqueue({reply: 'second answer'});
		app.write(keys.enter);
		await app.waitFor((s) => ready(s) && s.includes('second answer'));
		expect(server.requests).toHaveLength(2);
		await until(() => storedMessages(home).filter((m) => m.content === 'second question').length === 1, 'the question saved once');
	});
});

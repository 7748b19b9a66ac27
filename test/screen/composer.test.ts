// The composer: bracketed paste (small and 1 MB), Ctrl+J, history, graphemes, and the real cursor.
import {describe, expect, it} from 'vitest';
import {composerRowIndex, keys, statusLine, until, useHarness} from '../support/screen-kit.js';

const h = useHarness();

const ready = (s: string) => /\bready\b/.test(statusLine(s.split('\n')));
const separatorIndex = (screen: string[]) => screen.findIndex((line) => /^─+$/.test(line));

describe('composer', () => {
	it('a bracketed multi-line paste lands intact and unsent; Enter sends it with the newline', async () => {
		const {server, app} = await h.chat();
		app.write(`${keys.pasteStart}line1\nline2${keys.pasteEnd}`);
		const shown = await app.waitFor((s) => s.includes('› line1') && s.includes('\n  line2'));
		const rows = shown.split('\n');
		const prompt = composerRowIndex(rows);
		expect(rows[prompt + 1]).toBe('  line2');
		// Not sent: no request, no streaming.
		await app.settle(300);
		expect(server.requests).toHaveLength(0);
		expect(statusLine(app.screen())).toContain('ready');

		app.write(keys.enter);
		await until(() => server.requests.length === 1, 'the request');
		expect(server.requests[0]!.body.messages.at(-1)).toEqual({role: 'user', content: 'line1\nline2'});
		await app.waitFor((s) => ready(s) && s.includes('You said'));
	});

	it('a paste from a terminal that sends CR for newlines keeps them as newlines', async () => {
		const {server, app} = await h.chat();
		app.write(`${keys.pasteStart}one\r\ntwo\rthree${keys.pasteEnd}`);
		await app.waitFor((s) => s.includes('› one') && s.includes('  two') && s.includes('  three'));
		app.write(keys.enter);
		await until(() => server.requests.length === 1, 'the request');
		expect(server.requests[0]!.body.messages.at(-1).content).toBe('one\ntwo\nthree');
	});

	it('a 1 MB paste neither hangs nor crashes, and sends exactly 1 MB', async () => {
		const {server, app} = await h.chat();
		const line = 'abcdefghijklmnopqrstuvwxyz0123456789'.repeat(29).slice(0, 1023);
		const big = `${Array.from({length: 1024}, (_, index) => `${String(index).padStart(4, '0')}${line.slice(4)}`).join('\n')}!`;
		expect(big.length).toBe(1024 * 1024);

		app.write(`${keys.pasteStart}${big}${keys.pasteEnd}`);
		// The composer shows the end of the paste (it scrolls to the cursor, rows above are marked hidden).
		await app.waitFor((s) => /mno!$/m.test(s) && /^↑ /m.test(s), 15_000);
		expect(server.requests).toHaveLength(0);

		app.write(keys.enter);
		await until(() => server.requests.length === 1, 'the 1 MB request', 15_000);
		const content = server.requests[0]!.body.messages.at(-1).content as string;
		expect(content.length).toBe(big.length);
		expect(content === big).toBe(true);
		await app.waitFor((s) => ready(s) && s.includes('You said'), 15_000);

		// Still responsive: typing shows up right away.
		await app.type('ok');
		await app.waitFor((s) => s.includes('› ok'));
	});

	it('Ctrl+J inserts a newline and the composer grows', async () => {
		const {server, app} = await h.chat();
		const before = separatorIndex(app.screen());
		await app.type('first');
		app.write(keys.ctrlJ);
		await app.type('second');
		await app.waitFor((s) => s.includes('› first') && s.includes('\n  second'));
		expect(separatorIndex(app.screen())).toBe(before - 1);
		expect(server.requests).toHaveLength(0);
		app.write(keys.enter);
		await until(() => server.requests.length === 1, 'the request');
		expect(server.requests[0]!.body.messages.at(-1).content).toBe('first\nsecond');
		await app.waitFor((s) => ready(s) && separatorIndex(s.split('\n')) === before);
	});

	it('Up recalls the previous input', async () => {
		const {server, app} = await h.chat();
		await app.type('the first question');
		app.write(keys.enter);
		await until(() => server.requests.length === 1, 'the request');
		await app.waitFor((s) => ready(s) && s.includes('You said'));
		app.write(keys.up);
		await app.waitFor((s) => s.includes('› the first question'));
		app.write(keys.enter);
		await until(() => server.requests.length === 2, 'the second request');
		expect(server.requests[1]!.body.messages.at(-1).content).toBe('the first question');
	});

	it('one Backspace deletes a whole emoji, and the cursor sits after wide characters', async () => {
		const {server, app} = await h.chat();
		await app.type('ab👍🏽');
		await app.waitFor((s) => s.includes('› ab👍🏽'));
		// A skin-toned emoji takes 4 cells in xterm.js and tmux 3.3: the cursor placed after it goes after all four.
		await app.type('cd');
		app.write(`${keys.left}${keys.left}`);
		await app.settle(300);
		expect(app.cursor().x).toBe('› ab'.length + 4);
		// In one read, as over a slow link: the arrows move, then each Backspace deletes.
		app.write(`${keys.right}${keys.right}${keys.backspace}${keys.backspace}`);
		await app.waitFor((s) => s.includes('› ab👍🏽') && !s.includes('👍🏽c'));
		app.write(keys.backspace);
		await app.waitFor((s) => /^› ab$/m.test(s));
		await app.type('😀');
		await app.waitFor((s) => s.includes('› ab😀'));
		app.write(keys.backspace);
		await app.waitFor((s) => /^› ab$/m.test(s));

		await app.type('你好');
		await app.waitFor((s) => s.includes('› ab你好'));
		const row = composerRowIndex(app.screen());
		// The real cursor is at the insertion point: prompt (2) + "ab" (2) + two wide characters (4).
		await until(
			() => app.cursor().y === row && app.cursor().x === 8,
			`the cursor at 8,${row}, it is at ${JSON.stringify(app.cursor())}`,
			3_000,
		);
		app.write(keys.enter);
		await until(() => server.requests.length === 1, 'the request');
		expect(server.requests[0]!.body.messages.at(-1).content).toBe('ab你好');
	});

	it('the real cursor is shown at the prompt from the first frame and follows each key at once', async () => {
		const {app} = await h.chat();
		const row = composerRowIndex(app.screen());
		expect(app.cursorVisible()).toBe(true);
		expect(app.cursor()).toEqual({x: 2, y: row});
		app.write('abc');
		await app.waitFor('› abc');
		await app.settle(100);
		expect(app.cursor()).toEqual({x: 5, y: row});
		app.write(keys.backspace);
		await app.waitFor((s) => /^› ab$/m.test(s));
		await app.settle(100);
		expect(app.cursor()).toEqual({x: 4, y: row});
	});

	it('text and Enter in one read (fast typing over SSH, tmux send-keys) send the text', async () => {
		const {server, app} = await h.chat();
		app.write('sent in one read\r');
		await until(() => server.requests.length === 1, 'the request');
		expect(server.requests[0]!.body.messages.at(-1).content).toBe('sent in one read');
		await app.waitFor((s) => ready(s) && s.includes('You said'));
		expect(app.text()).toContain('› Message GLM');
	});

	it('Alt+Enter inserts a newline; an unbracketed multi-line paste stays in the composer', async () => {
		const {server, app} = await h.chat();
		await app.type('top');
		app.write('\u001B\r');
		await app.type('bottom');
		await app.waitFor((s) => s.includes('› top') && s.includes('\n  bottom'));
		// Ctrl+C clears the composer when nothing streams.
		app.write(keys.ctrlC);
		await app.waitFor((s) => s.includes('› Message GLM'));
		// A terminal without bracketed paste sends the pasted lines with CRs, in one read.
		app.write('pasted one\rpasted two\r');
		await app.waitFor((s) => s.includes('› pasted one') && s.includes('  pasted two'));
		await app.settle(300);
		expect(server.requests).toHaveLength(0);
	});
});

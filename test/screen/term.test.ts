// TERM decides whether the chat can be drawn and how: dumb or unset refuses in one line (exit 2); linux, vt100
// and their kin get the plain path (no scroll regions, no CSI n S, no synchronized output) and still work.
import {describe, expect, it} from 'vitest';
import {styledRows} from '../support/cells.js';
import type {AppTerminal} from '../support/terminal.js';
import {keys, statusLine, useHarness} from '../support/screen-kit.js';

const h = useHarness();

const ready = (s: string) => /\bready\b/.test(statusLine(s.split('\n')));
const DECSTBM = /\u001B\[\d*(;\d*)?r/;
const SCROLL_UP = /\u001B\[\d*S/;
const SYNCHRONIZED = '\u001B[?2026h';
// Sixty short paragraphs: the transcript scrolls a line or two at a time while they arrive.
const LONG = Array.from({length: 60}, (_, index) => `段落 ${index + 1}: a short line`).join('\n\n');

async function quiet(app: AppTerminal): Promise<void> {
	let bytes = app.bytes();
	for (;;) {
		await app.settle(300);
		if (app.bytes() === bytes) return;
		bytes = app.bytes();
	}
}

describe('TERM', () => {
	for (const term of ['dumb', undefined]) {
		it(`TERM=${term ?? '(unset)'}: one line saying a full-screen terminal is needed and that -p works, exit 2`, async () => {
			const app = await h.app({env: {TERM: term}});
			expect(await app.exited).toBe(2);
			await app.settle(100);
			const output = app.output();
			const lines = output.split(/\r?\n/).filter((line) => line !== '');
			expect(lines).toHaveLength(1);
			expect(lines[0]).toMatch(/full-screen terminal/);
			expect(lines[0]).toContain('glm-tui -p');
			expect(output).not.toContain('\u001B[?1049h');
		});
	}

	it('TERM=dumb in a Chinese locale: the same one line, in Chinese', async () => {
		const app = await h.app({env: {TERM: 'dumb', LANG: 'zh_CN.UTF-8', LC_ALL: undefined, LC_MESSAGES: undefined}});
		expect(await app.exited).toBe(2);
		await app.settle(100);
		expect(app.output().trim()).toBe(
			'glm-tui: 聊天界面需要全屏终端（TERM=dumb）。请设置 TERM（例如 xterm-256color），或用 glm-tui -p "问题" 单次提问。',
		);
	});

	for (const term of ['vt100', 'linux']) {
		it(`TERM=${term}: the chat works on the plain path, and its screen is exact`, async () => {
			const {server, app} = await h.chat({env: {TERM: term}, ready: /ready/});
			app.clearOutput();
			// An answer long enough to scroll the transcript many times.
			server.enqueue({reply: LONG, tokensPerSecond: 150});
			await app.type('scroll please');
			app.write(keys.enter);
			await app.waitFor((s) => s.includes('● streaming'));
			await app.waitFor(ready, 20_000);
			await quiet(app);
			const output = app.output();
			expect(output).not.toMatch(DECSTBM);
			expect(output).not.toMatch(SCROLL_UP);
			expect(output).not.toContain(SYNCHRONIZED);
			const drawn = styledRows(app.term);
			expect(app.text()).toContain('段落 60: a short line');
			app.write(keys.ctrlL);
			await quiet(app);
			expect(drawn).toEqual(styledRows(app.term));
			if (term === 'vt100') expect(drawn.join('\n')).not.toMatch(/\{[^}]*fg/);
			else expect(drawn.join('\n')).toMatch(/\{[^}]*fg/);
			// No alternate screen there: leaving clears the screen instead of leaving the chat on it.
			app.write(keys.ctrlD);
			expect(await app.exited).toBe(0);
			await app.settle(100);
			expect(app.text().trim()).toBe('');
		});
	}

	it('TERM=xterm-256color keeps scroll regions and synchronized output (the control)', async () => {
		const {server, app} = await h.chat();
		app.clearOutput();
		server.enqueue({reply: LONG, tokensPerSecond: 150});
		await app.type('scroll please');
		app.write(keys.enter);
		await app.waitFor((s) => s.includes('● streaming'));
		await app.waitFor(ready, 20_000);
		const output = app.output();
		expect(output).toMatch(SCROLL_UP);
		expect(output).toContain(SYNCHRONIZED);
	});
});

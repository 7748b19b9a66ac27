// The mouse wheel scrolls the transcript and never touches the composer's draft; `/mouse off` gives the
// mouse back to the terminal, and it stays off.
import fs from 'node:fs';
import path from 'node:path';
import {describe, expect, it} from 'vitest';
import {composerRowIndex, configDir, delay, keys, seedConversation, statusLine, useHarness} from '../support/screen-kit.js';

const h = useHarness();

const wheelUp = '\u001B[<64;20;5M';
const wheelDown = '\u001B[<65;20;5M';

describe('mouse wheel', () => {
	it('scrolls the transcript; the draft, the history and the cursor stay as they were', async () => {
		const home = h.home();
		seedConversation(home, {count: 40, text: (index) => (index % 2 === 0 ? `question ${index}` : `answer ${index}`)});
		const {app} = await h.chat({home, columns: 80, rows: 20});
		expect(app.output()).toContain('\u001B[?1000h\u001B[?1006h');
		await app.type('my draft 草稿');
		await app.waitFor('› my draft 草稿');
		const bottom = app.screen();
		const cursor = app.cursor();
		expect(bottom.join('\n')).toContain('answer 39');

		// One notch, then a burst split inside a report and across reads, as a slow link delivers it.
		app.write(wheelUp);
		await app.waitFor((s) => !s.includes('answer 39'));
		const burst = wheelUp.repeat(4);
		app.write(burst.slice(0, 7));
		await delay(5);
		app.write(burst.slice(7, 23));
		await delay(5);
		app.write(burst.slice(23));
		await app.waitFor((s) => s.includes('question 30') || s.includes('answer 29'));
		let screen = app.screen();
		expect(screen[composerRowIndex(screen)]).toBe('› my draft 草稿');
		expect(screen.join('\n')).not.toMatch(/\[<|64;|;5M/);
		expect(statusLine(screen)).toContain('ready');

		// Back down: the bottom again, exactly as before.
		for (let notch = 0; notch < 8; notch++) app.write(wheelDown);
		await app.waitFor((s) => s.includes('answer 39'));
		await app.settle(150);
		expect(app.screen()).toEqual(bottom);
		expect(app.cursor()).toEqual(cursor);

		// Clicks are ignored, not typed.
		app.write('\u001B[<0;5;5M\u001B[<0;5;5m');
		await app.settle(150);
		screen = app.screen();
		expect(screen).toEqual(bottom);

		// Leaving gives the mouse back to the terminal.
		app.clearOutput();
		app.write(keys.ctrlC);
		app.write(keys.ctrlC);
		expect(await app.exited).toBe(0);
		expect(app.output()).toContain('\u001B[?1000l');
	});

	it('moves the selection in the conversation picker', async () => {
		const home = h.home();
		seedConversation(home, {name: 'alpha', count: 2});
		seedConversation(home, {name: 'beta', count: 2});
		seedConversation(home, {name: 'gamma', count: 2});
		const {app} = await h.chat({home, columns: 80, rows: 20});
		app.write('\u000F');
		await app.waitFor(/^› 1 .*alpha/m);
		app.write(wheelDown);
		await app.waitFor(/^› 2 .*beta/m);
		app.write(wheelDown + wheelDown);
		await app.waitFor(/^› 3 .*gamma/m);
		app.write(wheelUp);
		await app.waitFor(/^› 2 .*beta/m);
	});

	it('/mouse off stops mouse reports, is saved, and a quit turns reports off', async () => {
		const {app, home} = await h.chat({columns: 80, rows: 20});
		app.clearOutput();
		await app.type('/mouse off');
		app.write(keys.enter);
		await app.waitFor('Mouse off');
		expect(app.output()).toContain('\u001B[?1006l\u001B[?1000l');
		const saved = JSON.parse(fs.readFileSync(path.join(configDir(home), 'config.json'), 'utf8')) as {mouse?: boolean};
		expect(saved.mouse).toBe(false);
		app.write(keys.ctrlD);
		expect(await app.exited).toBe(0);

		const again = await h.chat({home, columns: 80, rows: 20});
		expect(again.app.output()).not.toContain('\u001B[?1000h');
		await again.app.type('/mouse');
		again.app.write(keys.enter);
		await again.app.waitFor('Mouse: off');
	});
});

// Find in a conversation as a person uses it: Ctrl+F or /find, the count, stepping with the keys that work
// over SSH, the highlighting (inverse, so it shows with NO_COLOR), Esc back to where one was, Tab to stay.
import {describe, expect, it} from 'vitest';
import type {AppTerminal} from '../support/terminal.js';
import {keys, seedConversation, useHarness} from '../support/screen-kit.js';

const h = useHarness();
const ctrlF = '\u0006';
const ctrlP = '\u0010';
const TAB = '\t';

function text(index: number): string {
	if (index === 10) return 'The NGINX config has an 错误 here';
	if (index === 51) return 'nginx again, twice: nginx';
	if (index === 110) return 'look at Nginx logs';
	return index % 2 === 0 ? `question ${index}` : `answer ${index}`;
}

/** Transcript rows (above the separator) as text, with the cells drawn inverse / inverse and underlined. */
function marked(app: AppTerminal): {rows: string[]; inverse: string[]; current: string[]} {
	const screen = app.screen();
	const separator = screen.findIndex((line) => /^─+$/.test(line));
	const buffer = app.term.buffer.active;
	const inverse: string[] = [];
	const current: string[] = [];
	for (let y = 0; y < separator; y++) {
		const line = buffer.getLine(buffer.viewportY + y)!;
		let run = '';
		let runCurrent = false;
		const flush = () => {
			if (run) (runCurrent ? current : inverse).push(run);
			run = '';
		};
		for (let x = 0; x < app.term.cols; x++) {
			const cell = line.getCell(x)!;
			if (cell.getWidth() === 0) continue;
			if (cell.isInverse()) {
				if (run && runCurrent !== Boolean(cell.isUnderline())) flush();
				runCurrent = Boolean(cell.isUnderline());
				run += cell.getChars();
			} else flush();
		}
		flush();
	}
	return {rows: screen.slice(0, separator), inverse, current};
}

const findLine = (s: string) => s.split('\n').find((line) => line.startsWith('Find: ')) ?? '';

describe('find in a conversation', () => {
	it('Ctrl+F: case-insensitive count, newest first, Up/Ctrl+P/Down/Enter step and wrap, inverse with NO_COLOR, Esc goes back', async () => {
		const home = h.home();
		seedConversation(home, {name: 'ops', count: 120, text});
		const {app} = await h.chat({home, env: {NO_COLOR: '1'}, ready: /F1 help/});
		await app.waitFor((s) => s.includes('answer 119'));
		const before = app.screen();

		app.write(ctrlF);
		await app.waitFor((s) => findLine(s).includes('Enter/↓ next'));
		await app.type('nGiNx');
		await app.waitFor((s) => findLine(s).includes('nGiNx   4/4'));
		let seen = marked(app);
		expect(seen.rows.join('\n')).toContain('look at Nginx logs');
		expect(seen.current).toEqual(['Nginx']);

		app.write(keys.up);
		await app.waitFor((s) => findLine(s).includes('3/4'));
		seen = marked(app);
		expect(seen.rows.join('\n')).toContain('nginx again, twice: nginx');
		expect(seen.current).toEqual(['nginx']);
		// The second occurrence of that message is the current one; the first is only marked.
		expect(seen.inverse).toContain('nginx');
		app.write(ctrlP);
		await app.waitFor((s) => findLine(s).includes('2/4'));
		app.write(ctrlP);
		await app.waitFor((s) => findLine(s).includes('1/4'));
		seen = marked(app);
		expect(seen.rows.join('\n')).toContain('The NGINX config has an 错误 here');
		expect(seen.current).toEqual(['NGINX']);
		expect(seen.rows.join('\n')).not.toContain('answer 119');

		app.write(keys.down);
		await app.waitFor((s) => findLine(s).includes('2/4'));
		app.write(keys.enter);
		await app.waitFor((s) => findLine(s).includes('3/4'));
		app.write(keys.enter);
		await app.waitFor((s) => findLine(s).includes('4/4'));
		app.write(keys.enter);
		await app.waitFor((s) => findLine(s).includes('1/4'));

		// Esc: back where the person was (the end), nothing highlighted, the composer back.
		app.write(keys.esc);
		await app.waitFor((s) => s.includes('› Message GLM') && s.includes('answer 119'));
		expect(marked(app).inverse).toEqual([]);
		expect(app.screen().slice(0, 20)).toEqual(before.slice(0, 20));
	});

	it('/find with CJK text jumps to it; Tab stays there; no match says so', async () => {
		const home = h.home();
		seedConversation(home, {name: 'ops', count: 120, text});
		const {app} = await h.chat({home, ready: /F1 help/});
		await app.waitFor((s) => s.includes('answer 119'));
		await app.type('/find 错误');
		await app.waitFor('/find 错误');
		app.write(keys.enter);
		await app.waitFor((s) => findLine(s).includes('错误   1/1'));
		expect(marked(app).current).toEqual(['错误']);
		app.write(TAB);
		await app.waitFor((s) => s.includes('› Message GLM'));
		expect(app.text()).toContain('The NGINX config has an 错误 here');
		expect(app.text()).not.toContain('answer 119');

		app.write(ctrlF);
		await app.waitFor((s) => findLine(s).includes('Enter/↓ next'));
		await app.type('zebra');
		await app.waitFor((s) => /zebra\s+no match/.test(findLine(s)));
		expect(marked(app).inverse).toEqual([]);
	});

	it('a conversation opened from the picker by a match in its text opens at the first matching message', async () => {
		const home = h.home();
		seedConversation(home, {name: 'ops', count: 120, text});
		seedConversation(home, {name: 'alpha', count: 2});
		const {app} = await h.chat({home, ready: /F1 help/});
		app.write('\u000F');
		await app.waitFor(/Conversations \(2\)/);
		await app.type('logs nginx');
		await app.waitFor((s) => /Conversations \(1\)/.test(s) && s.includes('ops'));
		app.write(keys.enter);
		// The whole filter is not in the text; its first word not in the name is.
		await app.waitFor((s) => s.includes('› Message GLM') && s.includes('look at Nginx logs'));
		expect(app.text()).not.toContain('answer 119');
		app.write(keys.end);
		await app.waitFor((s) => s.includes('answer 119'));
	});
});

// After any resize (narrower, wider, taller, shorter, mid-stream, several in a row) the screen must be exactly
// what a repaint from scratch at that size draws: every cell, colour and attribute, and the cursor. Seeded
// random resize sequences; the oracle is Ctrl+L (clear the screen, draw the whole frame) in the same app, and
// at the end a fresh instance at the final size.
import {describe, expect, it} from 'vitest';
import {MARKDOWN_REPLY} from '../support/glm-server.js';
import {mulberry32} from '../support/random.js';
import {styledRows, screenDifference} from '../support/cells.js';
import type {AppTerminal} from '../support/terminal.js';
import {delay, keys, seedConversation, statusLine, storedMessages, until, useHarness, untilQuiet} from '../support/screen-kit.js';

const h = useHarness();

const PARAGRAPH = '这是一段很长的中文与 English mixed 文本，用来检查在不同宽度下的自动换行 wrapping at every width, 包括标点符号。';
const REPLY = [
	...Array.from({length: 3}, (_, index) => `${index + 1}. ${PARAGRAPH}`),
	MARKDOWN_REPLY,
	'| 列 | a long column header | c |\n|---|---|---|\n| 中文单元格 | word40o word41 word42 | x |',
].join('\n\n');

const ready = (s: string) => /\bready\b/.test(statusLine(s.split('\n')));

const quiet = (app: AppTerminal, quietMs = 400): Promise<void> => untilQuiet(app, quietMs);

function snapshot(app: AppTerminal): {rows: string[]; cursor: {x: number; y: number}; cursorVisible: boolean} {
	return {rows: styledRows(app.term), cursor: app.cursor(), cursorVisible: app.cursorVisible()};
}

/**
 * Resizes 1-4 times in quick succession (0-120 ms apart) to random sizes between 40x12 and 140x45: the width
 * alone, the height alone, or both (dragging a window's side, its bottom, its corner).
 */
async function resizeBurst(app: AppTerminal, random: () => number, log: string[]): Promise<{columns: number; rows: number}> {
	let size = {columns: app.term.cols, rows: app.term.rows};
	const count = 1 + Math.floor(random() * 4);
	for (let index = 0; index < count; index++) {
		const kind = random();
		const columns = 40 + Math.floor(random() * 101);
		const rows = 12 + Math.floor(random() * 34);
		size = {columns: kind < 0.7 ? columns : size.columns, rows: kind >= 0.4 ? rows : size.rows};
		log.push(`${size.columns}x${size.rows}`);
		app.resizeNow(size.columns, size.rows);
		await delay(Math.floor(random() * 120));
	}
	return size;
}

async function expectSameAsRepaint(app: AppTerminal, seed: number, log: string[]): Promise<void> {
	await quiet(app);
	const resized = snapshot(app);
	app.write(keys.ctrlL);
	await quiet(app);
	const repainted = snapshot(app);
	const where = `seed ${seed}, sizes ${log.join(' -> ')}`;
	expect(resized.rows, `${where}\n${screenDifference(resized.rows, repainted.rows)}`).toEqual(repainted.rows);
	expect(resized.cursor, where).toEqual(repainted.cursor);
	expect(resized.cursorVisible, where).toBe(repainted.cursorVisible);
}

describe('resize draws exactly what a repaint draws', () => {
	const seeds = process.env['GLM_TEST_SEED'] ? [Number(process.env['GLM_TEST_SEED'])] : [Math.floor(Math.random() * 2 ** 31), 1];
	for (const seed of seeds) {
		it(`random resizes mid-stream and idle (seed ${seed})`, async () => {
			const random = mulberry32(seed);
			const home = h.home();
			seedConversation(home, {count: 6, text: (index) => (index % 2 === 0 ? `question ${index} 问题` : MARKDOWN_REPLY)});
			const {server, app, env} = await h.chat({home});
			const log: string[] = [];

			// Mid-stream: bursts while the answer arrives, compared once it is complete.
			server.enqueue({reply: REPLY, tokensPerSecond: 120});
			await app.type('resize me');
			app.write(keys.enter);
			await app.waitFor((s) => s.includes('● streaming'));
			for (let burst = 0; burst < 3; burst++) {
				await resizeBurst(app, random, log);
				await delay(Math.floor(random() * 300));
			}
			await app.waitFor(ready, 20_000);
			await expectSameAsRepaint(app, seed, log);

			// Idle: each burst on its own.
			let size = {columns: 0, rows: 0};
			for (let round = 0; round < 5; round++) {
				size = await resizeBurst(app, random, log);
				await expectSameAsRepaint(app, seed, log);
			}

			// The oracle itself: a fresh start at the final size shows the same screen.
			const before = snapshot(app);
			await until(() => storedMessages(home).some((m) => m.role === 'assistant' && m.content.includes('word40o')), 'the answer saved');
			app.write(keys.ctrlD);
			expect(await app.exited).toBe(0);
			const fresh = await h.app({home, env, columns: size.columns, rows: size.rows});
			await fresh.waitFor(ready, 15_000);
			await fresh.inputReady();
			await quiet(fresh);
			const started = snapshot(fresh);
			const where = `seed ${seed}, sizes ${log.join(' -> ')}`;
			expect(before.rows, `${where}\n${screenDifference(before.rows, started.rows)}`).toEqual(started.rows);
			expect(before.cursor, where).toEqual(started.cursor);
		}, 120_000);
	}
});

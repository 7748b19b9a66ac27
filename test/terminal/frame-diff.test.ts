import {describe, expect, it} from 'vitest';
import xterm from '@xterm/headless';
import {Unicode11Addon} from '@xterm/addon-unicode11';
import stringWidth from 'string-width';
import {detectShift, diffFrames, firstDifference} from '../../source/terminal/frame-diff.js';
import {EventEmitter} from 'node:events';
import logUpdate, {fitFrame} from '../../source/terminal/log-update.js';
import {clipRow} from '../../source/terminal/overlay.js';
import {mulberry32} from '../support/random.js';

const COLUMNS = 40;
const ROWS = 12;

function terminal() {
	const term = new xterm.Terminal({cols: COLUMNS, rows: ROWS, allowProposedApi: true, convertEol: true});
	term.loadAddon(new Unicode11Addon());
	term.unicode.activeVersion = '11';
	return term;
}

const write = (term: xterm.Terminal, data: string) => new Promise<void>((resolve) => term.write(data, resolve));

/** Every cell: character, colours and weight, so a wrong style shows up as well as a wrong letter. */
function cells(term: xterm.Terminal): string[] {
	const out: string[] = [];
	const buffer = term.buffer.active;
	for (let row = 0; row < ROWS; row++) {
		const line = buffer.getLine(row)!;
		let text = '';
		for (let column = 0; column < COLUMNS; column++) {
			const cell = line.getCell(column)!;
			text += `${cell.getChars() || ' '}/${cell.getFgColor()}.${cell.getBgColor()}.${cell.isBold()}.${cell.isInverse()}|`;
		}
		out.push(text);
	}
	return out;
}

async function drawnFromScratch(frame: string[]): Promise<string[]> {
	const term = terminal();
	await write(term, `\u001B[H${frame.join('\r\n')}`);
	return cells(term);
}

// A small deterministic PRNG keeps failures reproducible.
function random(seed: number) {
	return () => {
		seed = (seed * 1_103_515_245 + 12_345) % 2_147_483_648;
		return seed / 2_147_483_648;
	};
}

const pieces = [
	'abc',
	'你好',
	'🌍',
	' ',
	'x',
	'\u001B[1mB\u001B[22m',
	'\u001B[31mred\u001B[39m',
	'\u001B[7m inv \u001B[27m',
	'é',
	'中文字',
];

function randomLine(next: () => number): string {
	let line = '';
	let width = 0;
	while (next() < 0.8) {
		const piece = pieces[Math.floor(next() * pieces.length)]!;
		const pieceWidth = stringWidth(piece);
		if (width + pieceWidth > COLUMNS) break;
		line += piece;
		width += pieceWidth;
	}
	return line;
}

describe('frame diff', () => {
	it('finds the first differing cell and the style in force there', () => {
		expect(firstDifference('hello world', 'hello there')).toEqual({offset: 6, column: 6, style: ''});
		expect(firstDifference('你好a', '你好b')).toEqual({offset: 2, column: 4, style: ''});
		expect(firstDifference('\u001B[31mab\u001B[39m', '\u001B[31mac\u001B[39m')).toEqual({offset: 6, column: 1, style: '31'});
		expect(firstDifference('same', 'same')).toBeUndefined();
	});

	it('sees a transcript that moved up by one line', () => {
		const before = ['a', 'b', 'c', 'd', 'e', 'status'];
		const after = ['b', 'c', 'd', 'e', 'f', 'status'];
		expect(detectShift(before, after)).toEqual({region: 5, by: 1});
		expect(detectShift(before, before)).toBeUndefined();
	});

	it('sees a transcript scrolled back by one line and draws it with reverse index, not by rewriting it', () => {
		const before = ['b', 'c', 'd', 'e', 'f', 'status'];
		const after = ['a', 'b', 'c', 'd', 'e', 'status'];
		expect(detectShift(before, after)).toEqual({region: 5, by: -1});
		const up = diffFrames(before, after, undefined, {x: 0, y: 0}).output;
		const down = diffFrames(after, before, undefined, {x: 0, y: 0}).output;
		expect(up).toBe('\u001B[1;5r\u001B[H\u001BM\u001B[ra');
		expect(up.length).toBeLessThanOrEqual(down.length + 4);
	});

	it('appending a token costs a cursor move and the token, not the line', () => {
		const before = ['▌GLM', '  The answer is', '', '› ', 'status'];
		const after = ['▌GLM', '  The answer is forty', '', '› ', 'status'];
		const {output} = diffFrames(before, after, {x: 2, y: 3}, {x: 2, y: 3});
		expect(output).toBe('\u001B[2;16H forty\u001B[4;3H');
	});

	it('after a line whose width terminals disagree on (⚠️: 1 cell in tmux and xterm.js), the cursor is placed absolutely', () => {
		// Computed, the line ends at column 4 where the cursor is wanted; in tmux the terminal's cursor is at 3.
		const {output, cursor} = diffFrames(['› '], ['› ⚠️'], {x: 4, y: 0}, {x: 2, y: 0});
		expect(output.endsWith('\u001B[1;5H')).toBe(true);
		expect(cursor).toEqual({x: 4, y: 0});
	});

	it('leaves the screen exactly as a full redraw would, for any sequence of frames', async () => {
		const next = random(42);
		for (let round = 0; round < 25; round++) {
			const term = terminal();
			let frame = Array.from({length: ROWS}, () => randomLine(next));
			await write(term, `\u001B[H${frame.join('\r\n')}`);
			let at = {x: term.buffer.active.cursorX, y: term.buffer.active.cursorY};
			for (let step = 0; step < 8; step++) {
				const kind = next();
				let following: string[];
				if (kind < 0.2) following = [...frame.slice(1, ROWS - 2), randomLine(next), ...frame.slice(ROWS - 2)];
				else if (kind < 0.3) {
					// Scrolled back by a few rows: new rows come in at the top.
					const by = 1 + Math.floor(next() * 3);
					following = [...Array.from({length: by}, () => randomLine(next)), ...frame.slice(0, ROWS - 2 - by), ...frame.slice(ROWS - 2)];
				} else if (kind < 0.6)
					following = frame.map((line, index) =>
						index === ROWS - 4 ? (stringWidth(line) < COLUMNS - 6 ? line + pieces[Math.floor(next() * 3)]! : line) : line,
					);
				else following = frame.map((line) => (next() < 0.3 ? randomLine(next) : line));
				const target = {x: Math.floor(next() * 10), y: ROWS - 2};
				const update = diffFrames(frame, following, target, at);
				await write(term, update.output);
				const want = await drawnFromScratch(following);
				expect(cells(term), `round ${round} step ${step}`).toEqual(want);
				expect({x: term.buffer.active.cursorX, y: term.buffer.active.cursorY}).toEqual(target);
				at = update.cursor;
				frame = following;
			}
		}
	});

	it("as ink's log-update: clears on first frame, then writes only changes, and places the cursor", async () => {
		const term = terminal();
		let written = '';
		const stream = {write: (data: string) => ((written += data), true)} as unknown as NodeJS.WritableStream;
		const log = logUpdate.create(stream);
		log.setCursorPosition({x: 3, y: 2});
		log('line one\nline two\n› x\n');
		await write(term, written);
		expect(term.buffer.active.getLine(1)!.translateToString(true)).toBe('line two');
		expect({x: term.buffer.active.cursorX, y: term.buffer.active.cursorY}).toEqual({x: 3, y: 2});
		written = '';
		log.setCursorPosition({x: 3, y: 2});
		expect(log('line one\nline two\n› x\n')).toBe(false);
		log.setCursorPosition({x: 4, y: 2});
		log('line one\nline two!\n› xy\n');
		expect(written.length).toBeLessThan(30);
		await write(term, written);
		expect(term.buffer.active.getLine(1)!.translateToString(true)).toBe('line two!');
		expect(term.buffer.active.getLine(2)!.translateToString(true)).toBe('› xy');
	});

	it('fitFrame: rows past the bottom are dropped, rows wider than the screen cut, never past the last cell', () => {
		const fitted = fitFrame(['ab', '这是一段', '\u001B[36m1.\u001B[39m 这是', 'gone'], 5, 3);
		expect(fitted.map((row) => stringWidth(row))).toEqual([2, 4, 5]);
		expect(fitted[1]).toBe('这是');
		expect(fitFrame(['这是一段'], 5, 3)).toEqual(['这是']);
		expect(clipRow('ab这是', 3)).toBe('ab');
		expect(clipRow('abc', 3)).toBe('abc');
	});

	it('after a resize, the screen is what a repaint at the new size draws, even when the app draws old-size frames first', async () => {
		// A fake terminal: stream with a size and resize events, mirrored into an xterm that resizes with it.
		// Each round: frames laid out for the old size drawn after the resize (as ink does before React
		// re-renders), then the frame for the new size; the screen must equal that frame drawn from scratch.
		const seed = Number(process.env['GLM_TEST_SEED'] ?? Math.floor(Math.random() * 2 ** 31));
		const random = mulberry32(seed);
		const term = terminal();
		// The app's screen: the alternate one, which terminals do not reflow.
		let written = '\u001B[?1049h';
		const stream = Object.assign(new EventEmitter(), {
			isTTY: true,
			columns: COLUMNS,
			rows: ROWS,
			write: (data: string) => ((written += data), true),
		});
		const log = logUpdate.create(stream as unknown as NodeJS.WritableStream);
		const words = ['word', '中文', 'x', 'longerword', '标点符号。', '\u001B[1mbold\u001B[22m', '\u001B[36mcyan\u001B[39m'];
		const frameFor = (columns: number, rows: number) =>
			Array.from({length: rows - 1}, () => {
				let row = '';
				while (stringWidth(row) < columns - 12) row += `${words[Math.floor(random() * words.length)]} `;
				return row.trimEnd();
			});
		let frame = frameFor(COLUMNS, ROWS);
		log(`${frame.join('\n')}\n`);
		await write(term, written);
		written = '';
		for (let round = 0; round < 12; round++) {
			const columns = 20 + Math.floor(random() * 40);
			const rows = 6 + Math.floor(random() * 12);
			term.resize(columns, rows);
			stream.columns = columns;
			stream.rows = rows;
			stream.emit('resize');
			// The old frame again, then one change of it, still at the old layout.
			log(`${frame.join('\n')}\n`);
			frame = frame.map((row, index) => (index === 1 ? `${row} 改` : row));
			log(`${frame.join('\n')}\n`);
			frame = frameFor(columns, rows);
			log(`${frame.join('\n')}\n`);
			await write(term, written);
			written = '';
			const fresh = new xterm.Terminal({cols: columns, rows, allowProposedApi: true, convertEol: true});
			fresh.loadAddon(new Unicode11Addon());
			fresh.unicode.activeVersion = '11';
			await write(fresh, `\u001B[H${frame.join('\r\n')}`);
			const text = (t: xterm.Terminal) => Array.from({length: rows}, (_, y) => t.buffer.active.getLine(y)!.translateToString(true));
			expect(text(term), `seed ${seed} round ${round}`).toEqual(text(fresh));
		}
	});
});

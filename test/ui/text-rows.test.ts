import stringWidth from 'string-width';
import {describe, expect, it} from 'vitest';
import {cutStep, drawRow, layoutWindow, Rows, type Row} from '../../source/ui/text-rows.js';
import {createBuffer, layout, up, down} from '../../source/ui/text-buffer.js';
import {mulberry32} from '../support/random.js';
import {randomPasteText} from '../support/unicode-text.js';

const segmenter = new Intl.Segmenter(undefined, {granularity: 'grapheme'});

function boundaries(text: string): number[] {
	const result: number[] = [];
	for (const {index} of segmenter.segment(text)) result.push(index);
	result.push(text.length);
	return result;
}

function allRows(rows: Rows): Row[] {
	const result: Row[] = [rows.at(0)];
	for (let row = rows.next(result[0]!); row; row = rows.next(row)) result.push(row);
	return result;
}

// Nothing a terminal would act on or join across cells: no C0/C1/DEL, no bidi or separator controls, no
// lone surrogate, no ZWJ at the end of a cluster.
function drawingProblems(line: string): string | undefined {
	if (/[\x00-\x1f\x7f-\x9f\u2028-\u202e\u2066-\u2069]|\p{Cs}/u.test(line)) return 'a control character';
	for (const {segment} of segmenter.segment(line))
		if (segment.endsWith('\u200d')) return `a cluster ending in ZWJ: ${JSON.stringify(segment)}`;
	return undefined;
}

describe('drawing a row', () => {
	it('draws tabs as spaces to the next stop of 4 cells, never past the row', () => {
		expect(drawRow('a\tb', 0, 3, 20)).toBe('a   b');
		expect(drawRow('\t\tx', 0, 3, 20)).toBe('        x');
		expect(drawRow('中\tx', 0, 3, 20)).toBe('中  x');
		expect(layout(createBuffer('abcdef\tg'), 8).lines).toEqual(['abcdef  ', 'g']);
		expect(layout(createBuffer('abcdefgh\tx'), 8).lines).toEqual(['abcdefgh', '    x']);
	});

	it('draws control characters as visible symbols, one cell each', () => {
		expect(drawRow('a\u0007b\u001B[2J\u009Dc\u007F', 0, 11, 40)).toBe('a␇b␛[2J␦c␡');
		expect(drawRow('x\u202Ey\u2066z\u2028', 0, 6, 40)).toBe('x␦y␦z␤');
		expect(layout(createBuffer('ab\u009Dcd'), 40)).toEqual({lines: ['ab␦cd'], cursorRow: 0, cursorCol: 5});
	});

	it('leaves out a zero-width joiner that ends a cluster, keeps one inside an emoji sequence', () => {
		expect(layout(createBuffer('ab\u200d\nyz'), 40).lines).toEqual(['ab', 'yz']);
		expect(layout(createBuffer('👩\u200d\nx'), 40).lines).toEqual(['👩', 'x']);
		expect(layout(createBuffer('a\u200db'), 40).lines).toEqual(['ab']);
		expect(layout(createBuffer('👨\u200d👩\u200d👧!'), 40).lines).toEqual(['👨\u200d👩\u200d👧!']);
		// A row ending in a joiner at the wrap.
		expect(layout(createBuffer(`${'a'.repeat(8)}\u200dbb`), 8).lines).toEqual(['a'.repeat(8), 'bb']);
	});

	it('never draws anything a terminal acts on, for random pasted text (seeded)', () => {
		for (let seed = 1; seed <= 60; seed++) {
			const random = mulberry32(seed);
			const text = createBuffer(randomPasteText(random, 600)).text;
			const width = 1 + Math.floor(random() * 30);
			const {lines} = layout(createBuffer(text), width);
			for (const line of lines) {
				const problem = drawingProblems(line);
				if (problem) expect.fail(`seed ${seed}, width ${width}: ${problem} in ${JSON.stringify(line)}`);
				let widest = 0;
				for (const {segment} of segmenter.segment(line)) widest = Math.max(widest, stringWidth(segment));
				expect(stringWidth(line), `seed ${seed}`).toBeLessThanOrEqual(Math.max(width, widest));
			}
		}
	});
});

describe('long lines are wrapped in pieces', () => {
	it('cuts only lines longer than twice the step, and every row of a cut line still fits', () => {
		const short = 'x'.repeat(2 * cutStep - 10);
		expect(layout(createBuffer(short), 100).lines.every((line) => line.length === 100 || line === short.slice(-line.length))).toBe(true);
		const long = 'y'.repeat(5 * cutStep);
		const lines = layout(createBuffer(long), 100).lines;
		expect(lines.join('')).toBe(long);
		// A row ends at each cut, so a few rows are shorter than the width; none is longer.
		const shortRows = lines.slice(0, -1).filter((line) => line.length < 100);
		expect(shortRows.length).toBeGreaterThan(0);
		expect(shortRows.length).toBeLessThanOrEqual(5);
		expect(lines.every((line) => line.length <= 100)).toBe(true);
	});

	it('windows, next/previous and Up/Down agree with the full list of rows (seeded)', () => {
		for (let seed = 1; seed <= 4; seed++) {
			const random = mulberry32(seed);
			// Long lines of mixed text with a few newlines, so lines are cut into pieces.
			let text = '';
			while (text.length < 3 * cutStep) text += randomPasteText(random, 2000).replace(/[\r\n]/g, random() < 0.2 ? '\n' : 'z');
			text = createBuffer(text).text;
			const width = 5 + Math.floor(random() * 60);
			const rows = new Rows(text, width);
			const list = allRows(rows);
			// The rows cover the text in order, each offset once (newlines between lines).
			for (let index = 1; index < list.length; index++) {
				const before = list[index - 1]!;
				const row = list[index]!;
				expect(row.start === before.end || (before.last && row.start === before.end + 1), `seed ${seed} row ${index}`).toBe(true);
				expect(rows.previous(row)?.start, `seed ${seed} row ${index}`).toBe(before.start);
			}

			expect(list.at(-1)!.end).toBe(text.length);
			const drawn = list.map((row) => rows.draw(row));
			const stops = boundaries(text);
			for (let probe = 0; probe < 20; probe++) {
				const cursor = stops[Math.floor(random() * stops.length)]!;
				const rowIndex = list.findIndex((row) => row.start === rows.at(cursor).start);
				const maxRows = 1 + Math.floor(random() * 12);
				const anchor = list[Math.floor(random() * list.length)]!.start;
				const window = layoutWindow(text, cursor, width, maxRows, anchor);
				const first = list.findIndex((row) => row.start === window.anchor);
				const context = `seed ${seed}, width ${width}, cursor ${cursor}, rows ${maxRows}, anchor ${anchor}`;
				expect(first, context).toBeGreaterThanOrEqual(0);
				expect(window.lines, context).toEqual(drawn.slice(first, first + maxRows));
				expect(first + window.cursorRow, context).toBe(rowIndex);
				expect(window.above, context).toBe(first > 0);
				expect(window.below, context).toBe(first + window.lines.length < list.length);
				expect(window.cursorCol, context).toBeLessThan(width);
				// Up and Down move exactly one row.
				const b = createBuffer(text, cursor);
				const upper = up(b, width);
				expect(upper === null ? -1 : list.findIndex((row) => row.start === rows.at(upper.cursor).start), context).toBe(
					rowIndex === 0 ? -1 : rowIndex - 1,
				);
				const lower = down(b, width);
				expect(lower === null ? -1 : list.findIndex((row) => row.start === rows.at(lower.cursor).start), context).toBe(
					rowIndex === list.length - 1 ? -1 : rowIndex + 1,
				);
			}
		}
	}, 60_000);
});

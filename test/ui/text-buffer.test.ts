import stringWidth from 'string-width';
import {describe, expect, it} from 'vitest';
import {terminalWidth} from '../support/unicode-text.js';
import {
	backspace,
	clear,
	createBuffer,
	deleteForward,
	deleteWordBackward,
	down,
	emptyBuffer,
	end,
	home,
	insert,
	killToLineEnd,
	killToLineStart,
	layout,
	layoutWindow,
	left,
	newline,
	right,
	type TextBuffer,
	up,
	wordLeft,
	wordRight,
} from '../../source/ui/text-buffer.js';

const segmenter = new Intl.Segmenter(undefined, {granularity: 'grapheme'});

// for-of, not spread: spreading V8's Segments object is orders of magnitude slower.
function boundaries(text: string): number[] {
	const result: number[] = [];
	for (const {index} of segmenter.segment(text)) result.push(index);
	result.push(text.length);
	return result;
}

function walkRight(text: string): number[] {
	let b = createBuffer(text, 0);
	const seen = [b.cursor];
	while (b.cursor < text.length) {
		b = right(b);
		seen.push(b.cursor);
	}

	return seen;
}

function walkLeft(text: string): number[] {
	let b = createBuffer(text);
	const seen = [b.cursor];
	while (b.cursor > 0) {
		b = left(b);
		seen.push(b.cursor);
	}

	return seen.reverse();
}

// Deterministic pseudo-random numbers so a failure can be replayed.
function rng(seed: number): () => number {
	let s = seed;
	return () => {
		s = (s * 1_103_515_245 + 12_345) & 0x7f_ff_ff_ff;
		return s / 0x80_00_00_00;
	};
}

const pieces = [
	'a',
	'b',
	'Z',
	' ',
	'.',
	'1',
	'中',
	'文',
	'，',
	'。',
	'か',
	'カ',
	'e\u0301',
	'\u0301',
	'\u0301\u0302',
	'👨\u200d👩\u200d👧',
	'👍🏻',
	'🏻',
	'🇨',
	'🇳',
	'🇺',
	'#\uFE0F\u20E3',
	'\u20E3',
	'\u200d',
	'😀',
	'©',
	'\uFE0F',
	'\n',
	'가',
	'\u1100',
	'\u1161',
	'\u11A8',
	'क',
	'्',
	'ष',
	'ि',
	'ำ',
	'\u0E33',
	'\u0600',
	'\u0600',
	'\u200b',
	'ｶ',
	'\uFF9E',
	'\u3099',
	'\t',
	'é',
	'Я',
	'\uD83D',
	'\u0007',
	'\u001B',
	'\u009D',
	'\u007F',
	'\u202E',
	'\u2028',
];

function randomText(next: () => number, length: number): string {
	let text = '';
	for (let i = 0; i < length; i++) text += pieces[Math.floor(next() * pieces.length)]!;
	return text;
}

// What a cluster is drawn as, and its cells at column `col` of a row `width` wide (see text-rows.ts).
function drawn(segment: string, col: number, width: number): {text: string; cells: number} {
	const c = segment.charCodeAt(0);
	if (segment === '\t') {
		const cells = Math.min(4 - (col % 4), width - col);
		return {text: ' '.repeat(cells), cells};
	}

	if (segment.length === 1 && (c < 0x20 || (c >= 0x7f && c <= 0x9f)))
		return {text: c < 0x20 ? String.fromCharCode(0x2400 + c) : c === 0x7f ? '\u2421' : '\u2426', cells: 1};
	if (segment.length === 1 && c >= 0x2028 && c <= 0x202e) return {text: c <= 0x2029 ? '\u2424' : '\u2426', cells: 1};
	if (segment.length === 1 && c >= 0x2066 && c <= 0x2069) return {text: '\u2426', cells: 1};
	if (segment.length === 1 && c >= 0xd800 && c <= 0xdfff) return {text: '\uFFFD', cells: 1};
	const shown = segment.replace(/\u200d+$/, '');
	return {text: shown, cells: terminalWidth(shown)};
}

// The obvious implementation: wrap every logical line from scratch with the segmenter.
function referenceLayout(text: string, cursor: number, width: number) {
	const lines: string[] = [];
	let cursorRow = -1;
	let cursorCol = -1;
	let offset = 0;
	for (const line of text.split('\n')) {
		let row = '';
		let rowWidth = 0;
		for (const {segment, index} of segmenter.segment(line)) {
			let w = drawn(segment, rowWidth, width).cells;
			if (segment === '\t' ? rowWidth >= width : rowWidth > 0 && (rowWidth + w > width || rowWidth >= width)) {
				lines.push(row);
				row = '';
				rowWidth = 0;
			}

			if (offset + index === cursor) {
				cursorRow = lines.length;
				cursorCol = rowWidth;
			}

			const shown = drawn(segment, rowWidth, width);
			w = shown.cells;
			row += shown.text;
			rowWidth += w;
		}

		lines.push(row);
		if (rowWidth >= width) lines.push('');
		if (offset + line.length === cursor) {
			cursorRow = lines.length - 1;
			cursorCol = rowWidth >= width ? 0 : rowWidth;
		}

		offset += line.length + 1;
	}

	return {lines, cursorRow, cursorCol};
}

function typed(text: string): TextBuffer {
	return insert(emptyBuffer, text);
}

describe('graphemes', () => {
	it('deletes a ZWJ family, a flag, e + combining accent and a CJK character in one step each', () => {
		for (const cluster of ['👨‍👩‍👧', '🇨🇳', 'e\u0301', '中', '#\uFE0F\u20E3', '👍🏻']) {
			const b = typed(`x${cluster}`);
			expect(backspace(b)).toEqual({text: 'x', cursor: 1});
			expect(deleteForward(left(b))).toEqual({text: 'x', cursor: 1});
			expect(left(b).cursor).toBe(1);
		}
	});

	it('pairs regional indicators from the start of the run', () => {
		const b = typed('🇨🇳🇺🇸🇯');
		expect(walkLeft(b.text)).toEqual([0, 4, 8, 10]);
		expect(backspace(b).text).toBe('🇨🇳🇺🇸');
		expect(backspace(backspace(b)).text).toBe('🇨🇳');
	});

	it('matches Intl.Segmenter on random mixed text, walking both ways', () => {
		const next = rng(7);
		for (let n = 0; n < 400; n++) {
			const text = randomText(next, 1 + Math.floor(next() * 30));
			const expected = boundaries(text);
			expect(walkRight(text), JSON.stringify(text)).toEqual(expected);
			expect(walkLeft(text), JSON.stringify(text)).toEqual(expected);
		}
	});

	// The fast paths decide boundaries from two neighbouring code points. Check that reasoning against the
	// runtime's segmenter for every assigned code point next to ASCII and next to an emoji.
	it('agrees with Intl.Segmenter around every assigned code point', () => {
		const assigned = /^[^\p{Cn}\p{Cs}\p{Co}]$/u;
		let parts: string[] = [];
		const check = () => {
			const block = parts.join('');
			expect(walkRight(block)).toEqual(boundaries(block));
			parts = [];
		};

		for (let cp = 0x20; cp <= 0x10_ffff; cp++) {
			// Planes 2 and 3 hold only CJK ideographs, which all behave alike: a sample is enough.
			if (cp >= 0x2_00_00 && cp < 0x4_00_00 && cp % 64 !== 0) continue;
			const ch = String.fromCodePoint(cp);
			if (cp === 0x0d || !assigned.test(ch)) continue;
			parts.push(`a${ch}a\n😀${ch}😀\n`);
			if (parts.length >= 100) check();
		}

		check();
	}, 60_000);

	it('measures every BMP character as string-width does', () => {
		for (let c = 0x20; c < 0x1_00_00; c++) {
			// Controls are drawn as one visible symbol each (tested with the layout); lone surrogates as U+FFFD.
			if ((c >= 0x7f && c <= 0x9f) || (c >= 0xd8_00 && c <= 0xdf_ff) || (c >= 0x2028 && c <= 0x202e) || (c >= 0x2066 && c <= 0x2069))
				continue;
			const ch = String.fromCharCode(c);
			const text = `${ch}a${ch}中${ch}`;
			expect(layout(createBuffer(text), 100).cursorCol, JSON.stringify(text)).toBe(stringWidth(text));
		}
	}, 60_000);

	it('keeps the cursor on a boundary when an edit merges clusters', () => {
		// A combining mark at the start, then a base letter typed in front of it: the two become one.
		const b = insert(createBuffer('\u0301x', 0), 'e');
		expect(b.text).toBe('e\u0301x');
		expect(b.cursor).toBe(2);
		// Deleting what separated a letter from its mark moves the cursor to the start of the new cluster.
		const c = deleteForward(createBuffer('e\u200b\u0301', 1));
		expect(c).toEqual({text: 'e\u0301', cursor: 0});
		expect(createBuffer('e\u0301', 1).cursor).toBe(0);
	});
});

describe('editing', () => {
	it('normalizes CRLF and CR to LF', () => {
		expect(typed('a\r\nb\rc\n').text).toBe('a\nb\nc\n');
		expect(createBuffer('x\r\ny').text).toBe('x\ny');
	});

	it('inserts in the middle and puts the cursor after the insertion', () => {
		const b = insert(createBuffer('held', 2), 'l');
		expect(b).toEqual({text: 'helld', cursor: 3});
		expect(newline(b)).toEqual({text: 'hel\nld', cursor: 4});
	});

	it('does nothing at the edges', () => {
		expect(backspace(createBuffer('ab', 0))).toEqual({text: 'ab', cursor: 0});
		expect(deleteForward(createBuffer('ab'))).toEqual({text: 'ab', cursor: 2});
		expect(left(createBuffer('ab', 0)).cursor).toBe(0);
		expect(right(createBuffer('ab')).cursor).toBe(2);
		expect(clear()).toEqual(emptyBuffer);
	});

	it('moves home and end within the logical line', () => {
		const b = createBuffer('one\ntwo three\nfour', 8);
		expect(home(b).cursor).toBe(4);
		expect(end(b).cursor).toBe(13);
		expect(home(createBuffer('one\ntwo', 4)).cursor).toBe(4);
		expect(end(createBuffer('one\ntwo', 3)).cursor).toBe(3);
	});

	it('kills to the line start and end, joining lines at the edges', () => {
		const b = createBuffer('one\ntwo three\nfour', 8);
		expect(killToLineStart(b)).toEqual({text: 'one\nthree\nfour', cursor: 4});
		expect(killToLineEnd(b)).toEqual({text: 'one\ntwo \nfour', cursor: 8});
		expect(killToLineEnd(createBuffer('one\ntwo', 3))).toEqual({text: 'onetwo', cursor: 3});
		expect(killToLineStart(createBuffer('one\ntwo', 4))).toEqual({text: 'onetwo', cursor: 3});
		expect(killToLineStart(createBuffer('one', 0))).toEqual({text: 'one', cursor: 0});
		expect(killToLineEnd(createBuffer('one'))).toEqual({text: 'one', cursor: 3});
	});
});

describe('words', () => {
	it('moves over Latin words and digits, skipping punctuation and spaces', () => {
		const text = 'foo.bar  baz42 (qux)';
		let b = createBuffer(text);
		const stops: number[] = [];
		while (b.cursor > 0) {
			b = wordLeft(b);
			stops.push(b.cursor);
		}

		expect(stops).toEqual([16, 9, 4, 0]);
		b = createBuffer(text, 0);
		stops.length = 0;
		while (b.cursor < text.length) {
			b = wordRight(b);
			stops.push(b.cursor);
		}

		expect(stops).toEqual([3, 7, 14, 19, 20]);
	});

	it('treats accented letters and other scripts as word characters', () => {
		const b = createBuffer('naïve cafe\u0301 Привет');
		expect(wordLeft(b).cursor).toBe(b.text.indexOf('П'));
		expect(wordLeft(wordLeft(b)).cursor).toBe(6);
		expect(wordRight(createBuffer(b.text, 0)).cursor).toBe(5);
	});

	it('splits CJK runs into dictionary words', () => {
		const text = '我们今天去北京，hello';
		let b = createBuffer(text, 0);
		const stops: number[] = [];
		while (b.cursor < text.length) {
			b = wordRight(b);
			stops.push(b.cursor);
		}

		expect(stops).toEqual([2, 4, 5, 7, 13]);
		b = createBuffer('我们今天去北京');
		expect(wordLeft(b).cursor).toBe(5);
		expect(deleteWordBackward(b)).toEqual({text: '我们今天去', cursor: 5});
	});

	it('deletes the previous word with Ctrl+W, across a line break', () => {
		expect(deleteWordBackward(createBuffer('git commit -m'))).toEqual({text: 'git commit -', cursor: 12});
		expect(deleteWordBackward(createBuffer('git commit '))).toEqual({text: 'git ', cursor: 4});
		expect(deleteWordBackward(createBuffer('one\n', 4))).toEqual({text: '', cursor: 0});
		expect(deleteWordBackward(createBuffer('👍🏻 ok', 7))).toEqual({text: '👍🏻 ', cursor: 5});
		expect(deleteWordBackward(createBuffer('  ', 2))).toEqual({text: '', cursor: 0});
	});
});

describe('layout', () => {
	it('wraps at the cell width without splitting a wide character', () => {
		expect(layout(createBuffer('abc中d'), 4)).toEqual({lines: ['abc', '中d'], cursorRow: 1, cursorCol: 3});
		expect(layout(createBuffer('中文字'), 5)).toEqual({lines: ['中文', '字'], cursorRow: 1, cursorCol: 2});
	});

	it('puts the cursor at the end of a full row on a new empty row', () => {
		expect(layout(createBuffer('abcd'), 4)).toEqual({lines: ['abcd', ''], cursorRow: 1, cursorCol: 0});
		expect(layout(createBuffer('中文'), 4)).toEqual({lines: ['中文', ''], cursorRow: 1, cursorCol: 0});
		// At a soft wrap the cursor belongs to the start of the next row.
		expect(layout(createBuffer('abcdef', 4), 4)).toEqual({lines: ['abcd', 'ef'], cursorRow: 1, cursorCol: 0});
		expect(layout(createBuffer('abcdef', 3), 4)).toEqual({lines: ['abcd', 'ef'], cursorRow: 0, cursorCol: 3});
		expect(layout(createBuffer('abcd\nx', 4), 4)).toEqual({lines: ['abcd', '', 'x'], cursorRow: 1, cursorCol: 0});
	});

	it('keeps hard newlines and empty lines', () => {
		expect(layout(createBuffer('a\n\nb'), 10)).toEqual({lines: ['a', '', 'b'], cursorRow: 2, cursorCol: 1});
		expect(layout(emptyBuffer, 10)).toEqual({lines: [''], cursorRow: 0, cursorCol: 0});
		expect(layout(createBuffer('x\n'), 10)).toEqual({lines: ['x', ''], cursorRow: 1, cursorCol: 0});
	});

	it('matches a from-scratch reference for random text, widths and cursors', () => {
		const next = rng(11);
		for (let n = 0; n < 150; n++) {
			const text = randomText(next, Math.floor(next() * 40));
			const width = 2 + Math.floor(next() * 10);
			for (const cursor of boundaries(text)) {
				const got = layout(createBuffer(text, cursor), width);
				const want = referenceLayout(text, cursor, width);
				expect(got, JSON.stringify({text, cursor, width})).toEqual(want);
				// Only a cluster wider than the whole row (a run of lone jamo) may stick out.
				let widest = 0;
				for (const {segment} of segmenter.segment(text)) widest = Math.max(widest, terminalWidth(segment));
				for (const line of got.lines)
					expect(terminalWidth(line), JSON.stringify({line, width, text})).toBeLessThanOrEqual(Math.max(width, widest));
				expect(got.cursorCol).toBeLessThan(width);
			}
		}
	}, 60_000);

	it('returns a window of rows around the cursor, scrolling as little as it can', () => {
		const text = Array.from({length: 20}, (_, i) => `line ${i}`).join('\n');
		const at = (line: number) => text.indexOf(`line ${line}`);
		let w = layoutWindow(createBuffer(text), 10, 5);
		expect(w).toMatchObject({anchor: at(15), above: true, below: false, cursorRow: 4, cursorCol: 7});
		expect(w.lines).toEqual(['line 15', 'line 16', 'line 17', 'line 18', 'line 19']);
		// Moving up inside the window does not scroll it.
		w = layoutWindow(createBuffer(text, at(17)), 10, 5, w.anchor);
		expect(w).toMatchObject({anchor: at(15), cursorRow: 2, cursorCol: 0});
		// Moving above it scrolls just enough.
		w = layoutWindow(createBuffer(text, at(3)), 10, 5, w.anchor);
		expect(w).toMatchObject({anchor: at(3), cursorRow: 0, above: true, below: true});
		expect(w.lines[0]).toBe('line 3');
		// A short text shows whole even when the anchor was further down.
		expect(layoutWindow(createBuffer('a\nb'), 10, 5, 7)).toMatchObject({
			anchor: 0,
			lines: ['a', 'b'],
			cursorRow: 1,
			above: false,
			below: false,
		});
	});

	it('windows inside one long wrapped line', () => {
		const text = 'x'.repeat(95);
		const w = layoutWindow(createBuffer(text, 42), 10, 3);
		expect(w).toMatchObject({anchor: 20, above: true, below: true, cursorRow: 2, cursorCol: 2});
		expect(w.lines).toEqual(['x'.repeat(10), 'x'.repeat(10), 'x'.repeat(10)]);
	});

	it('takes a 1 MB paste and keeps editing it (its speed is the bench row "paste 1 MB into the composer")', () => {
		const chunk = 'The quick brown fox 敏捷的棕色狐狸 jumps over 🦊 the lazy dog, café.\n'.repeat(50);
		const single = 'x'.repeat(1_000_000);
		for (const paste of [chunk.repeat(Math.ceil(1_000_000 / chunk.length)), single]) {
			let b = insert(createBuffer('draft: '), paste);
			let w = layoutWindow(b, 80, 10);
			expect(w.lines).toHaveLength(10);
			b = insert(b, '!');
			w = layoutWindow(b, 80, 10, w.anchor);
			expect(b.text).toBe(`draft: ${paste}!`);
			b = backspace(left(b));
			expect(b.text).toBe(`draft: ${paste.slice(0, -1)}!`);
			b = up(b, 80) ?? b;
			w = layoutWindow(b, 80, 10, w.anchor);
			expect(w.lines).toHaveLength(10);
		}
	});
});

describe('up and down', () => {
	it('moves between visual rows of a wrapped line and reports the edges', () => {
		const b = createBuffer('abcdefghij', 6);
		// Rows at width 4: abcd | efgh | ij
		const u = up(b, 4)!;
		expect(u.cursor).toBe(2);
		expect(up(u, 4)).toBeNull();
		const d = down(b, 4)!;
		expect(d.cursor).toBe(10);
		expect(down(d, 4)).toBeNull();
	});

	it('keeps the cell column across wrapped CJK rows', () => {
		// Width 6: "ab中文" (6 cells) | "字cdef" | "gh"
		const text = 'ab中文字cdefgh';
		let b = createBuffer(text, text.indexOf('e'));
		expect(layout(b, 6)).toMatchObject({lines: ['ab中文', '字cdef', 'gh'], cursorRow: 1, cursorCol: 4});
		b = up(b, 6)!;
		// Column 4 is where 文 starts.
		expect(b.cursor).toBe(text.indexOf('文'));
		expect(layout(b, 6).cursorCol).toBe(4);
		b = createBuffer(text, text.indexOf('d'));
		expect(layout(b, 6)).toMatchObject({cursorRow: 1, cursorCol: 3});
		b = up(b, 6)!;
		// Column 3 falls inside 中 (cells 2-3): stay at its start, but remember 3.
		expect(layout(b, 6)).toMatchObject({cursorRow: 0, cursorCol: 2});
		b = down(b, 6)!;
		expect(layout(b, 6)).toMatchObject({cursorRow: 1, cursorCol: 3});
		b = down(b, 6)!;
		expect(layout(b, 6)).toMatchObject({cursorRow: 2, cursorCol: 2});
		expect(down(b, 6)).toBeNull();
		// Any other operation forgets the remembered column.
		expect(right(b).goalCol).toBeUndefined();
	});

	it('moves across hard newlines and never lands past the end of a row that continues', () => {
		const text = 'abcdefgh\nxy';
		// Width 4: abcd | efgh | (empty, the line is full) | xy
		let b = createBuffer(text, 3);
		b = down(b, 4)!;
		expect(b.cursor).toBe(7);
		b = down(b, 4)!;
		expect(b.cursor).toBe(8);
		b = down(b, 4)!;
		expect(b.cursor).toBe(11);
		expect(b.goalCol).toBe(3);
		b = up(b, 4)!;
		expect(b.cursor).toBe(8);
		b = up(b, 4)!;
		expect(b.cursor).toBe(7);
		expect(up(createBuffer('ab\ncd'), 4)!.cursor).toBe(2);
		expect(up(createBuffer('abcdef\ncd'), 4)!.cursor).toBe(6);
	});
});

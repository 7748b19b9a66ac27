import {eachGrapheme, isSafeBoundary, nextBoundary, prevBoundary, snap, type GraphemeFn} from '../text/unicode.js';
import {layoutWindow as layoutText, Rows, type Layout, type LayoutWindow} from './text-rows.js';

/*
The pure model behind the chat composer and the one-line fields. Every operation returns a new state; the
component keeps the current one in React state and renders `layoutWindow`.

The text is kept exactly as typed or pasted (tabs, control characters and all; CRLF and CR become LF):
what is sent is what was pasted. Making it safe and readable is drawing's job (text-rows.ts). Grapheme
work stays local (text/unicode.ts), so a 5 MB paste stays cheap. Input history is input-history.ts.
*/

export type TextBuffer = Readonly<{
	text: string;
	/** UTF-16 offset, always on a grapheme boundary. */
	cursor: number;
	/** Cell column that Up/Down try to keep; set only by up/down, dropped by every other operation. */
	goalCol?: number;
}>;

function normalizeNewlines(text: string): string {
	return text.includes('\r') ? text.replace(/\r\n?/g, '\n') : text;
}

export function createBuffer(text = '', cursor?: number): TextBuffer {
	const t = normalizeNewlines(text);
	const c = Math.max(0, Math.min(t.length, cursor ?? t.length));
	return {text: t, cursor: snap(t, c, 'back')};
}

export const emptyBuffer: TextBuffer = {text: '', cursor: 0};

export function clear(): TextBuffer {
	return emptyBuffer;
}

function replaceRange(b: TextBuffer, from: number, to: number, insert: string, direction: 'back' | 'forward'): TextBuffer {
	if (from === to && insert === '') return b.goalCol === undefined ? b : {text: b.text, cursor: b.cursor};
	const text = b.text.slice(0, from) + insert + b.text.slice(to);
	return {text, cursor: snap(text, from + insert.length, direction)};
}

function moveTo(b: TextBuffer, cursor: number): TextBuffer {
	return {text: b.text, cursor};
}

/** Inserts at the cursor, as is except that CRLF and CR become LF. */
export function insert(b: TextBuffer, text: string): TextBuffer {
	return replaceRange(b, b.cursor, b.cursor, normalizeNewlines(text), 'forward');
}

export function newline(b: TextBuffer): TextBuffer {
	return insert(b, '\n');
}

export function backspace(b: TextBuffer): TextBuffer {
	return replaceRange(b, prevBoundary(b.text, b.cursor), b.cursor, '', 'back');
}

export function deleteForward(b: TextBuffer): TextBuffer {
	return replaceRange(b, b.cursor, nextBoundary(b.text, b.cursor), '', 'back');
}

export function left(b: TextBuffer): TextBuffer {
	return moveTo(b, prevBoundary(b.text, b.cursor));
}

export function right(b: TextBuffer): TextBuffer {
	return moveTo(b, nextBoundary(b.text, b.cursor));
}

function lineStartOf(text: string, i: number): number {
	return i <= 0 ? 0 : text.lastIndexOf('\n', i - 1) + 1;
}

function lineEndOf(text: string, i: number): number {
	const nl = text.indexOf('\n', i);
	return nl === -1 ? text.length : nl;
}

export function home(b: TextBuffer): TextBuffer {
	return moveTo(b, lineStartOf(b.text, b.cursor));
}

export function end(b: TextBuffer): TextBuffer {
	return moveTo(b, lineEndOf(b.text, b.cursor));
}

/** Ctrl+U. At the start of a line it removes the line break before it, so repeating it clears everything. */
export function killToLineStart(b: TextBuffer): TextBuffer {
	const start = lineStartOf(b.text, b.cursor);
	return replaceRange(b, start === b.cursor ? Math.max(0, start - 1) : start, b.cursor, '', 'back');
}

/** Ctrl+K. At the end of a line it joins the next line. */
export function killToLineEnd(b: TextBuffer): TextBuffer {
	const lineEnd = lineEndOf(b.text, b.cursor);
	return replaceRange(b, b.cursor, lineEnd === b.cursor ? Math.min(b.text.length, lineEnd + 1) : lineEnd, '', 'back');
}

// Words: runs of letters, digits and marks. CJK has no spaces, and one word per character makes Alt+B no
// better than Left while one word per run jumps over a whole clause, so CJK runs are split by ICU's
// dictionary word breaker (我们|今天|去|北京).
type CharClass = 'word' | 'cjk' | 'other';
const cjkWords = new Intl.Segmenter('zh', {granularity: 'word'});
const cjkRe = /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\u30fc]/u;
const wordRe = /[\p{L}\p{N}\p{M}]/u;
// A CJK run is segmented only this far from the cursor, so a 1 MB run without punctuation stays cheap.
const maxCjkRun = 256;

function classAt(text: string, i: number): CharClass {
	const cp = text.codePointAt(i);
	if (cp === undefined) return 'other';
	if (cp < 0x80) return (cp >= 0x30 && cp <= 0x39) || ((cp | 0x20) >= 0x61 && (cp | 0x20) <= 0x7a) ? 'word' : 'other';
	const ch = String.fromCodePoint(cp);
	if (cjkRe.test(ch)) return 'cjk';
	return wordRe.test(ch) ? 'word' : 'other';
}

// Graphemes ending at or before i, nearest first: one safe-bounded chunk at a time, so walking back over
// a long run costs one pass, not one pass per step.
function eachGraphemeBackward(text: string, i: number, fn: GraphemeFn): void {
	let hi = i;
	const starts: number[] = [];
	const cells: number[] = [];
	while (hi > 0) {
		let lo = hi - 1;
		while (!isSafeBoundary(text, lo)) lo--;
		starts.length = 0;
		cells.length = 0;
		eachGrapheme(text, lo, hi, (start, _end, w) => {
			starts.push(start);
			cells.push(w);
		});
		for (let k = starts.length - 1; k >= 0; k--) {
			if (fn(starts[k]!, starts[k + 1] ?? hi, cells[k]!) === false) return;
		}

		hi = lo;
	}
}

function wordStartBefore(text: string, cursor: number): number {
	let cls: CharClass | undefined;
	let runStart = cursor;
	let runEnd = cursor;
	eachGraphemeBackward(text, cursor, (start, end) => {
		const c = classAt(text, start);
		if (cls === undefined) {
			if (c === 'other') return true;
			cls = c;
			runEnd = end;
		} else if (c !== cls || (cls === 'cjk' && runEnd - start > maxCjkRun)) {
			return false;
		}

		runStart = start;
		return true;
	});
	if (cls === undefined) return 0;
	if (cls === 'word') return runStart;
	let last = runStart;
	for (const {index} of cjkWords.segment(text.slice(runStart, runEnd))) last = runStart + index;
	return last;
}

function wordEndAfter(text: string, cursor: number): number {
	let cls: CharClass | undefined;
	let runStart = cursor;
	let runEnd = cursor;
	eachGrapheme(text, cursor, text.length, (start, end) => {
		const c = classAt(text, start);
		if (cls === undefined) {
			if (c === 'other') return true;
			cls = c;
			runStart = start;
		} else if (c !== cls || (cls === 'cjk' && end - runStart > maxCjkRun)) {
			return false;
		}

		runEnd = end;
		return true;
	});
	if (cls === undefined) return text.length;
	if (cls === 'word') return runEnd;
	for (const {segment} of cjkWords.segment(text.slice(runStart, runEnd))) return runStart + segment.length;
	return runEnd;
}

/** Alt+B: to the start of the previous word. */
export function wordLeft(b: TextBuffer): TextBuffer {
	return moveTo(b, wordStartBefore(b.text, b.cursor));
}

/** Alt+F: to the end of the next word. */
export function wordRight(b: TextBuffer): TextBuffer {
	return moveTo(b, wordEndAfter(b.text, b.cursor));
}

/** Ctrl+W and Alt+Backspace: same word rules as Alt+B, so CJK loses a word, not a whole sentence. */
export function deleteWordBackward(b: TextBuffer): TextBuffer {
	return replaceRange(b, wordStartBefore(b.text, b.cursor), b.cursor, '', 'back');
}

function clampWidth(width: number): number {
	return Math.max(1, Math.floor(width));
}

/**
Up one visual row, keeping the goal column in cells. Returns null when the cursor is already on the first
visual row, so the caller can go back in history instead.
*/
export function up(b: TextBuffer, width: number): TextBuffer | null {
	const rows = new Rows(b.text, clampWidth(width));
	const row = rows.at(b.cursor);
	const above = rows.previous(row);
	if (!above) return null;
	const goal = b.goalCol ?? rows.column(row, b.cursor);
	return {text: b.text, cursor: rows.offsetAt(above, goal), goalCol: goal};
}

/** Down one visual row; null when the cursor is already on the last visual row (history forward). */
export function down(b: TextBuffer, width: number): TextBuffer | null {
	const rows = new Rows(b.text, clampWidth(width));
	const row = rows.at(b.cursor);
	const below = rows.next(row);
	if (!below) return null;
	const goal = b.goalCol ?? rows.column(row, b.cursor);
	return {text: b.text, cursor: rows.offsetAt(below, goal), goalCol: goal};
}

export type {Layout, LayoutWindow} from './text-rows.js';

/** All visual rows. Fine for tests and short text; the component uses layoutWindow. */
export function layout(b: TextBuffer, width: number): Layout {
	const {lines, cursorRow, cursorCol} = layoutText(b.text, b.cursor, width, Infinity, 0);
	return {lines, cursorRow, cursorCol};
}

/**
At most `maxRows` visual rows around the cursor, scrolled as little as possible from the row at `anchor`
(the previous window's anchor). Cost does not grow with the text (see text-rows.ts).
*/
export function layoutWindow(b: TextBuffer, width: number, maxRows: number, anchor = 0): LayoutWindow {
	return layoutText(b.text, b.cursor, width, maxRows, anchor);
}

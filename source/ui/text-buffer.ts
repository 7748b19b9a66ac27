import stringWidth from 'string-width';

/*
The pure model behind the chat composer. Every operation returns a new state; the component keeps the
current one in React state and renders `layoutWindow`.

Grapheme work is kept local so a 1 MB paste stays cheap: instead of segmenting the whole text, we segment
only between two "safe" offsets, where a grapheme boundary is certain without looking further (see
`isSafeBoundary`). Text made of ASCII or CJK is nearly all safe, so it takes a fast path with no
Intl.Segmenter at all.
*/

export type TextBuffer = Readonly<{
	text: string;
	/** UTF-16 offset, always on a grapheme boundary. */
	cursor: number;
	/** Cell column that Up/Down try to keep; set only by up/down, dropped by every other operation. */
	goalCol?: number;
}>;

const graphemes = new Intl.Segmenter(undefined, {granularity: 'grapheme'});
const cjkWords = new Intl.Segmenter('zh', {granularity: 'word'});

// Width of a code unit that is always a grapheme on its own when its neighbours are such units too:
// printable ASCII (1) and the common CJK/Hangul/fullwidth blocks (2). 0 means "look closer".
// The ranges leave out everything that can extend or join a cluster (combining kana marks U+3099/309A,
// ideographic tone marks U+302A-302F, halfwidth voiced marks U+FF9E/FF9F, jamo, surrogates).
function simpleWidth(c: number): number {
	if (c >= 0x20 && c < 0x7f) return 1;
	if (c < 0x3000) return 0;
	if (c >= 0x4e00 && c <= 0x9fff) return 2;
	if (c >= 0x3400 && c <= 0x4dbf) return 2;
	if (c <= 0x3029) return 2;
	if (c >= 0x3041 && c <= 0x3096) return 2;
	if (c >= 0x30a1 && c <= 0x30fa) return 2;
	if (c >= 0xac00 && c <= 0xd7a3) return 2;
	if (c >= 0xff01 && c <= 0xff60) return 2;
	return 0;
}

function isAsciiPrintable(c: number): boolean {
	return c >= 0x20 && c < 0x7f;
}

function isSurrogate(c: number): boolean {
	return c >= 0xd800 && c <= 0xdfff;
}

// Grapheme_Cluster_Break=Prepend: glues itself to whatever follows.
function isPrepend(cp: number): boolean {
	if (cp < 0x600) return false;
	if (cp <= 0xd4e) {
		return (cp >= 0x600 && cp <= 0x605) || cp === 0x6dd || cp === 0x70f || cp === 0x890 || cp === 0x891 || cp === 0x8e2 || cp === 0xd4e;
	}

	return (
		cp === 0x110bd ||
		cp === 0x110cd ||
		cp === 0x111c2 ||
		cp === 0x111c3 ||
		cp === 0x1193f ||
		cp === 0x11941 ||
		cp === 0x11a3a ||
		(cp >= 0x11a84 && cp <= 0x11a89) ||
		cp === 0x11d46 ||
		cp === 0x11f02 ||
		cp === 0x113d1
	);
}

// A starter never attaches to what precedes it (not Extend, ZWJ or SpacingMark).
const starterRe = /^(?![\p{M}\p{Emoji_Modifier}\u0e33\u0eb3])\p{Grapheme_Base}$/u;
const pictographicRe = /^\p{Extended_Pictographic}$/u;
// Always joins the cluster before it (GB9): nonspacing and enclosing marks, emoji modifiers, ZWNJ.
const extendRe = /^[\p{Mn}\p{Me}\p{Emoji_Modifier}\u200c]$/u;
const starterFlag = 1;
const pictographicFlag = 2;
const extendFlag = 4;
const knownFlag = 8;
const bmpFlags = new Uint8Array(0x10000);
const astralFlags = new Map<number, number>();

function flagsOf(cp: number): number {
	let f = cp < 0x10000 ? bmpFlags[cp]! : (astralFlags.get(cp) ?? 0);
	if (f === 0) {
		const ch = String.fromCodePoint(cp);
		f =
			knownFlag |
			(starterRe.test(ch) ? starterFlag : 0) |
			(pictographicRe.test(ch) ? pictographicFlag : 0) |
			(extendRe.test(ch) ? extendFlag : 0);
		if (cp < 0x10000) bmpFlags[cp] = f;
		else astralFlags.set(cp, f);
	}

	return f;
}

/*
True when p is certainly a grapheme boundary, judging from the code points on either side only. The
rules of UAX 29 that can join two code points need one of them to be CR, Prepend, ZWJ, Extend,
SpacingMark, a regional indicator, a jamo or an Indic consonant; each case below rules those out (the
tests check this against the runtime's own segmenter).
*/
function isSafeBoundary(text: string, p: number): boolean {
	if (p <= 0 || p >= text.length) return true;
	const a = text.charCodeAt(p - 1);
	const b = text.charCodeAt(p);
	// A line feed always ends and starts a cluster; CR is normalized away on insert.
	if (a === 10) return true;
	if (b === 10) return a !== 13;
	if (simpleWidth(a) > 0 && simpleWidth(b) > 0) return true;
	if (a === 13) return false;
	const before = isSurrogate(a) && p >= 2 ? text.codePointAt(p - 2)! : a;
	const after = text.codePointAt(p)!;
	// Lone surrogates: leave them to the segmenter.
	if (before <= 0xffff && isSurrogate(a)) return false;
	if (isSurrogate(after)) return false;
	if (isAsciiPrintable(after)) return !isPrepend(before);
	const f = flagsOf(after);
	if ((f & starterFlag) === 0) return false;
	if (isAsciiPrintable(before)) return true;
	// An emoji starts a new cluster unless a ZWJ asks to join it to the previous one.
	return (f & pictographicFlag) !== 0 && before !== 0x200d && !isPrepend(before);
}

const widthCache = new Map<string, number>();

function clusterWidth(cluster: string): number {
	let w = widthCache.get(cluster);
	if (w === undefined) {
		w = stringWidth(cluster);
		// Emoji and accented letters repeat a lot; a bound keeps hostile input from growing the cache.
		if (widthCache.size > 4096) widthCache.clear();
		widthCache.set(cluster, w);
	}

	return w;
}

function isRegionalIndicator(cp: number): boolean {
	return cp >= 0x1f1e6 && cp <= 0x1f1ff;
}

// Whether [i, q), both ends boundaries, is one cluster: a starter followed only by what GB9 and GB11
// always attach (marks, emoji modifiers, ZWJ + emoji after an emoji). Covers é as e + U+0301, 👍🏻, #️⃣
// and 👨‍👩‍👧 without asking the segmenter, which costs microseconds per call.
function isOneCluster(text: string, i: number, q: number): boolean {
	let cp = text.codePointAt(i)!;
	let k = i + (cp > 0xffff ? 2 : 1);
	let f = flagsOf(cp);
	if ((f & starterFlag) === 0) return false;
	let emojiChain = (f & pictographicFlag) !== 0;
	let afterZwj = false;
	while (k < q) {
		cp = text.codePointAt(k)!;
		k += cp > 0xffff ? 2 : 1;
		if (cp === 0x200d) {
			afterZwj = emojiChain;
			emojiChain = false;
			continue;
		}

		f = flagsOf(cp);
		if ((f & extendFlag) !== 0) {
			if (afterZwj) afterZwj = false;
			continue;
		}

		if (afterZwj && (f & pictographicFlag) !== 0) {
			afterZwj = false;
			emojiChain = true;
			continue;
		}

		return false;
	}

	return true;
}

// Regional indicators pair up from the start of their run, and [i, q) starts on a boundary.
function isFlagRun(text: string, i: number, q: number): boolean {
	for (let k = i; k < q; k += 2) {
		if (!isRegionalIndicator(text.codePointAt(k)!)) return false;
	}

	return true;
}

type GraphemeFn = (start: number, end: number, cells: number) => boolean | void;

// V8's segment iterator gets slower the longer the string (quadratic overall), so a long run without
// safe boundaries is segmented in windows. Every boundary inside a window is right because the window
// starts on one; only the last cluster may be cut short, so it is left for the next window.
const segmentWindow = 256;

function segmentRange(text: string, s: number, q: number, fn: GraphemeFn): boolean {
	let i = s;
	let size = segmentWindow;
	while (i < q) {
		const stop = Math.min(q, i + size);
		let pending: {start: number; segment: string} | undefined;
		let emitted = 0;
		for (const {segment, index} of graphemes.segment(text.slice(i, stop))) {
			if (pending) {
				if (fn(pending.start, pending.start + pending.segment.length, clusterWidth(pending.segment)) === false) return false;
				emitted++;
			}

			pending = {start: i + index, segment};
		}

		if (!pending) return true;
		if (stop === q) return fn(pending.start, pending.start + pending.segment.length, clusterWidth(pending.segment)) !== false;
		if (emitted === 0) {
			// One cluster longer than the window (a letter with hundreds of marks): widen and retry.
			size *= 2;
			continue;
		}

		i = pending.start;
		size = segmentWindow;
	}

	return true;
}

/**
Calls `fn(start, end, cells)` for each grapheme in [s, e); both ends must be grapheme boundaries.
Return false from `fn` to stop.
*/
function eachGrapheme(text: string, s: number, e: number, fn: GraphemeFn): void {
	let i = s;
	while (i < e) {
		const c = text.charCodeAt(i);
		const w = simpleWidth(c);
		if (w > 0 && (i + 1 >= e || simpleWidth(text.charCodeAt(i + 1)) > 0)) {
			if (fn(i, i + 1, w) === false) return;
			i++;
			continue;
		}

		const j = i + (c >= 0xd800 && c <= 0xdbff && (text.charCodeAt(i + 1) & 0xfc00) === 0xdc00 ? 2 : 1);
		if (j >= e || isSafeBoundary(text, j)) {
			if (fn(i, j, w > 0 ? w : clusterWidth(text.slice(i, j))) === false) return;
			i = j;
			continue;
		}

		let q = j + 1;
		while (q < e && !isSafeBoundary(text, q)) q++;
		if (isOneCluster(text, i, q)) {
			if (fn(i, q, clusterWidth(text.slice(i, q))) === false) return;
		} else if (isFlagRun(text, i, q)) {
			for (let k = i; k < q; k += 4) {
				const end = Math.min(q, k + 4);
				if (fn(k, end, clusterWidth(text.slice(k, end))) === false) return;
			}
		} else if (!segmentRange(text, i, q, fn)) {
			return;
		}

		i = q;
	}
}

function prevBoundary(text: string, i: number): number {
	if (i <= 0) return 0;
	if (isSafeBoundary(text, i - 1)) return i - 1;
	let s = i - 1;
	while (!isSafeBoundary(text, s)) s--;
	let last = s;
	eachGrapheme(text, s, i, start => {
		last = start;
	});
	return last;
}

function nextBoundary(text: string, i: number): number {
	if (i >= text.length) return text.length;
	if (isSafeBoundary(text, i + 1)) return i + 1;
	let q = i + 2;
	while (!isSafeBoundary(text, q)) q++;
	let end = q;
	eachGrapheme(text, i, q, (_start, e) => {
		end = e;
		return false;
	});
	return end;
}

// An edit can merge clusters across the edit point (a combining mark meeting a new base letter), so the
// cursor is moved onto a boundary after every edit: forward after inserting, backward after deleting.
function snap(text: string, i: number, direction: 'back' | 'forward'): number {
	if (isSafeBoundary(text, i)) return i;
	let s = i - 1;
	while (!isSafeBoundary(text, s)) s--;
	let q = i + 1;
	while (!isSafeBoundary(text, q)) q++;
	let result = i;
	eachGrapheme(text, s, q, (start, end) => {
		if (end <= i) return true;
		result = start === i ? i : direction === 'back' ? start : end;
		return false;
	});
	return result;
}

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

/** Inserts at the cursor. The caller has sanitized control characters; CRLF and CR become LF here. */
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

// Soft wrap of one logical line [s, e) at `width` cells, by grapheme: a cluster never straddles the edge.
// Row k covers [starts[k], starts[k+1]); the last row also owns the offset e. A line whose last row is
// full gets an extra empty row, because the cursor after the last cell has nowhere else to stand.
function wrapLine(text: string, s: number, e: number, width: number, starts?: number[]): number {
	let rows = 1;
	let rowWidth = 0;
	starts?.push(s);
	const place = (start: number, _end: number, w: number): void => {
		// Once a row is full even a zero-width cluster starts the next one, so the cursor never sits at width.
		if (rowWidth > 0 && (rowWidth + w > width || rowWidth >= width)) {
			rows++;
			starts?.push(start);
			rowWidth = 0;
		}

		rowWidth += w;
	};

	// The same walk as eachGrapheme, with its fast path inlined: this loop runs over every character of
	// the text on every keystroke.
	let i = s;
	let w = i < e ? simpleWidth(text.charCodeAt(i)) : 0;
	while (i < e) {
		const nextWidth = i + 1 < e ? simpleWidth(text.charCodeAt(i + 1)) : 1;
		if (w > 0 && nextWidth > 0) {
			if (rowWidth > 0 && (rowWidth + w > width || rowWidth >= width)) {
				rows++;
				starts?.push(i);
				rowWidth = 0;
			}

			rowWidth += w;
			i++;
			w = nextWidth;
			continue;
		}

		let q = i + 1;
		while (q < e && !isSafeBoundary(text, q)) q++;
		eachGrapheme(text, i, q, place);
		i = q;
		w = i < e ? simpleWidth(text.charCodeAt(i)) : 0;
	}

	if (rowWidth >= width) {
		rows++;
		starts?.push(e);
	}

	return rows;
}

function rowStarts(text: string, s: number, e: number, width: number): number[] {
	const starts: number[] = [];
	wrapLine(text, s, e, width, starts);
	return starts;
}

function rowOf(starts: readonly number[], offset: number): number {
	let lo = 0;
	let hi = starts.length - 1;
	while (lo < hi) {
		const mid = (lo + hi + 1) >> 1;
		if (starts[mid]! <= offset) lo = mid;
		else hi = mid - 1;
	}

	return lo;
}

function cellsBetween(text: string, s: number, e: number): number {
	let cells = 0;
	eachGrapheme(text, s, e, (_start, _end, w) => {
		cells += w;
	});
	return cells;
}

// The offset in row [rs, re) whose column is the largest not past `goal`. Only the last row of a logical
// line may put the cursor at re; on other rows re belongs to the next row.
function offsetAtCol(text: string, rs: number, re: number, lastRow: boolean, goal: number): number {
	let pos = rs;
	let cells = 0;
	eachGrapheme(text, rs, re, (_start, end, w) => {
		if (cells + w > goal || (!lastRow && end >= re)) return false;
		cells += w;
		pos = end;
		return true;
	});
	return pos;
}

function clampWidth(width: number): number {
	return Math.max(1, Math.floor(width));
}

/**
Up one visual row, keeping the goal column in cells. Returns null when the cursor is already on the first
visual row, so the caller can go back in history instead.
*/
export function up(b: TextBuffer, width: number): TextBuffer | null {
	const w = clampWidth(width);
	const {text, cursor} = b;
	const ls = lineStartOf(text, cursor);
	const starts = rowStarts(text, ls, lineEndOf(text, cursor), w);
	const k = rowOf(starts, cursor);
	const goal = b.goalCol ?? cellsBetween(text, starts[k]!, cursor);
	let pos: number;
	if (k > 0) {
		pos = offsetAtCol(text, starts[k - 1]!, starts[k]!, false, goal);
	} else if (ls === 0) {
		return null;
	} else {
		const pe = ls - 1;
		const prevStarts = rowStarts(text, lineStartOf(text, pe), pe, w);
		pos = offsetAtCol(text, prevStarts[prevStarts.length - 1]!, pe, true, goal);
	}

	return {text, cursor: pos, goalCol: goal};
}

/** Down one visual row; null when the cursor is already on the last visual row (history forward). */
export function down(b: TextBuffer, width: number): TextBuffer | null {
	const w = clampWidth(width);
	const {text, cursor} = b;
	const le = lineEndOf(text, cursor);
	const starts = rowStarts(text, lineStartOf(text, cursor), le, w);
	const k = rowOf(starts, cursor);
	const goal = b.goalCol ?? cellsBetween(text, starts[k]!, cursor);
	let pos: number;
	if (k < starts.length - 1) {
		const last = k + 1 === starts.length - 1;
		pos = offsetAtCol(text, starts[k + 1]!, last ? le : starts[k + 2]!, last, goal);
	} else if (le === text.length) {
		return null;
	} else {
		const ns = le + 1;
		const ne = lineEndOf(text, ns);
		const nextStarts = rowStarts(text, ns, ne, w);
		const last = nextStarts.length === 1;
		pos = offsetAtCol(text, ns, last ? ne : nextStarts[1]!, last, goal);
	}

	return {text, cursor: pos, goalCol: goal};
}

export type Layout = {
	/** Visual rows, none wider than `width` cells unless a single cluster is (a wide character at width 1). */
	lines: string[];
	/** Where the terminal cursor goes, relative to `lines`. cursorCol is in cells and always < width. */
	cursorRow: number;
	cursorCol: number;
};

export type LayoutWindow = Layout & {
	/** Index of lines[0] among all visual rows; pass it back next time so the view scrolls only when it must. */
	top: number;
	totalRows: number;
};

/** All visual rows. Fine for normal input; the component should prefer layoutWindow. */
export function layout(b: TextBuffer, width: number): Layout {
	const {lines, cursorRow, cursorCol} = layoutWindow(b, width, Infinity, 0);
	return {lines, cursorRow, cursorCol};
}

/**
At most `maxRows` visual rows, scrolled as little as possible from `top` to keep the cursor visible.
Cost is one linear pass to count rows (no strings built) plus the rows in the window.
*/
export function layoutWindow(b: TextBuffer, width: number, maxRows: number, top = 0): LayoutWindow {
	const w = clampWidth(width);
	const rowsWanted = Math.max(1, maxRows);
	const {text, cursor} = b;
	const lineStarts: number[] = [];
	const lineEnds: number[] = [];
	const lineRows: number[] = [];
	let totalRows = 0;
	let cursorRowAbs = 0;
	let cursorCol = 0;
	for (let s = 0; ; ) {
		const nl = text.indexOf('\n', s);
		const e = nl === -1 ? text.length : nl;
		if (cursor >= s && cursor <= e) {
			const starts = rowStarts(text, s, e, w);
			const k = rowOf(starts, cursor);
			cursorRowAbs = totalRows + k;
			cursorCol = cellsBetween(text, starts[k]!, cursor);
			lineRows.push(starts.length);
		} else {
			lineRows.push(wrapLine(text, s, e, w));
		}

		lineStarts.push(s);
		lineEnds.push(e);
		totalRows += lineRows[lineRows.length - 1]!;
		if (nl === -1) break;
		s = nl + 1;
	}

	let first = Math.min(Math.max(0, top), cursorRowAbs);
	first = Math.max(first, cursorRowAbs - rowsWanted + 1);
	first = Math.max(0, Math.min(first, totalRows - rowsWanted));
	const stop = Math.min(totalRows, first + rowsWanted);

	const lines: string[] = [];
	let row = 0;
	for (let j = 0; j < lineStarts.length && row < stop; j++) {
		const n = lineRows[j]!;
		if (row + n > first) {
			const e = lineEnds[j]!;
			const starts = rowStarts(text, lineStarts[j]!, e, w);
			for (let k = Math.max(0, first - row); k < n && row + k < stop; k++) {
				lines.push(text.slice(starts[k]!, starts[k + 1] ?? e));
			}
		}

		row += n;
	}

	return {lines, cursorRow: cursorRowAbs - first, cursorCol, top: first, totalRows};
}

/*
Input history, like a shell: Up from the unsent draft walks back through earlier inputs, Down walks
forward, and walking past the newest entry brings the draft back. Edits to a recalled entry are dropped
when you walk away from it; only the draft is kept.
*/
export type History = Readonly<{
	entries: readonly string[];
	/** entries.length means "at the draft". */
	index: number;
	draft: string;
}>;

export type HistoryStep = {history: History; text: string};

export function createHistory(entries: readonly string[] = []): History {
	return {entries: [...entries], index: entries.length, draft: ''};
}

/** Older entry, given what the composer holds now; null when there is none. */
export function historyPrev(h: History, current: string): HistoryStep | null {
	if (h.index === 0) return null;
	const draft = h.index === h.entries.length ? current : h.draft;
	const index = h.index - 1;
	return {history: {entries: h.entries, index, draft}, text: h.entries[index]!};
}

/** Newer entry, or the saved draft after the newest; null when already at the draft. */
export function historyNext(h: History): HistoryStep | null {
	if (h.index >= h.entries.length) return null;
	const index = h.index + 1;
	const text = index === h.entries.length ? h.draft : h.entries[index]!;
	return {history: {entries: h.entries, index, draft: h.draft}, text};
}

/** After sending: remember the input (not twice in a row, not blank) and start a fresh draft. */
export function historyPush(h: History, entry: string): History {
	const entries =
		entry.trim() === '' || h.entries[h.entries.length - 1] === entry ? h.entries : [...h.entries, entry];
	return {entries, index: entries.length, draft: ''};
}

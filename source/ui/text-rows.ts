import {eachGrapheme, isControl, isLayoutControl, isSafeBoundary, isSurrogate, simpleWidth} from '../text/unicode.js';

/*
How the composer's text becomes screen rows: soft wrapping at a cell width, and what each cluster is
drawn as.

Drawing keeps the text exact and the screen safe. The text holds whatever was pasted (tabs, control
characters); each row is drawn as:
- a tab: spaces to the next stop of `tabCells` cells, counted from the row's start (never past its end);
- a C0 or C1 control or DEL: one visible symbol (U+2400 + code for C0, ␡ for DEL, ␦ for C1), so nothing
  reaches the terminal raw and the user can see (and delete) it; line/paragraph separators show as ␤ and
  bidi controls as ␦;
- a lone surrogate: U+FFFD, as the terminal would get it;
- a zero-width joiner that ends a cluster is left out: terminals (tmux among them) join the next printed
  character to the cell before, wherever it is printed, and one row's trailing ZWJ swallowed another
  row's first cell. A ZWJ inside a cluster (👨‍👩‍👧) stays.

Cost does not grow with the text. A logical line is wrapped greedily from a start that is known without
looking at the rest of the text: its own start, or a cut where a very long line is split into pieces of
about `cutStep` code units (a row always ends at a cut, so one row there is short). A keystroke in a 5 MB
paste re-wraps the few pieces around the cursor, never the whole line, and never scans far for a newline.
*/

export const tabCells = 4;

/** Cuts are looked for every `cutStep` code units, only where no newline is within `cutStep` either side. */
export const cutStep = 4096;

// eslint-disable-next-line no-misleading-character-class -- a set of single code points (ZWJ among them) on purpose
const needsDrawing = /[\x00-\x1f\x7f-\x9f\u200d\u2028-\u202e\u2066-\u2069]|\p{Cs}/u;

function controlSymbol(c: number): string {
	if (c < 0x20) return String.fromCharCode(0x2400 + c);
	if (c === 0x7f) return '\u2421';
	if (c === 0x2028 || c === 0x2029) return '\u2424';
	return '\u2426';
}

/** Cells of a tab at column `col` of a row `width` cells wide (the caller starts a new row when col >= width). */
function tabWidth(col: number, width: number): number {
	return Math.min(tabCells - (col % tabCells), width - col);
}

/** What the terminal is given for the cluster [start, end) of `text`, a tab aside (see the header). */
export function drawCluster(text: string, start: number, end: number): string {
	const c = text.charCodeAt(start);
	if (end - start === 1 && (isControl(c) || isLayoutControl(c) || isSurrogate(c))) return isSurrogate(c) ? '\uFFFD' : controlSymbol(c);
	const cluster = text.slice(start, end);
	return cluster.endsWith('\u200d') ? cluster.replace(/\u200d+$/, '') : cluster;
}

/** What the terminal is given for the row [s, e) of `text` (see the header). */
export function drawRow(text: string, s: number, e: number, width: number): string {
	const raw = text.slice(s, e);
	if (!needsDrawing.test(raw)) return raw;
	let out = '';
	let col = 0;
	eachGrapheme(text, s, e, (start, end, w) => {
		if (text.charCodeAt(start) === 9) {
			const n = tabWidth(col, width);
			out += ' '.repeat(n);
			col += n;
			return;
		}

		out += drawCluster(text, start, end);
		col += w;
	});
	return out;
}

/** Cells from a row's start `s` to offset `e` in it. */
export function cellsBetween(text: string, s: number, e: number, width: number): number {
	let cells = 0;
	eachGrapheme(text, s, e, (start, _end, w) => {
		cells += text.charCodeAt(start) === 9 ? tabWidth(cells, width) : w;
	});
	return cells;
}

// ---- pieces: where wrapping may start -------------------------------------------------------------

// The cut for grid point k (k * cutStep): the first certain grapheme boundary at or after it, when no
// newline is within cutStep on either side (so only lines longer than 2 * cutStep are ever cut); else -1.
function cutAt(text: string, k: number): number {
	const grid = k * cutStep;
	const length = text.length;
	if (k < 1 || grid >= length) return -1;
	const stop = Math.min(length, grid + cutStep);
	for (let i = grid - cutStep; i < stop; i++) if (text.charCodeAt(i) === 10) return -1;
	for (let i = grid; i < stop; i++) if (isSafeBoundary(text, i)) return i;
	return -1;
}

function lastNewline(text: string, from: number, before: number): number {
	for (let i = before - 1; i >= from; i--) if (text.charCodeAt(i) === 10) return i;
	return -1;
}

/** The start of the piece holding offset p: the nearest line start or cut at or before p. */
function pieceStart(text: string, p: number): number {
	let k = Math.floor(p / cutStep);
	let before = p;
	for (;;) {
		const from = Math.max(0, (k - 1) * cutStep);
		const newline = lastNewline(text, from, before);
		// A cut needs cutStep newline-free units before its grid point, so none lies between this newline and p.
		if (newline !== -1) return newline + 1;
		const cut = cutAt(text, k);
		if (cut !== -1 && cut <= p) return cut;
		if (from === 0) return 0;
		before = from;
		k--;
	}
}

/** Where the piece starting at cs ends, and whether that is the end of its logical line. */
function pieceEnd(text: string, cs: number): {end: number; lineEnd: boolean} {
	const length = text.length;
	let from = cs;
	for (let k = Math.floor(cs / cutStep) + 1; ; k++) {
		const grid = k * cutStep;
		const stop = Math.min(length, grid);
		for (let i = from; i < stop; i++) if (text.charCodeAt(i) === 10) return {end: i, lineEnd: true};
		if (grid >= length) return {end: length, lineEnd: true};
		const cut = cutAt(text, k);
		// A valid cut has no newline within cutStep after its grid point, so none before it either.
		if (cut !== -1) return {end: cut, lineEnd: false};
		from = grid;
	}
}

// Greedy soft wrap of [s, e) at `width` cells, by grapheme: a cluster never straddles the edge. Row k
// covers [starts[k], starts[k+1]). When e ends the logical line and its last row is full, an empty row
// follows, because the cursor after the last cell has nowhere else to stand.
function wrapPiece(text: string, s: number, e: number, width: number, lineEnd: boolean): number[] {
	const starts = [s];
	let rowWidth = 0;
	const place = (start: number, _end: number, w: number): void => {
		if (text.charCodeAt(start) === 9) {
			if (rowWidth >= width) {
				starts.push(start);
				rowWidth = 0;
			}

			rowWidth += tabWidth(rowWidth, width);
			return;
		}

		// Once a row is full even a zero-width cluster starts the next one, so the cursor never sits at width.
		if (rowWidth > 0 && (rowWidth + w > width || rowWidth >= width)) {
			starts.push(start);
			rowWidth = 0;
		}

		rowWidth += w;
	};

	// The same walk as eachGrapheme, with its fast path inlined: this loop runs on every keystroke.
	let i = s;
	let w = i < e ? simpleWidth(text.charCodeAt(i)) : 0;
	while (i < e) {
		const nextWidth = i + 1 < e ? simpleWidth(text.charCodeAt(i + 1)) : 1;
		if (w > 0 && nextWidth > 0) {
			if (rowWidth > 0 && (rowWidth + w > width || rowWidth >= width)) {
				starts.push(i);
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

	if (lineEnd && rowWidth >= width) starts.push(e);
	return starts;
}

// Pieces wrapped lately, by content: a keystroke changes one piece, and the others (and every piece on a
// render that changed nothing) are found here instead of wrapped again. Emoji-dense text takes the
// segmenter's path, ~1 µs per code unit, so this saves tens of ms per key in a huge paste.
const wrapped = new Map<string, number[]>();
const wrappedLimit = 64;

function wrappedPiece(text: string, s: number, e: number, width: number, lineEnd: boolean): number[] {
	if (e - s < 256) return wrapPiece(text, s, e, width, lineEnd);
	const key = `${width}${lineEnd ? '.' : ':'}${text.slice(s, e)}`;
	let relative = wrapped.get(key);
	if (!relative) {
		relative = wrapPiece(text, s, e, width, lineEnd).map((start) => start - s);
		if (wrapped.size >= wrappedLimit) wrapped.clear();
		wrapped.set(key, relative);
	}

	return relative.map((start) => start + s);
}

// ---- rows -----------------------------------------------------------------------------------------

type Piece = {start: number; end: number; lineEnd: boolean; starts: number[]};

export type Row = Readonly<{
	start: number;
	end: number;
	/** The last row of its logical line: only there may the cursor stand at `end`. */
	last: boolean;
	piece: Piece;
	index: number;
}>;

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

/** The visual rows of one text at one width, wrapped on demand: each piece once per Rows. */
export class Rows {
	private readonly pieces = new Map<number, Piece>();
	readonly width: number;

	constructor(
		readonly text: string,
		width: number,
	) {
		this.width = Math.max(1, Math.floor(width));
	}

	/** The row holding offset p (a grapheme boundary); at a soft wrap, the row that starts there. */
	at(p: number): Row {
		const piece = this.piece(pieceStart(this.text, p));
		return this.row(piece, rowOf(piece.starts, p));
	}

	next(row: Row): Row | null {
		const {piece, index} = row;
		if (index + 1 < piece.starts.length) return this.row(piece, index + 1);
		if (!piece.lineEnd) return this.row(this.piece(piece.end), 0);
		if (piece.end >= this.text.length) return null;
		return this.row(this.piece(piece.end + 1), 0);
	}

	previous(row: Row): Row | null {
		const {piece, index} = row;
		if (index > 0) return this.row(piece, index - 1);
		if (piece.start === 0) return null;
		// piece.start - 1 is the previous piece's last offset (the newline, for a line start).
		const before = this.piece(pieceStart(this.text, piece.start - 1));
		return this.row(before, before.starts.length - 1);
	}

	/** The drawn text of a row. */
	draw(row: Row): string {
		return drawRow(this.text, row.start, row.end, this.width);
	}

	/** The cursor's column in its row. */
	column(row: Row, cursor: number): number {
		return cellsBetween(this.text, row.start, cursor, this.width);
	}

	/** The offset in `row` whose column is the largest not past `goal`. */
	offsetAt(row: Row, goal: number): number {
		const {text, width} = this;
		let pos = row.start;
		let cells = 0;
		eachGrapheme(text, row.start, row.end, (start, end, w) => {
			const cellsHere = text.charCodeAt(start) === 9 ? tabWidth(cells, width) : w;
			if (cells + cellsHere > goal || (!row.last && end >= row.end)) return false;
			cells += cellsHere;
			pos = end;
			return true;
		});
		return pos;
	}

	private piece(start: number): Piece {
		let piece = this.pieces.get(start);
		if (!piece) {
			const {end, lineEnd} = pieceEnd(this.text, start);
			piece = {start, end, lineEnd, starts: wrappedPiece(this.text, start, end, this.width, lineEnd)};
			this.pieces.set(start, piece);
		}

		return piece;
	}

	private row(piece: Piece, index: number): Row {
		const last = index === piece.starts.length - 1;
		return {start: piece.starts[index]!, end: last ? piece.end : piece.starts[index + 1]!, last: last && piece.lineEnd, piece, index};
	}
}

export type Layout = {
	/** Visual rows as drawn, none wider than `width` cells unless a single cluster is (a wide character at width 1). */
	lines: string[];
	/** Where the terminal cursor goes, relative to `lines`. cursorCol is in cells and always < width. */
	cursorRow: number;
	cursorCol: number;
};

export type LayoutWindow = Layout & {
	/** Offset where lines[0] starts; pass it back next time so the view scrolls only when it must. */
	anchor: number;
	/** Rows exist above / below the window. */
	above: boolean;
	below: boolean;
};

/**
At most `maxRows` visual rows, scrolled as little as possible from the row at `anchor` to keep the cursor
visible. Cost: the pieces around the anchor and the cursor, not the whole text.
*/
export function layoutWindow(text: string, cursor: number, width: number, maxRows: number, anchor = 0): LayoutWindow {
	const rows = new Rows(text, width);
	const wanted = Math.max(1, maxRows);
	const cursorRow = rows.at(cursor);
	let top = rows.at(Math.max(0, Math.min(anchor, text.length)));
	if (top.start > cursorRow.start) top = cursorRow;
	// Keep the top row while the cursor is within the window below it.
	let reach: Row | null = top;
	for (let step = 1; reach && reach.start < cursorRow.start && step < wanted; step++) reach = rows.next(reach);
	if (!reach || reach.start !== cursorRow.start) {
		top = cursorRow;
		for (let step = 1; step < wanted; step++) {
			const above = rows.previous(top);
			if (!above) break;
			top = above;
		}
	}

	const shown: Row[] = [top];
	for (let row = rows.next(top); row && shown.length < wanted; row = rows.next(row)) shown.push(row);
	// Near the end, fill the window from above rather than leave it short.
	while (shown.length < wanted) {
		const above = rows.previous(shown[0]!);
		if (!above) break;
		shown.unshift(above);
	}

	const index = shown.findIndex((row) => row.start === cursorRow.start);
	return {
		lines: shown.map((row) => rows.draw(row)),
		cursorRow: index,
		cursorCol: rows.column(cursorRow, cursor),
		anchor: shown[0]!.start,
		above: shown[0]!.start > 0,
		below: rows.next(shown.at(-1)!) !== null,
	};
}

// The bytes that turn the previous full-screen frame into the next one. Over a slow SSH link every byte
// counts, so instead of rewriting changed lines whole (ink's incremental mode), this writes only from the
// first changed cell of each line, and turns "everything moved up" into one scroll-region command.
import {cellWidth, graphemeWidth, nextBoundary} from '../text/unicode.js';

const ESC = '\u001B';
const sgrPattern = /\u001B\[[0-9;:]*m/y;
const otherEscape = /\u001B(?:\[[0-?]*[ -/]*[@-~]|\][^\u0007\u001B]*(?:\u0007|\u001B\\)|[@-_])/y;

// eslint-disable-next-line no-misleading-character-class -- a set of single code points (selector, ZWJ, modifiers) on purpose
const uncertainWidth = /[\uFE0F\u200D\u{1F1E6}-\u{1F1FF}\u{1F3FB}-\u{1F3FF}]/u;

export interface Cursor {
	x: number;
	y: number;
}

/** CUP: rows and columns are 0-based here, 1-based on the wire. Omitted parameters are shorter. */
export function moveTo(row: number, column: number): string {
	if (row === 0 && column === 0) return `${ESC}[H`;
	if (column === 0) return `${ESC}[${row + 1}H`;
	return `${ESC}[${row + 1};${column + 1}H`;
}

/**
 * Where the line's text starts to differ from the old line: the offset into `next` and the screen column
 * there, plus the SGR state in force at that point and the OSC 8 hyperlink open there, if any (so the rest
 * can be written on its own).
 */
export function firstDifference(
	previous: string,
	next: string,
): {offset: number; column: number; style: string; link?: string} | undefined {
	if (previous === next) return undefined;
	let i = 0;
	let j = 0;
	let column = 0;
	let style = '';
	let link = '';
	let lastSafe: {offset: number; column: number; style: string; link?: string} = {offset: 0, column: 0, style: ''};
	while (i < previous.length && j < next.length) {
		// Escape sequences must match exactly for the text after them to look the same.
		if (next.charCodeAt(j) === 0x1b || previous.charCodeAt(i) === 0x1b) {
			const a = readEscape(previous, i);
			const b = readEscape(next, j);
			if (a === undefined || b === undefined || a !== b) break;
			if (b.endsWith('m')) style = applySgr(style, b);
			else if (b.startsWith(`${ESC}]8;`)) link = /^\u001B\]8;[^;]*;(?:\u0007|\u001B\\)$/.test(b) ? '' : b;
			i += a.length;
			j += b.length;
			continue;
		}
		const a = readGrapheme(previous, i);
		const b = readGrapheme(next, j);
		if (a !== b) break;
		column += graphemeWidth(b);
		i += a.length;
		j += b.length;
		lastSafe = link === '' ? {offset: j, column, style} : {offset: j, column, style, link};
	}
	// Resume after the last fully equal visible cell: text after it is written with the style in force there.
	return lastSafe;
}

function readEscape(text: string, index: number): string | undefined {
	sgrPattern.lastIndex = index;
	const sgr = sgrPattern.exec(text);
	if (sgr) return sgr[0];
	otherEscape.lastIndex = index;
	const other = otherEscape.exec(text);
	return other?.[0];
}

function readGrapheme(text: string, index: number): string {
	// Printable ASCII before another one is a grapheme of its own: the common case, without a slice.
	if (index + 1 === text.length || (isPlain(text.charCodeAt(index)) && isPlain(text.charCodeAt(index + 1)))) return text[index]!;
	return text.slice(index, nextBoundary(text, index));
}

function isPlain(code: number): boolean {
	return code >= 0x20 && code < 0x7f;
}

/**
 * The SGR state as a canonical parameter string ("" = default), so equal looks compare equal and a state
 * can be restored with one `ESC[0;<state>m` whatever codes produced it.
 */
function applySgr(state: string, sequence: string): string {
	const attributes = new Map<string, string>();
	if (state !== '') for (const part of state.split(';')) attributes.set(slotOf(part), part);
	const codes = sequence.slice(2, -1).split(/[;:]/);
	if (codes.length === 1 && codes[0] === '') codes[0] = '0';
	for (let index = 0; index < codes.length; index++) {
		const code = Number(codes[index]);
		if (code === 0) attributes.clear();
		else if (code === 38 || code === 48 || code === 58) {
			// Extended colours: 5;n or 2;r;g;b. Kept as one token joined with ':' so splitting stays simple.
			const length = codes[index + 1] === '5' ? 2 : 4;
			const value = codes.slice(index, index + 1 + length).join(':');
			attributes.set(code === 38 ? 'fg' : code === 48 ? 'bg' : 'ul-color', value);
			index += length;
		} else if (code === 22) {
			attributes.delete('bold');
			attributes.delete('dim');
		} else if (code === 39) attributes.delete('fg');
		else if (code === 49) attributes.delete('bg');
		else if (code === 59) attributes.delete('ul-color');
		else if (code >= 23 && code <= 29) attributes.delete(offSlots[code - 23]!);
		else if (code === 55) attributes.delete('overline');
		else attributes.set(slotOf(String(code)), String(code));
	}
	return [...attributes.values()].sort().join(';');
}

const offSlots = ['italic', 'underline', 'blink', 'blink-fast', 'inverse', 'hidden', 'strike'];

function slotOf(part: string): string {
	if (part.includes(':')) {
		const head = part.split(':')[0];
		return head === '38' ? 'fg' : head === '48' ? 'bg' : 'ul-color';
	}
	const code = Number(part);
	if ((code >= 30 && code <= 37) || (code >= 90 && code <= 97)) return 'fg';
	if ((code >= 40 && code <= 47) || (code >= 100 && code <= 107)) return 'bg';
	const names: Record<number, string> = {
		1: 'bold',
		2: 'dim',
		3: 'italic',
		4: 'underline',
		5: 'blink',
		6: 'blink-fast',
		7: 'inverse',
		8: 'hidden',
		9: 'strike',
		53: 'overline',
	};
	return names[code] ?? `code-${code}`;
}

/** True when the line has an SGR state other than the default at its end (so erasing would paint colour). */
function endsStyled(line: string): boolean {
	let style = '';
	for (const match of line.matchAll(/\u001B\[[0-9;:]*m/g)) style = applySgr(style, match[0]);
	return style !== '';
}

export interface Shift {
	/** Rows [0, region) moved up by `by` (the transcript gained rows at the bottom), or down by -`by` (scrolled back). */
	region: number;
	by: number;
}

/**
 * Finds the scroll that explains most of the change: a transcript that gained a line at the bottom (up), or
 * one scrolled back a line (down, drawn with reverse scrolling instead of rewriting every row).
 */
export function detectShift(previous: readonly string[], next: readonly string[], maxShift = 8): Shift | undefined {
	let best: Shift | undefined;
	let bestGain = 0;
	for (let by = 1; by <= maxShift; by++) {
		for (const [from, to, sign] of [
			[previous, next, 1],
			[next, previous, -1],
		] as const) {
			// Moved up by `by`: to[row] === from[row + by]. Moved down is the same seen from the other frame.
			let run = 0;
			let gain = 0;
			while (run + by < from.length && run < to.length && to[run] === from[run + by]) {
				// A row that moves saves its bytes, unless it was already right where it is (blank rows mostly).
				if (to[run] !== '' && to[run] !== from[run]) gain++;
				run++;
			}
			if (gain > bestGain) {
				bestGain = gain;
				best = {region: run + by, by: sign * by};
			}
		}
	}
	// One scroll costs about what rewriting a short row does: worth it from a few moved rows on.
	return bestGain >= 2 ? best : undefined;
}

export interface FrameUpdate {
	output: string;
	/** Where the terminal cursor is after `output`. */
	cursor: Cursor;
}

/**
 * Bytes to go from `previous` to `next` (both one string per screen row, starting at the top of the screen),
 * given where the cursor is now. Leaves the cursor at `target` when given.
 */
export function diffFrames(
	previous: readonly string[],
	next: readonly string[],
	target: Cursor | undefined,
	at: Cursor,
	{scroll = true}: {scroll?: boolean} = {},
): FrameUpdate {
	let output = '';
	let old = previous.slice();
	let cursor = {...at};
	// Terminals without scroll regions or CSI n S (terminal-type.ts) get the changed rows rewritten instead.
	const shift = scroll ? detectShift(previous, next) : undefined;
	if (shift && shift.by > 0) {
		output += `${ESC}[1;${shift.region}r${ESC}[${shift.by}S${ESC}[r`;
		old = [...previous.slice(shift.by, shift.region), ...Array.from({length: shift.by}, () => ''), ...previous.slice(shift.region)];
		cursor = {x: 0, y: 0};
	} else if (shift) {
		// Reverse index (RI, `ESC M`) at the region's top row moves its rows down, blank rows coming in at the
		// top. RI rather than SD (`CSI n T`): vt100 and the linux console know it, and a few rows cost 2 bytes each.
		const by = -shift.by;
		output += `${ESC}[1;${shift.region}r${ESC}[H${`${ESC}M`.repeat(by)}${ESC}[r`;
		old = [...Array.from({length: by}, () => ''), ...previous.slice(0, shift.region - by), ...previous.slice(shift.region)];
		cursor = {x: 0, y: 0};
	}
	const rows = Math.max(next.length, old.length);
	let styled = false;
	for (let row = 0; row < rows; row++) {
		const before = old[row] ?? '';
		const after = next[row] ?? '';
		if (before === after) continue;
		// Terminals disagree about the width of emoji sequences (VS16, ZWJ, flags, skin tones): after one, a
		// computed column may be off, so such lines are rewritten whole and erased to the end.
		const uncertain = uncertainWidth.test(after) || uncertainWidth.test(before);
		const difference = (uncertain ? undefined : firstDifference(before, after)) ?? {offset: 0, column: 0, style: ''};
		if (cursor.y !== row || cursor.x !== difference.column) output += moveTo(row, difference.column);
		const rest = after.slice(difference.offset);
		const wanted = difference.style;
		if (wanted !== '' || styled) output += wanted === '' ? `${ESC}[0m` : `${ESC}[0;${wanted.replaceAll(':', ';')}m`;
		// Inside a hyperlink: the rest of it must link too (the line closes it at its end).
		if (difference.link) output += difference.link;
		output += rest;
		styled = endsStyled(after);
		const restWidth = cellWidth(rest);
		const shrank = uncertain || cellWidth(before) > difference.column + restWidth;
		if (shrank) {
			if (styled) {
				output += `${ESC}[0m`;
				styled = false;
			}
			output += `${ESC}[K`;
		}
		// After such a line the terminal's cursor may be a cell or two off what was computed: unknown, so the next
		// write (the next line, or the cursor's place at the end) moves it there absolutely.
		cursor = uncertain ? {x: -1, y: -1} : {x: difference.column + restWidth, y: row};
	}
	if (styled) output += `${ESC}[0m`;
	if (target && (target.x !== cursor.x || target.y !== cursor.y)) {
		output += moveTo(target.y, target.x);
		cursor = {...target};
	}
	return {output, cursor};
}

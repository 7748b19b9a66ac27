import {SgrState, sgrRegex, sgrReset} from './sgr.js';
import {escapeMarker} from './sanitize.js';
import {graphemes, graphemeWidth, isPrintableAscii} from './width.js';

/*
Wraps text into screen lines of at most `width` cells.

Why not wrap-ansi: with {hard: true, trim: false} it leaves a 2-cell character on a 1-cell line, starts
continuation lines with the space it broke at, and emits lines that are only a styled space. Owning the
loop also lets every line be self-contained, which a line model needs: a line can be shown alone (the
viewport slices the transcript anywhere), so it reopens the styles active at its start and resets at its
end when anything is still open.

Rules:
- Widths are terminal cells (string-width); graphemes are never split.
- 'word' mode breaks at spaces; a word longer than the line is broken hard, starting where it is. Between
  two CJK (wide) characters, or a wide and a narrow one, a line may break anywhere, except before closing
  punctuation and after opening punctuation (a small kinsoku set).
- The spaces at a soft break are dropped; leading spaces of an input line (indentation) are kept.
- 'char' mode (code) breaks only at the width and keeps every space.
- A wide character never straddles the edge; one wider than the whole line (2 cells at width 1) is
  replaced by `?`, so no line ever exceeds the width and nothing loops.
- Input is our own text: SGR sequences are the only escapes understood. Anything else starting with ESC is
  shown as `␛` (sanitize untrusted text first).
*/

export type WrapMode = 'word' | 'char';

export type WrapOptions = {
	mode?: WrapMode;
};

export const tooWidePlaceholder = '?';

const noLineStart = new Set(
	Array.from('，。、；：！？）」』】〕〉》〗〙〛｝］’”…‥・ー々～ぁぃぅぇぉっゃゅょゎァィゥェォッャュョヮヵヶ,.;:!?)]}%'),
);
const noLineEnd = new Set(Array.from('（「『【〔〈《〖〘〚｛［‘“([{'));

const enum Kind {
	Space,
	Word,
}

type Unit = {
	kind: Kind;
	// Text pieces and SGR sequences in order; SGR sequences start with ESC.
	items: string[];
	width: number;
	lastWide: boolean;
	last: string;
};

export function wrap(text: string, width: number, options: WrapOptions = {}): string[] {
	const cells = Math.max(1, Math.floor(width) || 1);
	if (text.length <= cells && isPrintableAscii(text)) {
		return [text];
	}

	const mode = options.mode ?? 'word';
	const writer = new LineWriter(cells);
	let start = 0;
	for (;;) {
		const end = text.indexOf('\n', start);
		const line = end === -1 ? text.slice(start) : text.slice(start, end);
		if (line.length <= cells && isPrintableAscii(line)) {
			writer.text(line, line.length);
		} else {
			layoutLine(line, mode, writer);
		}

		writer.newline();
		if (end === -1) {
			break;
		}

		start = end + 1;
	}

	return writer.lines;
}

class LineWriter {
	readonly lines: string[] = [];
	readonly state = new SgrState();
	line = '';
	lineWidth = 0;
	private hasText = false;
	/** True while the line holds nothing but leading spaces: breaking there would leave a blank line. */
	onlyIndent = true;

	constructor(readonly width: number) {}

	sgr(sequence: string): void {
		sgrRegex.lastIndex = 0;
		const match = sgrRegex.exec(sequence);
		this.state.apply(match?.[1] ?? '');
		// Before the line's first text the change is folded into the reopen prefix instead.
		if (this.hasText) {
			this.line += sequence;
		}
	}

	text(text: string, width: number): void {
		this.raw(text);
		this.lineWidth += width;
	}

	/** Appends text whose width the caller accounts for. */
	raw(text: string): void {
		if (!this.hasText) {
			this.line = this.state.open;
			this.hasText = true;
		}

		this.line += text;
	}

	/** Places one grapheme, breaking first when it would cross the edge. */
	grapheme(grapheme: string, width: number): void {
		if (this.lineWidth + width > this.width && this.lineWidth > 0) {
			this.newline();
		}

		if (width > this.width) {
			this.text(tooWidePlaceholder, 1);
			return;
		}

		this.text(grapheme, width);
	}

	clearLine(): void {
		this.line = '';
		this.lineWidth = 0;
		this.hasText = false;
	}

	newline(): void {
		this.lines.push(this.hasText ? (this.state.active ? this.line + sgrReset : this.line) : '');
		this.line = '';
		this.lineWidth = 0;
		this.hasText = false;
		this.onlyIndent = true;
	}
}

function layoutLine(line: string, mode: WrapMode, writer: LineWriter): void {
	const {units, trailing} = tokenize(line);
	if (mode === 'char') {
		for (const unit of units) {
			placeHard(unit, writer);
		}
	} else {
		layoutWords(units, writer);
	}

	for (const sequence of trailing) {
		writer.sgr(sequence);
	}
}

function layoutWords(units: Unit[], writer: LineWriter): void {
	const width = writer.width;
	let brokeSoftly = false;
	let pendingSpace: Unit | undefined;
	for (const unit of units) {
		if (unit.kind === Kind.Space) {
			if (writer.lineWidth === 0 && !brokeSoftly) {
				placeClipped(unit, writer, width);
			} else {
				pendingSpace = unit;
			}

			continue;
		}

		const spaceWidth = pendingSpace?.width ?? 0;
		if (writer.lineWidth + spaceWidth + unit.width <= width) {
			if (pendingSpace) {
				placeAll(pendingSpace, writer);
			}

			placeAll(unit, writer);
		} else if (unit.width <= width) {
			if (pendingSpace) {
				applySgr(pendingSpace, writer);
			}

			// Indentation that leaves no room for the word goes, rather than leaving a line of spaces.
			if (writer.onlyIndent) {
				writer.clearLine();
			} else {
				writer.newline();
				brokeSoftly = true;
			}

			placeAll(unit, writer);
		} else {
			if (pendingSpace && writer.lineWidth + spaceWidth < width) {
				placeAll(pendingSpace, writer);
			} else if (pendingSpace) {
				applySgr(pendingSpace, writer);
				writer.newline();
				brokeSoftly = true;
			}

			placeHard(unit, writer);
			brokeSoftly = true;
		}

		writer.onlyIndent = false;
		pendingSpace = undefined;
	}

	if (pendingSpace) {
		placeClipped(pendingSpace, writer, width - writer.lineWidth);
	}
}

function placeAll(unit: Unit, writer: LineWriter): void {
	for (const item of unit.items) {
		if (item.charCodeAt(0) === 0x1b) {
			writer.sgr(item);
		} else {
			writer.raw(item);
		}
	}

	writer.lineWidth += unit.width;
}

function applySgr(unit: Unit, writer: LineWriter): void {
	for (const item of unit.items) {
		if (item.charCodeAt(0) === 0x1b) {
			writer.sgr(item);
		}
	}
}

// Spaces only: keep as many as fit in `room` cells.
function placeClipped(unit: Unit, writer: LineWriter, room: number): void {
	let left = Math.max(0, room);
	for (const item of unit.items) {
		if (item.charCodeAt(0) === 0x1b) {
			writer.sgr(item);
		} else if (left > 0) {
			const piece = item.length > left ? item.slice(0, left) : item;
			writer.text(piece, piece.length);
			left -= piece.length;
		}
	}
}

function placeHard(unit: Unit, writer: LineWriter): void {
	for (const item of unit.items) {
		if (item.charCodeAt(0) === 0x1b) {
			writer.sgr(item);
			continue;
		}

		for (const grapheme of graphemes(item)) {
			writer.grapheme(grapheme, graphemeWidth(grapheme));
		}
	}
}

function tokenize(line: string): {units: Unit[]; trailing: string[]} {
	const units: Unit[] = [];
	let pendingSgr: string[] = [];

	const addSpace = (spaces: string): void => {
		const previous = units.at(-1);
		if (previous?.kind === Kind.Space && pendingSgr.length === 0) {
			previous.items.push(spaces);
			previous.width += spaces.length;
			return;
		}

		units.push({kind: Kind.Space, items: [...pendingSgr, spaces], width: spaces.length, lastWide: false, last: ' '});
		pendingSgr = [];
	};

	const addRun = (run: string, width: number, wide: boolean, first: string, last: string): void => {
		const previous = units.at(-1);
		if (previous?.kind === Kind.Word) {
			const mayBreak = (previous.lastWide || wide) && !noLineStart.has(first) && !noLineEnd.has(previous.last);
			if (!mayBreak) {
				for (const sequence of pendingSgr) {
					previous.items.push(sequence);
				}

				previous.items.push(run);
				previous.width += width;
				previous.lastWide = wide;
				previous.last = last;
				pendingSgr = [];
				return;
			}
		}

		units.push({kind: Kind.Word, items: [...pendingSgr, run], width, lastWide: wide, last});
		pendingSgr = [];
	};

	const addText = (text: string): void => {
		if (isPrintableAscii(text)) {
			const runs = /( +)|[^ ]+/g;
			for (let match = runs.exec(text); match; match = runs.exec(text)) {
				const run = match[0];
				if (match[1] === undefined) {
					addRun(run, run.length, false, run[0]!, run.at(-1)!);
				} else {
					addSpace(run);
				}
			}

			return;
		}

		let run = '';
		let runWidth = 0;
		let runFirst = '';
		let runLast = '';
		const flush = (): void => {
			if (run !== '') {
				addRun(run, runWidth, false, runFirst, runLast);
				run = '';
				runWidth = 0;
			}
		};

		for (const grapheme of graphemes(text)) {
			if (grapheme === ' ') {
				flush();
				addSpace(' ');
				continue;
			}

			const width = graphemeWidth(grapheme);
			if (width >= 2) {
				flush();
				addRun(grapheme, width, true, grapheme, grapheme);
				continue;
			}

			if (run === '') {
				runFirst = grapheme;
			}

			run += grapheme;
			runWidth += width;
			runLast = grapheme;
		}

		flush();
	};

	let position = 0;
	while (position < line.length) {
		const escape = line.indexOf('\u001B', position);
		const end = escape === -1 ? line.length : escape;
		if (end > position) {
			addText(line.slice(position, end));
		}

		if (escape === -1) {
			break;
		}

		sgrRegex.lastIndex = escape;
		const match = sgrRegex.exec(line);
		if (match) {
			pendingSgr.push(match[0]);
			position = escape + match[0].length;
		} else {
			addText(escapeMarker);
			position = escape + 1;
		}
	}

	return {units, trailing: pendingSgr};
}

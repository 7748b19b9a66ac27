import {SgrState, osc8Regex, sgrRegex} from './sgr.js';
import {escapeMarker} from '../text/sanitize.js';
import {graphemes, graphemeWidth, isPrintableAscii} from '../text/unicode.js';

/*
Wraps text into screen lines of at most `width` cells.

Why not wrap-ansi: with {hard: true, trim: false} it leaves a 2-cell character on a 1-cell line, starts
continuation lines with the space it broke at, and emits lines that are only a styled space. Owning the
loop also lets every line be self-contained, which a line model needs: a line can be shown alone (the
viewport slices the transcript anywhere), so it reopens the styles active at its start and resets at its
end when anything is still open.

Rules:
- Widths are terminal cells (string-width); graphemes are never split.
- 'word' mode breaks at spaces and, for CJK, between any two wide characters or a wide and a narrow one,
  except before closing and after opening punctuation (a small kinsoku set). A word longer than a line
  starts on a line of its own and is broken hard there.
- The spaces at a soft break are dropped; leading spaces of an input line (indentation) are kept unless
  they leave no room for the first word.
- 'char' mode (code) breaks only at the width and keeps every space.
- A wide character never straddles the edge; one wider than the whole line (2 cells at width 1) is
  replaced by `?`, so no line ever exceeds the width and nothing loops.
- Input is our own text: SGR sequences and OSC 8 hyperlinks are the only escapes understood. Anything else starting with ESC is
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

export function wrap(text: string, width: number, options: WrapOptions = {}): string[] {
	const cells = Math.max(1, Math.floor(width) || 1);
	if (text.length <= cells && isPrintableAscii(text)) {
		return [text];
	}

	const wrapper = new Wrapper(cells, (options.mode ?? 'word') === 'word');
	let start = 0;
	for (;;) {
		const end = text.indexOf('\n', start);
		const line = end === -1 ? text.slice(start) : text.slice(start, end);
		if (line.length <= cells && isPrintableAscii(line)) {
			wrapper.lines.push(line);
		} else {
			wrapper.layout(line);
			wrapper.endLine();
		}

		if (end === -1) {
			break;
		}

		start = end + 1;
	}

	return wrapper.lines;
}

/*
Greedy line filling over one pass: text is appended to the current line, the last place the line may break
is remembered (an index into the line, with the style state there), and on overflow the line is cut at it
and the rest carried to the next line. No per-word objects, so long CJK text does not churn the GC.
*/
class Wrapper {
	readonly lines: string[] = [];
	private readonly state = new SgrState();
	private line = '';
	private width = 0;
	private hasText = false;
	// The line holds something besides leading spaces.
	private content = false;
	private previous = '';
	private previousWide = false;
	// After a soft break at spaces, further spaces of the same run are dropped.
	private skipSpaces = false;
	// Start of the current run of spaces, if the line ends in one.
	private spaceStart = -1;
	private spaceStartClose = '';
	// Last break opportunity: the line ends at `breakAt`; the next one starts with what follows `resumeAt`.
	private breakAt = -1;
	private breakClose = '';
	private resumeAt = 0;
	private resumeWidth = 0;
	private resumeOpen = '';

	constructor(
		private readonly max: number,
		private readonly words: boolean,
	) {}

	layout(line: string): void {
		let position = 0;
		while (position < line.length) {
			const escape = line.indexOf('\u001B', position);
			const end = escape === -1 ? line.length : escape;
			if (end > position) {
				this.text(line.slice(position, end));
			}

			if (escape === -1) {
				break;
			}

			sgrRegex.lastIndex = escape;
			const match = sgrRegex.exec(line);
			if (match) {
				this.state.apply(match[1]!);
				if (this.hasText) {
					this.line += match[0];
				}

				position = escape + match[0].length;
				continue;
			}

			osc8Regex.lastIndex = escape;
			const link = osc8Regex.exec(line);
			if (link) {
				this.state.link(link[1]!);
				if (this.hasText) {
					this.line += link[0];
				}

				position = escape + link[0].length;
			} else {
				this.grapheme(escapeMarker, 1);
				position = escape + 1;
			}
		}
	}

	endLine(): void {
		this.lines.push(this.hasText ? this.line + this.state.close : '');
		this.reset();
		this.skipSpaces = false;
		this.previous = '';
		this.previousWide = false;
	}

	private text(text: string): void {
		if (isPrintableAscii(text)) {
			const runs = /( +)|[^ ]+/g;
			for (let match = runs.exec(text); match; match = runs.exec(text)) {
				if (match[1] === undefined) {
					this.word(match[0]);
				} else {
					this.spaces(match[0].length);
				}
			}

			return;
		}

		for (const grapheme of graphemes(text)) {
			if (grapheme === ' ') {
				this.spaces(1);
			} else if (grapheme.endsWith('\u200d')) {
				// A cluster must not end in a joiner: the terminal would join whatever it prints next to it.
				const joined = grapheme.replace(/\u200d+$/, '');
				if (joined !== '') this.grapheme(joined, graphemeWidth(joined));
			} else {
				this.grapheme(grapheme, graphemeWidth(grapheme));
			}
		}
	}

	private spaces(count: number): void {
		if (!this.words) {
			let left = count;
			while (left > 0) {
				if (this.width === this.max) {
					this.hardBreak();
				}

				const piece = Math.min(left, this.max - this.width);
				this.append(' '.repeat(piece), piece);
				left -= piece;
			}

			return;
		}

		if (this.skipSpaces) {
			return;
		}

		const room = this.max - this.width;
		if (!this.content) {
			// Indentation: keep what fits.
			const piece = Math.min(count, room);
			if (piece > 0) {
				this.append(' '.repeat(piece), piece);
			}

			return;
		}

		if (this.spaceStart < 0) {
			this.spaceStart = this.line.length;
			this.spaceStartClose = this.state.close;
		}

		if (count > room) {
			// The spaces reach the edge: end the line before them.
			this.lines.push(this.line.slice(0, this.spaceStart) + this.spaceStartClose);
			this.reset();
			this.skipSpaces = true;
			return;
		}

		this.append(' '.repeat(count), count);
		this.previous = ' ';
		this.previousWide = false;
	}

	// A run of printable ASCII without spaces.
	private word(run: string): void {
		const length = run.length;
		this.noteBreak(run[0]!, false);
		if (this.width + length > this.max && this.words) {
			this.makeRoom(length);
		}

		if (this.width + length <= this.max) {
			this.append(run, length);
		} else {
			for (const character of run) {
				if (this.width === this.max) {
					this.hardBreak();
				}

				this.append(character, 1);
			}
		}

		this.content = true;
		this.previous = run.at(-1)!;
		this.previousWide = false;
	}

	private grapheme(grapheme: string, size: number): void {
		const wide = size >= 2;
		this.noteBreak(grapheme, wide);
		if (this.width + size > this.max) {
			if (this.words) {
				this.makeRoom(size);
			}

			if (this.width + size > this.max && this.width > 0) {
				this.hardBreak();
			}
		}

		if (size > this.max) {
			this.append(tooWidePlaceholder, 1);
		} else {
			this.append(grapheme, size);
		}

		this.content = true;
		this.previous = grapheme;
		this.previousWide = wide;
	}

	// Records a break opportunity before a token that starts with `first`.
	private noteBreak(first: string, wide: boolean): void {
		this.skipSpaces = false;
		if (!this.words || !this.content) {
			this.spaceStart = -1;
			return;
		}

		if (this.spaceStart >= 0) {
			this.breakAt = this.spaceStart;
			this.breakClose = this.spaceStartClose;
			this.spaceStart = -1;
		} else if ((wide || this.previousWide) && !noLineStart.has(first) && !noLineEnd.has(this.previous)) {
			this.breakAt = this.line.length;
			this.breakClose = this.state.close;
		} else {
			return;
		}

		this.resumeAt = this.line.length;
		this.resumeWidth = this.width;
		this.resumeOpen = this.state.open;
	}

	// Before something `size` cells wide that does not fit: break at the last opportunity, or drop
	// indentation that leaves no room.
	private makeRoom(size: number): void {
		if (this.breakAt >= 0) {
			this.lines.push(this.line.slice(0, this.breakAt) + this.breakClose);
			const rest = this.line.slice(this.resumeAt);
			this.width -= this.resumeWidth;
			this.breakAt = -1;
			this.spaceStart = -1;
			this.hasText = rest !== '';
			this.line = this.hasText ? this.resumeOpen + rest : '';
			this.content = this.width > 0;
		} else if (!this.content && this.width > 0 && size <= this.max) {
			this.line = '';
			this.width = 0;
			this.hasText = false;
		}
	}

	private hardBreak(): void {
		this.lines.push(this.hasText ? this.line + this.state.close : '');
		this.reset();
	}

	private append(text: string, size: number): void {
		if (!this.hasText) {
			// Styles are reopened lazily: SGR seen before the line's first text is folded in here.
			this.line = this.state.open;
			this.hasText = true;
		}

		this.line += text;
		this.width += size;
	}

	private reset(): void {
		this.line = '';
		this.width = 0;
		this.hasText = false;
		this.content = false;
		this.spaceStart = -1;
		this.breakAt = -1;
	}
}

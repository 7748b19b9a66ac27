// Stands in for ink 6.8's build/output.js in the bundle (see scripts/build.mjs). ink composes every frame
// cell by cell: it tokenizes each line's ANSI codes, fills a width x height grid of cell objects and
// serializes it again, with caches that live for one frame. While an answer streams, nearly every row is
// the same as in the previous frame, so this version keys each row by the writes that produce it and
// reuses the row's string across frames; only rows whose writes changed go through the grid.
import sliceAnsi from 'slice-ansi';
import stringWidth from 'string-width';
import {styledCharsFromTokens, styledCharsToString, tokenize} from '@alcalzone/ansi-tokenize';
import {Memo} from './ink-text-cache.js';

type StyledChar = ReturnType<typeof styledCharsFromTokens>[number];
type Transformer = (line: string, index: number) => string;

interface Clip {
	x1?: number;
	x2?: number;
	y1?: number;
	y2?: number;
}

type Operation =
	{type: 'write'; x: number; y: number; text: string; transformers: Transformer[]} | {type: 'clip'; clip: Clip} | {type: 'unclip'};

const widths = new Memo<number>(20_000);
const rows = new Memo<string>(4_000);
const slices = new Memo<string>(4_000);

const widthOf = (text: string) => widths.get(text, () => stringWidth(text));

interface RowWrite {
	x: number;
	line: string;
}

export default class Output {
	width: number;
	height: number;
	private readonly operations: Operation[] = [];

	constructor(options: {width: number; height: number}) {
		this.width = options.width;
		this.height = options.height;
	}

	write(x: number, y: number, text: string, options: {transformers: Transformer[]}): void {
		if (!text) return;
		this.operations.push({type: 'write', x, y, text, transformers: options.transformers});
	}

	clip(clip: Clip): void {
		this.operations.push({type: 'clip', clip});
	}

	unclip(): void {
		this.operations.push({type: 'unclip'});
	}

	get(): {output: string; height: number} {
		const writes: RowWrite[][] = Array.from({length: this.height}, () => []);
		const clips: Clip[] = [];
		for (const operation of this.operations) {
			if (operation.type === 'clip') {
				clips.push(operation.clip);
				continue;
			}
			if (operation.type === 'unclip') {
				clips.pop();
				continue;
			}
			let {x, y} = operation;
			let lines = operation.text.split('\n');
			// ink drops a write whose first row is off the grid, whatever rows follow.
			const clip = clips.at(-1);
			if (clip) {
				const horizontal = typeof clip.x1 === 'number' && typeof clip.x2 === 'number';
				const vertical = typeof clip.y1 === 'number' && typeof clip.y2 === 'number';
				if (horizontal) {
					const widest = Math.max(...lines.map(widthOf));
					if (x + widest < clip.x1! || x > clip.x2!) continue;
				}
				if (vertical && (y + lines.length < clip.y1! || y > clip.y2!)) continue;
				if (horizontal) {
					lines = lines.map((line) => {
						const from = x < clip.x1! ? clip.x1! - x : 0;
						const width = widthOf(line);
						const to = x + width > clip.x2! ? clip.x2! - x : width;
						// Most lines fit their box; slicing plain text that fits gives it back unchanged (text with
						// escapes may come back with its codes rewritten, which transformers then see).
						if (from === 0 && to >= width && !line.includes('\u001B')) return line;
						return slices.get(`${from}:${to}:${line}`, () => sliceAnsi(line, from, to));
					});
					if (x < clip.x1!) x = clip.x1!;
				}
				if (vertical) {
					const from = y < clip.y1! ? clip.y1! - y : 0;
					const to = y + lines.length > clip.y2! ? clip.y2! - y : lines.length;
					lines = lines.slice(from, to);
					if (y < clip.y1!) y = clip.y1!;
				}
			}
			if (y < 0 || y >= this.height) continue;
			for (let index = 0; index < lines.length; index++) {
				const row = writes[y + index];
				if (!row) continue;
				let line = lines[index]!;
				for (const transformer of operation.transformers) line = transformer(line, index);
				row.push({x, line});
			}
		}

		// Styled characters share style objects that serializing may touch: never reuse them across frames.
		const styled = new Map<string, StyledChar[]>();
		const charsOf = (line: string) => {
			let chars = styled.get(line);
			if (!chars) {
				chars = styledCharsFromTokens(tokenize(line));
				styled.set(line, chars);
			}
			return chars;
		};
		const output: string[] = [];
		for (const row of writes) {
			const key = `${this.width}\u0000${row.map((each) => `${each.x}\u0001${each.line}`).join('\u0002')}`;
			output.push(rows.get(key, () => this.compose(row, charsOf)));
		}
		return {output: output.join('\n'), height: output.length};
	}

	/** One row exactly as ink builds it: later writes overwrite earlier cells, wide characters take two. */
	private compose(row: RowWrite[], charsOf: (line: string) => StyledChar[]): string {
		if (row.length === 0) return '';
		const cells: Array<StyledChar | undefined> = [];
		for (let x = 0; x < this.width; x++) cells.push({type: 'char', value: ' ', fullWidth: false, styles: []} as StyledChar);
		for (const {x, line} of row) {
			let offsetX = x;
			for (const character of charsOf(line)) {
				cells[offsetX] = character;
				const characterWidth = Math.max(1, widthOf(character.value));
				for (let index = 1; index < characterWidth; index++) {
					cells[offsetX + index] = {type: 'char', value: '', fullWidth: false, styles: character.styles} as StyledChar;
				}
				offsetX += characterWidth;
			}
		}
		return styledCharsToString(cells.filter((cell): cell is StyledChar => cell !== undefined)).trimEnd();
	}
}

// Which transcript rows are on screen. The position is kept as (message, line) rather than an absolute row,
// so nothing needs the total height of the conversation: cost follows the screen, not the history.

export type ViewportPosition =
	| {follow: true}
	/** Top row of the viewport: line `line` of message `index`. */
	| {follow: false; index: number; line: number};

export interface ViewportSource {
	count: number;
	/** Screen lines of message `index` (cached by the caller). */
	lines(index: number): string[];
	/** Optional rows shown above message `index` (e.g. the context cut marker). */
	before?(index: number): string[];
	/** Changes a row about to be shown (find's highlighting): called for visible rows only. `line` is in lines(index). */
	decorate?(index: number, line: number, row: string): string;
}

export interface ViewportSlice {
	rows: string[];
	/** Rows hidden below the viewport (capped), 0 when following the end. */
	below: number;
	atTop: boolean;
	/** The position of the first row shown, to anchor scrolling from. */
	top: {index: number; line: number};
}

const COUNT_CAP = 9_999;

function block(source: ViewportSource, index: number): string[] {
	const extra = source.before?.(index);
	const lines = source.lines(index);
	return extra && extra.length > 0 ? [...extra, ...lines] : lines;
}

export function slice(source: ViewportSource, height: number, position: ViewportPosition): ViewportSlice {
	if (height <= 0 || source.count === 0) {
		return {rows: [], below: 0, atTop: true, top: {index: 0, line: 0}};
	}
	if (position.follow) return bottomSlice(source, height);

	const rows: string[] = [];
	let index = Math.min(position.index, source.count - 1);
	let line = Math.max(0, position.line);
	const top = {index, line};
	while (rows.length < height && index < source.count) {
		const lines = block(source, index);
		const shift = source.decorate ? lines.length - source.lines(index).length : 0;
		for (let each = line; each < lines.length && rows.length < height; each++) rows.push(shown(source, index, each - shift, lines[each]!));
		index++;
		line = 0;
	}
	// Reaching past the end means the user is back at the bottom: show a full screen there instead.
	if (rows.length < height) return bottomSlice(source, height);
	const below = countBelow(source, top, height);
	if (below === 0) return {...bottomSlice(source, height), below: 0};
	return {rows, below, atTop: top.index === 0 && top.line === 0, top};
}

function bottomSlice(source: ViewportSource, height: number): ViewportSlice {
	const rows: string[] = [];
	let index = source.count - 1;
	let startLine = 0;
	for (; index >= 0 && rows.length < height; index--) {
		const lines = block(source, index);
		const take = Math.min(lines.length, height - rows.length);
		startLine = lines.length - take;
		const part = lines.slice(startLine);
		if (source.decorate) {
			const shift = lines.length - source.lines(index).length;
			for (let each = 0; each < part.length; each++) part[each] = shown(source, index, startLine + each - shift, part[each]!);
		}
		rows.unshift(...part);
	}
	const topIndex = index + 1;
	return {rows, below: 0, atTop: topIndex === 0 && startLine === 0, top: {index: topIndex, line: startLine}};
}

function shown(source: ViewportSource, index: number, line: number, row: string): string {
	return source.decorate && line >= 0 ? source.decorate(index, line, row) : row;
}

/** Rows after the viewport's last row, counted by walking forward from its top. */
function countBelow(source: ViewportSource, top: {index: number; line: number}, height: number): number {
	let remaining = -height;
	let line = top.line;
	for (let index = top.index; index < source.count; index++) {
		remaining += block(source, index).length - line;
		line = 0;
		if (remaining > COUNT_CAP) return COUNT_CAP;
	}
	return Math.max(0, remaining);
}

/** Moves the top of the viewport by `delta` rows (negative = up). */
export function scroll(source: ViewportSource, height: number, position: ViewportPosition, delta: number): ViewportPosition {
	if (source.count === 0) return {follow: true};
	let {index, line} = slice(source, height, position).top;
	if (delta < 0) {
		let steps = -delta;
		while (steps > 0) {
			if (line >= steps) {
				line -= steps;
				steps = 0;
			} else {
				steps -= line;
				if (index === 0) {
					line = 0;
					break;
				}
				index--;
				line = block(source, index).length;
			}
		}
		return {follow: false, index, line};
	}
	let steps = delta;
	while (steps > 0 && index < source.count) {
		const length = block(source, index).length;
		if (line + steps < length) {
			line += steps;
			steps = 0;
		} else {
			steps -= length - line;
			index++;
			line = 0;
		}
	}
	if (index >= source.count) return {follow: true};
	const next: ViewportPosition = {follow: false, index, line};
	return countBelow(source, {index, line}, height) === 0 ? {follow: true} : next;
}

export function top(): ViewportPosition {
	return {follow: false, index: 0, line: 0};
}

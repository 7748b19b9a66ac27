// What a person sees in each cell of a headless xterm, colours and attributes included, as one string per row:
// two screens that print equal look the same. Runs of equal style are written once as `{style}`.
import type xterm from '@xterm/headless';

export function styledRows(term: xterm.Terminal): string[] {
	const buffer = term.buffer.active;
	const cell = buffer.getNullCell();
	const rows: string[] = [];
	for (let y = 0; y < term.rows; y++) {
		const line = buffer.getLine(buffer.viewportY + y);
		const cells: Array<{chars: string; style: string}> = [];
		for (let x = 0; line && x < term.cols; x++) {
			line.getCell(x, cell);
			// The second half of a wide character.
			if (cell.getWidth() === 0) continue;
			cells.push({chars: cell.getChars() || ' ', style: styleOf(cell)});
		}
		// Trailing default blanks are not drawn: a row "ab" and a row "ab   " look the same.
		while (cells.length > 0 && cells.at(-1)!.chars === ' ' && cells.at(-1)!.style === '') cells.pop();
		let row = '';
		let style = '';
		for (const each of cells) {
			if (each.style !== style) {
				row += `{${each.style}}`;
				style = each.style;
			}
			row += each.chars;
		}
		rows.push(row);
	}
	return rows;
}

function styleOf(cell: xterm.IBufferCell): string {
	const parts: string[] = [];
	if (!cell.isFgDefault()) parts.push(`fg${cell.isFgPalette() ? 'p' : 'rgb'}${cell.getFgColor()}`);
	if (!cell.isBgDefault()) parts.push(`bg${cell.isBgPalette() ? 'p' : 'rgb'}${cell.getBgColor()}`);
	if (cell.isBold()) parts.push('bold');
	if (cell.isDim()) parts.push('dim');
	if (cell.isItalic()) parts.push('italic');
	if (cell.isUnderline()) parts.push('underline');
	if (cell.isInverse()) parts.push('inverse');
	if (cell.isStrikethrough()) parts.push('strike');
	return parts.join(',');
}

/** The rows where two screens differ, side by side, for a failure message. */
export function screenDifference(actual: string[], expected: string[]): string {
	const lines: string[] = [];
	for (let y = 0; y < Math.max(actual.length, expected.length); y++) {
		if (actual[y] !== expected[y])
			lines.push(`row ${y}:\n  got      ${JSON.stringify(actual[y])}\n  expected ${JSON.stringify(expected[y])}`);
	}
	return lines.join('\n');
}

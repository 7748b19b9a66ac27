import type {Theme} from './theme.js';
import {cellWidth} from '../text/unicode.js';
import {wrap} from './wrap.js';

/*
Tables, from styled single-line cells, in three shapes by what the width allows:
1. a box table at natural column widths;
2. a box table with the wide columns shrunk and their cells word-wrapped, when every shrunk column keeps at
   least `minColumn` cells (or its natural width, if smaller);
3. otherwise one record per row: `header: value` lines with a hanging indent, rows separated by a short
   rule. Nothing is cut off and nothing exceeds the width.
*/

export type Align = 'left' | 'center' | 'right' | null;

export type TableInput = {
	header: string[];
	rows: string[][];
	align: Align[];
};

const minColumn = 6;

export function renderTable(table: TableInput, width: number, theme: Theme): string[] {
	const columns = Math.max(table.header.length, ...table.rows.map((row) => row.length));
	if (columns === 0) {
		return [];
	}

	const cell = (row: string[], index: number): string => row[index] ?? '';
	const natural = Array.from({length: columns}, (_, index) =>
		Math.max(1, cellWidth(cell(table.header, index)), ...table.rows.map((row) => cellWidth(cell(row, index)))),
	);
	const frame = 3 * columns + 1;
	const available = width - frame;
	const widths = fitColumns(natural, available);
	if (!widths) {
		return renderRecords(table, columns, width, theme);
	}

	const border = theme.tableBorder;
	const rule = (left: string, middle: string, right: string): string =>
		border(left + widths.map((size) => '─'.repeat(size + 2)).join(middle) + right);
	const lines = [rule('┌', '┬', '┐')];
	const addRow = (row: string[], header: boolean): void => {
		const wrapped = widths.map((size, index) => {
			const text = cell(row, index);
			return wrap(header && text !== '' ? theme.tableHeader(text) : text, size);
		});
		const height = Math.max(...wrapped.map((cellLines) => cellLines.length));
		for (let line = 0; line < height; line++) {
			const parts = wrapped.map((cellLines, index) => pad(cellLines[line] ?? '', widths[index]!, table.align[index] ?? null));
			lines.push(border('│ ') + parts.join(border(' │ ')) + border(' │'));
		}
	};

	addRow(table.header, true);
	lines.push(rule('├', '┼', '┤'));
	for (const row of table.rows) {
		addRow(row, false);
	}

	lines.push(rule('└', '┴', '┘'));
	return lines;
}

// Narrow columns keep their natural width; the rest share what is left equally.
function fitColumns(natural: number[], available: number): number[] | undefined {
	const total = natural.reduce((sum, size) => sum + size, 0);
	if (total <= available) {
		return natural;
	}

	const order = natural.map((size, index) => ({size, index})).sort((a, b) => a.size - b.size);
	const widths = Array.from<number>({length: natural.length});
	let remaining = available;
	for (let position = 0; position < order.length; position++) {
		const {size, index} = order[position]!;
		const share = Math.floor(remaining / (order.length - position));
		const given = Math.min(size, share);
		if (given < Math.min(size, minColumn)) {
			return undefined;
		}

		widths[index] = given;
		remaining -= given;
	}

	return widths;
}

function pad(text: string, size: number, align: Align): string {
	const gap = size - cellWidth(text);
	if (gap <= 0) {
		return text;
	}

	if (align === 'right') {
		return ' '.repeat(gap) + text;
	}

	if (align === 'center') {
		const left = Math.floor(gap / 2);
		return ' '.repeat(left) + text + ' '.repeat(gap - left);
	}

	return text + ' '.repeat(gap);
}

function renderRecords(table: TableInput, columns: number, width: number, theme: Theme): string[] {
	const indent = width > 8 ? 2 : 0;
	const lines: string[] = [];
	const add = (text: string): void => {
		const [first = '', ...rest] = wrap(text, width - indent);
		lines.push(first);
		for (const line of rest) {
			lines.push(' '.repeat(indent) + line);
		}
	};

	if (table.rows.length === 0) {
		add(table.header.map((name) => theme.tableHeader(name)).join(theme.tableBorder(' │ ')));
		return lines;
	}

	for (const [rowIndex, row] of table.rows.entries()) {
		if (rowIndex > 0) {
			lines.push(theme.tableBorder('─'.repeat(Math.min(width, 8))));
		}

		for (let index = 0; index < columns; index++) {
			const name = table.header[index] ?? '';
			const value = row[index] ?? '';
			add(name === '' ? value : `${theme.tableHeader(name)}: ${value}`);
		}
	}

	return lines;
}

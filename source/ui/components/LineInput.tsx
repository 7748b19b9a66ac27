// A one-line text field for prompts (API key, names, the picker filter): it only draws. The App routes keys
// into the field's TextBuffer itself, so keys that arrive in one read (fast typing over SSH, tmux
// send-keys) are applied in order even when a prompt opens in the middle of that read. ink-text-input 6
// could not: it builds each change from the last rendered value, types the letter of Ctrl/Alt chords and
// splits emoji in half.
//
// It draws only what fits in `width` cells around the cursor, cluster by cluster as the composer does
// (controls as visible symbols, no loose joiners), so ink never has to measure or cut a long value.
import {Text} from 'ink';
import {eachGrapheme} from '../../text/unicode.js';
import {drawCluster} from '../text-rows.js';
import type {TextBuffer} from '../text-buffer.js';

export interface LineInputProps {
	field: TextBuffer;
	/** Shown instead of each character (for the API key). */
	mask?: string;
	placeholder?: string;
	focus?: boolean;
	/** Cells available. */
	width?: number;
}

type Cell = {text: string; cells: number};

/** The clusters of `field` that fit in `width` cells with the cursor's cell visible: before, under, after. */
export function fieldWindow(field: TextBuffer, width: number, mask?: string): {before: string; under: string; after: string} {
	const {text, cursor} = field;
	const before: Cell[] = [];
	const after: Cell[] = [];
	let under: Cell = {text: ' ', cells: 1};
	eachGrapheme(text, 0, text.length, (start, end, cells) => {
		const cell = mask
			? {text: mask, cells: 1}
			: text.charCodeAt(start) === 9
				? {text: ' ', cells: 1}
				: {text: drawCluster(text, start, end), cells};
		if (end <= cursor) before.push(cell);
		else if (start === cursor) under = cell;
		else after.push(cell);
	});
	const room = Math.max(1, Math.floor(width));
	let used = under.cells;
	let first = before.length;
	while (first > 0 && used + before[first - 1]!.cells <= room) used += before[--first]!.cells;
	let last = 0;
	while (last < after.length && used + after[last]!.cells <= room) used += after[last++]!.cells;
	const join = (cells: Cell[]) => cells.map((cell) => cell.text).join('');
	return {before: join(before.slice(first)), under: under.text, after: join(after.slice(0, last))};
}

export function LineInput({field, mask, placeholder, focus = true, width = 1000}: LineInputProps) {
	if (field.text === '' && placeholder) {
		// The cursor sits on the placeholder's first character, so the placeholder reads where typed text will.
		const [first = ' ', ...rest] = [...placeholder];
		return (
			<Text wrap="truncate-end">
				{focus ? (
					<Text inverse dimColor>
						{first}
					</Text>
				) : (
					<Text dimColor>{first}</Text>
				)}
				<Text dimColor>{rest.join('')}</Text>
			</Text>
		);
	}
	const {before, under, after} = fieldWindow(field, width, mask);
	return (
		<Text wrap="truncate-end">
			{before}
			{focus ? <Text inverse>{under}</Text> : under === ' ' ? '' : under}
			{after}
		</Text>
	);
}

import {Box, Text, useCursor} from 'ink';

export interface ComposerProps {
	width: number;
	/** Visual rows to show (already wrapped to width - 2). */
	rows: string[];
	/** Cursor within `rows`, in cells. */
	cursorRow: number;
	cursorCol: number;
	/** Screen row of the composer's first line, for placing the real cursor (IME windows follow it). */
	top: number;
	placeholder: string;
	active: boolean;
	/** Rows hidden above / below the shown window of a long input. */
	hiddenAbove: boolean;
	hiddenBelow: boolean;
}

const PROMPT = '› ';
const CONTINUATION = '  ';

export function Composer({width, rows, cursorRow, cursorCol, top, placeholder, active, hiddenAbove, hiddenBelow}: ComposerProps) {
	const {setCursorPosition} = useCursor();
	// During render, as ink expects: useCursor hands the position to ink in an insertion effect of this same
	// commit. Set from a useEffect it arrived one frame late: no cursor at start-up, and after each key the
	// cursor stood where the previous frame had it.
	setCursorPosition(active ? {x: PROMPT.length + cursorCol, y: top + cursorRow} : undefined);
	const empty = rows.length === 1 && rows[0] === '';
	return (
		<Box flexDirection="column" width={width}>
			{empty ? (
				<Text wrap="truncate-end">
					<Text color="cyan">{PROMPT}</Text>
					<Text dimColor>{placeholder}</Text>
				</Text>
			) : (
				rows.map((row, index) => (
					<Text key={index} wrap="truncate-end">
						{index === 0 && !hiddenAbove ? (
							<Text color="cyan">{PROMPT}</Text>
						) : index === 0 ? (
							<Text dimColor>{'↑ '}</Text>
						) : index === rows.length - 1 && hiddenBelow ? (
							<Text dimColor>{'↓ '}</Text>
						) : (
							CONTINUATION
						)}
						{row}
					</Text>
				))
			)}
		</Box>
	);
}

export const COMPOSER_GUTTER = PROMPT.length;

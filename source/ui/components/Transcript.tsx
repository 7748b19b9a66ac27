import {Box, Text} from 'ink';

export interface TranscriptProps {
	rows: string[];
	height: number;
	width: number;
	/** Rows below the viewport; shown as an indicator when the user has scrolled up. */
	below: number;
	empty?: string;
}

export function Transcript({rows, height, width, below, empty}: TranscriptProps) {
	const visible = below > 0 ? rows.slice(0, Math.max(0, height - 1)) : rows;
	return (
		<Box flexDirection="column" height={height} width={width} overflow="hidden">
			{rows.length === 0 && empty ? <Text dimColor>{empty}</Text> : null}
			{visible.map((row, index) => (
				// Rows are pre-wrapped to the width; truncation only guards against a miscount, never wraps.
				<Text key={index} wrap="truncate-end">
					{/* ink gives an empty Text no height at all, which would shift every row below it. */}
					{row === '' ? ' ' : row}
				</Text>
			))}
			{below > 0 ? (
				<Text wrap="truncate-end" color="yellow">
					{`  ↓ ${below >= 9_999 ? 'many' : below} more line${below === 1 ? '' : 's'} below · End to follow`}
				</Text>
			) : null}
		</Box>
	);
}

import {useLayoutEffect} from 'react';
import {Box, Text} from 'ink';
import {transcriptOverlay} from '../../terminal/overlay.js';

export interface TranscriptProps {
	/** From transcriptRows(): styled, at most `width` cells each. */
	rows: readonly string[];
	height: number;
	width: number;
	/** Screen row of the transcript's first line. */
	top: number;
}

export function Transcript({rows, height, width, top}: TranscriptProps) {
	// Removed before ink draws the next frame (layout-effect cleanups run in the commit, ahead of it).
	useLayoutEffect(() => () => transcriptOverlay.hide(), []);
	if (transcriptOverlay.attached) {
		// The screen writer lays these rows over the empty box when it writes ink's frame, which follows
		// this render; streamed text later repaints them without a render (see terminal/overlay.ts).
		transcriptOverlay.set(top, rows, width);
		return <Box height={height} width={width} />;
	}
	return (
		<Box flexDirection="column" height={height} width={width} overflow="hidden">
			{rows.map((row, index) => (
				// Rows are pre-wrapped to the width; truncation only guards against a miscount, never wraps.
				<Text key={index} wrap="truncate-end">
					{/* ink gives an empty Text no height at all, which would shift every row below it. */}
					{row === '' ? ' ' : row}
				</Text>
			))}
		</Box>
	);
}

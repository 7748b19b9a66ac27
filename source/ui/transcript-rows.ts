// The transcript's rows exactly as drawn, from the visible slice: the same for ink's tree and for the
// overlay that streamed text is painted through (terminal/overlay.ts).
import chalk from 'chalk';
import {transcriptText} from './transcript-messages.js';

export interface TranscriptRowsInput {
	/** Pre-wrapped to the width. */
	rows: readonly string[];
	height: number;
	/** Rows below the viewport; shown as an indicator when the user has scrolled up. */
	below: number;
	empty?: string | undefined;
}

export function transcriptRows({rows, height, below, empty}: TranscriptRowsInput): string[] {
	if (height <= 0) return [];
	if (rows.length === 0 && empty) return [chalk.dim(empty)];
	if (below <= 0) return rows.slice(0, height);
	const indicator = chalk.yellow(transcriptText.below(below));
	return [...rows.slice(0, height - 1), indicator];
}

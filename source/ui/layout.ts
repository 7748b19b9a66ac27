// How the chat screen's rows are shared out, top to bottom: transcript, separator, composer (or the find field),
// notice and status line. Plain arithmetic so it can be checked without drawing.

/** The composer grows up to a third of the screen, then scrolls inside itself. */
export function composerMaxRows(height: number): number {
	return Math.max(1, Math.floor(height / 3));
}

export interface ChatLayout {
	readonly statusHeight: number;
	readonly separatorHeight: number;
	readonly transcriptHeight: number;
	/** What a full-screen page (help, prompts, picker) has above the status line. */
	readonly bodyHeight: number;
}

/** `height` is the frame's; `composerRows` what the composer shows, or the one row of the find field. */
export function chatLayout(height: number, noticeRows: number, composerRows: number): ChatLayout {
	const statusHeight = 1 + noticeRows;
	// Below six rows the separator would cost the transcript too much.
	const separatorHeight = height >= 6 ? 1 : 0;
	return {
		statusHeight,
		separatorHeight,
		transcriptHeight: Math.max(0, height - statusHeight - separatorHeight - composerRows),
		bodyHeight: height - statusHeight,
	};
}

// Rows the screen writer draws over ink's frame. While an answer streams, only the transcript changes, ten
// times a second; sending that through React, Yoga and ink's output composition cost ~2 ms a frame. The
// transcript reserves an empty box of its height in ink's layout and hands its rows here instead, and a
// streamed token repaints them directly: the screen writer (log-update.ts) lays them over the last frame
// ink made and sends the difference.
import sliceAnsi from 'slice-ansi';
import {cellWidth} from '../text/unicode.js';

export class FrameOverlay {
	private repaint: (() => void) | undefined;
	private top = 0;
	private rows: readonly string[] = [];
	private width = 0;
	private fitted = new Map<string, string>();
	/** Bumped on every change, so the writer can tell "same ink frame, new rows" from "nothing to do". */
	version = 0;

	/** Called by the screen writer: without one (ink's own writer, as in unit tests) nothing is overlaid. */
	attach(repaint: () => void): void {
		this.repaint = repaint;
	}

	get attached(): boolean {
		return this.repaint !== undefined;
	}

	/** Sets the rows without drawing: for a React render, whose frame ink is about to write anyway. */
	set(top: number, rows: readonly string[], width: number): void {
		if (top === this.top && width === this.width && sameRows(rows, this.rows)) return;
		this.top = top;
		this.rows = rows;
		if (width !== this.width) this.fitted.clear();
		this.width = width;
		this.version++;
	}

	/** Sets the rows and draws them now, on the frame ink drew last. */
	update(top: number, rows: readonly string[], width: number): void {
		const before = this.version;
		this.set(top, rows, width);
		if (this.version !== before) this.repaint?.();
	}

	hide(): void {
		this.set(0, [], this.width);
	}

	/** `frame` with the overlay's rows in place; each row clipped to the width, should one ever be too long. */
	apply(frame: readonly string[]): string[] {
		const result = [...frame];
		const fitted = new Map<string, string>();
		for (let index = 0; index < this.rows.length; index++) {
			const y = this.top + index;
			if (y >= result.length) break;
			const row = this.rows[index]!;
			const safe = this.fitted.get(row) ?? (cellWidth(row) > this.width ? clipRow(row, this.width) : row);
			fitted.set(row, safe);
			result[y] = safe;
		}
		// Only the rows of the last frame are remembered: the map stays as small as the screen.
		this.fitted = fitted;
		return result;
	}
}

/**
 * The first `width` cells of a styled row. slice-ansi keeps a wide character that starts in the last cell and
 * ends past it: written, that row would wrap onto the next one. Such a character is left out.
 */
export function clipRow(row: string, width: number): string {
	let end = width;
	let clipped = sliceAnsi(row, 0, end);
	while (end > 0 && cellWidth(clipped) > width) clipped = sliceAnsi(row, 0, --end);
	return clipped;
}

function sameRows(a: readonly string[], b: readonly string[]): boolean {
	if (a === b) return true;
	if (a.length !== b.length) return false;
	for (let index = 0; index < a.length; index++) if (a[index] !== b[index]) return false;
	return true;
}

/** The transcript's overlay: one per process, like the terminal it draws on. */
export const transcriptOverlay = new FrameOverlay();

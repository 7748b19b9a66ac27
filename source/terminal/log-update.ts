// Stands in for ink's build/log-update.js in the bundle (see scripts/build.mjs). glm-tui always draws a
// full-screen frame from the top-left corner of the alternate screen, so it can address rows absolutely and
// send only the cells that changed (frame-diff.ts). Same interface as ink 6.8's module.
import {diffFrames, type Cursor} from './frame-diff.js';
import {clipRow, transcriptOverlay} from './overlay.js';
import {cellWidth} from '../text/unicode.js';
import {paletteVersion, recolorer} from './palette.js';
import {capabilities} from './terminal-type.js';

const HIDE_CURSOR = '\u001B[?25l';
// Terminals that know "synchronized update" show the frame at once; others ignore the markers.
const BEGIN_UPDATE = '\u001B[?2026h';
const END_UPDATE = '\u001B[?2026l';
const SHOW_CURSOR = '\u001B[?25h';

export interface LogUpdate {
	(text: string): boolean;
	clear(): void;
	done(): void;
	sync(text: string): void;
	setCursorPosition(position: Cursor | undefined): void;
	isCursorDirty(): boolean;
	willRender(text: string): boolean;
}

function rowsOf(text: string): string[] {
	const rows = text.split('\n');
	// ink appends a newline to frames shorter than the terminal; it is not a row.
	if (text.endsWith('\n')) rows.pop();
	return rows;
}

type Stream = NodeJS.WritableStream & {isTTY?: boolean; columns?: number; rows?: number};

/**
 * `next` as the terminal will really show it: rows past the bottom dropped (written there, they would land on
 * the last row), rows wider than the screen cut (written whole, they would wrap onto the row below). Between a
 * resize and the app's next render, ink draws frames laid out for the old size; fitted, what the writer
 * remembers is what the screen holds, and the next frame's diff is exact. Rows unchanged since the last fit
 * at the same size are not measured again, so a streamed token costs one row's measure. Rows are also put in the
 * palette in force here, the one place every frame passes.
 */
export function fitFrame(
	next: readonly string[],
	columns: number,
	rows: number,
	previous?: {source: readonly string[]; fitted: readonly string[]},
	recolor?: (row: string) => string,
): string[] {
	const fitted = next.length > rows ? next.slice(0, rows) : next.slice();
	for (let index = 0; index < fitted.length; index++) {
		let row = fitted[index]!;
		if (previous && previous.source[index] === row) {
			fitted[index] = previous.fitted[index]!;
			continue;
		}
		// The palette (palette.ts): none takes the colours out, light darkens the pale ones.
		if (recolor) fitted[index] = row = recolor(row);
		// No character is wider than two cells: a row of fewer code units than half the width fits.
		if (row.length * 2 > columns && cellWidth(row) > columns) fitted[index] = clipRow(row, columns);
	}
	return fitted;
}

const create = (stream: Stream, {showCursor = false}: {showCursor?: boolean; incremental?: boolean} = {}): LogUpdate => {
	// Not for terminals that do not know the markers (terminal-type.ts).
	const synchronized = () => stream.isTTY === true && capabilities().synchronized;
	let previousText = '';
	/** ink's last frame, before the overlay: what a repaint of the overlay alone draws on. */
	let inkRows: string[] = [];
	let previousRows: string[] = [];
	/** The frame before fitFrame, and the size it was fitted to. */
	let previousSource: string[] = [];
	let fittedTo = {columns: 0, rows: 0};
	let overlayVersion = -1;
	/** Unknown after someone else wrote to the screen: the next frame goes out whole. */
	let known = false;
	/**
	 * Set by clear(), until something is drawn. ink's instance.clear() calls clear() and then sync(lastFrame),
	 * which would record a frame that is not on the (now empty) screen: the next frame would then send only
	 * its differences from it and leave unchanged rows blank (what Ctrl+L and growing the terminal did).
	 */
	let blank = false;
	/** The terminal's size changed after the last frame drawn. */
	let resizedSinceDraw = false;
	let at: Cursor = {x: 0, y: 0};
	let cursorVisible = true;
	let cursorPosition: Cursor | undefined;
	let cursorDirty = false;
	let shownPosition: Cursor | undefined;

	const activeCursor = () => (cursorDirty ? cursorPosition : undefined);
	const samePosition = (a: Cursor | undefined, b: Cursor | undefined) => a?.x === b?.x && a?.y === b?.y;

	const fit = (next: string[]): string[] => {
		const columns = stream.columns;
		const rows = stream.rows;
		if (!columns || !rows) {
			const recolor = recolorer();
			return recolor ? next.map(recolor) : next;
		}
		const sameSize = known && columns === fittedTo.columns && rows === fittedTo.rows;
		const fitted = fitFrame(next, columns, rows, sameSize ? {source: previousSource, fitted: previousRows} : undefined, recolorer());
		previousSource = next;
		fittedTo = {columns, rows};
		return fitted;
	};

	// Whatever the terminal did to its screen on a resize (reflowed it, cut it, kept it), what it holds now is
	// not known: the next frame clears it and is drawn whole, at the new size.
	// If no render follows (the app's layout came out the same), the frame ink drew last is drawn again.
	const resized = () => {
		resizedSinceDraw = true;
		if (!known) return;
		known = false;
		setImmediate(() => {
			if (!known && !blank) draw(transcriptOverlay.apply(inkRows), activeCursor() ?? shownPosition);
		});
	};
	if (stream.isTTY === true && typeof stream.on === 'function') stream.on('resize', resized);

	let drawnPalette = paletteVersion();
	const draw = (frame: string[], target: Cursor | undefined): void => {
		// Another palette: every row's colours change, the frame is drawn whole.
		if (drawnPalette !== paletteVersion()) {
			known = false;
			drawnPalette = paletteVersion();
		}
		const next = fit(frame);
		let output = '';
		if (!known) {
			// Draw from a clean screen: rows may hold anything (another program, a resize's leftovers).
			output += '\u001B[H\u001B[2J';
			at = {x: 0, y: 0};
		}
		const update = diffFrames(known ? previousRows : [], next, target, at, {scroll: capabilities().scrollRegions});
		output += update.output;
		at = update.cursor;
		const wantVisible = showCursor || target !== undefined;
		if (wantVisible !== cursorVisible) {
			output = (wantVisible ? '' : HIDE_CURSOR) + output + (wantVisible ? SHOW_CURSOR : '');
			cursorVisible = wantVisible;
		}
		if (output !== '') stream.write(synchronized() ? BEGIN_UPDATE + output + END_UPDATE : output);
		previousRows = next;
		overlayVersion = transcriptOverlay.version;
		shownPosition = target ? {...target} : undefined;
		known = true;
		blank = false;
		resizedSinceDraw = false;
	};

	const render = ((text: string) => {
		const target = activeCursor();
		cursorDirty = false;
		if (known && text === previousText && overlayVersion === transcriptOverlay.version && samePosition(target, shownPosition)) return false;
		previousText = text;
		inkRows = rowsOf(text);
		draw(transcriptOverlay.apply(inkRows), target);
		return true;
	}) as LogUpdate;

	// A streamed token changed only the overlay: redraw it on ink's last frame, cursor where it was. Before the
	// first frame, or after a clear, ink's next render draws it.
	transcriptOverlay.attach(() => {
		if (!known || overlayVersion === transcriptOverlay.version) return;
		draw(transcriptOverlay.apply(inkRows), shownPosition);
	});

	render.clear = () => {
		if (known) stream.write('\u001B[H\u001B[2J');
		known = false;
		previousText = '';
		inkRows = [];
		previousRows = [];
		at = {x: 0, y: 0};
		blank = true;
	};

	render.done = () => {
		previousText = '';
		inkRows = [];
		previousRows = [];
		known = false;
		if (!cursorVisible) {
			stream.write(SHOW_CURSOR);
			cursorVisible = true;
		}
	};

	// ink drew `text` itself (after clearing the terminal); only the cursor is left to place.
	render.sync = (text: string) => {
		// Also after a resize: ink then wrote the frame itself, laid out for the old size, maybe taller than
		// the screen (it scrolled) or wider (it wrapped).
		if (blank || resizedSinceDraw) {
			// After clear(), ink calls sync() both when it wrote `text` itself (a resize that leaves the old frame
			// taller than the screen) and when it did not (instance.clear()): either way the screen is not known
			// to hold `text` with the overlay on it. Unless ink draws again first, draw it whole, right after.
			previousText = text;
			inkRows = rowsOf(text);
			setImmediate(() => {
				if (!known) draw(transcriptOverlay.apply(inkRows), activeCursor() ?? shownPosition);
			});
			return;
		}
		const target = activeCursor();
		cursorDirty = false;
		previousText = text;
		inkRows = rowsOf(text);
		previousRows = inkRows;
		previousSource = inkRows;
		known = true;
		const update = diffFrames(previousRows, previousRows, target, {x: -1, y: -1});
		at = update.cursor.x === -1 ? {x: -1, y: -1} : update.cursor;
		let output = update.output;
		const wantVisible = showCursor || target !== undefined;
		if (wantVisible !== cursorVisible) {
			output += wantVisible ? SHOW_CURSOR : HIDE_CURSOR;
			cursorVisible = wantVisible;
		}
		if (output) stream.write(output);
		shownPosition = target ? {...target} : undefined;
		// What ink wrote has no overlay on it.
		draw(transcriptOverlay.apply(inkRows), shownPosition);
	};

	render.setCursorPosition = (position) => {
		cursorPosition = position;
		cursorDirty = true;
	};
	render.isCursorDirty = () => cursorDirty;
	render.willRender = (text) =>
		!known || text !== previousText || overlayVersion !== transcriptOverlay.version || !samePosition(activeCursor(), shownPosition);
	return render;
};

const logUpdate = {create};
export default logUpdate;

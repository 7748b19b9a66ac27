// Stands in for ink's build/log-update.js in the bundle (see scripts/build.mjs). glm-tui always draws a
// full-screen frame from the top-left corner of the alternate screen, so it can address rows absolutely and
// send only the cells that changed (frame-diff.ts). Same interface as ink 6.8's module.
import {diffFrames, type Cursor} from './frame-diff.js';
import {transcriptOverlay} from './overlay.js';

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

const create = (stream: NodeJS.WritableStream, {showCursor = false}: {showCursor?: boolean; incremental?: boolean} = {}): LogUpdate => {
	const synchronized = (stream as {isTTY?: boolean}).isTTY === true;
	let previousText = '';
	/** ink's last frame, before the overlay: what a repaint of the overlay alone draws on. */
	let inkRows: string[] = [];
	let previousRows: string[] = [];
	let overlayVersion = -1;
	/** Unknown after someone else wrote to the screen: the next frame goes out whole. */
	let known = false;
	/**
	 * Set by clear(), until something is drawn. ink's instance.clear() calls clear() and then sync(lastFrame),
	 * which would record a frame that is not on the (now empty) screen: the next frame would then send only
	 * its differences from it and leave unchanged rows blank (what Ctrl+L and growing the terminal did).
	 */
	let blank = false;
	let at: Cursor = {x: 0, y: 0};
	let cursorVisible = true;
	let cursorPosition: Cursor | undefined;
	let cursorDirty = false;
	let shownPosition: Cursor | undefined;

	const activeCursor = () => (cursorDirty ? cursorPosition : undefined);
	const samePosition = (a: Cursor | undefined, b: Cursor | undefined) => a?.x === b?.x && a?.y === b?.y;

	const draw = (next: string[], target: Cursor | undefined): void => {
		let output = '';
		if (!known) {
			// Draw from a clean screen: rows may hold anything (another program, a resize's leftovers).
			output += '\u001B[H\u001B[2J';
			at = {x: 0, y: 0};
		}
		const update = diffFrames(known ? previousRows : [], next, target, at);
		output += update.output;
		at = update.cursor;
		const wantVisible = showCursor || target !== undefined;
		if (wantVisible !== cursorVisible) {
			output = (wantVisible ? '' : HIDE_CURSOR) + output + (wantVisible ? SHOW_CURSOR : '');
			cursorVisible = wantVisible;
		}
		if (output !== '') stream.write(synchronized ? BEGIN_UPDATE + output + END_UPDATE : output);
		previousRows = next;
		overlayVersion = transcriptOverlay.version;
		shownPosition = target ? {...target} : undefined;
		known = true;
		blank = false;
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
		if (blank) {
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

// The mouse wheel. In the alternate screen most terminals turn the wheel into Up/Down, which would walk the
// composer's input history. So while `mouse` is on (the default) glm-tui asks for mouse reports: button
// events only (`?1000h`, no motion), in SGR form (`?1006h`: `ESC[<b;x;yM`, no byte limits). Wheel reports
// scroll the transcript; clicks and releases are dropped. Reports never reach the key handling as text,
// however the terminal splits them across reads. `mouse off` leaves the mouse to the terminal (plain
// click-and-drag selection); with mouse reporting on, most terminals select with Shift held.
import {EventEmitter} from 'node:events';

export const enableMouse = '\u001B[?1000h\u001B[?1006h';
export const disableMouse = '\u001B[?1006l\u001B[?1000l';

export interface WheelEvent {
	/** -1: towards the top (wheel up), 1: towards the bottom. */
	direction: -1 | 1;
	/** 1-based cell of the pointer. */
	x: number;
	y: number;
}

// SGR reports; and the legacy X10 form (`ESC[M` + three bytes, each value + 32) of terminals without 1006.
const report = /\u001B\[<(\d{1,4});(\d{1,5});(\d{1,5})([Mm])|\u001B\[M([\u0020-\uFFFF])([\u0020-\uFFFF])([\u0020-\uFFFF])/g;
// The start of a report, cut off where the stdin filter handed over what it had (it holds an incomplete
// escape ~30 ms, then lets it go). `ESC[` and ESC may start keys too: they are given back if no report follows.
const reportStart = /^\u001B(?:\[(?:<[\d;]*|M[\u0020-\uFFFF]{0,2})?)?$/;
const reportAtStart = new RegExp(`^(?:${report.source})`);

interface Held {
	text: string;
	/** The ESC at its start already went on as the Escape key. */
	delivered: boolean;
}

/**
 * Takes mouse reports out of key input and emits 'wheel' for the wheel's. `filter` is given each run of
 * typed keys (never pasted text) in order; what it returns goes on to the key handling.
 */
export class MouseInput extends EventEmitter<{wheel: [WheelEvent]}> {
	private held: Held | undefined;

	readonly filter = (text: string): string => {
		let input = text;
		const held = this.held;
		this.held = undefined;
		if (held) {
			input = held.text + text;
			if (held.delivered) {
				// Only a report that the delivered ESC started is taken out; the ESC itself is not given twice.
				const match = reportAtStart.exec(input);
				if (match) input = input.slice(this.take(match).length);
				else if (reportStart.test(input)) {
					this.held = {text: input, delivered: true};
					return '';
				} else input = input.slice(1);
			}
		}
		if (!input.includes('\u001B')) return input;
		input = input.replace(report, (...match) => {
			this.take(match as unknown as RegExpExecArray);
			return '';
		});
		const last = input.lastIndexOf('\u001B');
		if (last === -1 || !reportStart.test(input.slice(last))) return input;
		if (input.length - last === 1) {
			// A lone ESC is the Escape key and goes on; a report's rest after it will not.
			this.held = {text: '\u001B', delivered: true};
			return input;
		}
		this.held = {text: input.slice(last), delivered: false};
		return input.slice(0, last);
	};

	/** Emits the report's wheel event, if it is one; returns the report. */
	private take(match: RegExpExecArray | string[]): string {
		const [whole, sgrButton, sgrX, sgrY, kind, b, x, y] = match as Array<string | undefined>;
		const button = sgrButton === undefined ? b!.codePointAt(0)! - 32 : Number(sgrButton);
		const press = sgrButton === undefined || kind === 'M';
		// 64/65 are wheel up/down (plus 4/8/16 for Shift/Alt/Ctrl); 66/67 are the horizontal wheel; 32 is motion.
		// The mask keeps all but the modifiers and the up/down bit.
		if (press && (button & 0b1110_0010) === 64) {
			this.emit('wheel', {
				direction: button & 1 ? 1 : -1,
				x: sgrX === undefined ? x!.codePointAt(0)! - 32 : Number(sgrX),
				y: sgrY === undefined ? y!.codePointAt(0)! - 32 : Number(sgrY),
			});
		}
		return whole!;
	}
}

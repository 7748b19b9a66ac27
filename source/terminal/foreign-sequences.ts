/*
Escape sequences that are not keys, taken out of typed input before ink parses it. Ink reads any CSI it does not
know (`ESC[99~`, a focus report `ESC[O`, a device attributes answer `ESC[?1;2c`) and any OSC/DCS string (a colour
answer `ESC]11;rgb:0000/0000/0000 ESC\`) as typed text minus the ESC, so "[99~" or "]11;rgb:..." landed in the
composer and could be sent as part of a question. Found by key fuzzing (test/screen/key-fuzz.test.ts).

Kept: what ink reads as a key (arrows, Home/End, Insert/Delete, PgUp/PgDn, F1-F20 in the xterm, rxvt, Linux
console and PuTTY forms, with modifiers, Shift+Tab, kitty `CSI ... u`), Alt+key (ESC + one character) and a
lone ESC. A string (OSC, DCS, SOS, PM, APC) cut at the end of a read is dropped up to its terminator in the
reads that follow.
*/

// CSI: parameters, intermediates, final byte (ECMA-48).
const csiRe = /\u001B\[(\[?)([\x30-\x3f]*)[\x20-\x2f]*([\x40-\x7e])/y;
const tildeKeys = new Set([1, 2, 3, 4, 5, 6, 7, 8, 11, 12, 13, 14, 15, 17, 18, 19, 20, 21, 23, 24, 25, 26, 28, 29, 31, 32, 33, 34]);

function isKeyCsi(bracket: string, parameters: string, final: string): boolean {
	// Linux console F1-F5 (`ESC[[A`) and PuTTY's `ESC[[5~`.
	if (bracket) return /^[A-E]$/.test(final) || (final === '~' && /^[56]$/.test(parameters));
	// Private markers (`?`, `<`, `>`, `=`) start terminal answers and mouse reports, never keys.
	if (!/^[\d;:]*$/.test(parameters)) return false;
	const first = Number(parameters.split(';')[0] || '1');
	if (/^[A-DFHZa-e]$/.test(final) || final === 'E' || final === 'u') return true;
	// Modified F1-F4 (`ESC[1;2P`); a bare `ESC[12;40R` is a cursor position answer.
	if (/^[PQRS]$/.test(final)) return parameters === '' || first === 1;
	if (final === '~' || final === '$' || final === '^' || final === '@') return tildeKeys.has(first);
	return false;
}

export class ForeignSequences {
	/** Inside an OSC/DCS/... string that began in an earlier read. */
	private inString = false;

	filter(text: string): string {
		if (!this.inString && !text.includes('\u001B')) return text;
		let out = '';
		let at = 0;
		if (this.inString) {
			const end = stringEnd(text, 0);
			if (end === -1) return '';
			this.inString = false;
			at = end;
		}
		while (at < text.length) {
			const escape = text.indexOf('\u001B', at);
			if (escape === -1) {
				out += text.slice(at);
				break;
			}
			out += text.slice(at, escape);
			const next = text[escape + 1];
			if (next === ']' || next === 'P' || next === 'X' || next === '^' || next === '_') {
				const end = stringEnd(text, escape + 2);
				if (end === -1) {
					this.inString = true;
					return out;
				}
				at = end;
				continue;
			}
			if (next === '[') {
				csiRe.lastIndex = escape;
				const match = csiRe.exec(text);
				if (match) {
					if (isKeyCsi(match[1]!, match[2]!, match[3]!)) out += match[0];
					at = escape + match[0].length;
					continue;
				}
			}
			out += '\u001B';
			at = escape + 1;
		}
		return out;
	}
}

/** Index just past the BEL or ST (`ESC \`) ending a string that starts at or before `from`; -1 when not in `text`. */
function stringEnd(text: string, from: number): number {
	for (let index = from; index < text.length; index++) {
		const code = text.charCodeAt(index);
		if (code === 0x07) return index + 1;
		if (code === 0x1b && text[index + 1] === '\\') return index + 2;
		// An ESC that is not ST ends the string too (a terminal never nests them): the key after it stays.
		if (code === 0x1b && index + 1 < text.length) return index;
	}
	return -1;
}

import {cellWidth} from './unicode.js';

/*
Untrusted text (model answers, pasted text, names, file contents) goes through here before it is measured,
wrapped or written, so that only the program's own escape sequences ever reach the terminal.

Decisions:
- Complete escape sequences (CSI, OSC, DCS/SOS/PM/APC, two-character and nF escapes, and their 8-bit C1
  forms) are removed without a trace: they are formatting or terminal control, not content, and a pasted
  coloured log should read as plain text, not as a field of markers.
- An ESC that does not start a complete sequence (lone, truncated, unterminated OSC) becomes a visible
  U+241B `␛` and the bytes after it stay as text. Nothing is swallowed that a reader could not see, and an
  unterminated OSC cannot hide the rest of a streamed answer.
- Other C0 controls (BEL, BS, VT, FF, ...), DEL and C1 controls are removed. BS in particular must go:
  `safe\b\b\b\bevil` would otherwise overprint.
- CRLF and lone CR become LF (a lone CR would return the cursor and overprint); U+2028/U+2029 become LF.
- Bidi embeddings/overrides/isolates (U+202A-U+202E, U+2066-U+2069) are removed: they reorder what is
  displayed ("Trojan Source"). LRM/RLM/ALM are kept; they cannot hide text.
- A zero-width joiner outside an emoji sequence is removed (see looseJoiner).
- Tabs expand to spaces at tab stops of `tabWidth` cells (default 4), measured in terminal cells, so that
  width math downstream is exact. 4 rather than the terminal's 8 keeps tab-indented code (Go) readable on
  narrow screens.
The result contains no character below U+0020 except LF, no DEL and no C1, so sanitizing is idempotent.
*/

export const escapeMarker = '\u241B';

export type SanitizeOptions = {
	/** Tab stop distance in cells; 0 turns each tab into one space. */
	tabWidth?: number;
};

// Order matters: complete sequences first, so a truncated one falls through to the lone-ESC branch.
const neutralizeRegex = new RegExp(
	[
		// CSI: parameters, intermediates, final byte.
		String.raw`(?:\x1b\[|\x9b)[\x30-\x3f]*[\x20-\x2f]*[\x40-\x7e]`,
		// OSC, terminated by BEL or ST.
		String.raw`(?:\x1b\]|\x9d)[^\x07\x1b\x9c]*(?:\x07|\x1b\\|\x9c)`,
		// DCS, SOS, PM, APC: string terminated by ST (BEL accepted too, as some terminals do).
		String.raw`(?:\x1b[PX^_]|[\x90\x98\x9e\x9f])[^\x07\x1b\x9c]*(?:\x07|\x1b\\|\x9c)`,
		// Two-character and nF escapes; the introducers above are excluded so their truncated forms stay visible.
		String.raw`\x1b[\x20-\x2f]*[\x30-\x4f\x51-\x57\x59\x5a\x5c\x60-\x7e]`,
		// Whatever ESC is left starts nothing complete.
		String.raw`\x1b`,
		String.raw`\r\n?|[\u2028\u2029]`,
		// Remaining C0 (TAB and LF are kept), DEL, C1, bidi controls. One at a time: a run would swallow an
		// ESC that starts the next sequence.
		String.raw`[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]`,
	].join('|'),
	'g',
);

const needsWorkRegex = /[\x00-\x08\x0b-\x1f\x7f-\x9f\u2028\u2029\u202a-\u202e\u2066-\u2069]/;

const replaceMatch = (match: string): string => {
	const first = match.charCodeAt(0);
	if (first === 0x1b) {
		return match.length === 1 ? escapeMarker : '';
	}

	if (first === 0x0d || first === 0x2028 || first === 0x2029) {
		return '\n';
	}

	return '';
};

// A ZWJ joins only inside an emoji sequence (pictograph, marks or modifiers, ZWJ, pictograph). Any other is
// dropped: terminals (tmux among them) join the next character printed anywhere on screen to the cell that
// ends in it, so a ZWJ at a line's end swallowed the first cell of a later row.
const looseJoiner = /(?<!\p{Extended_Pictographic}[\p{M}\p{Emoji_Modifier}]*)\u200d|\u200d(?!\p{Extended_Pictographic})/gu;

export function sanitize(text: string, options: SanitizeOptions = {}): string {
	let result = needsWorkRegex.test(text) ? text.replace(neutralizeRegex, replaceMatch) : text;
	if (result.includes('\u200d')) {
		result = result.replace(looseJoiner, '');
	}

	if (result.includes('\t')) {
		result = expandTabs(result, options.tabWidth ?? 4);
	}

	return result;
}

/** For single-line places (names, titles, status): newlines and tabs become single spaces. */
export function sanitizeLine(text: string, options: SanitizeOptions = {}): string {
	const clean = sanitize(text, {tabWidth: 0, ...options});
	return clean.includes('\n') ? clean.replaceAll('\n', ' ') : clean;
}

// Text between tabs is measured once, so the cost stays linear even for one huge line full of tabs.
function expandTabs(text: string, tabWidth: number): string {
	let out = '';
	let emitted = 0;
	let column = 0;
	let tab = text.indexOf('\t');
	while (tab !== -1) {
		const segment = text.slice(emitted, tab);
		const newline = segment.lastIndexOf('\n');
		column = newline === -1 ? column + cellWidth(segment) : cellWidth(segment.slice(newline + 1));
		const pad = tabWidth > 0 ? tabWidth - (column % tabWidth) : 1;
		out += segment + ' '.repeat(pad);
		column += pad;
		emitted = tab + 1;
		tab = text.indexOf('\t', emitted);
	}

	return out + text.slice(emitted);
}

// Stands in for the string-width package everywhere in the bundle (scripts/build.mjs). Terminal text is
// nearly all printable ASCII and common CJK, whose widths are fixed; only other text goes to string-width,
// which segments graphemes and tests each against a large emoji regex (compiled on first use, ~70 ms).
// Width of a frame's rows is ink's hottest computation.
import stringWidth from 'string-width';

type Options = Parameters<typeof stringWidth>[1];

/**
 * 2 for code units that are wide and never join a neighbour, 1 for narrow ones that never do (printable
 * ASCII, Latin-1, punctuation, arrows, box drawing and blocks), 0 for "ask string-width". A test checks every
 * code point of these ranges against string-width.
 */
export function simpleWidth(code: number): number {
	if (code < 0x7f) return code >= 0x20 ? 1 : 0;
	if (code < 0x100) return code >= 0xa0 && code !== 0xad ? 1 : 0;
	if (code >= 0x2010 && code <= 0x2027) return 1; // dashes, quotes, bullets, ellipsis
	if (code >= 0x2030 && code <= 0x203b) return 1; // per mille .. reference mark (not ‼ U+203C, an emoji)
	if (code >= 0x2500 && code <= 0x259f) return 1; // box drawing, block elements
	if (code >= 0x4e00 && code <= 0x9fff) return 2; // CJK Unified Ideographs
	if (code >= 0x3400 && code <= 0x4dbf) return 2; // Extension A
	if ((code >= 0x3000 && code <= 0x3029) || (code >= 0x3030 && code <= 0x303e)) return 2; // CJK punctuation, no tone marks
	if ((code >= 0x3041 && code <= 0x3096) || (code >= 0x309b && code <= 0x30ff)) return 2; // kana, no combining marks
	if (code >= 0xf900 && code <= 0xfaff) return 2; // CJK compatibility ideographs
	if (code >= 0xff01 && code <= 0xff60) return 2; // fullwidth forms
	if (code >= 0xac00 && code <= 0xd7a3) return 2; // Hangul syllables
	return 0;
}

export default function fastStringWidth(text: string, options?: Options): number {
	if (typeof text !== 'string' || text.length === 0) return 0;
	const countEscapes = options?.countAnsiEscapeCodes === true;
	let width = 0;
	for (let index = 0; index < text.length; index++) {
		const code = text.charCodeAt(index);
		// Colour codes (ESC [ digits ; m) have no width; string-width strips them too. Other escapes go the slow way.
		if (code === 0x1b && !countEscapes && text.charCodeAt(index + 1) === 0x5b) {
			let end = index + 2;
			while (end < text.length && isSgrParameter(text.charCodeAt(end))) end++;
			if (text.charCodeAt(end) === 0x6d) {
				index = end;
				continue;
			}
		}
		const cell = simpleWidth(code);
		if (cell === 0) return stringWidth(text, options);
		width += cell;
	}
	return width;
}

function isSgrParameter(code: number): boolean {
	return (code >= 0x30 && code <= 0x39) || code === 0x3b || code === 0x3a;
}

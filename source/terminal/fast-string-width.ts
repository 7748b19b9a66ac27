// Stands in for the string-width package everywhere in the bundle (scripts/build.mjs). Terminal text is
// nearly all printable ASCII and common CJK, whose widths are fixed; only other text goes to string-width,
// which segments graphemes and tests each against a large emoji regex (compiled on first use, ~70 ms).
// Width of a frame's rows is ink's hottest computation.
import stringWidth from 'string-width';

type Options = Parameters<typeof stringWidth>[1];

/** 2 for code units that are wide and never join a neighbour, 1 for printable ASCII, 0 for "ask string-width". */
function simpleWidth(code: number): number {
	if (code >= 0x20 && code < 0x7f) return 1;
	if (code >= 0x4e00 && code <= 0x9fff) return 2; // CJK Unified Ideographs
	if (code >= 0x3400 && code <= 0x4dbf) return 2; // Extension A
	if ((code >= 0x3000 && code <= 0x3029) || (code >= 0x3030 && code <= 0x303e)) return 2; // CJK punctuation, no tone marks
	if (code >= 0xff01 && code <= 0xff60) return 2; // fullwidth forms
	if (code >= 0xac00 && code <= 0xd7a3) return 2; // Hangul syllables
	return 0;
}

export default function fastStringWidth(text: string, options?: Options): number {
	if (typeof text !== 'string' || text.length === 0) return 0;
	let width = 0;
	for (let index = 0; index < text.length; index++) {
		const cell = simpleWidth(text.charCodeAt(index));
		if (cell === 0) return stringWidth(text, options);
		width += cell;
	}
	return width;
}

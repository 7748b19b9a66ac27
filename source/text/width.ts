import stringWidth from 'string-width';
import stripAnsi from 'strip-ansi';
import {simpleWidth} from './fast-string-width.js';

/*
Terminal cell widths. string-width is the authority (Ink measures with it), but it segments and runs
several Unicode-property regexes per call; most text on the render path is printable ASCII, which is
measured by length, and the widths of other graphemes are memoized.
*/

const printableAscii = /^[\x20-\x7e]*$/;

export const isPrintableAscii = (text: string): boolean => printableAscii.test(text);

/** Cells `text` occupies; SGR sequences in it count as zero. */
export function cellWidth(text: string): number {
	if (printableAscii.test(text)) {
		return text.length;
	}

	// Text of code units whose width is fixed (CJK, Latin-1, punctuation) is summed directly.
	let width = 0;
	for (let index = 0; index < text.length; index++) {
		const cells = simpleWidth(text.charCodeAt(index));
		if (cells === 0) {
			width = -1;
			break;
		}

		width += cells;
	}

	if (width >= 0) {
		return width;
	}

	// string-width segments the whole string at once and tests every cluster against its emoji regex: very
	// slow on long text, and ~0.1 ms even for a short line with one emoji. Clusters are measured once each.
	width = 0;
	for (const grapheme of graphemes(text.includes('\u001B') ? stripAnsi(text) : text)) {
		width += graphemeWidth(grapheme);
	}

	return width;
}

const graphemeCache = new Map<string, number>();
const graphemeCacheLimit = 8192;

/** Cells of one grapheme cluster. */
export function graphemeWidth(grapheme: string): number {
	if (grapheme.length === 1) {
		// Printable ASCII, Latin-1, punctuation and the common CJK blocks have fixed widths.
		const width = simpleWidth(grapheme.charCodeAt(0));
		if (width !== 0) {
			return width;
		}
	}

	let width = graphemeCache.get(grapheme);
	if (width === undefined) {
		width = stringWidth(grapheme);
		if (graphemeCache.size >= graphemeCacheLimit) {
			graphemeCache.clear();
		}

		graphemeCache.set(grapheme, width);
	}

	return width;
}

const segmenter = new Intl.Segmenter(undefined, {granularity: 'grapheme'});

/*
Grapheme clusters of `text`. Intl.Segmenter is exact but slow, and V8's grapheme iterator is worse than
quadratic on long strings (100k characters take minutes). So characters that always stand alone (ASCII,
Latin, Greek, Cyrillic, CJK, kana, Hangul syllables) are yielded directly, and only the stretches around
anything that can combine (marks, ZWJ, variation selectors, emoji, regional indicators, jamo) go through
the segmenter, in pieces cut where no Unicode rule can join across the cut.
*/
export function* graphemes(text: string): Generator<string> {
	const length = text.length;
	let index = 0;
	while (index < length) {
		const code = text.charCodeAt(index);
		if (isStandalone(code)) {
			const next = index + 1;
			if (next === length || isStandalone(text.charCodeAt(next)) || isSafeCut(text, next)) {
				yield text[index]!;
				index = next;
				continue;
			}
		}

		let end = index + 1;
		while (end < length && !(isSafeCut(text, end) && (isStandalone(text.charCodeAt(end)) || end - index >= 256))) {
			end++;
		}

		for (const {segment} of segmenter.segment(text.slice(index, end))) {
			yield segment;
		}

		index = end;
	}
}

// Characters that never join a neighbour into one cluster (no marks, jamo, emoji or joiners among them).
function isStandalone(code: number): boolean {
	if (code < 0x3000) {
		return (
			(code >= 0x20 && code <= 0x7e) ||
			(code >= 0xa0 && code <= 0x24f) ||
			(code >= 0x370 && code <= 0x482) ||
			(code >= 0x48a && code <= 0x52f) ||
			(code >= 0x2010 && code <= 0x2027) ||
			(code >= 0x2030 && code <= 0x205e)
		);
	}

	return (
		code <= 0x3029 ||
		(code >= 0x3030 && code <= 0x303f) ||
		(code >= 0x3041 && code <= 0x3096) ||
		(code >= 0x309b && code <= 0x30ff) ||
		(code >= 0x3400 && code <= 0x4dbf) ||
		(code >= 0x4e00 && code <= 0x9fff) ||
		(code >= 0xac00 && code <= 0xd7a3) ||
		(code >= 0xf900 && code <= 0xfaff) ||
		(code >= 0xff01 && code <= 0xff9d)
	);
}

// Joins what precedes it (Extend, SpacingMark, ZWJ, emoji modifiers, tags, Hangul V/T jamo).
const joinsPrevious =
	// eslint-disable-next-line no-misleading-character-class -- a set of single code points (joiners, selectors, jamo) on purpose
	/^[\p{M}\p{Emoji_Modifier}\u200c\u200d\ufe00-\ufe0f\u{e0020}-\u{e007f}\u1160-\u11ff\ud7b0-\ud7ff\uff9e\uff9f\u0e33\u0eb3]/u;
const viramas = new Set([0x94d, 0x9cd, 0xacd, 0xb4d, 0xc4d, 0xd4d]);
const regionalIndicator = /^[\u{1f1e6}-\u{1f1ff}]/u;

function isPrepend(code: number): boolean {
	return (
		(code >= 0x600 && code <= 0x605) ||
		code === 0x6dd ||
		code === 0x70f ||
		code === 0x890 ||
		code === 0x891 ||
		code === 0x8e2 ||
		code === 0xd4e
	);
}

/** Whether a grapheme boundary is certain between `text[index - 1]` and `text[index]`. */
function isSafeCut(text: string, index: number): boolean {
	const code = text.charCodeAt(index);
	const previous = text.charCodeAt(index - 1);
	if (
		previous === 0x200d ||
		(code >= 0xdc00 && code <= 0xdfff) ||
		(previous === 0x0d && code === 0x0a) ||
		isPrepend(previous) ||
		(previous >= 0x1100 && previous <= 0x115f) ||
		(previous >= 0xa960 && previous <= 0xa97c)
	) {
		return false;
	}

	const rest = text.slice(index, index + 2);
	if (joinsPrevious.test(rest)) {
		return false;
	}

	// Indic conjuncts: consonant + virama (InCB=Linker) + consonant is one cluster.
	if (viramas.has(previous)) {
		return false;
	}

	if (regionalIndicator.test(rest)) {
		// Flags pair regional indicators from the start of the run: cut only before an even count. A very
		// long run is left whole rather than counted over and over.
		let count = 0;
		for (let back = index - 2; back >= 0 && regionalIndicator.test(text.slice(back, back + 2)); back -= 2) {
			if (++count > 64) {
				return false;
			}
		}

		return count % 2 === 0;
	}

	return true;
}

import stringWidth from 'string-width';

/*
Terminal cell widths. string-width is the authority (Ink measures with it), but it segments and runs
several Unicode-property regexes per call; most text on the render path is printable ASCII, which is
measured by length, and the widths of other graphemes are memoized.
*/

const printableAscii = /^[\x20-\x7e]*$/;

export const isPrintableAscii = (text: string): boolean => printableAscii.test(text);

/** Cells `text` occupies; SGR sequences in it count as zero. */
export function cellWidth(text: string): number {
	return printableAscii.test(text) ? text.length : stringWidth(text);
}

const graphemeCache = new Map<string, number>();
const graphemeCacheLimit = 8192;

/** Cells of one grapheme cluster. */
export function graphemeWidth(grapheme: string): number {
	if (grapheme.length === 1) {
		const code = grapheme.charCodeAt(0);
		if (code >= 0x20 && code < 0x7f) {
			return 1;
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

/** Grapheme clusters of `text`; printable ASCII skips the segmenter. */
export function graphemes(text: string): Iterable<string> {
	if (printableAscii.test(text)) {
		return text;
	}

	return mapSegments(segmenter.segment(text));
}

function* mapSegments(segments: Intl.Segments): Generator<string> {
	for (const {segment} of segments) {
		yield segment;
	}
}

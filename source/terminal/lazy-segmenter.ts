// Stands in for Intl.Segmenter in the bundle (scripts/build.mjs). ink's dependencies, string-width and our
// own modules each make a segmenter when they load; the first one costs ~20-30 ms of ICU set-up, paid at
// start-up although the first frame rarely needs one. This one is made at its first use.
//
// slice-ansi segments every styled line the first frame clips (nearly all of them), so "first use" would be
// the first frame after all. Text made only of code units that stand alone (below) is one grapheme per code
// unit, which needs no ICU: such text is segmented here, the rest by the real segmenter.
const RealSegmenter = globalThis.Intl.Segmenter;

/**
 * Code units that are a grapheme of their own whenever both neighbours are such units too: controls other
 * than CR (CR LF is one grapheme) always break on both sides; the printable ranges below are single code
 * points that neither join nor extend (no marks, joiners, variation selectors, regional indicators, jamo).
 * The test checks every one of them, with each neighbour, against Intl.Segmenter.
 */
export function standsAlone(code: number): boolean {
	if (code < 0x7f) return code !== 0x0d;
	if (code < 0x100) return code === 0x7f || (code >= 0xa0 && code !== 0xad);
	if (code >= 0x2010 && code <= 0x2027) return true; // dashes, quotes, bullets, ellipsis
	if (code >= 0x2030 && code <= 0x203b) return true; // per mille .. reference mark
	if (code >= 0x2500 && code <= 0x259f) return true; // box drawing, block elements
	if (code >= 0x4e00 && code <= 0x9fff) return true; // CJK Unified Ideographs
	if (code >= 0x3400 && code <= 0x4dbf) return true; // Extension A
	if ((code >= 0x3000 && code <= 0x3029) || (code >= 0x3030 && code <= 0x303e)) return true; // CJK punctuation
	if ((code >= 0x3041 && code <= 0x3096) || (code >= 0x309b && code <= 0x30ff)) return true; // kana
	if (code >= 0xf900 && code <= 0xfaff) return true; // CJK compatibility ideographs
	if (code >= 0xff01 && code <= 0xff60) return true; // fullwidth forms
	return code >= 0xac00 && code <= 0xd7a3; // Hangul syllables
}

function allStandAlone(text: string): boolean {
	for (let index = 0; index < text.length; index++) if (!standsAlone(text.charCodeAt(index))) return false;
	return true;
}

/** Intl.Segments of text whose every code unit is a grapheme of its own. */
class CodeUnitSegments {
	constructor(private readonly input: string) {}

	containing(index: number = 0): Intl.SegmentData | undefined {
		const number = Number(index);
		const at = Number.isNaN(number) ? 0 : Math.trunc(number);
		if (!(at >= 0 && at < this.input.length)) return undefined;
		return {segment: this.input[at]!, index: at, input: this.input};
	}

	*[Symbol.iterator](): IterableIterator<Intl.SegmentData> {
		const {input} = this;
		for (let index = 0; index < input.length; index++) yield {segment: input[index]!, index, input};
	}
}

export class LazySegmenter {
	private real: Intl.Segmenter | undefined;
	private readonly args: ConstructorParameters<typeof Intl.Segmenter>;
	private readonly graphemes: boolean;

	constructor(...args: ConstructorParameters<typeof Intl.Segmenter>) {
		this.args = args;
		this.graphemes = (args[1]?.granularity ?? 'grapheme') === 'grapheme';
	}

	static supportedLocalesOf(...args: Parameters<typeof Intl.Segmenter.supportedLocalesOf>): string[] {
		return RealSegmenter.supportedLocalesOf(...args);
	}

	segment(input: string): Intl.Segments {
		if (this.graphemes && allStandAlone(String(input))) return new CodeUnitSegments(String(input)) as unknown as Intl.Segments;
		this.real ??= new RealSegmenter(...this.args);
		return this.real.segment(input);
	}

	resolvedOptions(): Intl.ResolvedSegmenterOptions {
		this.real ??= new RealSegmenter(...this.args);
		return this.real.resolvedOptions();
	}
}

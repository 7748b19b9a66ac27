// Stands in for Intl.Segmenter in the bundle (scripts/build.mjs). ink's dependencies, string-width and our
// own modules each make a segmenter when they load; the first one costs ~20-30 ms of ICU set-up, paid at
// start-up although the first frame rarely needs one. This one is made at its first use.
const RealSegmenter = globalThis.Intl.Segmenter;

export class LazySegmenter {
	private real: Intl.Segmenter | undefined;
	private readonly args: ConstructorParameters<typeof Intl.Segmenter>;

	constructor(...args: ConstructorParameters<typeof Intl.Segmenter>) {
		this.args = args;
	}

	static supportedLocalesOf(...args: Parameters<typeof Intl.Segmenter.supportedLocalesOf>): string[] {
		return RealSegmenter.supportedLocalesOf(...args);
	}

	segment(input: string): Intl.Segments {
		this.real ??= new RealSegmenter(...this.args);
		return this.real.segment(input);
	}

	resolvedOptions(): Intl.ResolvedSegmenterOptions {
		this.real ??= new RealSegmenter(...this.args);
		return this.real.resolvedOptions();
	}
}

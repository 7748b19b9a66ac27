// ink 6.8 measures every Text node on every frame (widest-line, uncached), and caches wrapped and measured
// text in maps that never shrink, so a long streaming session grows without bound. The bundle routes
// those three helpers here (scripts/build.mjs): same results, bounded memos shared across frames.
import stringWidth from 'string-width';
import wrapAnsi from 'wrap-ansi';
import cliTruncate from 'cli-truncate';

/** Bounded memo: cleared when full, which on a chat screen happens rarely and costs one slow frame. */
export class Memo<V> {
	private readonly map = new Map<string, V>();
	constructor(private readonly limit: number) {}
	get(key: string, make: () => V): V {
		let value = this.map.get(key);
		if (value === undefined) {
			value = make();
			if (this.map.size >= this.limit) this.map.clear();
			this.map.set(key, value);
		}
		return value;
	}
}

const widest = new Memo<number>(5_000);
const wrapped = new Memo<string>(5_000);
const measured = new Memo<{width: number; height: number}>(5_000);

export function widestLine(text: string): number {
	return widest.get(text, () => {
		let width = 0;
		for (const line of text.split('\n')) width = Math.max(width, stringWidth(line));
		return width;
	});
}

export function wrapText(text: string, maxWidth: number, wrapType: string): string {
	return wrapped.get(`${maxWidth}\u0000${wrapType}\u0000${text}`, () => {
		if (wrapType === 'wrap') return wrapAnsi(text, maxWidth, {trim: false, hard: true});
		if (wrapType.startsWith('truncate')) {
			const position = wrapType === 'truncate-middle' ? 'middle' : wrapType === 'truncate-start' ? 'start' : 'end';
			return cliTruncate(text, maxWidth, {position});
		}
		return text;
	});
}

export function measureText(text: string): {width: number; height: number} {
	if (text.length === 0) return {width: 0, height: 0};
	return measured.get(text, () => ({width: widestLine(text), height: text.split('\n').length}));
}

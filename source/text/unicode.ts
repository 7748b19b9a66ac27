/*
The one Unicode module: cell widths, grapheme clusters and safe boundaries for every layer above (composer,
fields, wrapping, the frame diff, ink's measuring via fast-string-width.ts). string-width is the authority for
widths but slow per call, Intl.Segmenter exact but slower: printable ASCII is measured by its length, code units
of fixed width that never join a neighbour (`simpleWidth`) are summed, and everything else is cut into clusters
between "safe" offsets (`isSafeBoundary`), each cluster's width memoized in one bounded cache.
`graphemeWidth`/`cellWidth`: what the terminal draws (a control is 0); `clusterWidth`/`eachGrapheme`: what a field
draws (a control shown as one visible symbol, 1; a tab's cells decided by the caller).
*/
import stringWidth from 'string-width';
import stripAnsi from 'strip-ansi';

/**
 * 2 for code units that are wide and never join a neighbour, 1 for narrow ones that never do (printable
 * ASCII, Latin-1, punctuation, arrows, box drawing and blocks), 0 for "look closer". Both neighbours of a
 * code unit with a non-zero width are grapheme boundaries when they are such units too. A test checks
 * every code point of these ranges against string-width.
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

const printableAscii = /^[\x20-\x7e]*$/;

export const isPrintableAscii = (text: string): boolean => printableAscii.test(text);

/** Cells `text` occupies in the terminal; SGR and other escape sequences in it count as zero. */
export function cellWidth(text: string): number {
	if (printableAscii.test(text)) return text.length;
	let width = 0;
	for (let index = 0; index < text.length; index++) {
		const code = text.charCodeAt(index);
		// Colour codes (ESC [ digits ; m) have no width: coloured ASCII and CJK rows stay on this path.
		if (code === 0x1b && text.charCodeAt(index + 1) === 0x5b) {
			let end = index + 2;
			while (end < text.length && isSgrParameter(text.charCodeAt(end))) end++;
			if (text.charCodeAt(end) === 0x6d) {
				index = end;
				continue;
			}
		}

		const cells = simpleWidth(code);
		if (cells === 0) {
			width = -1;
			break;
		}

		width += cells;
	}

	if (width >= 0) return width;
	// string-width segments the whole string at once and tests every cluster against its emoji regex: very
	// slow on long text, and ~0.1 ms even for a short line with one emoji. Clusters are measured once each.
	const plain = text.includes('\u001B') || text.includes('\u009B') ? stripAnsi(text) : text;
	width = 0;
	eachGrapheme(plain, 0, plain.length, (start, end) => {
		width += graphemeWidth(end - start === 1 ? plain[start]! : plain.slice(start, end));
	});
	return width;
}

function isSgrParameter(code: number): boolean {
	return (code >= 0x30 && code <= 0x39) || code === 0x3b || code === 0x3a;
}

// The one cache: string-width of a cluster. Emoji and accented letters repeat a lot; the bound keeps
// hostile input from growing it.
const widthCache = new Map<string, number>();
const widthCacheLimit = 8192;

/** Cells of one grapheme cluster in the terminal (string-width's answer, but for `isModifiedEmoji`). */
export function graphemeWidth(grapheme: string): number {
	if (grapheme.length === 1) {
		const width = simpleWidth(grapheme.charCodeAt(0));
		if (width !== 0) return width;
	}
	let width = widthCache.get(grapheme);
	if (width === undefined) {
		width = stringWidth(grapheme);
		if (width === 2 && isModifiedEmoji(grapheme)) width = 4;
		if (widthCache.size >= widthCacheLimit) widthCache.clear();
		widthCache.set(grapheme, width);
	}
	return width;
}

// A skin-toned emoji (👍🏽, no ZWJ) is 2 cells for string-width, 4 in tmux 3.3 and xterm.js: counted 2, a row holding
// one overflowed into the next; too wide only leaves blanks. (tmux and xterm.js disagree on ZWJ sequences: 2 stays.)
const modifiedEmojiRe = /^\p{Emoji_Modifier_Base}\p{Emoji_Modifier}/u;
function isModifiedEmoji(grapheme: string): boolean {
	return grapheme.length > 2 && !grapheme.includes('\u200d') && modifiedEmojiRe.test(grapheme);
}

/** Grapheme clusters of `text`, in order (see `eachGrapheme` for how they are found cheaply). */
export function* graphemes(text: string): Generator<string> {
	const found: string[] = [];
	eachGrapheme(text, 0, text.length, (start, end) => {
		found.push(end - start === 1 ? text[start]! : text.slice(start, end));
	});
	yield* found;
}

const segmenter = new Intl.Segmenter(undefined, {granularity: 'grapheme'});

function isAsciiPrintable(c: number): boolean {
	return c >= 0x20 && c < 0x7f;
}

export function isSurrogate(c: number): boolean {
	return c >= 0xd800 && c <= 0xdfff;
}

// Grapheme_Cluster_Break=Prepend: glues itself to whatever follows.
function isPrepend(cp: number): boolean {
	if (cp < 0x600) return false;
	if (cp <= 0xd4e) {
		return (cp >= 0x600 && cp <= 0x605) || cp === 0x6dd || cp === 0x70f || cp === 0x890 || cp === 0x891 || cp === 0x8e2 || cp === 0xd4e;
	}

	return (
		cp === 0x110bd ||
		cp === 0x110cd ||
		cp === 0x111c2 ||
		cp === 0x111c3 ||
		cp === 0x1193f ||
		cp === 0x11941 ||
		cp === 0x11a3a ||
		(cp >= 0x11a84 && cp <= 0x11a89) ||
		cp === 0x11d46 ||
		cp === 0x11f02 ||
		cp === 0x113d1
	);
}

// A starter never attaches to what precedes it (not Extend, ZWJ or SpacingMark).
const starterRe = /^(?![\p{M}\p{Emoji_Modifier}\u0e33\u0eb3])\p{Grapheme_Base}$/u;
const pictographicRe = /^\p{Extended_Pictographic}$/u;
// Always joins the cluster before it (GB9): nonspacing and enclosing marks, emoji modifiers, ZWNJ.
const extendRe = /^[\p{Mn}\p{Me}\p{Emoji_Modifier}\u200c]$/u;
const starterFlag = 1;
const pictographicFlag = 2;
const extendFlag = 4;
const knownFlag = 8;
const bmpFlags = new Uint8Array(0x10000);
const astralFlags = new Map<number, number>();

function flagsOf(cp: number): number {
	let f = cp < 0x10000 ? bmpFlags[cp]! : (astralFlags.get(cp) ?? 0);
	if (f === 0) {
		const ch = String.fromCodePoint(cp);
		f =
			knownFlag |
			(starterRe.test(ch) ? starterFlag : 0) |
			(pictographicRe.test(ch) ? pictographicFlag : 0) |
			(extendRe.test(ch) ? extendFlag : 0);
		if (cp < 0x10000) bmpFlags[cp] = f;
		else astralFlags.set(cp, f);
	}

	return f;
}

/** C0 and C1 controls and DEL (Unicode Cc). */
export function isControl(c: number): boolean {
	return c < 0x20 || (c >= 0x7f && c <= 0x9f);
}

/**
Format characters that would change how the rest of a row is drawn: the line and paragraph separators
(U+2028, U+2029), bidi embeddings, overrides and isolates (U+202A-U+202E, U+2066-U+2069).
*/
export function isLayoutControl(c: number): boolean {
	return (c >= 0x2028 && c <= 0x202e) || (c >= 0x2066 && c <= 0x2069);
}

/*
True when p is certainly a grapheme boundary, judging from the code points on either side only. The
rules of UAX 29 that can join two code points need one of them to be CR, Prepend, ZWJ, Extend,
SpacingMark, a regional indicator, a jamo or an Indic consonant; each case below rules those out (the
tests check this against the runtime's own segmenter).
*/
export function isSafeBoundary(text: string, p: number): boolean {
	if (p <= 0 || p >= text.length) return true;
	const a = text.charCodeAt(p - 1);
	const b = text.charCodeAt(p);
	// A line feed always ends and starts a cluster; CR is normalized away on insert.
	if (a === 10) return true;
	if (b === 10) return a !== 13;
	if (simpleWidth(a) > 0 && simpleWidth(b) > 0) return true;
	// Controls stand alone (GB4, GB5): tabs and pasted controls must not send every neighbour to the segmenter.
	if (isControl(b) || isLayoutControl(b) || isLayoutControl(a)) return true;
	if (isControl(a)) return a !== 13;
	if (a === 13) return false;
	const before = isSurrogate(a) && p >= 2 ? text.codePointAt(p - 2)! : a;
	const after = text.codePointAt(p)!;
	// Lone surrogates: leave them to the segmenter.
	if (before <= 0xffff && isSurrogate(a)) return false;
	if (isSurrogate(after)) return false;
	if (isAsciiPrintable(after)) return !isPrepend(before);
	const f = flagsOf(after);
	if ((f & starterFlag) === 0) return false;
	if (isAsciiPrintable(before)) return true;
	// An emoji starts a new cluster unless a ZWJ asks to join it to the previous one.
	return (f & pictographicFlag) !== 0 && before !== 0x200d && !isPrepend(before);
}

/** Cells of one cluster as a field draws it. A tab counts 1 here; its real width depends on its column. */
export function clusterWidth(cluster: string): number {
	if (cluster.length === 1) {
		const c = cluster.charCodeAt(0);
		// Drawn as a visible symbol (controls) or as U+FFFD (a lone surrogate), one cell each.
		if (isControl(c) || isLayoutControl(c) || isSurrogate(c)) return 1;
	}

	// Measured as drawn: a joiner that ends the cluster is left out (see text-rows.ts).
	return graphemeWidth(cluster.endsWith('\u200d') ? cluster.replace(/\u200d+$/, '') : cluster);
}

function isRegionalIndicator(cp: number): boolean {
	return cp >= 0x1f1e6 && cp <= 0x1f1ff;
}

// Whether [i, q), both ends boundaries, is one cluster: a starter followed only by what GB9 and GB11
// always attach (marks, emoji modifiers, ZWJ + emoji after an emoji). Covers é as e + U+0301, 👍🏻, #️⃣
// and 👨‍👩‍👧 without asking the segmenter, which costs microseconds per call.
function isOneCluster(text: string, i: number, q: number): boolean {
	let cp = text.codePointAt(i)!;
	let k = i + (cp > 0xffff ? 2 : 1);
	let f = flagsOf(cp);
	if ((f & starterFlag) === 0) return false;
	let emojiChain = (f & pictographicFlag) !== 0;
	let afterZwj = false;
	while (k < q) {
		cp = text.codePointAt(k)!;
		k += cp > 0xffff ? 2 : 1;
		if (cp === 0x200d) {
			afterZwj = emojiChain;
			emojiChain = false;
			continue;
		}

		f = flagsOf(cp);
		if ((f & extendFlag) !== 0) {
			if (afterZwj) afterZwj = false;
			continue;
		}

		if (afterZwj && (f & pictographicFlag) !== 0) {
			afterZwj = false;
			emojiChain = true;
			continue;
		}

		return false;
	}

	return true;
}

// Regional indicators pair up from the start of their run, and [i, q) starts on a boundary.
function isFlagRun(text: string, i: number, q: number): boolean {
	for (let k = i; k < q; k += 2) {
		if (!isRegionalIndicator(text.codePointAt(k)!)) return false;
	}

	return true;
}

export type GraphemeFn = (start: number, end: number, cells: number) => boolean | void;

// V8's segment iterator gets slower the longer the string (quadratic overall), so a long run without
// safe boundaries is segmented in windows. Every boundary inside a window is right because the window
// starts on one; only the last cluster may be cut short, so it is left for the next window.
const segmentWindow = 256;

function segmentRange(text: string, s: number, q: number, fn: GraphemeFn): boolean {
	let i = s;
	let size = segmentWindow;
	while (i < q) {
		const stop = Math.min(q, i + size);
		let pending: {start: number; segment: string} | undefined;
		let emitted = 0;
		for (const {segment, index} of segmenter.segment(text.slice(i, stop))) {
			if (pending) {
				if (fn(pending.start, pending.start + pending.segment.length, clusterWidth(pending.segment)) === false) return false;
				emitted++;
			}

			pending = {start: i + index, segment};
		}

		if (!pending) return true;
		if (stop === q) return fn(pending.start, pending.start + pending.segment.length, clusterWidth(pending.segment)) !== false;
		if (emitted === 0) {
			// One cluster longer than the window (a letter with hundreds of marks): widen and retry.
			size *= 2;
			continue;
		}

		i = pending.start;
		size = segmentWindow;
	}

	return true;
}

/**
Calls `fn(start, end, cells)` for each grapheme in [s, e); both ends must be grapheme boundaries.
Return false from `fn` to stop.
*/
export function eachGrapheme(text: string, s: number, e: number, fn: GraphemeFn): void {
	let i = s;
	while (i < e) {
		const c = text.charCodeAt(i);
		const w = simpleWidth(c);
		if (w > 0 && (i + 1 >= e || simpleWidth(text.charCodeAt(i + 1)) > 0)) {
			if (fn(i, i + 1, w) === false) return;
			i++;
			continue;
		}

		const j = i + (c >= 0xd800 && c <= 0xdbff && (text.charCodeAt(i + 1) & 0xfc00) === 0xdc00 ? 2 : 1);
		if (j >= e || isSafeBoundary(text, j)) {
			if (fn(i, j, w > 0 ? w : clusterWidth(text.slice(i, j))) === false) return;
			i = j;
			continue;
		}

		let q = j + 1;
		while (q < e && !isSafeBoundary(text, q)) q++;
		if (isOneCluster(text, i, q)) {
			if (fn(i, q, clusterWidth(text.slice(i, q))) === false) return;
		} else if (isFlagRun(text, i, q)) {
			for (let k = i; k < q; k += 4) {
				const end = Math.min(q, k + 4);
				if (fn(k, end, clusterWidth(text.slice(k, end))) === false) return;
			}
		} else if (!segmentRange(text, i, q, fn)) {
			return;
		}

		i = q;
	}
}

export function prevBoundary(text: string, i: number): number {
	if (i <= 0) return 0;
	if (isSafeBoundary(text, i - 1)) return i - 1;
	let s = i - 1;
	while (!isSafeBoundary(text, s)) s--;
	let last = s;
	eachGrapheme(text, s, i, (start) => {
		last = start;
	});
	return last;
}

export function nextBoundary(text: string, i: number): number {
	if (i >= text.length) return text.length;
	if (isSafeBoundary(text, i + 1)) return i + 1;
	let q = i + 2;
	while (!isSafeBoundary(text, q)) q++;
	let end = q;
	eachGrapheme(text, i, q, (_start, e) => {
		end = e;
		return false;
	});
	return end;
}

// An edit can merge clusters across the edit point (a combining mark meeting a new base letter), so the
// cursor is moved onto a boundary after every edit: forward after inserting, backward after deleting.
export function snap(text: string, i: number, direction: 'back' | 'forward'): number {
	if (isSafeBoundary(text, i)) return i;
	let s = i - 1;
	while (!isSafeBoundary(text, s)) s--;
	let q = i + 1;
	while (!isSafeBoundary(text, q)) q++;
	let result = i;
	eachGrapheme(text, s, q, (start, end) => {
		if (end <= i) return true;
		result = start === i ? i : direction === 'back' ? start : end;
		return false;
	});
	return result;
}

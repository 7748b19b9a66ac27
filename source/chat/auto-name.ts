// A new conversation is created before anyone knows what it is about, so it gets a placeholder name
// ("chat", "chat 3"). Its first question says what it is about: the name is taken from it, once.
import {cellWidth, graphemes} from '../text/unicode.js';

/** Cells a name taken from a question may use: with the picker's number, mark and detail it fits 80 columns. */
export const AUTO_NAME_CELLS = 40;

/** The placeholder names glm-tui gives (`chat` at first start, `chat N` for Ctrl+N taken as offered, `chat (2)`). */
export function isDefaultName(name: string): boolean {
	return /^chat(?: \d+| \(\d+\))?$/.test(name);
}

/**
 * A short name from a question: its first line with text (a code fence line is skipped), white space
 * collapsed, control and direction-changing characters dropped, cut at `cells` terminal cells with an
 * ellipsis. Undefined when nothing usable is left.
 */
export function nameFromQuestion(question: string, cells = AUTO_NAME_CELLS): string | undefined {
	// Only the start matters: a 5 MB paste is not scanned to its end.
	for (const raw of question.slice(0, 4000).split(/\r\n|[\r\n\u2028\u2029\u0085]/)) {
		const line = raw
			// C0/C1 controls (escape sequences lose their introducer; their remains are plain text), bidi overrides
			.replace(/[\p{Cc}\u200E\u200F\u202A-\u202E\u2066-\u2069]/gu, ' ')
			.replace(/\s+/gu, ' ')
			.trim();
		if (line === '' || /^(```|~~~)/.test(line)) continue;
		return fit(line, cells);
	}
	return undefined;
}

function fit(text: string, cells: number): string {
	if (cellWidth(text) <= cells) return text;
	let out = '';
	let used = 0;
	for (const grapheme of graphemes(text)) {
		const width = cellWidth(grapheme);
		if (used + width > cells - 1) break;
		out += grapheme;
		used += width;
	}
	return `${out.trimEnd()}…`;
}

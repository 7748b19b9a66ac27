// The first-run key screen's explanation, fitted to the screen: each URL whole on a line of its own (so it
// can be read and copied; only a URL wider than the screen wraps), and on a short screen the least needed
// sentences left out rather than the title or the field pushed off.
import {wrap} from '../terminal/wrap.js';

export const KEY_URLS = ['https://open.bigmodel.cn/usercenter/apikeys', 'https://z.ai/manage-apikey/apikey-list'] as const;

/** Paragraphs with how much they matter: 0 always shown, higher numbers left out first. */
const PARAGRAPHS: Array<[text: string, rank: number]> = [
	// A URL and the words leading to it go together.
	[`glm-tui needs an API key. Get one at\n${KEY_URLS[0]}`, 0],
	[`or, for Z.AI (international), at\n${KEY_URLS[1]}`, 0],
	['It looks like <id>.<secret>.', 1],
	['It is saved to ~/.config/glm-tui/config.json (mode 600) and never shown.', 2],
];

/**
 * The intro's screen lines at `width` cells in at most `rows` rows: the least needed sentences go first; when
 * even the rest does not fit (an error message takes the room), whole paragraphs from the end, never half a URL.
 */
export function keyIntroLines(width: number, rows: number): string[] {
	for (let keep = 2; keep >= 0; keep--) {
		const lines = PARAGRAPHS.filter(([, rank]) => rank <= keep).flatMap(([text]) => wrap(text, width));
		if (lines.length <= rows) return lines;
	}
	const lines: string[] = [];
	for (const [text, rank] of PARAGRAPHS) {
		const wrapped = wrap(text, width);
		if (rank > 0 || lines.length + wrapped.length > rows) break;
		lines.push(...wrapped);
	}
	return lines;
}

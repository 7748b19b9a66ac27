// The first-run key screen's explanation, fitted to the screen: each URL whole on a line of its own (so it
// can be read and copied; only a URL wider than the screen wraps), and on a short screen the least needed
// sentences left out rather than the title or the field pushed off.
import {wrap} from '../terminal/wrap.js';
import {defineMessages} from '../i18n/catalog.js';

export const KEY_URLS = ['https://open.bigmodel.cn/usercenter/apikeys', 'https://z.ai/manage-apikey/apikey-list'] as const;

const text = defineMessages(
	'key-intro',
	{
		needsKey: 'glm-tui needs an API key. Get one at',
		international: 'or, for Z.AI (international), at',
		looksLike: 'It looks like <id>.<secret>.',
		savedTo: 'It is saved to ~/.config/glm-tui/config.json (mode 600) and never shown.',
	},
	{
		needsKey: 'glm-tui 需要 API 密钥。请在这里获取：',
		international: '国际版 Z.AI 的密钥在：',
		looksLike: '格式为 <id>.<secret>。',
		savedTo: '它保存在 ~/.config/glm-tui/config.json（权限 600），不会显示出来。',
	},
);

/** Paragraphs with how much they matter: 0 always shown, higher numbers left out first. Read when drawn: /lang. */
const paragraphs = (): Array<[text: string, rank: number]> => [
	// A URL and the words leading to it go together.
	[`${text.needsKey}\n${KEY_URLS[0]}`, 0],
	[`${text.international}\n${KEY_URLS[1]}`, 0],
	[text.looksLike, 1],
	[text.savedTo, 2],
];

/**
 * The intro's screen lines at `width` cells in at most `rows` rows: the least needed sentences go first; when
 * even the rest does not fit (an error message takes the room), whole paragraphs from the end, never half a URL.
 */
export function keyIntroLines(width: number, rows: number): string[] {
	for (let keep = 2; keep >= 0; keep--) {
		const lines = paragraphs()
			.filter(([, rank]) => rank <= keep)
			.flatMap(([text]) => wrap(text, width));
		if (lines.length <= rows) return lines;
	}
	const lines: string[] = [];
	for (const [paragraph, rank] of paragraphs()) {
		const wrapped = wrap(paragraph, width);
		if (rank > 0 || lines.length + wrapped.length > rows) break;
		lines.push(...wrapped);
	}
	return lines;
}

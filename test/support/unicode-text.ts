import stringWidth from 'string-width';
// Random text of the kinds people paste: ASCII, Chinese, emoji with ZWJ and skin tones, flags, combining
// marks, tabs, CR/LF in every style, and NUL-free control characters (C0, DEL, C1), bidi and other format
// characters. Seeded (see random.ts), so a failure is reproduced from its seed.

const pick = <T>(random: () => number, items: readonly T[]): T => items[Math.floor(random() * items.length)]!;
const between = (random: () => number, low: number, high: number): number => low + Math.floor(random() * (high - low + 1));

const words = ['the', 'disk', 'is', 'full', 'grep', 'func', 'main()', '{', '}', 'x := 1', '/var/log', 'a,b,c'];
const emoji = ['😀', '👍', '👩', '👨', '🧑', '❤️', '🏳️', '✅', '🚀', '🐈'];
const skinTones = ['\u{1F3FB}', '\u{1F3FC}', '\u{1F3FD}', '\u{1F3FE}', '\u{1F3FF}'];
const zwjSequences = ['👨‍👩‍👧‍👦', '👩🏽‍💻', '🏳️‍🌈', '🧑🏿‍🤝‍🧑🏻', '🐈‍⬛', '👁️‍🗨️'];
const flags = ['🇨🇳', '🇯🇵', '🇺🇸', '🇩🇪'];
const others = [
	'\u200D',
	'\u200B',
	'\u200C',
	'\u2028',
	'\u2029',
	'\u202E',
	'\u2066',
	'\uFEFF',
	'\u00AD',
	'ﾊﾟ',
	'क्ष',
	'각',
	'\u1100\u1161\u11A8',
	'#️⃣',
];

function piece(random: () => number): string {
	const roll = random();
	if (roll < 0.2) return `${pick(random, words)} `;
	if (roll < 0.42) {
		let text = '';
		for (let count = between(random, 1, 12); count > 0; count--) text += String.fromCodePoint(between(random, 0x4e00, 0x9fff));
		return text + (random() < 0.3 ? pick(random, ['，', '。', '：', '、']) : '');
	}

	if (roll < 0.5) return pick(random, emoji) + (random() < 0.5 ? pick(random, skinTones) : '');
	if (roll < 0.55) return pick(random, zwjSequences);
	if (roll < 0.57) return pick(random, flags);
	if (roll < 0.63) {
		let text = pick(random, ['e', 'a', 'o', 'n', 'Z']);
		for (let count = between(random, 1, 3); count > 0; count--) text += String.fromCodePoint(between(random, 0x300, 0x36f));
		return text;
	}

	if (roll < 0.7) return '\t'.repeat(between(random, 1, 2));
	if (roll < 0.8) return pick(random, ['\n', '\r\n', '\r', '\n\n', '\r\r\n']);
	if (roll < 0.88) {
		// C0 without NUL, DEL, C1.
		const code = pick(random, [between(random, 1, 0x1f), 0x7f, between(random, 0x80, 0x9f)]);
		return String.fromCharCode(code);
	}

	return pick(random, others);
}

export const pasteEnd = '\u001B[201~';

/** About `length` code units of mixed text; never contains the bracketed-paste end marker. */
export function randomPasteText(random: () => number, length: number): string {
	const parts: string[] = [];
	let size = 0;
	while (size < length) {
		const next = piece(random);
		parts.push(next);
		size += next.length;
	}

	return parts.join('').replaceAll(pasteEnd, '\u001B[201');
}

/**
 * The terminal's cells for `text` as the tests' reference: string-width per grapheme (Intl.Segmenter), except an
 * emoji with a skin tone and no ZWJ, which tmux 3.3 and xterm.js draw 4 cells wide (source/text/unicode.ts).
 */
export function terminalWidth(text: string): number {
	let cells = stringWidth(text);
	for (const {segment} of new Intl.Segmenter('en', {granularity: 'grapheme'}).segment(text)) {
		if (
			segment.length > 2 &&
			/^\p{Emoji_Modifier_Base}\p{Emoji_Modifier}/u.test(segment) &&
			!segment.includes('\u200d') &&
			stringWidth(segment) === 2
		)
			cells += 2;
	}
	return cells;
}

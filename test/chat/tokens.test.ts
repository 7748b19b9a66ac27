import {describe, expect, it} from 'vitest';
import {estimateTokens} from '../../source/chat/tokens.js';
import {mulberry32} from '../support/random.js';

// The estimate as first written: one regular expression over the text. The loop must count the same.
const wideCharacter = /[\u2E80-\u9FFF\uAC00-\uD7AF\uF900-\uFAFF\uFF00-\uFFEF]|[\u{20000}-\u{3FFFF}]|\p{Extended_Pictographic}/gu;
function reference(text: string): number {
	if (text.length === 0) return 0;
	const wide = text.match(wideCharacter)?.length ?? 0;
	return wide + Math.ceil((text.length - wide) / 3.5);
}

describe('estimateTokens', () => {
	it('counts CJK characters one token each and other text one per 3.5 characters', () => {
		expect(estimateTokens('')).toBe(0);
		expect(estimateTokens('你好世界')).toBe(4);
		expect(estimateTokens('hello world')).toBe(4);
		expect(estimateTokens('한국어 カタカナ')).toBe(7 + 1);
		expect(estimateTokens('©️ ✂ 🚀')).toBe(reference('©️ ✂ 🚀'));
	});

	it('agrees with the regular-expression definition on random mixed text, lone surrogates included', () => {
		const pieces = [
			'a',
			'Z',
			' ',
			'\n',
			'é',
			'©',
			'®',
			'‼',
			'☀',
			'✂',
			'中',
			'文',
			'ア',
			'한',
			'豈',
			'Ａ',
			'🚀',
			'👍🏽',
			'𠀀',
			'𪜀',
			'\u{1F600}',
			'\uD800',
			'\uDC00',
			'\uFE0F',
			'\u200D',
			'·',
			'€',
		];
		const random = mulberry32(11);
		for (let run = 0; run < 2000; run++) {
			let text = '';
			const length = Math.floor(random() * 40);
			for (let index = 0; index < length; index++) text += pieces[Math.floor(random() * pieces.length)];
			expect(estimateTokens(text), JSON.stringify(text)).toBe(reference(text));
		}
	});
});

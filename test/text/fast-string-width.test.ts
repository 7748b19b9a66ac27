import {describe, expect, it} from 'vitest';
import stringWidth from 'string-width';
import fastStringWidth from '../../source/text/fast-string-width.js';
import {simpleWidth} from '../../source/text/unicode.js';

describe('fast string width', () => {
	it('agrees with string-width on every code point it answers itself', () => {
		const wrong: string[] = [];
		for (let code = 0; code < 0x1_00_00; code++) {
			if (code >= 0xd8_00 && code <= 0xdf_ff) continue;
			const width = simpleWidth(code);
			if (width !== 0 && width !== stringWidth(String.fromCharCode(code))) wrong.push(code.toString(16));
		}
		expect(wrong).toEqual([]);
	});

	it('agrees with string-width on mixed text, falling back for what it does not know', () => {
		const samples = [
			'plain ascii',
			'中文，标点。「引号」and English',
			'▌You  12:05 · ─── box ───',
			'e\u0301 combining',
			'🦊 fox 👨‍👩‍👧 family 🇨🇳',
			'한국어 텍스트',
			'\u001B[31mred\u001B[39m',
			'\u001B[1;38;5;208m中文\u001B[0m \u001B[2m·\u001B[22m',
			'\u001B]0;title\u0007after',
			'\u001B[2Jcleared',
			'tab\there',
			'‼ and ↔️ and ©',
			'',
		];
		for (const text of samples) expect(fastStringWidth(text), text).toBe(stringWidth(text));
		expect(fastStringWidth('\u001B[31mab\u001B[39m', {countAnsiEscapeCodes: true})).toBe(
			stringWidth('\u001B[31mab\u001B[39m', {countAnsiEscapeCodes: true}),
		);
	});
});

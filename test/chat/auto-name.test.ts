import {describe, expect, it} from 'vitest';
import {AUTO_NAME_CELLS, isDefaultName, nameFromQuestion} from '../../source/chat/auto-name.js';
import {cellWidth} from '../../source/text/unicode.js';
import {validateName} from '../../source/store/slug.js';
import {mulberry32} from '../support/random.js';

describe('names from the first question', () => {
	it('knows the placeholder names and only those', () => {
		expect(['chat', 'chat 2', 'chat 17', 'chat (2)'].every(isDefaultName)).toBe(true);
		expect(['chat notes', 'Chat', 'chat 2 b', 'my chat'].some(isDefaultName)).toBe(false);
	});

	it('takes the first line with text, collapses white space, skips a code fence', () => {
		expect(nameFromQuestion('\n\n  how   do I\trotate logs?  \nsecond line')).toBe('how do I rotate logs?');
		expect(nameFromQuestion('```\nconst x = 1;\n```')).toBe('const x = 1;');
		expect(nameFromQuestion('  \n \t ')).toBeUndefined();
	});

	it('drops control and direction characters: the result is a valid name', () => {
		const name = nameFromQuestion('\u001B[31mred\u001B[0m \u202Eevil\u0007 name');
		expect(name).toBe('[31mred [0m evil name');
		expect(validateName(name!)).toBeUndefined();
	});

	it('cuts long CJK and emoji text at the picker width with an ellipsis, never inside a character', () => {
		const name = nameFromQuestion('请帮我分析一下这个生产环境的 nginx 配置为什么在高并发的时候会返回 502 错误 👨‍👩‍👧 谢谢')!;
		expect(name.endsWith('…')).toBe(true);
		expect(cellWidth(name)).toBeLessThanOrEqual(AUTO_NAME_CELLS);
		expect(name.startsWith('请帮我分析一下')).toBe(true);
	});

	it('always a valid name that fits, whatever the text (seeded)', () => {
		const seed = Number(process.env['SEED'] ?? Date.now() % 100000);
		const random = mulberry32(seed);
		const alphabet = ['a', ' ', '\n', '\t', '中', '文', '👍', '\u200D', '\u0301', '\u001B', '\u202E', '\r', 'é', '🇨', '🇳', '.'];
		for (let round = 0; round < 300; round++) {
			const text = Array.from({length: Math.floor(random() * 120)}, () => alphabet[Math.floor(random() * alphabet.length)]).join('');
			const name = nameFromQuestion(text);
			if (name === undefined) continue;
			expect(validateName(name), `seed ${seed}: ${JSON.stringify(text)}`).toBeUndefined();
			expect(cellWidth(name), `seed ${seed}`).toBeLessThanOrEqual(AUTO_NAME_CELLS);
		}
	});
});

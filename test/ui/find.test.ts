import {Chalk} from 'chalk';
import stripAnsi from 'strip-ansi';
import {describe, expect, it} from 'vitest';
import type {Message} from '../../source/domain/types.js';
import {
	CURRENT_ON,
	MATCH_LIMIT,
	MATCH_ON,
	countInRow,
	findMatches,
	fold,
	formatMatchCount,
	highlightRow,
	lineOfOccurrence,
	occurrencesIn,
} from '../../source/ui/find.js';
import {mulberry32} from '../support/random.js';

const message = (content: string, index = 0): Message => ({
	id: `m${index}`,
	role: 'user',
	content,
	state: 'complete',
	time: '2026-01-01T00:00:00.000Z',
});
const styled = new Chalk({level: 3});

describe('find', () => {
	it('counts every occurrence, case-insensitively, in CJK and mixed text, in message order', () => {
		const messages = ['Nginx 配置错误', 'no', 'NGINX nginx 错误错误', 'İstanbul nginx'].map(message);
		expect(findMatches(messages, 'nginx')).toEqual([
			{index: 0, nth: 0},
			{index: 2, nth: 0},
			{index: 2, nth: 1},
			{index: 3, nth: 0},
		]);
		expect(findMatches(messages, '错误').map((each) => each.index)).toEqual([0, 2, 2]);
		expect(findMatches(messages, '')).toEqual([]);
		expect(fold('İx').length).toBe(2);
	});

	it('stops counting at the limit and says so', () => {
		const many = findMatches([message('a'.repeat(MATCH_LIMIT + 5))], 'a');
		expect(many.length).toBe(MATCH_LIMIT);
		expect(formatMatchCount(2, many.length)).toBe(`3/${MATCH_LIMIT}+`);
		expect(formatMatchCount(0, 0)).toBe('no match');
	});

	it('highlights inside styled rows, keeping the text and the row\u2019s styles; the current one underlined', () => {
		const row = `  ${styled.bold('Nginx')} 配置 ${styled.cyan('look at nGinx')}.conf`;
		const out = highlightRow(row, 'nginx', 1);
		expect(stripAnsi(out)).toBe(stripAnsi(row));
		expect(out.split(MATCH_ON).length - 1).toBeGreaterThanOrEqual(1);
		expect(out).toContain(`${CURRENT_ON}nGinx`);
		expect(countInRow(row, 'nginx')).toBe(2);
		expect(highlightRow(row, 'zzz')).toBe(row);
	});

	it('any row, any needle: the visible text never changes (seeded)', () => {
		const seed = Number(process.env['SEED'] ?? Date.now() % 100000);
		const random = mulberry32(seed);
		const pieces = ['a', 'A', '中', '文', ' ', '👍', 'é', 'ab'];
		const paint = [
			(t: string) => t,
			styled.bold,
			styled.red,
			styled.inverse,
			(t: string) => `\u001B]8;;http://x\u0007${t}\u001B]8;;\u0007`,
		];
		for (let round = 0; round < 300; round++) {
			const row = Array.from({length: 1 + Math.floor(random() * 12)}, () =>
				paint[Math.floor(random() * paint.length)]!(pieces[Math.floor(random() * pieces.length)]!.repeat(1 + Math.floor(random() * 3))),
			).join('');
			const needle = fold(pieces[Math.floor(random() * pieces.length)]!);
			const out = highlightRow(row, needle, Math.floor(random() * 3));
			expect(stripAnsi(out), `seed ${seed}`).toBe(stripAnsi(row));
		}
	});

	it('finds the line of an occurrence among a message\u2019s rendered lines, the header left out', () => {
		const lines = ['▌You nginx 00:00', 'first nginx', 'none', 'nginx and nginx'];
		const occurrences = occurrencesIn(lines, 'nginx');
		expect(occurrences.total).toBe(3);
		expect(lineOfOccurrence(occurrences, lines, 'nginx', 0)).toBe(1);
		expect(lineOfOccurrence(occurrences, lines, 'nginx', 2)).toBe(3);
		// Fewer rendered than found in the text (Markdown): the last one.
		expect(lineOfOccurrence(occurrences, lines, 'nginx', 7)).toBe(3);
	});
});

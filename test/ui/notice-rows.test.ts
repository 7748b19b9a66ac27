import {describe, expect, it} from 'vitest';
import {noticeRows, statusRight} from '../../source/ui/components/StatusBar.js';

describe('noticeRows', () => {
	const right = statusRight(1_600, []);

	it('keeps a notice that fits beside the right part in the status line', () => {
		expect(right).toBe('1.6k tok │ F1 help');
		expect(noticeRows(undefined, 100, 29, right)).toBe(0);
		expect(noticeRows('x'.repeat(100 - right.length - 1), 100, 29, right)).toBe(0);
	});

	it('gives a longer one rows of its own, up to three, counting wide characters as two cells', () => {
		expect(noticeRows('x'.repeat(100 - right.length), 100, 29, right)).toBe(1);
		expect(noticeRows('保存失败'.repeat(20), 100, 29, right)).toBe(2);
		expect(noticeRows('x'.repeat(1_000), 100, 29, right)).toBe(3);
	});

	it('counts the rows the words wrap to, not the cells divided by the width', () => {
		// 182 cells would fit two rows of 100, but no two of these words share a row.
		expect(noticeRows(['a', 'b', 'c'].map((letter) => letter.repeat(60)).join(' '), 100, 29, right)).toBe(3);
	});

	it('leaves a small screen its rows for the transcript', () => {
		expect(noticeRows('x'.repeat(300), 100, 11, right)).toBe(0);
		expect(noticeRows('x'.repeat(300), 19, 29, right)).toBe(0);
	});
});

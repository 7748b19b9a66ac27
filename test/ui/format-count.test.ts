import {describe, expect, it} from 'vitest';
import {formatCount} from '../../source/ui/format-count.js';

describe('formatCount', () => {
	it('groups thousands as en-US does', () => {
		for (const value of [0, 7, 999, 1000, 12_345, 999_999, 1_000_000, 1_234_567_890]) {
			expect(formatCount(value)).toBe(value.toLocaleString('en-US'));
		}
	});
});

import {describe, expect, it} from 'vitest';
import {scroll, slice, top, type ViewportSource} from '../../source/ui/viewport.js';

// Message i has i+1 lines named "i.j".
function source(count: number, calls?: {n: number}): ViewportSource {
	return {
		count,
		lines(index) {
			if (calls) calls.n++;
			return Array.from({length: (index % 3) + 1}, (_, line) => `${index}.${line}`);
		},
	};
}

describe('viewport', () => {
	it('follows the end and fills the screen from the bottom', () => {
		const view = slice(source(10), 4, {follow: true});
		expect(view.rows).toEqual(['8.0', '8.1', '8.2', '9.0']);
		expect(view.below).toBe(0);
	});

	it('scrolls up and down by lines and returns to following at the end', () => {
		const s = source(10);
		let position = scroll(s, 4, {follow: true}, -2);
		expect(slice(s, 4, position).rows).toEqual(['7.0', '7.1', '8.0', '8.1']);
		expect(slice(s, 4, position).below).toBe(2);
		position = scroll(s, 4, position, 1);
		expect(position.follow).toBe(false);
		expect(slice(s, 4, position).below).toBe(1);
		position = scroll(s, 4, position, 1);
		expect(position).toEqual({follow: true});
	});

	it('stays put while new lines arrive below when scrolled up', () => {
		const s = source(10);
		const position = scroll(s, 4, {follow: true}, -5);
		const before = slice(s, 4, position).rows;
		const grown = source(12);
		expect(slice(grown, 4, position).rows).toEqual(before);
		expect(slice(grown, 4, position).below).toBeGreaterThan(slice(s, 4, position).below);
	});

	it('goes to the top', () => {
		expect(slice(source(10), 3, top()).rows).toEqual(['0.0', '1.0', '1.1']);
		expect(scroll(source(10), 3, top(), -5)).toEqual({follow: false, index: 0, line: 0});
	});

	it('touches only the messages near the screen when following', () => {
		const calls = {n: 0};
		slice(source(5_000, calls), 20, {follow: true});
		expect(calls.n).toBeLessThan(30);
	});
});

import {describe, expect, it} from 'vitest';
import {LazySegmenter} from '../../source/terminal/lazy-segmenter.js';

describe('LazySegmenter', () => {
	it('segments exactly as Intl.Segmenter with the same arguments', () => {
		const text = 'e\u0301 中文 👍🏽 🇨🇳 我们今天去看电影 ok';
		for (const args of [[], [undefined, {granularity: 'grapheme'}], ['zh', {granularity: 'word'}]] as const) {
			const lazy = [...new LazySegmenter(...(args as [])).segment(text)].map((each) => each.segment);
			const real = [...new Intl.Segmenter(...(args as [])).segment(text)].map((each) => each.segment);
			expect(lazy).toEqual(real);
		}
		expect(new LazySegmenter('zh', {granularity: 'word'}).resolvedOptions().granularity).toBe('word');
	});
});

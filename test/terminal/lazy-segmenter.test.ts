import {describe, expect, it} from 'vitest';
import {LazySegmenter, standsAlone} from '../../source/terminal/lazy-segmenter.js';
import {mulberry32} from '../support/random.js';

const real = new Intl.Segmenter(undefined, {granularity: 'grapheme'});
const segments = (segmenter: {segment(text: string): Intl.Segments}, text: string) =>
	[...segmenter.segment(text)].map(({segment, index, input}) => ({segment, index, input}));
const containing = (segmenter: {segment(text: string): Intl.Segments}, text: string) => {
	const each = segmenter.segment(text);
	return [-1, ...Array.from({length: text.length + 1}, (_, index) => index), Number.NaN, 1.5].map((index) => {
		const data = each.containing(index);
		return data && {segment: data.segment, index: data.index};
	});
};

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

	it('every code unit it segments without ICU is a grapheme of its own beside any other such unit', () => {
		const alone: number[] = [];
		for (let code = 0; code <= 0xffff; code++) if (standsAlone(code)) alone.push(code);
		const lazy = new LazySegmenter();
		const neighbours = [0x61, 0x1b, 0x0a, 0x4e2d, 0xff0c, 0xac00, 0x3042, 0x2500, 0xe9];
		const wrong: string[] = [];
		for (const code of alone) {
			for (const neighbour of neighbours) {
				const text = String.fromCharCode(neighbour, code, neighbour, code, code);
				if (segments(real, text).length !== text.length) wrong.push(code.toString(16));
			}
		}
		expect(wrong.slice(0, 20)).toEqual([]);
		expect(segments(lazy, '\u001B[31m红色\u001B[39m ok\n')).toEqual(segments(real, '\u001B[31m红色\u001B[39m ok\n'));
	});

	const seed = Number(process.env['SEED'] ?? Date.now() % 1_000_000);
	it(`segments and finds segments as Intl.Segmenter for mixed text (seed ${seed}; rerun with SEED=${seed})`, () => {
		const random = mulberry32(seed);
		const pieces = [
			'a',
			'Z',
			' ',
			'\u001B[1m',
			'\u001B[0m',
			'\r',
			'\n',
			'\r\n',
			'\t',
			'中',
			'，',
			'가',
			'ᄀ',
			'ᅡ',
			'e\u0301',
			'\u0301',
			'👍🏽',
			'🇨🇳',
			'\u200d',
			'❤️',
			'é',
			'\u00ad',
			'─',
			'…',
		];
		const lazy = new LazySegmenter();
		for (let round = 0; round < 300; round++) {
			const length = Math.floor(random() * 12);
			let text = '';
			// Half the rounds use only pieces that stand alone, so the fast path is exercised too.
			const pool = round % 2 ? pieces : pieces.filter((piece) => [...piece].every((unit) => standsAlone(unit.charCodeAt(0))));
			for (let index = 0; index < length; index++) text += pool[Math.floor(random() * pool.length)];
			expect(segments(lazy, text), `seed ${seed} round ${round}: ${JSON.stringify(text)}`).toEqual(segments(real, text));
			expect(containing(lazy, text), `seed ${seed} round ${round}: ${JSON.stringify(text)}`).toEqual(containing(real, text));
		}
	});
});

import {describe, expect, it} from 'vitest';
import {cellWidth, graphemes, isSafeBoundary, nextBoundary, prevBoundary} from '../../source/text/unicode.js';
import {mulberry32} from '../support/random.js';
import {randomPasteText, terminalWidth} from '../support/unicode-text.js';

// One seeded property test for the whole module: random pasted-kind text (ASCII, CJK, emoji ZWJ sequences,
// combining marks, flags, controls) against the runtime's segmenter and the width package ink measures with.
const segmenter = new Intl.Segmenter(undefined, {granularity: 'grapheme'});
const seed = Number(process.env.SEED ?? Date.now() % 1_000_000);

describe(`unicode module (seed ${seed}; rerun with SEED=${seed})`, () => {
	it('finds the clusters Intl.Segmenter finds, and every safe boundary is one', () => {
		const random = mulberry32(seed);
		for (let round = 0; round < 200; round++) {
			const text = randomPasteText(random, 1 + Math.floor(random() * 120));
			const expected = [...segmenter.segment(text)].map(({segment}) => segment);
			expect([...graphemes(text)], `seed ${seed} round ${round}: ${JSON.stringify(text)}`).toEqual(expected);
			const starts = new Set<number>();
			let offset = 0;
			for (const segment of expected) {
				starts.add(offset);
				offset += segment.length;
			}

			starts.add(text.length);
			for (let index = 0; index <= text.length; index++) {
				if (isSafeBoundary(text, index)) expect(starts.has(index), `seed ${seed} round ${round} offset ${index}`).toBe(true);
			}

			offset = 0;
			for (const segment of expected) {
				expect(nextBoundary(text, offset), `seed ${seed} round ${round} next ${offset}`).toBe(offset + segment.length);
				expect(prevBoundary(text, offset + segment.length), `seed ${seed} round ${round} prev`).toBe(offset);
				offset += segment.length;
			}
		}
	});

	it('gives an emoji with a skin tone 4 cells, as tmux 3.3 and xterm.js draw it; ZWJ sequences and a lone tone keep 2', () => {
		expect(['👍🏽', '👋🏻', '🧑🏿', '👍', '🏽', '👩🏽‍💻', '👨‍👩‍👧'].map((each) => cellWidth(each))).toEqual([4, 4, 4, 2, 2, 2, 2]);
		expect(cellWidth('ok 👍🏽 中')).toBe(3 + 4 + 1 + 2);
	});

	it('measures what string-width measures (a skin-toned emoji: what tmux and xterm.js draw)', () => {
		const random = mulberry32(seed + 1);
		for (let round = 0; round < 300; round++) {
			const text = randomPasteText(random, 1 + Math.floor(random() * 80));
			expect(cellWidth(text), `seed ${seed + 1} round ${round}: ${JSON.stringify(text)}`).toBe(terminalWidth(text));
			for (const grapheme of graphemes(text)) {
				expect(cellWidth(grapheme), `seed ${seed + 1} round ${round}: ${JSON.stringify(grapheme)}`).toBe(terminalWidth(grapheme));
			}
		}
	});

	it('keeps plain ASCII and CJK on the fast path and long text cheap', () => {
		expect(cellWidth('plain ascii')).toBe(11);
		expect(cellWidth('中文，标点。')).toBe(12);
		const long = 'e\u0301'.repeat(50_000) + '👨‍👩‍👧'.repeat(2000);
		expect([...graphemes(long)].length).toBe(52_000);
	});
});

import {describe, expect, it} from 'vitest';
import {decodeText, fenced} from '../../source/chat/attachments.js';

/** Small seeded generator (mulberry32), so a failure can be replayed from the printed seed. */
function random(seed: number) {
	return () => {
		seed = (seed + 0x6d2b79f5) | 0;
		let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
		t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
		return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
	};
}

describe('fenced', () => {
	it('is never closed early by a run of backticks in the text (seeded)', () => {
		const seed = Number(process.env['SEED'] ?? Date.now() % 100_000);
		const next = random(seed);
		const pieces = ['`', '``', '```', '````````', '\n', 'a', '中', ' ', '~~~'];
		for (let round = 0; round < 300; round++) {
			const text = Array.from({length: Math.floor(next() * 30)}, () => pieces[Math.floor(next() * pieces.length)]).join('');
			const block = fenced(text);
			const fence = /^`+/.exec(block)![0];
			const inner = block.slice(fence.length + 1, block.length - fence.length);
			// The text inside is the text (plus the newline a block needs), and no line of it is a closing fence.
			expect(inner.replace(/\n$/, ''), `seed ${seed}`).toBe(text.replace(/\n$/, ''));
			for (const line of inner.split('\n')) expect(line.startsWith(fence), `seed ${seed}: ${JSON.stringify(text)}`).toBe(false);
		}
	});
});

describe('decodeText', () => {
	it('takes UTF-8 text and refuses NUL bytes and bytes that are not UTF-8', () => {
		expect(decodeText(Buffer.from('\uFEFF中文\tok\n'))).toBe('中文\tok\n');
		expect(decodeText(Buffer.from([0x61, 0, 0x62]))).toBeUndefined();
		expect(decodeText(Buffer.from([0xff, 0xfe, 0x41]))).toBeUndefined();
	});
});

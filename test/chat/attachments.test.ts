import {describe, expect, it} from 'vitest';
import {mkdtempSync, rmSync, writeFileSync} from 'node:fs';
import {tmpdir} from 'node:os';
import path from 'node:path';
import {decodeText, fenced, readAttachment} from '../../source/chat/attachments.js';
import {setLanguage} from '../../source/i18n/language.js';

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

describe('why a file cannot be attached, in both languages', () => {
	it('says no such file, folder, binary, too big — in English and in Chinese', () => {
		const folder = mkdtempSync(path.join(tmpdir(), 'glm-attach-'));
		writeFileSync(path.join(folder, 'core.bin'), Buffer.from([1, 0, 2]));
		writeFileSync(path.join(folder, 'big.log'), 'x'.repeat(300 * 1024));
		const why = (name: string) => {
			try {
				readAttachment(name, folder);
			} catch (error) {
				return (error as Error).message;
			}
			return 'attached';
		};
		try {
			expect(['nope.txt', '.', 'core.bin', 'big.log'].map(why)).toEqual([
				'Cannot read nope.txt: no such file.',
				'. is a folder; attach the files in it one by one.',
				'core.bin is not a text file (binary content); only text files can be attached.',
				'big.log is 300 KB; files up to 256 KB can be attached (cut out the part that matters, e.g. with tail or grep).',
			]);
			setLanguage('zh');
			expect(['nope.txt', '.', 'core.bin', 'big.log'].map(why)).toEqual([
				'无法读取 nope.txt：文件不存在。',
				'. 是文件夹；请逐个附加其中的文件。',
				'core.bin 不是文本文件（内容是二进制）；只能附加文本文件。',
				'big.log 有 300 KB；只能附加不超过 256 KB 的文件（可以用 tail 或 grep 截取需要的部分）。',
			]);
		} finally {
			setLanguage('en');
			rmSync(folder, {recursive: true, force: true});
		}
	});
});

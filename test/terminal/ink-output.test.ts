import {describe, expect, it} from 'vitest';
import {Chalk} from 'chalk';
import InkOutput from '../../node_modules/ink/build/output.js';
import Output from '../../source/terminal/ink-output.js';

const paint = new Chalk({level: 2});
const words = ['hello', '你好', '🌍', paint.red('red'), paint.bold.dim('bd'), ' ', 'é', paint.bgBlue('bg'), '中文字'];

function random(seed: number) {
	return () => {
		seed = (seed * 1_103_515_245 + 12_345) % 2_147_483_648;
		return seed / 2_147_483_648;
	};
}

type Target = {
	write(x: number, y: number, text: string, o: {transformers: Array<(s: string, i: number) => string>}): void;
	clip(c: object): void;
	unclip(): void;
	get(): {output: string; height: number};
};

describe('ink output replacement', () => {
	it('composes exactly the frame ink composes, frame after frame', () => {
		const next = random(7);
		const upper = (line: string) => paint.green(line);
		for (let frame = 0; frame < 300; frame++) {
			const width = 10 + Math.floor(next() * 30);
			const height = 3 + Math.floor(next() * 8);
			const ours: Target = new Output({width, height});
			const theirs: Target = new InkOutput({width, height});
			const operations = Math.floor(next() * 8);
			for (let index = 0; index < operations; index++) {
				const roll = next();
				if (roll < 0.15) {
					const clip = {
						x1: Math.floor(next() * 5),
						x2: 5 + Math.floor(next() * width),
						y1: Math.floor(next() * 3),
						y2: 2 + Math.floor(next() * height),
					};
					ours.clip(clip);
					theirs.clip(clip);
				} else if (roll < 0.25) {
					ours.unclip();
					theirs.unclip();
				} else {
					const lines = Array.from({length: 1 + Math.floor(next() * 3)}, () =>
						Array.from({length: Math.floor(next() * 5)}, () => words[Math.floor(next() * words.length)]).join(''),
					);
					const x = Math.floor(next() * width) - 2;
					const y = Math.floor(next() * (height + 2)) - 1;
					const transformers = next() < 0.3 ? [upper] : [];
					ours.write(Math.max(0, x), y, lines.join('\n'), {transformers});
					theirs.write(Math.max(0, x), y, lines.join('\n'), {transformers});
				}
			}
			expect(ours.get(), `frame ${frame}`).toEqual(theirs.get());
		}
	});
});

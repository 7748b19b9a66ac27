// Escape sequences that are not keys never reach ink as typed text; every key ink knows still does, in any read
// chunking (seeded).
import fs from 'node:fs';
import path from 'node:path';
import {describe, expect, it} from 'vitest';
import {ForeignSequences} from '../../source/terminal/foreign-sequences.js';
import {mulberry32} from '../support/random.js';

const ESC = '\u001B';

/** Every sequence ink's own key parser gives a name to, read from its source. */
function inkKeySequences(): string[] {
	const file = path.join(process.cwd(), 'node_modules', 'ink', 'build', 'parse-keypress.js');
	const source = fs.readFileSync(file, 'utf8');
	const table = source.slice(source.indexOf('const keyName = {'), source.indexOf('};', source.indexOf('const keyName = {')));
	const codes = [...table.matchAll(/^\s*(?:'([^']+)'|([A-Za-z]+)):/gm)].map((match) => match[1] ?? match[2]!);
	expect(codes.length).toBeGreaterThan(60);
	return codes.map((code) => ESC + code);
}

const keys = [
	...inkKeySequences(),
	`${ESC}[1;5A`,
	`${ESC}[1;2B`,
	`${ESC}[1;3C`,
	`${ESC}[1;5D`,
	`${ESC}[1;2H`,
	`${ESC}[1;5F`,
	`${ESC}[3;5~`,
	`${ESC}[5;5~`,
	`${ESC}[15;2~`,
	`${ESC}[1;2P`,
	`${ESC}[1;5S`,
	`${ESC}[Z`,
	`${ESC}[97;5u`,
	`${ESC}a`,
	`${ESC}\r`,
	`${ESC}${ESC}[A`,
];
const foreign = [
	`${ESC}[99~`,
	`${ESC}[I`,
	`${ESC}[O`,
	`${ESC}[?1;2c`,
	`${ESC}[>0;276;0c`,
	`${ESC}[12;40R`,
	`${ESC}[<64;10;5M`,
	`${ESC}[<0;3;4m`,
	`${ESC}[0n`,
	`${ESC}[8;24;80t`,
	`${ESC}]11;rgb:0000/0000/0000${ESC}\\`,
	`${ESC}]10;rgb:ffff/ffff/ffff\u0007`,
	`${ESC}P>|xterm(390)${ESC}\\`,
	`${ESC}_Gi=1;OK${ESC}\\`,
];

describe('foreign escape sequences', () => {
	it('keeps every key ink names, with modifiers, Alt+key and kitty keys', () => {
		for (const key of keys) expect(new ForeignSequences().filter(`a${key}b`), JSON.stringify(key)).toBe(`a${key}b`);
	});

	it('drops terminal answers, focus and mouse reports, unknown CSI and OSC/DCS/APC strings', () => {
		for (const sequence of foreign) expect(new ForeignSequences().filter(`a${sequence}b`), JSON.stringify(sequence)).toBe('ab');
	});

	it('a string cut across reads is dropped up to its end, and the text after it stays', () => {
		const filter = new ForeignSequences();
		expect(filter.filter(`x${ESC}]11;rgb:00`)).toBe('x');
		expect(filter.filter('00/0000')).toBe('');
		expect(filter.filter(`/0000${ESC}\\yz`)).toBe('yz');
	});

	it('any mix of text, keys and foreign sequences in any chunking: exactly the foreign ones go (seeded)', () => {
		const seed = Number(process.env['SEED'] ?? Date.now() % 100_000);
		const random = mulberry32(seed);
		const text = [...'abc 中文😀é,.'];
		for (let run = 0; run < 300; run++) {
			let input = '';
			let expected = '';
			for (let part = 0; part < 20; part++) {
				const roll = random();
				const pick = <T>(items: readonly T[]) => items[Math.floor(random() * items.length)]!;
				if (roll < 0.5) {
					const typed = pick(text);
					input += typed;
					expected += typed;
				} else if (roll < 0.75) {
					const key = pick(keys);
					input += key;
					expected += key;
				} else input += pick(foreign);
			}
			// Cut only where a string may be cut (the stdin filter holds back a cut CSI before this runs).
			const filter = new ForeignSequences();
			let out = '';
			let from = 0;
			while (from < input.length) {
				const to = Math.min(input.length, from + 1 + Math.floor(random() * 12));
				const cut = input.slice(from, to);
				const inCsi = /\u001B{1,2}(?:\[\[?[\x20-\x3f]*|O)?$/.test(cut) || /[\ud800-\udbff]$/.test(cut);
				const end = inCsi ? input.length : to;
				out += filter.filter(input.slice(from, end));
				from = end;
			}
			expect(out, `seed ${seed} run ${run}: ${JSON.stringify(input)}`).toBe(expected);
		}
	});
});

import {Chalk} from 'chalk';
import stringWidth from 'string-width';
import stripAnsi from 'strip-ansi';
import {describe, expect, it} from 'vitest';
import {tooWidePlaceholder, wrap} from '../../source/terminal/wrap.js';

const chalk = new Chalk({level: 1});
const plain = (lines: string[]): string[] => lines.map((line) => stripAnsi(line));
const segmenter = new Intl.Segmenter(undefined, {granularity: 'grapheme'});
const graphemesOf = (text: string): string[] => Array.from(segmenter.segment(text), ({segment}) => segment);

function expectFits(lines: string[], width: number): void {
	for (const line of lines) {
		expect(stringWidth(line), JSON.stringify(line)).toBeLessThanOrEqual(Math.max(1, width));
	}
}

describe('wrap', () => {
	it('returns short ASCII unchanged', () => {
		expect(wrap('hello', 10)).toEqual(['hello']);
		expect(wrap('', 10)).toEqual(['']);
	});

	it('word-wraps Latin text, dropping the spaces at the breaks', () => {
		expect(wrap('the quick brown fox jumps over the lazy dog', 10)).toEqual(['the quick', 'brown fox', 'jumps over', 'the lazy', 'dog']);
	});

	it('puts a word longer than the line on its own line and breaks it hard', () => {
		expect(wrap('see supercalifragilistic', 8)).toEqual(['see', 'supercal', 'ifragili', 'stic']);
		expect(wrap('supercalifragilistic word', 8)).toEqual(['supercal', 'ifragili', 'stic', 'word']);
	});

	it('keeps hard line breaks and indentation', () => {
		expect(wrap('a\n\n  b c', 10)).toEqual(['a', '', '  b c']);
		expect(wrap('    indented words here', 12)).toEqual(['    indented', 'words here']);
	});

	it('breaks CJK between any characters at odd widths, never straddling the edge', () => {
		const text = '中文中文中文中';
		for (const width of [1, 2, 3, 4, 5, 7, 9]) {
			const lines = wrap(text, width);
			expectFits(lines, width);
			if (width >= 2) {
				expect(lines.join('')).toBe(text);
				expect(lines[0]).toBe('中文中文中文中'.slice(0, Math.floor(width / 2)));
			}
		}

		expect(wrap(text, 3)).toEqual(['中', '文', '中', '文', '中', '文', '中']);
		expect(wrap(text, 5)).toEqual(['中文', '中文', '中文', '中']);
	});

	it('moves a double-width character that would straddle the edge to the next line', () => {
		expect(wrap('ab中', 3)).toEqual(['ab', '中']);
		expect(wrap('a中文', 4)).toEqual(['a中', '文']);
	});

	it('does not start a line with closing CJK punctuation', () => {
		const lines = wrap('这是一个测试，用于检查。', 7);
		expectFits(lines, 7);
		for (const line of lines) {
			expect(line.startsWith('，') || line.startsWith('。')).toBe(false);
		}
	});

	it('mixes CJK and Latin', () => {
		const lines = wrap('Hello 世界, this is 中文 mixed text', 9);
		expectFits(lines, 9);
		expect(lines.join(' ').replaceAll(' ', '')).toBe('Hello世界,thisis中文mixedtext');
	});

	it('keeps emoji ZWJ sequences, flags and combining marks whole', () => {
		const family = '👨‍👩‍👧';
		const flag = '🇯🇵';
		const text = `${family}${flag}${family}${flag}`;
		for (const width of [2, 3, 4, 5]) {
			const lines = wrap(text, width);
			expectFits(lines, width);
			for (const line of lines) {
				for (const grapheme of graphemesOf(line)) {
					expect([family, flag]).toContain(grapheme);
				}
			}
		}

		expect(wrap(text, 3)).toEqual([family, flag, family, flag]);
		const accented = 'e\u0301e\u0301e\u0301e\u0301';
		expect(wrap(accented, 2)).toEqual(['e\u0301e\u0301', 'e\u0301e\u0301']);
	});

	it('never loops or exceeds the width at widths 1, 2, 3, 0 and negative', () => {
		const text = 'ab 中文 👨‍👩‍👧 x\u0301 🇯🇵 long-word-here';
		for (const width of [-5, 0, 1, 2, 3]) {
			const lines = wrap(text, width);
			expectFits(lines, width);
			expect(lines.length).toBeLessThan(100);
		}

		expect(wrap('中', 1)).toEqual([tooWidePlaceholder]);
		expect(wrap('a中b', 1)).toEqual(['a', tooWidePlaceholder, 'b']);
	});

	it('makes every styled line self-contained: styles reopened at the start, reset at the end', () => {
		const text = chalk.red('hello world ') + chalk.bold.blue('foo bar baz') + ' plain';
		const lines = wrap(text, 7);
		expect(plain(lines)).toEqual(['hello', 'world', 'foo bar', 'baz', 'plain']);
		expect(lines[0]).toBe('\u001B[31mhello\u001B[0m');
		expect(lines[1]).toBe('\u001B[31mworld\u001B[0m');
		expect(lines[2]).toBe('\u001B[1;34mfoo bar\u001B[0m');
		expect(lines[3]).toBe('\u001B[1;34mbaz\u001B[39m\u001B[22m');
		expect(lines[4]).toBe('plain');
	});

	it('carries styles across hard line breaks and into hard-broken words', () => {
		const lines = wrap(chalk.green('abcdef\nghijkl'), 4);
		expect(plain(lines)).toEqual(['abcd', 'ef', 'ghij', 'kl']);
		for (const line of lines) {
			expect(line.startsWith('\u001B[32m')).toBe(true);
		}
	});

	it('keeps every line within the width for styled CJK and emoji', () => {
		const text = chalk.bold('粗体中文') + chalk.italic(' and 👍 emoji ') + chalk.yellow('代码');
		for (let width = 1; width <= 12; width++) {
			expectFits(wrap(text, width), width);
		}
	});

	it("'char' mode breaks only at the width and keeps every space", () => {
		expect(wrap('  code  line', 5, {mode: 'char'})).toEqual(['  cod', 'e  li', 'ne']);
		expect(wrap('x = 中文', 4, {mode: 'char'})).toEqual(['x = ', '中文']);
	});

	it('shows a stray non-SGR escape visibly instead of passing it on', () => {
		const lines = wrap('a\u001B[2Jb', 10);
		expect(lines.join('')).not.toContain('\u001B[2J');
	});

	it('keeps text, styles and widths intact on random styled input (fuzz)', () => {
		const pool = ['word', 'a', 'longerword', ' ', '  ', '中文', '，', '。', '👨‍👩‍👧', '🇯🇵', 'e\u0301', '(', ')', 'x'];
		const styles = [(t: string) => t, chalk.red, chalk.bold, chalk.italic.green, chalk.bgBlue, chalk.dim.underline];
		let seed = 7;
		const random = (n: number): number => {
			seed = (seed * 1_103_515_245 + 12_345) % 2_147_483_648;
			return seed % n;
		};

		for (let round = 0; round < 300; round++) {
			let text = '';
			const count = 1 + random(25);
			for (let index = 0; index < count; index++) {
				const piece = pool[random(pool.length)]!;
				text += random(3) === 0 ? styles[random(styles.length)]!(piece) : piece;
			}

			const expected = styledGraphemes(text);
			for (const mode of ['word', 'char'] as const) {
				for (let width = 2; width <= 13; width++) {
					const lines = wrap(text, width, {mode});
					expectFits(lines, width);
					const got = lines.flatMap((line) => styledGraphemes(line));
					if (mode === 'char') {
						expect(got).toEqual(expected);
					} else {
						expect(got.filter(([grapheme]) => grapheme !== ' ')).toEqual(expected.filter(([grapheme]) => grapheme !== ' '));
					}

					// Self-contained: nothing is left open at the end of a line.
					for (const line of lines) {
						expect(endStyle(line), JSON.stringify(line)).toBe('');
					}
				}
			}
		}
	}, 60_000);

	it('wraps a long text to fit, losing nothing (its speed is the bench row "wrap 130 KB")', () => {
		const text = 'Lorem ipsum dolor sit amet, 中文字符 consectetur adipiscing elit. '.repeat(2000);
		const lines = wrap(text, 80);
		expectFits(lines, 80);
		expect(lines.join('').replaceAll(' ', '')).toBe(text.replaceAll(' ', ''));
	});
});

// An independent reading of the SGR codes chalk emits: [grapheme, style-at-grapheme] pairs of a line.
function styledGraphemes(line: string): Array<[string, string]> {
	const out: Array<[string, string]> = [];
	const style = new Map<string, string>();
	const pattern = /\u001B\[([\d;]*)m|[^\u001B]+/g;
	for (let match = pattern.exec(line); match; match = pattern.exec(line)) {
		if (match[1] === undefined) {
			const key = [...style.entries()]
				.sort()
				.map(([slot, code]) => `${slot}=${code}`)
				.join(',');
			for (const grapheme of graphemesOf(match[0])) {
				out.push([grapheme, key]);
			}

			continue;
		}

		for (const code of match[1] === '' ? [0] : match[1].split(';').map(Number)) {
			applyCode(style, code);
		}
	}

	return out;
}

function endStyle(line: string): string {
	const style = new Map<string, string>();
	for (const match of line.matchAll(/\u001B\[([\d;]*)m/g)) {
		for (const code of match[1] === '' ? [0] : match[1]!.split(';').map(Number)) {
			applyCode(style, code);
		}
	}

	return [...style.keys()].join(',');
}

function applyCode(style: Map<string, string>, code: number): void {
	const on: Record<number, string> = {1: 'bold', 2: 'dim', 3: 'italic', 4: 'underline', 9: 'strike'};
	const off: Record<number, string[]> = {22: ['bold', 'dim'], 23: ['italic'], 24: ['underline'], 29: ['strike'], 39: ['fg'], 49: ['bg']};
	if (code === 0) {
		style.clear();
	} else if (on[code]) {
		style.set(on[code], String(code));
	} else if (off[code]) {
		for (const slot of off[code]) {
			style.delete(slot);
		}
	} else if ((code >= 30 && code <= 37) || (code >= 90 && code <= 97)) {
		style.set('fg', String(code));
	} else if ((code >= 40 && code <= 47) || (code >= 100 && code <= 107)) {
		style.set('bg', String(code));
	}
}

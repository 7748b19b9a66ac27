import {describe, expect, it} from 'vitest';
import {escapeMarker, sanitize, sanitizeLine} from '../../source/text/sanitize.js';

// Anything at or below U+001F other than LF, DEL, C1 or an ESC must never survive.
const unsafe = /[\u0000-\u0009\u000B-\u001F\u007F-\u009F\u202A-\u202E\u2066-\u2069]/;

describe('sanitize', () => {
	it('passes ordinary text through untouched (same string)', () => {
		const text = 'Hello, 世界! 👋 café\nsecond line';
		expect(sanitize(text)).toBe(text);
	});

	it('removes an OSC title sequence terminated by BEL or ST', () => {
		expect(sanitize('a\u001B]0;evil title\u0007b')).toBe('ab');
		expect(sanitize('a\u001B]0;evil title\u001B\\b')).toBe('ab');
		expect(sanitize('a\u001B]8;;http://x\u0007link\u001B]8;;\u0007b')).toBe('alinkb');
	});

	it('removes CSI sequences such as clear screen, cursor moves and colours', () => {
		expect(sanitize('x\u001B[2Jy')).toBe('xy');
		expect(sanitize('\u001B[1;31mred\u001B[0m \u001B[10;20H\u001B[?1049l')).toBe('red ');
		expect(sanitize('\u001B[?25l\u001B[>4;1m')).toBe('');
	});

	it('removes DCS, APC, PM, SOS strings and two-character escapes', () => {
		expect(sanitize('a\u001BPq#0;2;0;0;0\u001B\\b')).toBe('ab');
		expect(sanitize('a\u001B_Gf=24;AAAA\u001B\\b')).toBe('ab');
		expect(sanitize('a\u001B^pm\u001B\\b\u001BXsos\u001B\\c')).toBe('abc');
		expect(sanitize('a\u001Bcb\u001B7c\u001B8d\u001B(Be')).toBe('abcde');
	});

	it('shows a lone or truncated ESC as a visible marker and keeps the text after it', () => {
		expect(sanitize('a\u001B')).toBe(`a${escapeMarker}`);
		expect(sanitize('a\u001B[31')).toBe(`a${escapeMarker}[31`);
		expect(sanitize('a\u001B]0;title never ends')).toBe(`a${escapeMarker}]0;title never ends`);
		expect(sanitize('\u001B\n')).toBe(`${escapeMarker}\n`);
	});

	it('removes C0 controls except LF and TAB, and DEL', () => {
		expect(sanitize('a\u0000b\u0007c\bd\u000Be\u000Cf\u007Fg')).toBe('abcdefg');
		expect(sanitize('safe\b\b\b\bevil')).toBe('safeevil');
	});

	it('turns CRLF and lone CR into LF', () => {
		expect(sanitize('a\r\nb\rc\n\rd')).toBe('a\nb\nc\n\nd');
		expect(sanitize('a\u2028b\u2029c')).toBe('a\nb\nc');
	});

	it('removes C1 controls, including 8-bit CSI and OSC sequences', () => {
		expect(sanitize('a\u009B2Jb')).toBe('ab');
		expect(sanitize('a\u009D0;t\u009Cb')).toBe('ab');
		expect(sanitize('a\u0085b\u0090c\u009Fd')).toBe('abcd');
		expect(sanitize('x\u009B中')).toBe('x中');
	});

	it('removes bidi overrides and isolates but keeps LRM/RLM', () => {
		expect(sanitize('a\u202Eevil\u202Cb\u2066c\u2069')).toBe('aevilbc');
		expect(sanitize('a\u200Eb\u200Fc')).toBe('a\u200Eb\u200Fc');
	});

	it('drops a zero-width joiner that joins nothing, keeps those inside emoji sequences', () => {
		// Terminals (tmux among them) join the next character printed anywhere to a cell ending in ZWJ.
		expect(sanitize('ab\u200d\nyz')).toBe('ab\nyz');
		expect(sanitize('👩\u200d\nx\u200d')).toBe('👩\nx');
		expect(sanitize('a\u200d😀 🇨🇳\u200d🇺🇸')).toBe('a😀 🇨🇳🇺🇸');
		for (const sequence of ['👨\u200d👩\u200d👧', '👁️\u200d🗨️', '🧑🏿\u200d🤝\u200d🧑🏻', '🏳️\u200d🌈'])
			expect(sanitize(`x${sequence}y`)).toBe(`x${sequence}y`);
	});

	it('expands tabs to 4-cell stops measured in cells', () => {
		expect(sanitize('\tx')).toBe('    x');
		expect(sanitize('ab\tc')).toBe('ab  c');
		expect(sanitize('abcd\te')).toBe('abcd    e');
		expect(sanitize('中\tx')).toBe('中  x');
		expect(sanitize('a\n\tb\tc')).toBe('a\n    b   c');
		expect(sanitize('a\tb', {tabWidth: 8})).toBe('a       b');
		expect(sanitize('a\u001B[31m\tb')).toBe('a   b');
	});

	it('is idempotent and leaves nothing unsafe on hostile input', () => {
		const hostile = Array.from({length: 2000}, (_, index) => String.fromCharCode(index % 0xa0)).join('') + '\u001B[\u001B]\u009B\u202E';
		const once = sanitize(hostile);
		expect(once).not.toMatch(unsafe);
		expect(once).not.toContain('\u001B');
		expect(sanitize(once)).toBe(once);
	});

	it('neutralizes 1 MB, with and without controls (its speed is the bench row "sanitize 1 MB")', () => {
		const clean = 'The quick brown fox 中文 jumps.\n'.repeat(34_000);
		const dirty = 'text \u001B[31mred\u001B[0m \u001B]0;t\u0007 \u0007\r\n\ttab '.repeat(30_000);
		for (const text of [clean, dirty]) {
			expect(text.length).toBeGreaterThan(900_000);
			const result = sanitize(text);
			expect(result).not.toMatch(unsafe);
		}
	});

	it('expands the tabs of one huge line (its speed is the bench row "sanitize 1 MB")', () => {
		const text = 'a\t'.repeat(300_000);
		expect(sanitize(text).length).toBe(300_000 * 4);
	});
});

describe('sanitizeLine', () => {
	it('makes one line of anything', () => {
		expect(sanitizeLine('my\nchat\r\nname\u001B[2J\t!')).toBe('my chat name !');
	});
});

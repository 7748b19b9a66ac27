import {describe, expect, it} from 'vitest';
import {forcedColorLevel, recolor, resolveColorMode} from '../../source/terminal/palette.js';
import {terminalCapabilities} from '../../source/terminal/terminal-type.js';

describe('palette', () => {
	it('FORCE_COLOR as chalk reads it', () => {
		expect(forcedColorLevel({})).toBeUndefined();
		expect(forcedColorLevel({FORCE_COLOR: '0'})).toBe(0);
		expect(forcedColorLevel({FORCE_COLOR: 'false'})).toBe(0);
		expect(forcedColorLevel({FORCE_COLOR: ''})).toBe(1);
		expect(forcedColorLevel({FORCE_COLOR: 'true'})).toBe(1);
		expect(forcedColorLevel({FORCE_COLOR: '2'})).toBe(2);
		expect(forcedColorLevel({FORCE_COLOR: '9'})).toBe(3);
	});

	it('FORCE_COLOR, then the theme setting, then NO_COLOR (any non-empty value), then the terminal', () => {
		expect(resolveColorMode({}, undefined).palette).toBe('dark');
		expect(resolveColorMode({NO_COLOR: '1'}, undefined).palette).toBe('none');
		expect(resolveColorMode({NO_COLOR: 'no'}, undefined).palette).toBe('none');
		expect(resolveColorMode({NO_COLOR: ''}, undefined).palette).toBe('dark');
		expect(resolveColorMode({NO_COLOR: '1'}, 'light').palette).toBe('light');
		expect(resolveColorMode({FORCE_COLOR: '0'}, 'dark').palette).toBe('none');
		expect(resolveColorMode({FORCE_COLOR: '1', NO_COLOR: '1'}, undefined).palette).toBe('dark');
		expect(resolveColorMode({}, undefined, false).palette).toBe('none');
		expect(resolveColorMode({TERM: 'xterm-256color'}, undefined).level).toBe(2);
		expect(resolveColorMode({COLORTERM: 'truecolor'}, undefined).level).toBe(3);
		expect(resolveColorMode({FORCE_COLOR: '1', TERM: 'xterm-256color'}, undefined).level).toBe(1);
	});

	it('none keeps every attribute and drops every colour, and never leaves an ESC[m (a reset) behind', () => {
		const none = {palette: 'none', level: 3} as const;
		expect(recolor('\u001B[1;35mtitle\u001B[39;22m', none)).toBe('\u001B[1mtitle\u001B[22m');
		expect(recolor('\u001B[38;5;130mx\u001B[39m \u001B[48;2;1;2;3;4my\u001B[0m', none)).toBe('x \u001B[4my\u001B[0m');
		expect(recolor('\u001B[38:2::1:2:3;7mz\u001B[m', none)).toBe('\u001B[7mz\u001B[m');
		expect(recolor('\u001B[90m\u001B[2mdim', none)).toBe('\u001B[2mdim');
	});

	it('light darkens yellow, cyan, green and white; other colours and attributes pass', () => {
		expect(recolor('\u001B[33mcode\u001B[39m \u001B[1;36mb\u001B[22;39m \u001B[35mk\u001B[39m', {palette: 'light', level: 2})).toBe(
			'\u001B[38;5;130mcode\u001B[39m \u001B[1;38;5;30mb\u001B[22;39m \u001B[35mk\u001B[39m',
		);
		expect(recolor('\u001B[33mcode\u001B[39m', {palette: 'light', level: 1})).toBe('\u001B[35mcode\u001B[39m');
	});
});

describe('terminal type', () => {
	it('dumb or no TERM: no full screen; linux, vt100 and ansi: no scroll regions nor synchronized output; xterm, screen, tmux: all', () => {
		expect(terminalCapabilities(undefined).fullScreen).toBe(false);
		expect(terminalCapabilities('').fullScreen).toBe(false);
		expect(terminalCapabilities('dumb').fullScreen).toBe(false);
		for (const term of ['linux', 'vt100', 'vt220', 'ansi']) {
			const capabilities = terminalCapabilities(term);
			expect(capabilities, term).toMatchObject({fullScreen: true, scrollRegions: false, synchronized: false, alternateScreen: false});
		}
		expect(terminalCapabilities('linux').colors).toBe(true);
		expect(terminalCapabilities('vt100').colors).toBe(false);
		for (const term of ['xterm-256color', 'screen', 'screen-256color', 'tmux-256color', 'rxvt-unicode-256color', 'xterm-kitty']) {
			expect(terminalCapabilities(term), term).toMatchObject({
				fullScreen: true,
				scrollRegions: true,
				synchronized: true,
				alternateScreen: true,
				colors: true,
			});
		}
	});
});

// Colours on screen: which palette the chat draws with, decided once from the environment and the `theme`
// setting, and applied where the screen is written (log-update.ts), so every colour (Markdown, code, the
// status line, ink's own <Text color>) follows it without each component knowing the theme.
//
// - dark: the colours as the components choose them (16 basic colours, which follow the terminal's palette).
// - light: yellow, cyan, green and white, hard to read on a light background, become darker ones.
// - none: no colour at all; bold, dim, italic, underline, inverse and strikethrough stay (no-color.org).

export const PALETTES = ['dark', 'light', 'none'] as const;
export type Palette = (typeof PALETTES)[number];
export type ColorLevel = 1 | 2 | 3;

export interface ColorMode {
	palette: Palette;
	/** What the terminal can show: 16 colours, 256, or 24-bit (chalk's levels). */
	level: ColorLevel;
}

type Env = Record<string, string | undefined>;

/** FORCE_COLOR as chalk reads it: 0 none, 1 16 colours, 2 256, 3 truecolor; `true`/'' 1, `false` 0. */
export function forcedColorLevel(env: Env): 0 | ColorLevel | undefined {
	const value = env['FORCE_COLOR'];
	if (value === undefined) return undefined;
	if (value === 'true' || value === '') return 1;
	if (value === 'false') return 0;
	const level = Number.parseInt(value, 10);
	if (!Number.isFinite(level) || level <= 0) return 0;
	return Math.min(level, 3) as ColorLevel;
}

function detectedLevel(env: Env): ColorLevel {
	const colorterm = env['COLORTERM'] ?? '';
	if (/^(truecolor|24bit)$/i.test(colorterm)) return 3;
	if (/256/.test(env['TERM'] ?? '')) return 2;
	return 1;
}

/**
 * The palette to draw with. FORCE_COLOR wins (it is set for one run); then the `theme` setting (a person's own
 * configuration overrides NO_COLOR, as no-color.org asks); then NO_COLOR, any non-empty value, or a terminal
 * without colours (vt100); else dark.
 */
export function resolveColorMode(env: Env, theme: Palette | undefined, terminalHasColors = true): ColorMode {
	const forced = forcedColorLevel(env);
	const level = forced === undefined || forced === 0 ? detectedLevel(env) : forced;
	if (forced === 0) return {palette: 'none', level};
	if (theme) return {palette: theme, level};
	if (forced === undefined && ((env['NO_COLOR'] ?? '') !== '' || !terminalHasColors)) return {palette: 'none', level};
	return {palette: 'dark', level};
}

export function isPalette(value: string): value is Palette {
	return (PALETTES as readonly string[]).includes(value);
}

// ---- the palette in force ------------------------------------------------------------------------------------

let current: ColorMode = {palette: 'dark', level: 1};
let version = 0;

export function setColorMode(mode: ColorMode): void {
	if (mode.palette === current.palette && mode.level === current.level) return;
	current = mode;
	version++;
	cache.clear();
}

export function colorMode(): ColorMode {
	return current;
}

/** Changes with the palette: the screen writer redraws everything when it does. */
export function paletteVersion(): number {
	return version;
}

// ---- rewriting SGR --------------------------------------------------------------------------------------------

const sgr = /\u001B\[([\d;:]*)m/g;
const cache = new Map<string, string>();
const cacheLimit = 4_000;

/** `row` in the palette in force; the identity (undefined) for dark, so that path costs nothing. */
export function recolorer(): ((row: string) => string) | undefined {
	if (current.palette === 'dark') return undefined;
	return recolorRow;
}

function recolorRow(row: string): string {
	if (!row.includes('\u001B[')) return row;
	let result = cache.get(row);
	if (result === undefined) {
		result = recolor(row, current);
		if (cache.size >= cacheLimit) cache.clear();
		cache.set(row, result);
	}
	return result;
}

/** Every SGR sequence of `text` rewritten for `mode`; one left with no parameters is dropped (ESC[m resets). */
export function recolor(text: string, mode: ColorMode): string {
	if (mode.palette === 'dark') return text;
	return text.replace(sgr, (sequence, parameters: string) => {
		if (parameters === '' || parameters === '0') return sequence;
		const kept = rewrite(parameters.split(';'), mode);
		return kept.length === 0 ? '' : `\u001B[${kept.join(';')}m`;
	});
}

// Light backgrounds: the 16-colour palette's yellow, cyan, green and white are pale; 256 colours have darker
// shades of the same hue, 16 colours only other hues.
const light16: Record<string, string> = {33: '35', 93: '35', 36: '34', 96: '34', 37: '30', 97: '90'};
const light256: Record<string, string> = {
	33: '38;5;130',
	93: '38;5;130',
	36: '38;5;30',
	96: '38;5;30',
	32: '38;5;28',
	92: '38;5;28',
	37: '30',
	97: '90',
};

function rewrite(parts: string[], mode: ColorMode): string[] {
	const kept: string[] = [];
	for (let index = 0; index < parts.length; index++) {
		const part = parts[index]!;
		const code = Number.parseInt(part, 10);
		const extended = code === 38 || code === 48 || code === 58;
		// 38;5;n and 38;2;r;g;b span several parameters; 38:5:n is one.
		const span = extended && !part.includes(':') ? (parts[index + 1] === '5' ? 2 : parts[index + 1] === '2' ? 4 : 0) : 0;
		const isColor =
			extended ||
			(code >= 30 && code <= 39) ||
			(code >= 40 && code <= 49) ||
			(code >= 90 && code <= 97) ||
			(code >= 100 && code <= 107) ||
			code === 59;
		if (!isColor) {
			kept.push(part);
			continue;
		}
		if (mode.palette === 'light') {
			const mapped = extended ? undefined : (mode.level >= 2 ? light256 : light16)[part];
			kept.push(mapped ?? parts.slice(index, index + 1 + span).join(';'));
		}
		index += span;
	}
	return kept;
}

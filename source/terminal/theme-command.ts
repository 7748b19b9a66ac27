// `/theme [dark|light|none|default]` in the chat: shows the palette in force, or saves and applies another one.
import {capabilities} from './terminal-type.js';
import {colorMode, isPalette, resolveColorMode, setColorMode} from './palette.js';
import {defineMessages} from '../i18n/catalog.js';

/** The one setting this reads and writes (the store's Settings fits; terminal does not import store). */
export interface ThemeSetting {
	get(key: 'theme'): 'dark' | 'light' | 'none' | undefined;
	set(key: 'theme', value: 'dark' | 'light' | 'none' | undefined): void;
}

const text = defineMessages(
	'theme',
	{
		current: (palette: string, stored: boolean) =>
			`Theme: ${palette}${stored ? '' : ' (not set: dark, or none under NO_COLOR)'}. Usage: /theme dark | light | none | default`,
		usage: 'Usage: /theme dark | light | none | default',
		forced: (value: string, palette: string) => ` (FORCE_COLOR=${value} keeps it ${palette})`,
		saved: (palette: string, forced: string) => `Theme: ${palette}${forced}, saved.`,
		notSaved: (palette: string, forced: string, reason: string) =>
			`Theme: ${palette}${forced}, for this session only (not saved: ${reason}).`,
	},
	{
		current: (palette: string, stored: boolean) =>
			`配色：${palette}${stored ? '' : '（未设置：dark；NO_COLOR 时为 none）'}。用法：/theme dark | light | none | default`,
		usage: '用法：/theme dark | light | none | default',
		forced: (value: string, palette: string) => `（FORCE_COLOR=${value} 使它保持 ${palette}）`,
		saved: (palette: string, forced: string) => `配色：${palette}${forced}，已保存。`,
		notSaved: (palette: string, forced: string, reason: string) => `配色：${palette}${forced}，仅本次会话有效（未能保存：${reason}）。`,
	},
);

export function changeTheme(
	argument: string,
	settings: ThemeSetting,
	env: Record<string, string | undefined> = process.env,
): {text: string; error?: boolean} {
	const wanted = argument.trim().toLowerCase();
	if (wanted === '') return {text: text.current(colorMode().palette, settings.get('theme') !== undefined)};
	if (wanted !== 'default' && !isPalette(wanted)) return {text: text.usage, error: true};
	const theme = wanted === 'default' ? undefined : wanted;
	let failure: string | undefined;
	try {
		settings.set('theme', theme);
	} catch (error) {
		// The screen still changes; only the next start will not remember it.
		failure = error instanceof Error ? error.message : String(error);
	}
	const mode = resolveColorMode(env, theme, capabilities().colors);
	setColorMode(mode);
	const forced = mode.palette !== (theme ?? mode.palette) ? text.forced(env['FORCE_COLOR'] ?? '', mode.palette) : '';
	return failure === undefined
		? {text: text.saved(mode.palette, forced)}
		: {text: text.notSaved(mode.palette, forced, failure), error: true};
}

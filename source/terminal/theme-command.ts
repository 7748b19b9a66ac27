// `/theme [dark|light|none|default]` in the chat: shows the palette in force, or saves and applies another one.
import {capabilities} from './terminal-type.js';
import {colorMode, isPalette, resolveColorMode, setColorMode} from './palette.js';

/** The one setting this reads and writes (the store's Settings fits; terminal does not import store). */
export interface ThemeSetting {
	get(key: 'theme'): 'dark' | 'light' | 'none' | undefined;
	set(key: 'theme', value: 'dark' | 'light' | 'none' | undefined): void;
}

export function changeTheme(
	argument: string,
	settings: ThemeSetting,
	env: Record<string, string | undefined> = process.env,
): {text: string; error?: boolean} {
	const wanted = argument.trim().toLowerCase();
	if (wanted === '') {
		const stored = settings.get('theme');
		return {
			text: `Theme: ${colorMode().palette}${stored ? '' : ' (not set: dark, or none under NO_COLOR)'}. Usage: /theme dark | light | none | default`,
		};
	}
	if (wanted !== 'default' && !isPalette(wanted)) return {text: 'Usage: /theme dark | light | none | default', error: true};
	const theme = wanted === 'default' ? undefined : wanted;
	let saved = 'saved';
	try {
		settings.set('theme', theme);
	} catch (error) {
		// The screen still changes; only the next start will not remember it.
		saved = `for this session only (not saved: ${error instanceof Error ? error.message : String(error)})`;
	}
	const mode = resolveColorMode(env, theme, capabilities().colors);
	setColorMode(mode);
	const forced = mode.palette !== (theme ?? mode.palette) ? ` (FORCE_COLOR=${env['FORCE_COLOR'] ?? ''} keeps it ${mode.palette})` : '';
	return {text: `Theme: ${mode.palette}${forced}, ${saved}.`, error: saved !== 'saved'};
}

// Which language glm-tui speaks. Messages are looked up when they are shown, so `/lang` takes effect at once.

export type Language = 'en' | 'zh';
export type LanguageSetting = Language | 'auto';

let current: Language = 'en';

export function currentLanguage(): Language {
	return current;
}

export function setLanguage(language: Language): void {
	current = language;
}

/**
 * The language of the locale, as gettext picks it: the first of LC_ALL, LC_MESSAGES and LANG that is set and not
 * empty decides (so LC_ALL=C wins over LANG=zh_CN.UTF-8). zh, zh_CN, zh_TW, zh-Hans ... speak Chinese; anything
 * else, C and POSIX included, English.
 */
export function languageFromLocale(env: Record<string, string | undefined>): Language {
	const locale = [env['LC_ALL'], env['LC_MESSAGES'], env['LANG']].find((value) => value !== undefined && value !== '');
	return locale !== undefined && /^zh([_.@-]|$)/i.test(locale) ? 'zh' : 'en';
}

/** The `language` setting wins over the locale unless it is `auto` or unset. */
export function resolveLanguage(setting: string | undefined, env: Record<string, string | undefined>): Language {
	return setting === 'en' || setting === 'zh' ? setting : languageFromLocale(env);
}

export function parseLanguageSetting(value: string): LanguageSetting | undefined {
	const normalized = value.trim().toLowerCase();
	if (normalized === 'auto') return 'auto';
	if (/^(en|english)$/.test(normalized)) return 'en';
	if (/^(zh|zh[-_]cn|chinese|中文)$/.test(normalized)) return 'zh';
	return undefined;
}

import {describe, expect, it} from 'vitest';
import {languageFromLocale, parseLanguageSetting, resolveLanguage} from '../../source/i18n/language.js';
import {plural} from '../../source/i18n/catalog.js';

describe('languageFromLocale', () => {
	it.each([
		[{LANG: 'zh_CN.UTF-8'}, 'zh'],
		[{LANG: 'zh_TW.UTF-8'}, 'zh'],
		[{LANG: 'zh'}, 'zh'],
		[{LANG: 'zh-Hans'}, 'zh'],
		[{LANG: 'en_US.UTF-8'}, 'en'],
		[{LANG: 'C.UTF-8'}, 'en'],
		[{LANG: 'POSIX'}, 'en'],
		[{}, 'en'],
		[{LANG: 'zhx_YY'}, 'en'],
		// gettext's order: LC_ALL, then LC_MESSAGES, then LANG; an empty one does not count.
		[{LC_ALL: 'C', LANG: 'zh_CN.UTF-8'}, 'en'],
		[{LC_ALL: 'zh_CN.UTF-8', LANG: 'en_US.UTF-8'}, 'zh'],
		[{LC_MESSAGES: 'zh_CN.UTF-8', LANG: 'en_US.UTF-8'}, 'zh'],
		[{LC_ALL: '', LC_MESSAGES: '', LANG: 'zh_CN.UTF-8'}, 'zh'],
		[{LC_ALL: 'en_US.UTF-8', LC_MESSAGES: 'zh_CN.UTF-8'}, 'en'],
	])('%o -> %s', (env, expected) => {
		expect(languageFromLocale(env)).toBe(expected);
	});

	it('the setting wins over the locale unless it is auto', () => {
		expect(resolveLanguage('en', {LANG: 'zh_CN.UTF-8'})).toBe('en');
		expect(resolveLanguage('zh', {LANG: 'C'})).toBe('zh');
		expect(resolveLanguage('auto', {LANG: 'zh_CN.UTF-8'})).toBe('zh');
		expect(resolveLanguage(undefined, {LANG: 'en_GB.UTF-8'})).toBe('en');
	});

	it('reads the setting as people type it', () => {
		expect(parseLanguageSetting('ZH')).toBe('zh');
		expect(parseLanguageSetting('中文')).toBe('zh');
		expect(parseLanguageSetting('en')).toBe('en');
		expect(parseLanguageSetting(' auto ')).toBe('auto');
		expect(parseLanguageSetting('fr')).toBeUndefined();
	});
});

describe('plural', () => {
	it('counts in English', () => {
		expect(plural(1, 'message')).toBe('1 message');
		expect(plural(0, 'message')).toBe('0 messages');
		expect(plural(12345, 'reply', 'replies')).toBe('12,345 replies');
	});
});

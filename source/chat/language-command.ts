// `/lang zh|en|auto`: the interface language, switched at once (messages are looked up when shown) and saved as
// the `language` setting, which `glm-tui config set language` writes too.
import {defineMessages} from '../i18n/catalog.js';
import {currentLanguage, parseLanguageSetting, setLanguage, resolveLanguage, type LanguageSetting} from '../i18n/language.js';

interface LanguageSettings {
	get(key: 'language'): LanguageSetting | undefined;
	set(key: 'language', value: LanguageSetting): void;
}

const text = defineMessages(
	'language',
	{
		current: (language: string, auto: boolean) =>
			`Language: ${language}${auto ? ' (auto: from the locale)' : ''}. Usage: /lang zh | en | auto`,
		usage: 'Usage: /lang zh | en | auto',
		changed: (language: string, auto: boolean) => `Language: ${language}${auto ? ' (auto: from the locale)' : ''}, saved.`,
		notSaved: (language: string, reason: string) => `Language: ${language}, for this session only (not saved: ${reason}).`,
		english: 'English',
		chinese: 'Chinese (中文)',
	},
	{
		current: (language: string, auto: boolean) =>
			`界面语言：${language}${auto ? '（auto：取自系统语言环境）' : ''}。用法：/lang zh | en | auto`,
		usage: '用法：/lang zh | en | auto',
		changed: (language: string, auto: boolean) => `界面语言：${language}${auto ? '（auto：取自系统语言环境）' : ''}，已保存。`,
		notSaved: (language: string, reason: string) => `界面语言：${language}，仅本次会话有效（未能保存：${reason}）。`,
		english: '英文 (English)',
		chinese: '中文',
	},
);

const languageName = () => (currentLanguage() === 'zh' ? text.chinese : text.english);

export function changeLanguage(
	argument: string,
	settings: LanguageSettings,
	env: Record<string, string | undefined> = process.env,
): {text: string; error?: boolean; changed?: boolean} {
	const stored = settings.get('language');
	if (argument.trim() === '') return {text: text.current(languageName(), stored === undefined || stored === 'auto')};
	const wanted = parseLanguageSetting(argument);
	if (wanted === undefined) return {text: text.usage, error: true};
	const before = currentLanguage();
	setLanguage(resolveLanguage(wanted, env));
	const changed = currentLanguage() !== before;
	try {
		settings.set('language', wanted);
	} catch (error) {
		return {text: text.notSaved(languageName(), error instanceof Error ? error.message : String(error)), error: true, changed};
	}
	return {text: text.changed(languageName(), wanted === 'auto'), changed};
}

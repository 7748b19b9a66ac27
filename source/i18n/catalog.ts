// Typed message catalogs. Each area of the program (ui, cli, errors, store ...) defines its messages once, in
// English and Simplified Chinese side by side: the compiler refuses a Chinese catalog that lacks a key or gives a
// message other arguments, and test/i18n checks every message renders in both languages.
import {currentLanguage, type Language} from './language.js';

type Message = string | ((...args: never[]) => string);
export type Messages = Record<string, Message>;

interface Registered {
	area: string;
	catalogs: Record<Language, Messages>;
}

const registry: Registered[] = [];

/** Every catalog defined so far, for the completeness test. */
export function registeredCatalogs(): readonly Registered[] {
	return registry;
}

/**
 * `const text = defineMessages('status', {ready: 'ready', ...}, {ready: '就绪', ...})`, then `text.ready`: each read
 * gives the message in the current language.
 */
export function defineMessages<T extends Messages>(area: string, en: T, zh: NoInfer<{[K in keyof T]: T[K]}>): T {
	registry.push({area, catalogs: {en, zh}});
	const messages = {} as T;
	for (const key of Object.keys(en)) {
		Object.defineProperty(messages, key, {get: () => (currentLanguage() === 'zh' ? zh : en)[key], enumerable: true});
	}
	return messages;
}

/** English plurals: `plural(3, 'message')` is "3 messages"; give the plural form when it is not +s. */
export function plural(count: number, singular: string, pluralForm = `${singular}s`): string {
	// Grouped by hand: Intl's number formatting loads ICU data (tens of ms) on the way to the first frame.
	return `${String(count).replace(/\B(?=(\d{3})+(?!\d))/g, ',')} ${count === 1 ? singular : pluralForm}`;
}

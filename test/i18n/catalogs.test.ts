// Every catalog in source/ (any module that calls defineMessages) has every message in both languages, and the
// Chinese is Chinese: a message left in English in the zh catalog fails here, naming its area and key.
import {readdirSync, readFileSync} from 'node:fs';
import path from 'node:path';
import {describe, expect, it} from 'vitest';
import {registeredCatalogs} from '../../source/i18n/catalog.js';

const root = path.resolve(import.meta.dirname, '../../source');

function sourceFiles(dir: string): string[] {
	return readdirSync(dir, {withFileTypes: true}).flatMap((entry) => {
		const file = path.join(dir, entry.name);
		if (entry.isDirectory()) return sourceFiles(file);
		return /\.tsx?$/.test(entry.name) ? [file] : [];
	});
}

const catalogFiles = sourceFiles(root).filter(
	(file) => !file.endsWith(path.join('i18n', 'catalog.ts')) && readFileSync(file, 'utf8').includes('defineMessages('),
);

// Any argument a message may be given: a number, a string, an object of facts, a callable; it reads as 2.
const anything: unknown = new Proxy(function () {}, {
	get: (_target, property) => (property === Symbol.toPrimitive ? () => 2 : property === 'length' ? 2 : anything),
	apply: () => anything,
});

function render(message: unknown): string {
	return typeof message === 'function'
		? String((message as (...args: unknown[]) => unknown)(anything, anything, anything, anything))
		: String(message);
}

/** Messages that are the same in both languages on purpose: units, separators, names. */
const SAME_IN_BOTH = new Set(['status.tokens']);

const han = /\p{Script=Han}/u;

describe('message catalogs', () => {
	it('every module with a catalog registers it, and each has the same keys in both languages', async () => {
		expect(catalogFiles.length).toBeGreaterThan(10);
		for (const file of catalogFiles) await import(file);
		const areas = registeredCatalogs().map((each) => each.area);
		expect(new Set(areas).size, `areas defined twice: ${areas}`).toBe(areas.length);
		for (const {area, catalogs} of registeredCatalogs()) {
			expect(Object.keys(catalogs.zh).sort(), area).toEqual(Object.keys(catalogs.en).sort());
		}
	});

	it('every message renders in both languages, and the Chinese one is Chinese', async () => {
		for (const file of catalogFiles) await import(file);
		const untranslated: string[] = [];
		for (const {area, catalogs} of registeredCatalogs()) {
			for (const key of Object.keys(catalogs.en)) {
				const en = render(catalogs.en[key]);
				const zh = render(catalogs.zh[key]);
				expect(typeof catalogs.zh[key], `${area}.${key}`).toBe(typeof catalogs.en[key]);
				expect(en.trim(), `${area}.${key} (en)`).not.toBe('');
				expect(zh.trim(), `${area}.${key} (zh)`).not.toBe('');
				// English words in the English text and none in Chinese characters in the Chinese: not translated.
				if (/[a-z]{3,} [a-z]{2,}/i.test(en) && !han.test(zh) && !SAME_IN_BOTH.has(`${area}.${key}`))
					untranslated.push(`${area}.${key}: ${zh}`);
			}
		}
		expect(untranslated).toEqual([]);
	});
});

// Writes the key and slash-command tables of readme.md and readme.zh-CN.md from the same tables the help screen
// is drawn from (source/ui/key-table.ts, source/chat/slash-command-table.ts), between marker comments:
//   node --import tsx scripts/readme-tables.ts
// test/readme-tables.test.ts fails when a readme drifts from the tables.
import {readFileSync, writeFileSync} from 'node:fs';
import {fileURLToPath} from 'node:url';
import {SLASH_TEXT_USAGE, usageDescription} from '../source/chat/slash-command-table.js';
import {slashCommandRows} from '../source/chat/slash-commands.js';
import {currentLanguage, setLanguage, type Language} from '../source/i18n/language.js';
import {KEY_BINDINGS, keyDescription} from '../source/ui/key-table.js';

export const READMES: Record<Language, string> = {en: 'readme.md', zh: 'readme.zh-CN.md'};

const headers = {
	en: {keys: ['key', 'action'], commands: ['command', 'what it does']},
	zh: {keys: ['按键', '作用'], commands: ['命令', '作用']},
};

const cell = (text: string) => text.replace(/\|/g, '\\|');

function table(header: string[], rows: Array<[string, string]>): string {
	return [`| ${header.join(' | ')} |`, '|---|---|', ...rows.map(([a, b]) => `| ${cell(a)} | ${cell(b)} |`)].join('\n');
}

/** The two tables in a language, as markdown. */
export function readmeTables(language: Language): {keys: string; commands: string} {
	const previous = currentLanguage();
	setLanguage(language);
	try {
		const usages = [...slashCommandRows().flatMap(([, row]) => row.usages), SLASH_TEXT_USAGE];
		return {
			keys: table(
				headers[language].keys,
				KEY_BINDINGS.map((row) => [row.keys, keyDescription(row)]),
			),
			commands: table(
				headers[language].commands,
				usages.map((usage) => [`\`${usage.usage}\``, usageDescription(usage)]),
			),
		};
	} finally {
		setLanguage(previous);
	}
}

/** The readme's text with each marked block replaced by the generated table; throws if a marker is missing. */
export function withTables(readme: string, language: Language): string {
	const tables = readmeTables(language);
	let text = readme;
	for (const name of ['keys', 'commands'] as const) {
		const start = `<!-- generated ${name} table: node --import tsx scripts/readme-tables.ts -->`;
		const end = `<!-- end of generated ${name} table -->`;
		const from = text.indexOf(start);
		const to = text.indexOf(end);
		if (from < 0 || to < from) throw new Error(`${READMES[language]}: no "${start}" ... "${end}" block`);
		text = `${text.slice(0, from + start.length)}\n${tables[name]}\n${text.slice(to)}`;
	}
	return text;
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
	for (const language of ['en', 'zh'] as const) {
		const path = new URL(`../${READMES[language]}`, import.meta.url);
		const before = readFileSync(path, 'utf8');
		const after = withTables(before, language);
		if (after !== before) writeFileSync(path, after);
		console.log(`${READMES[language]}: ${after === before ? 'up to date' : 'written'}`);
	}
}

// The slash commands as data: name, aliases, usage, what arguments they take and what they do. Parsing
// (slash-commands.ts), the help screen, /help and the readme's command table are all drawn from these rows.
//
// The table is keyed by every command name in SLASH_COMMANDS, so a command without a row does not compile. It may
// hold rows for commands that are not in SLASH_COMMANDS yet (Pending, while one is being written): those are
// neither parsed nor shown until the command is added to the list.
import type {SlashCommandName} from './slash-commands.js';
import {commandText} from './slash-command-messages.js';

/**
 * What may follow the command word. `none`: nothing ("/quit 是什么意思" is more likely a question, held back);
 * `any`: free text; a pattern: only arguments it matches, anything else is held back the same way.
 */
export type ArgumentPolicy = 'none' | 'any' | RegExp;

export interface SlashUsage {
	/** As typed, e.g. `/copy code [N]`. Never translated: it is what the user types. */
	readonly usage: string;
	readonly text: keyof typeof commandText;
}

export interface SlashCommandRow {
	readonly aliases: readonly string[];
	readonly argument: ArgumentPolicy;
	readonly usages: readonly SlashUsage[];
}

/** Commands with a row before their handler exists; drop a name once it is in SLASH_COMMANDS. */
type Pending = never;

const use = (usage: string, text: keyof typeof commandText): SlashUsage => ({usage, text});

export const SLASH_COMMAND_TABLE: {readonly [N in SlashCommandName | Pending]: SlashCommandRow} = {
	new: {aliases: [], argument: 'any', usages: [use('/new [name]', 'new')]},
	open: {aliases: [], argument: 'any', usages: [use('/open name|number', 'open')]},
	rename: {aliases: [], argument: 'any', usages: [use('/rename name', 'rename')]},
	fork: {aliases: [], argument: 'any', usages: [use('/fork [N] [name]', 'fork')]},
	delete: {aliases: ['rm'], argument: 'none', usages: [use('/delete', 'delete')]},
	undo: {aliases: [], argument: 'none', usages: [use('/undo', 'undo')]},
	find: {aliases: [], argument: 'any', usages: [use('/find text', 'find')]},
	model: {aliases: [], argument: 'any', usages: [use('/model name', 'model')]},
	system: {aliases: [], argument: 'any', usages: [use('/system text', 'system')]},
	temperature: {aliases: [], argument: 'any', usages: [use('/temperature x', 'temperature')]},
	thinking: {aliases: [], argument: 'any', usages: [use('/thinking on|off|default', 'thinking')]},
	settings: {aliases: [], argument: 'none', usages: [use('/settings', 'settings')]},
	theme: {aliases: [], argument: 'any', usages: [use('/theme dark|light|none', 'theme')]},
	export: {aliases: [], argument: 'any', usages: [use('/export [file.md]', 'export')]},
	file: {
		aliases: ['attach'],
		argument: 'any',
		usages: [use('/file PATH...', 'file'), use('/file', 'fileList'), use('/file clear', 'fileClear')],
	},
	// copy-target.ts reads these; anything else after /copy ("/copy 是什么意思") is more likely a question.
	copy: {
		aliases: [],
		argument: /^(?:\d+|code(?:\s+\d+)?)$/i,
		usages: [use('/copy', 'copy'), use('/copy N', 'copyMessage'), use('/copy code [N]', 'copyCode')],
	},
	mouse: {aliases: [], argument: 'any', usages: [use('/mouse on|off', 'mouse')]},
	lang: {aliases: [], argument: 'any', usages: [use('/lang zh|en|auto', 'lang')]},
	web: {aliases: [], argument: 'any', usages: [use('/web on|off', 'web')]},
	retry: {aliases: ['regenerate'], argument: 'none', usages: [use('/retry', 'retry')]},
	edit: {aliases: [], argument: /^\d*$/, usages: [use('/edit N', 'edit')]},
	key: {aliases: [], argument: 'none', usages: [use('/key', 'key')]},
	help: {aliases: ['h', '?'], argument: 'none', usages: [use('/help', 'help')]},
	quit: {aliases: ['q', 'exit'], argument: 'none', usages: [use('/quit', 'quit')]},
};

/** Not a command but listed with them: how to send a message that starts with a slash. */
export const SLASH_TEXT_USAGE: SlashUsage = use('//text', 'slashText');

export function usageDescription(usage: SlashUsage): string {
	return commandText[usage.text];
}

// Slash commands typed in the composer. Parsing is pure; the UI decides what each one does. What each command
// is (aliases, usage, arguments, description) is a row in slash-command-table.ts.
import {chatText} from './chat-messages.js';
import {SLASH_COMMAND_TABLE, type SlashCommandRow} from './slash-command-table.js';

export const SLASH_COMMANDS = [
	'new',
	'open',
	'rename',
	'fork',
	'delete',
	'undo',
	'find',
	'model',
	'system',
	'temperature',
	'thinking',
	'settings',
	'theme',
	'export',
	'file',
	'copy',
	'retry',
	'edit',
	'key',
	'mouse',
	'lang',
	'web',
	'help',
	'quit',
] as const;

export type SlashCommandName = (typeof SLASH_COMMANDS)[number];

/** The rows of the commands that exist, in the table's order (the order help lists them in). */
export function slashCommandRows(): Array<[SlashCommandName, SlashCommandRow]> {
	const names = new Set<string>(SLASH_COMMANDS);
	return (Object.keys(SLASH_COMMAND_TABLE) as SlashCommandName[])
		.filter((name) => names.has(name))
		.map((name) => [name, SLASH_COMMAND_TABLE[name]]);
}

const ALIASES = new Map(slashCommandRows().flatMap(([name, row]) => row.aliases.map((alias) => [alias, name] as const)));

/** Whether a command takes this (non-empty) argument; one that does not is held back as a probable question. */
function takesArgument(name: SlashCommandName, argument: string): boolean {
	const policy = SLASH_COMMAND_TABLE[name].argument;
	return policy === 'any' || (policy !== 'none' && policy.test(argument));
}

export type SlashParse =
	| {type: 'command'; name: SlashCommandName; argument: string}
	| {type: 'unknown'; name: string}
	/** Not a command: send as a message (a leading `//` sends a literal `/`). */
	| {type: 'text'; text: string};

export function parseSlash(input: string): SlashParse {
	if (!input.startsWith('/')) return {type: 'text', text: input};
	if (input.startsWith('//')) return {type: 'text', text: input.slice(1)};
	const match = /^\/(\S+)(?:\s+([\s\S]*))?$/.exec(input.trimEnd());
	if (!match) return {type: 'text', text: input};
	const word = match[1]!.toLowerCase();
	const name = (SLASH_COMMANDS as readonly string[]).includes(word) ? (word as SlashCommandName) : ALIASES.get(word);
	// A path like /etc/hosts pasted on its own is text, not an unknown command.
	if (!name) return word.includes('/') ? {type: 'text', text: input} : {type: 'unknown', name: word};
	return {type: 'command', name, argument: (match[2] ?? '').trim()};
}

export type Submission =
	| {type: 'message'; text: string}
	| {type: 'command'; name: SlashCommandName; argument: string}
	/** Not run and not sent: the text stays in the composer with a hint, and the same text entered again is sent. */
	| {type: 'hold'; name: string; reason: 'unknown' | 'argument'};

/**
 * What Enter does with the composer's text. Nothing is ever thrown away: a `/word` that is not a command
 * (`/var 分区满了`, a typo such as `/serch`) is held back once, and `held` (the text held back last) entered
 * again is sent as it is. A message keeps its text exactly, less one slash of a leading `//`.
 */
export function readSubmission(text: string, held?: string): Submission {
	const trimmed = text.trim();
	const parsed = parseSlash(trimmed);
	if (parsed.type === 'text') return {type: 'message', text: trimmed.startsWith('//') ? text.replace('/', '') : text};
	if (held === text) return {type: 'message', text};
	if (parsed.type === 'unknown') return {type: 'hold', name: parsed.name, reason: 'unknown'};
	if (parsed.argument !== '' && !takesArgument(parsed.name, parsed.argument)) {
		return {type: 'hold', name: parsed.name, reason: 'argument'};
	}
	return parsed;
}

/** The one-line hint shown for a held-back text. `shown` is the command word as typed, made safe by the caller. */
export function holdHint(reason: 'unknown' | 'argument', shown: string): string {
	const what = reason === 'unknown' ? chatText.notACommand(shown) : shown === 'copy' ? chatText.copyTakes : chatText.takesNoArgument(shown);
	return chatText.held(what);
}

export function parseOnOff(value: string): 'enabled' | 'disabled' | 'default' | undefined {
	if (/^(on|enabled?|true|yes|1)$/i.test(value)) return 'enabled';
	if (/^(off|disabled?|false|no|0)$/i.test(value)) return 'disabled';
	if (/^(default|auto|unset)$/i.test(value)) return 'default';
	return undefined;
}

export type SettingChange<T> = {type: 'show'} | {type: 'clear'} | {type: 'set'; value: T} | {type: 'invalid'; message: string};

/**
 * The argument of /system, /temperature or /thinking: none shows the value; clearing takes a word
 * (`/system off`, `/temperature default`, `/thinking default`), so a bare command never destroys a setting.
 */
export function parseSetting(name: 'system', argument: string): SettingChange<string>;
export function parseSetting(name: 'temperature', argument: string): SettingChange<number>;
export function parseSetting(name: 'thinking', argument: string): SettingChange<'enabled' | 'disabled'>;
export function parseSetting(name: 'system' | 'temperature' | 'thinking', argument: string): SettingChange<string | number> {
	const value = argument.trim();
	if (value === '') return {type: 'show'};
	switch (name) {
		case 'system':
			return /^off$/i.test(value) ? {type: 'clear'} : {type: 'set', value};
		case 'temperature': {
			if (parseOnOff(value) === 'default') return {type: 'clear'};
			const number = Number(value);
			if (!Number.isFinite(number) || number <= 0 || number > 1) {
				return {type: 'invalid', message: chatText.badTemperature(value)};
			}
			return {type: 'set', value: number};
		}
		case 'thinking': {
			const choice = parseOnOff(value);
			if (!choice) return {type: 'invalid', message: chatText.thinkingUsage};
			return choice === 'default' ? {type: 'clear'} : {type: 'set', value: choice};
		}
	}
}

/**
 * /fork's argument: `[N] [name]`. A leading number is the last message copied (the `#N` in message headers);
 * the rest is the new conversation's name, empty for the default.
 */
export function parseFork(argument: string): {upTo?: number; name: string} {
	const match = /^(\d+)(?:\s+([\s\S]*))?$/.exec(argument.trim());
	if (!match) return {name: argument.trim()};
	return {upTo: Number(match[1]), name: (match[2] ?? '').trim()};
}

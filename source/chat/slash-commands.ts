// Slash commands typed in the composer. Parsing is pure; the UI decides what each one does.

export const SLASH_COMMANDS = [
	'new',
	'open',
	'rename',
	'delete',
	'model',
	'system',
	'temperature',
	'thinking',
	'export',
	'copy',
	'retry',
	'key',
	'help',
	'quit',
] as const;

export type SlashCommandName = (typeof SLASH_COMMANDS)[number];

export type SlashParse =
	| {type: 'command'; name: SlashCommandName; argument: string}
	| {type: 'unknown'; name: string}
	/** Not a command: send as a message (a leading `//` sends a literal `/`). */
	| {type: 'text'; text: string};

const ALIASES: Record<string, SlashCommandName> = {q: 'quit', exit: 'quit', h: 'help', '?': 'help', regenerate: 'retry', rm: 'delete'};

export function parseSlash(input: string): SlashParse {
	if (!input.startsWith('/')) return {type: 'text', text: input};
	if (input.startsWith('//')) return {type: 'text', text: input.slice(1)};
	const match = /^\/(\S+)(?:\s+([\s\S]*))?$/.exec(input.trimEnd());
	if (!match) return {type: 'text', text: input};
	const word = match[1]!.toLowerCase();
	const name = (SLASH_COMMANDS as readonly string[]).includes(word) ? (word as SlashCommandName) : ALIASES[word];
	// A path like /etc/hosts pasted on its own is text, not an unknown command.
	if (!name) return word.includes('/') ? {type: 'text', text: input} : {type: 'unknown', name: word};
	return {type: 'command', name, argument: (match[2] ?? '').trim()};
}

export function parseOnOff(value: string): 'enabled' | 'disabled' | 'default' | undefined {
	if (/^(on|enabled?|true|yes|1)$/i.test(value)) return 'enabled';
	if (/^(off|disabled?|false|no|0)$/i.test(value)) return 'disabled';
	if (/^(default|auto|unset)$/i.test(value)) return 'default';
	return undefined;
}

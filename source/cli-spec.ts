// The command line as data: parseArgs, `--help`, `glm-tui help COMMAND` and the shell completions are all made
// from these two tables, so none of them can list an option the others lack.

export interface OptionSpec {
	long: string;
	short?: string;
	/** Name of the value in the help (`TEXT`); none for a switch. */
	value?: string;
	multiple?: boolean;
	help: string;
	/** Values the shell may complete. */
	choices?: readonly string[];
	/** The value is a file path. */
	file?: boolean;
}

export const OPTIONS: readonly OptionSpec[] = [
	{long: 'prompt', short: 'p', value: 'TEXT', help: 'the question (one-shot mode); "-" or nothing reads it from stdin'},
	{long: 'file', short: 'f', value: 'PATH', multiple: true, file: true, help: 'attach a text file (repeatable; up to 256 KB each)'},
	{long: 'continue', short: 'c', value: 'NAME|N', help: 'ask inside a saved conversation (its history and settings), saving the turn'},
	{long: 'new', value: 'NAME', help: 'start a saved conversation with this question'},
	{long: 'model', short: 'm', value: 'NAME', help: 'model, e.g. glm-4.6, glm-4.5-air, glm-4-flash (glm-tui models)'},
	{long: 'system', short: 's', value: 'TEXT', help: 'system prompt'},
	{long: 'temperature', short: 't', value: 'X', help: '0.01 .. 1'},
	{long: 'thinking', value: 'on|off', choices: ['on', 'off'], help: 'ask GLM-4.5+ to think first (or not)'},
	{long: 'no-reasoning', help: 'do not print the model\'s reasoning (one-shot prints it dimmed on stderr)'},
	{long: 'json', help: 'with -p: one JSON object (answer, reasoning, usage, finish_reason); with list/export/trash: JSON'},
	{long: 'base-url', value: 'URL', help: 'API base, e.g. https://api.z.ai/api/paas/v4'},
	{long: 'idle-timeout', value: 'S', help: 'give up an answer after S seconds of silence (default 30, 0: never)'},
	{long: 'output', short: 'o', value: 'FILE', file: true, help: 'with export: write to FILE'},
	{long: 'name', value: 'NAME', help: 'with import: the conversation\'s name'},
	{long: 'verbose', short: 'v', help: 'print token usage and retries on stderr'},
	{long: 'help', short: 'h', help: 'this help; glm-tui help COMMAND for one command'},
	{long: 'version', short: 'V', help: 'version'},
];

export interface CommandSpec {
	name: string;
	usage: readonly string[];
	help: string;
	/** Words the shell may complete after the command. */
	words?: readonly string[];
}

export const COMMANDS: readonly CommandSpec[] = [
	{
		name: 'config',
		usage: [
			'config set key                 save the API key (read from stdin, never from the command line)',
			'config set NAME VALUE          base-url, model, system, temperature, thinking, language, theme, detached-limit',
			'config get [NAME]              what is in effect, and where each value comes from',
			'config unset NAME              back to the default',
			'config path                    where settings are stored',
		],
		help: 'Settings for every conversation and one-shot question. Environment variables and flags win over them.',
		words: ['set', 'get', 'unset', 'path'],
	},
	{name: 'list', usage: ['list [--json]'], help: 'The saved conversations, numbered as in the chat screen (Alt+1..9, /open N).'},
	{
		name: 'export',
		usage: ['export NAME|N [--json] [-o FILE]'],
		help: 'A conversation as Markdown (or, with --json, the whole conversation in the format import reads back).',
	},
	{
		name: 'import',
		usage: ['import FILE [--name NAME]'],
		help: 'Bring a conversation back from an export (JSON or Markdown), a rescue file, or an OpenAI-style message list.',
	},
	{
		name: 'trash',
		usage: [
			'trash [--json]                 deleted conversations (kept 30 days), newest first',
			'trash restore N|NAME           bring one back (under another name if its own is taken)',
			'trash empty                    remove everything in the trash for good',
		],
		help: 'A deleted conversation goes to the trash for 30 days; /undo in the chat or trash restore brings it back.',
		words: ['restore', 'empty'],
	},
	{name: 'models', usage: ['models'], help: 'The known GLM models and their context windows (any other name works too).'},
	{name: 'completion', usage: ['completion bash|zsh|fish'], help: 'A shell completion script, e.g. glm-tui completion bash > /etc/bash_completion.d/glm-tui', words: ['bash', 'zsh', 'fish']},
	{name: 'help', usage: ['help [COMMAND]'], help: 'This help, or one command\'s.'},
];

export const parseArgsOptions = Object.fromEntries(
	OPTIONS.map((option) => [
		option.long,
		{
			type: option.value ? ('string' as const) : ('boolean' as const),
			...(option.short ? {short: option.short} : {}),
			...(option.multiple ? {multiple: true} : {}),
		},
	]),
);

const optionLabel = (option: OptionSpec) =>
	`${option.short ? `-${option.short}, ` : '    '}--${option.long}${option.value ? ` ${option.value}` : ''}`;

export function mainHelp(version: string): string {
	const width = Math.max(...OPTIONS.map((option) => optionLabel(option).length)) + 2;
	return `glm-tui ${version} — chat with Zhipu GLM models in the terminal

Usage
  glm-tui                       open the full-screen chat (last conversation)
  glm-tui -p "question"         one question, answer streamed to stdout
  echo "question" | glm-tui     the same, question read from stdin
  git diff | glm-tui -p "review this"     stdin and the question together
  glm-tui -c 2 -p "and then?"   continue saved conversation 2
${COMMANDS.flatMap((command) => command.usage.map((line) => `  glm-tui ${line}`)).join('\n')}

Options
${OPTIONS.map((option) => `  ${optionLabel(option).padEnd(width)} ${option.help}`).join('\n')}

Environment
  ZHIPUAI_API_KEY / ZAI_API_KEY     API key "<id>.<secret>" (used, never saved)
  ZHIPUAI_BASE_URL / ZAI_BASE_URL   API base URL
  HTTPS_PROXY, NO_PROXY             proxy for HTTPS requests
  NO_COLOR                          no colours (bold, dim, inverse stay); a theme setting wins over it
  FORCE_COLOR                       0 no colours, 1 16, 2 256, 3 truecolor (as chalk reads it)
  TERM                              dumb or unset: no chat screen (-p works); linux, vt100: plain drawing
  GLM_TUI_IDLE_TIMEOUT              as --idle-timeout

Exit codes
  0 success · 1 other error · 2 usage, no key or bad key · 3 key rejected · 4 balance or quota · 5 content filter
  6 network · 7 answer interrupted · 8 rate limited · 9 bad request or unknown model · 130 Ctrl+C · 141 reader closed
`;
}

export function commandHelp(name: string): string | undefined {
	const command = COMMANDS.find((each) => each.name === name);
	if (!command) return undefined;
	return `Usage\n${command.usage.map((line) => `  glm-tui ${line}`).join('\n')}\n\n${command.help}\n`;
}

/** A completion script for bash, zsh or fish; undefined for another shell. */
export function completionScript(shell: string): string | undefined {
	const longs = OPTIONS.map((option) => `--${option.long}`);
	const shorts = OPTIONS.flatMap((option) => (option.short ? [`-${option.short}`] : []));
	const names = COMMANDS.map((command) => command.name);
	const fileOptions = OPTIONS.filter((option) => option.file).flatMap((option) => [`--${option.long}`, ...(option.short ? [`-${option.short}`] : [])]);
	switch (shell) {
		case 'bash':
			return `# glm-tui completion for bash: source it, or save it as /etc/bash_completion.d/glm-tui
_glm_tui() {
	local cur=\${COMP_WORDS[COMP_CWORD]} prev=\${COMP_WORDS[COMP_CWORD-1]}
	case "$prev" in
		${fileOptions.join('|')}) COMPREPLY=($(compgen -f -- "$cur")); return ;;
${OPTIONS.filter((option) => option.choices).map((option) => `\t\t--${option.long}) COMPREPLY=($(compgen -W "${option.choices?.join(' ')}" -- "$cur")); return ;;`).join('\n')}
${COMMANDS.filter((command) => command.words).map((command) => `\t\t${command.name}) COMPREPLY=($(compgen -W "${command.words?.join(' ')}" -- "$cur")); return ;;`).join('\n')}
		import) COMPREPLY=($(compgen -f -- "$cur")); return ;;
	esac
	if [[ $cur == -* ]]; then
		COMPREPLY=($(compgen -W "${[...longs, ...shorts].join(' ')}" -- "$cur"))
	elif ((COMP_CWORD == 1)); then
		COMPREPLY=($(compgen -W "${names.join(' ')}" -- "$cur"))
	fi
}
complete -F _glm_tui glm-tui
`;
		case 'zsh':
			return `#compdef glm-tui
# glm-tui completion for zsh: save it as _glm-tui in a folder of your $fpath
_glm-tui() {
	_arguments -s \\
${OPTIONS.map((option) => {
	const description = option.help.replaceAll("'", "'\\''").replaceAll('[', '\\[').replaceAll(']', '\\]').replaceAll(':', '\\:');
	const value = option.value ? `:${option.value}:${option.file ? '_files' : option.choices ? `(${option.choices.join(' ')})` : ' '}` : '';
	const repeat = option.multiple ? "'*'" : '';
	const spec = `[${description}]${value}'`;
	return `\t\t${option.short ? `${repeat}{-${option.short},--${option.long}}'${spec}` : `${repeat}'--${option.long}${spec}`} \\`;
}).join('\n')}
		'1:command:(${names.join(' ')})' \\
		'*::argument:_files'
}
_glm-tui "$@"
`;
		case 'fish':
			return `# glm-tui completion for fish: save it as ~/.config/fish/completions/glm-tui.fish
complete -c glm-tui -f
${COMMANDS.map((command) => `complete -c glm-tui -n __fish_use_subcommand -a ${command.name} -d ${fishQuote(command.help)}`).join('\n')}
${OPTIONS.map(
	(option) =>
		`complete -c glm-tui${option.short ? ` -s ${option.short}` : ''} -l ${option.long}${option.value ? (option.file ? ' -r -F' : ' -r') : ''}${option.choices ? ` -a ${fishQuote(option.choices.join(' '))}` : ''} -d ${fishQuote(option.help)}`,
).join('\n')}
${COMMANDS.filter((command) => command.words).map((command) => `complete -c glm-tui -n '__fish_seen_subcommand_from ${command.name}' -a ${fishQuote(command.words?.join(' ') ?? '')}`).join('\n')}
complete -c glm-tui -n '__fish_seen_subcommand_from import' -F
`;
		default:
			return undefined;
	}
}

const fishQuote = (text: string) => `'${text.replaceAll('\\', '\\\\').replaceAll("'", "\\'")}'`;

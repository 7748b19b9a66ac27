// The command line as data: parseArgs, `--help`, `glm-tui help COMMAND` and the shell completions are all made
// from these two tables, so none of them can list an option the others lack. Each entry carries its help in
// English and Chinese; the shell completions stay English (they are generated once and saved to a file).
import {currentLanguage} from './i18n/language.js';

export interface OptionSpec {
	long: string;
	short?: string;
	/** Name of the value in the help (`TEXT`); none for a switch. */
	value?: string;
	multiple?: boolean;
	help: string;
	/** The help in Chinese. */
	zh: string;
	/** Values the shell may complete. */
	choices?: readonly string[];
	/** The value is a file path. */
	file?: boolean;
}

export const OPTIONS: readonly OptionSpec[] = [
	{
		long: 'prompt',
		short: 'p',
		value: 'TEXT',
		help: 'the question (one-shot mode); "-" or nothing reads it from stdin',
		zh: '问题（单次提问模式）；写 "-" 或不写则从标准输入读取',
	},
	{
		long: 'file',
		short: 'f',
		value: 'PATH',
		multiple: true,
		file: true,
		help: 'attach a text file (repeatable; up to 256 KB each)',
		zh: '附加一个文本文件（可重复；每个最多 256 KB）',
	},
	{
		long: 'continue',
		short: 'c',
		value: 'NAME|N',
		help: 'ask inside a saved conversation (its history and settings), saving the turn',
		zh: '在已保存的对话里提问（沿用其历史和设置），并保存这一轮',
	},
	{long: 'new', value: 'NAME', help: 'start a saved conversation with this question', zh: '用这个问题新建一个已保存的对话'},
	{
		long: 'model',
		short: 'm',
		value: 'NAME',
		help: 'model, e.g. glm-4.6, glm-4.5-air, glm-4-flash (glm-tui models)',
		zh: '模型，例如 glm-4.6、glm-4.5-air、glm-4-flash（见 glm-tui models）',
	},
	{long: 'system', short: 's', value: 'TEXT', help: 'system prompt', zh: '系统提示词'},
	{long: 'temperature', short: 't', value: 'X', help: '0.01 .. 1', zh: '0.01 .. 1'},
	{
		long: 'thinking',
		value: 'on|off',
		choices: ['on', 'off'],
		help: 'ask GLM-4.5+ to think first (or not)',
		zh: '让 GLM-4.5 及以上先思考（或不思考）',
	},
	{
		long: 'no-reasoning',
		help: "do not print the model's reasoning (one-shot prints it dimmed on stderr)",
		zh: '不输出模型的思考过程（单次提问时默认以暗色输出到 stderr）',
	},
	{
		long: 'json',
		help: 'with -p: one JSON object (answer, reasoning, usage, finish_reason); with list/export/trash: JSON',
		zh: '与 -p 一起：输出一个 JSON 对象（answer、reasoning、usage、finish_reason）；与 list/export/trash 一起：输出 JSON',
	},
	{
		long: 'base-url',
		value: 'URL',
		help: 'API base, e.g. https://api.z.ai/api/paas/v4',
		zh: 'API 地址，例如 https://open.bigmodel.cn/api/paas/v4',
	},
	{
		long: 'idle-timeout',
		value: 'S',
		help: 'give up an answer after S seconds of silence (default 30, 0: never)',
		zh: '回答沉默 S 秒后放弃（默认 30，0 表示不限）',
	},
	{long: 'output', short: 'o', value: 'FILE', file: true, help: 'with export: write to FILE', zh: '与 export 一起：写入 FILE'},
	{long: 'name', value: 'NAME', help: "with import: the conversation's name", zh: '与 import 一起：对话的名字'},
	{
		long: 'web',
		help: 'let GLM search the web (its web_search tool); the sources go to stderr, or to "sources" with --json',
		zh: '让 GLM 联网搜索（它自带的 web_search 工具）；来源输出到 stderr，用 --json 时在 "sources" 里',
	},
	{long: 'verbose', short: 'v', help: 'print token usage and retries on stderr', zh: '在 stderr 输出 token 用量和重试信息'},
	{long: 'help', short: 'h', help: 'this help; glm-tui help COMMAND for one command', zh: '本帮助；glm-tui help 命令 查看单个命令'},
	{long: 'version', short: 'V', help: 'version', zh: '版本号'},
];

export interface CommandSpec {
	name: string;
	usage: readonly string[];
	help: string;
	/** The usage lines and help in Chinese. */
	zh: {usage?: readonly string[]; help: string};
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
		zh: {
			usage: [
				'config set key                 保存 API 密钥（从标准输入读取，绝不从命令行读取）',
				'config set 名称 值             base-url、model、system、temperature、thinking、language、theme、detached-limit',
				'config get [名称]              当前生效的值，以及每个值的来源',
				'config unset 名称              恢复默认',
				'config path                    设置文件的位置',
			],
			help: '所有对话和单次提问共用的设置。环境变量和命令行选项优先于它们。',
		},
		words: ['set', 'get', 'unset', 'path'],
	},
	{
		name: 'list',
		usage: ['list [--json]'],
		help: 'The saved conversations, numbered as in the chat screen (Alt+1..9, /open N).',
		zh: {help: '已保存的对话，编号与聊天界面一致（Alt+1..9、/open N）。'},
	},
	{
		name: 'export',
		usage: ['export NAME|N [--json] [-o FILE]'],
		help: 'A conversation as Markdown (or, with --json, the whole conversation in the format import reads back).',
		zh: {help: '把一个对话导出为 Markdown（加 --json 则是完整对话，可被 import 读回）。'},
	},
	{
		name: 'import',
		usage: ['import FILE [--name NAME]'],
		help: 'Bring a conversation back from an export (JSON or Markdown), a rescue file, or an OpenAI-style message list.',
		zh: {help: '从导出文件（JSON 或 Markdown）、抢救文件或 OpenAI 格式的消息列表恢复一个对话。'},
	},
	{
		name: 'trash',
		usage: [
			'trash [--json]                 deleted conversations (kept 30 days), newest first',
			'trash restore N|NAME           bring one back (under another name if its own is taken)',
			'trash empty                    remove everything in the trash for good',
		],
		help: 'A deleted conversation goes to the trash for 30 days; /undo in the chat or trash restore brings it back.',
		zh: {
			usage: [
				'trash [--json]                 已删除的对话（保留 30 天），最新的在前',
				'trash restore 编号|名字        恢复一个（名字被占用时换个名字）',
				'trash empty                    彻底清空回收站',
			],
			help: '删除的对话会在回收站保留 30 天；聊天里的 /undo 或 trash restore 可以恢复。',
		},
		words: ['restore', 'empty'],
	},
	{
		name: 'models',
		usage: ['models'],
		help: 'The known GLM models and their context windows (any other name works too).',
		zh: {help: '已知的 GLM 模型及其上下文窗口（其他模型名也可以用）。'},
	},
	{
		name: 'completion',
		usage: ['completion bash|zsh|fish'],
		help: 'A shell completion script, e.g. glm-tui completion bash > /etc/bash_completion.d/glm-tui',
		zh: {help: 'shell 补全脚本，例如 glm-tui completion bash > /etc/bash_completion.d/glm-tui'},
		words: ['bash', 'zsh', 'fish'],
	},
	{name: 'help', usage: ['help [COMMAND]'], help: "This help, or one command's.", zh: {help: '本帮助，或某个命令的帮助。'}},
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

const helpOf = (option: OptionSpec) => (currentLanguage() === 'zh' ? option.zh : option.help);
const usageOf = (command: CommandSpec) => (currentLanguage() === 'zh' ? (command.zh.usage ?? command.usage) : command.usage);

export function mainHelp(version: string): string {
	const width = Math.max(...OPTIONS.map((option) => optionLabel(option).length)) + 2;
	const commands = COMMANDS.flatMap((command) => usageOf(command).map((line) => `  glm-tui ${line}`)).join('\n');
	const options = OPTIONS.map((option) => `  ${optionLabel(option).padEnd(width)} ${helpOf(option)}`).join('\n');
	if (currentLanguage() === 'zh') {
		return `glm-tui ${version} — 在终端里与智谱 GLM 模型对话

用法
  glm-tui                       打开全屏聊天界面（上次的对话）
  glm-tui -p "问题"             单次提问，回答流式输出到 stdout
  echo "问题" | glm-tui         同上，问题从标准输入读取
  git diff | glm-tui -p "审阅这段改动"     标准输入与问题一起发送
  glm-tui -c 2 -p "然后呢？"    继续已保存的第 2 个对话
${commands}

选项
${options}

环境变量
  ZHIPUAI_API_KEY / ZAI_API_KEY     API 密钥 "<id>.<secret>"（只使用，不保存）
  ZHIPUAI_BASE_URL / ZAI_BASE_URL   API 地址
  HTTPS_PROXY, NO_PROXY             HTTPS 请求的代理
  NO_COLOR                          不使用颜色（粗体、暗色、反色保留）；theme 设置优先于它
  FORCE_COLOR                       0 无颜色，1 16 色，2 256 色，3 真彩色（与 chalk 的读法相同）
  TERM                              dumb 或未设置：没有聊天界面（-p 可用）；linux、vt100：简单绘制
  GLM_TUI_IDLE_TIMEOUT              同 --idle-timeout
  LC_ALL / LC_MESSAGES / LANG       界面语言（zh_* 为中文；glm-tui config set language 优先）

退出码
  0 成功 · 1 其他错误 · 2 用法错误、没有密钥或密钥格式错误 · 3 密钥被拒绝 · 4 余额或额度不足 · 5 内容审核
  6 网络 · 7 回答中断 · 8 请求过于频繁 · 9 请求错误或未知模型 · 130 Ctrl+C · 141 读取端已关闭
`;
	}
	return `glm-tui ${version} — chat with Zhipu GLM models in the terminal

Usage
  glm-tui                       open the full-screen chat (last conversation)
  glm-tui -p "question"         one question, answer streamed to stdout
  echo "question" | glm-tui     the same, question read from stdin
  git diff | glm-tui -p "review this"     stdin and the question together
  glm-tui -c 2 -p "and then?"   continue saved conversation 2
${commands}

Options
${options}

Environment
  ZHIPUAI_API_KEY / ZAI_API_KEY     API key "<id>.<secret>" (used, never saved)
  ZHIPUAI_BASE_URL / ZAI_BASE_URL   API base URL
  HTTPS_PROXY, NO_PROXY             proxy for HTTPS requests
  NO_COLOR                          no colours (bold, dim, inverse stay); a theme setting wins over it
  FORCE_COLOR                       0 no colours, 1 16, 2 256, 3 truecolor (as chalk reads it)
  TERM                              dumb or unset: no chat screen (-p works); linux, vt100: plain drawing
  GLM_TUI_IDLE_TIMEOUT              as --idle-timeout
  LC_ALL / LC_MESSAGES / LANG       interface language (zh_* is Chinese; glm-tui config set language wins)

Exit codes
  0 success · 1 other error · 2 usage, no key or bad key · 3 key rejected · 4 balance or quota · 5 content filter
  6 network · 7 answer interrupted · 8 rate limited · 9 bad request or unknown model · 130 Ctrl+C · 141 reader closed
`;
}

export function commandHelp(name: string): string | undefined {
	const command = COMMANDS.find((each) => each.name === name);
	if (!command) return undefined;
	const zh = currentLanguage() === 'zh';
	return `${zh ? '用法' : 'Usage'}\n${usageOf(command)
		.map((line) => `  glm-tui ${line}`)
		.join('\n')}\n\n${zh ? command.zh.help : command.help}\n`;
}

/** A completion script for bash, zsh or fish; undefined for another shell. */
export function completionScript(shell: string): string | undefined {
	const longs = OPTIONS.map((option) => `--${option.long}`);
	const shorts = OPTIONS.flatMap((option) => (option.short ? [`-${option.short}`] : []));
	const names = COMMANDS.map((command) => command.name);
	const fileOptions = OPTIONS.filter((option) => option.file).flatMap((option) => [
		`--${option.long}`,
		...(option.short ? [`-${option.short}`] : []),
	]);
	switch (shell) {
		case 'bash':
			return `# glm-tui completion for bash: source it, or save it as /etc/bash_completion.d/glm-tui
_glm_tui() {
	local cur=\${COMP_WORDS[COMP_CWORD]} prev=\${COMP_WORDS[COMP_CWORD-1]}
	case "$prev" in
		${fileOptions.join('|')}) COMPREPLY=($(compgen -f -- "$cur")); return ;;
${OPTIONS.filter((option) => option.choices)
	.map((option) => `\t\t--${option.long}) COMPREPLY=($(compgen -W "${option.choices?.join(' ')}" -- "$cur")); return ;;`)
	.join('\n')}
${COMMANDS.filter((command) => command.words)
	.map((command) => `\t\t${command.name}) COMPREPLY=($(compgen -W "${command.words?.join(' ')}" -- "$cur")); return ;;`)
	.join('\n')}
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
${COMMANDS.filter((command) => command.words)
	.map((command) => `complete -c glm-tui -n '__fish_seen_subcommand_from ${command.name}' -a ${fishQuote(command.words?.join(' ') ?? '')}`)
	.join('\n')}
complete -c glm-tui -n '__fish_seen_subcommand_from import' -F
`;
		default:
			return undefined;
	}
}

const fishQuote = (text: string) => `'${text.replaceAll('\\', '\\\\').replaceAll("'", "\\'")}'`;

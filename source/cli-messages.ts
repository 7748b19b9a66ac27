// What the command line itself says (usage errors, `config` output), in English and Simplified Chinese.
import {defineMessages, plural} from './i18n/catalog.js';

export const cliText = defineMessages(
	'cli',
	{
		seeHelp: (message: string) => `${message}. See glm-tui --help.`,
		noCommand: (topic: string, commands: string) => `No command "${topic}". Commands: ${commands}.`,
		completionUsage: 'Usage: glm-tui completion bash|zsh|fish',
		unknownCommand: (command: string) => `Unknown command "${command}". To ask a question use: glm-tui -p "${command}"`,
		jsonWhere: '--json goes with -p (one question) or with list / export / trash.',
		notATerminal: 'stdout is not a terminal: the chat needs one. For scripts use: glm-tui -p "question" > answer.txt',
		continueOrNew: '-c continues a conversation, --new starts one: give one of them.',
		newNeedsName: '--new needs a name.',
		savedBaseUrl: 'the saved base-url (glm-tui config set base-url)',
		badBaseUrl: (from: string, url: string) =>
			`${from} "${url}" is not an http(s) URL. Give the whole address with its scheme, e.g. https://api.z.ai/api/paas/v4`,
		badTemperature: (value: string) => `--temperature must be a number in (0, 1], got "${value}".`,
		badThinking: (value: string) => `--thinking takes on or off, got "${value}".`,
	},
	{
		seeHelp: (message: string) => `${message}。见 glm-tui --help。`,
		noCommand: (topic: string, commands: string) => `没有命令“${topic}”。可用命令：${commands}。`,
		completionUsage: '用法：glm-tui completion bash|zsh|fish',
		unknownCommand: (command: string) => `未知命令“${command}”。要提问请用：glm-tui -p "${command}"`,
		jsonWhere: '--json 只能与 -p（单次提问）或 list / export / trash 一起用。',
		notATerminal: '标准输出不是终端：聊天界面需要终端。脚本中请用：glm-tui -p "问题" > answer.txt',
		continueOrNew: '-c 续写已有对话，--new 新建对话：二者只能选一个。',
		newNeedsName: '--new 需要一个名字。',
		savedBaseUrl: '已保存的 base-url（glm-tui config set base-url）',
		badBaseUrl: (from: string, url: string) =>
			`${from}“${url}”不是 http(s) 地址。请写出带协议的完整地址，例如 https://open.bigmodel.cn/api/paas/v4`,
		badTemperature: (value: string) => `--temperature 必须是 (0, 1] 之间的数，收到的是“${value}”。`,
		badThinking: (value: string) => `--thinking 只接受 on 或 off，收到的是“${value}”。`,
	},
);

export const configText = defineMessages(
	'config',
	{
		usage:
			'Usage: glm-tui config set key | set NAME VALUE (base-url, model, system, temperature, thinking, idle-timeout, detached-limit, theme, language) | get [NAME] | unset NAME | path',
		unknownSetting: (name: string, usage: string) => `Unknown setting "${name}". ${usage}`,
		notSet: 'not set',
		notSetValue: '(not set)',
		sourceFile: 'config file',
		sourceDefault: 'default',
		sourceLocale: 'locale',
		removed: (name: string, file: string) => `${name} removed from ${file}`,
		keyOnCommandLine:
			'Refusing to take the key from the command line (it would stay in your shell history). Run `glm-tui config set key` and paste it, or pipe it in.',
		pasteKey: 'Paste your GLM API key (id.secret): ',
		savedKey: (masked: string, file: string) => `Saved key ${masked} to ${file} (mode 600).`,
		needsValue: (name: string, usage: string) => `config set ${name} needs a value. ${usage}`,
		saved: (name: string, value: string) => `Saved ${name} = ${value}`,
		savedDefault: (name: string, value: string) => `Saved ${name} = ${value} (the default for new conversations and one-shot questions)`,
		badUrl: (value: string) => `"${value}" is not an http(s) URL, e.g. https://api.z.ai/api/paas/v4`,
		badTemperature: (value: string) => `temperature is a number in (0, 1], e.g. 0.6; got "${value}".`,
		badThinking: (value: string) => `thinking is on or off; got "${value}". (glm-tui config unset thinking: let each model decide.)`,
		badDetachedLimit: (value: string) => `detached-limit is a number of minutes (0 or more), e.g. 10; got "${value}".`,
		badLanguage: (value: string) => `language is zh, en or auto (follow the locale); got "${value}".`,
		cancelled: 'Cancelled.',
	},
	{
		usage:
			'用法：glm-tui config set key | set 名称 值（base-url、model、system、temperature、thinking、idle-timeout、detached-limit、theme、language）| get [名称] | unset 名称 | path',
		unknownSetting: (name: string, usage: string) => `没有设置项“${name}”。${usage}`,
		notSet: '未设置',
		notSetValue: '（未设置）',
		sourceFile: '配置文件',
		sourceDefault: '默认值',
		sourceLocale: '系统语言环境',
		removed: (name: string, file: string) => `已从 ${file} 删除 ${name}`,
		keyOnCommandLine: '不从命令行接收密钥（它会留在 shell 历史里）。请运行 `glm-tui config set key` 后粘贴，或用管道传入。',
		pasteKey: '请粘贴 GLM API 密钥（id.secret）：',
		savedKey: (masked: string, file: string) => `密钥 ${masked} 已保存到 ${file}（权限 600）。`,
		needsValue: (name: string, usage: string) => `config set ${name} 需要一个值。${usage}`,
		saved: (name: string, value: string) => `已保存 ${name} = ${value}`,
		savedDefault: (name: string, value: string) => `已保存 ${name} = ${value}（新对话和单次提问的默认值）`,
		badUrl: (value: string) => `“${value}”不是 http(s) 地址，例如 https://open.bigmodel.cn/api/paas/v4`,
		badTemperature: (value: string) => `temperature 是 (0, 1] 之间的数，例如 0.6；收到的是“${value}”。`,
		badThinking: (value: string) => `thinking 只能是 on 或 off；收到的是“${value}”。（glm-tui config unset thinking：由各模型自己决定。）`,
		badDetachedLimit: (value: string) => `detached-limit 是分钟数（0 或更大），例如 10；收到的是“${value}”。`,
		badLanguage: (value: string) => `language 只能是 zh、en 或 auto（跟随系统语言环境）；收到的是“${value}”。`,
		cancelled: '已取消。',
	},
);

export const conversationText = defineMessages(
	'conversations',
	{
		none: 'No conversations yet. Start one with: glm-tui\n',
		row: (number: string, name: string, id: string, count: number, time: string) =>
			`${number}  ${name}  (${id}, ${plural(count, 'message')}, ${time})\n`,
		exportUsage: 'Usage: glm-tui export NAME|NUMBER [--json] [-o FILE]',
		notFound: (query: string) => `No conversation named "${query}". glm-tui list shows them.`,
		wrote: (file: string) => `Wrote ${file}\n`,
		importUsage: 'Usage: glm-tui import FILE [--name NAME]',
		cannotRead: (file: string, reason: string) => `Cannot read ${file}: ${reason}.`,
		imported: (count: number, name: string, number: number, id: string) =>
			`Imported ${plural(count, 'message')} into "${name}" (number ${number}, id ${id}).\n`,
		renamed: (wanted: string, name: string) => `Another conversation is named "${wanted}": this one is "${name}".\n`,
	},
	{
		none: '还没有对话。用 glm-tui 开始一个。\n',
		row: (number: string, name: string, id: string, count: number, time: string) =>
			`${number}  ${name}  （${id}，${count} 条消息，${time}）\n`,
		exportUsage: '用法：glm-tui export 名字|编号 [--json] [-o 文件]',
		notFound: (query: string) => `没有名为“${query}”的对话。glm-tui list 可以列出全部对话。`,
		wrote: (file: string) => `已写入 ${file}\n`,
		importUsage: '用法：glm-tui import 文件 [--name 名字]',
		cannotRead: (file: string, reason: string) => `无法读取 ${file}：${reason}。`,
		imported: (count: number, name: string, number: number, id: string) =>
			`已导入 ${count} 条消息到“${name}”（第 ${number} 个，id ${id}）。\n`,
		renamed: (wanted: string, name: string) => `已有对话叫“${wanted}”：这个改名为“${name}”。\n`,
	},
);

export const oneShotText = defineMessages(
	'oneshot',
	{
		noKey:
			'No API key. Set ZHIPUAI_API_KEY, or save one with `glm-tui config set key` (reads it from stdin). Get a key at https://open.bigmodel.cn/usercenter/apikeys',
		retrying: (seconds: string) => `Retrying in ${seconds} s…`,
		tokens: (prompt: number, completion: number, total: number) => `tokens: ${prompt} prompt + ${completion} completion = ${total}\n`,
		cutOff: 'the answer was cut off at the token limit (finish_reason: length).',
		withdrawn: 'GLM withdrew this answer: its content filter flagged it (finish_reason: sensitive).',
		stopped: 'GLM stopped mid-answer because of a service-side network error; what arrived is above. Try again.',
		stoppedJson: 'GLM stopped mid-answer because of a service-side network error; what arrived is in "answer". Try again.',
		tooLong: "The conversation no longer fits the model's context window.",
		otherFinish: (reason: string) => `the answer ended with finish_reason "${reason}".`,
		sources: 'sources (GLM web search):',
	},
	{
		noKey:
			'没有 API 密钥。请设置 ZHIPUAI_API_KEY，或用 `glm-tui config set key` 保存（从标准输入读取）。密钥在 https://open.bigmodel.cn/usercenter/apikeys 获取',
		retrying: (seconds: string) => `${seconds} 秒后重试…`,
		tokens: (prompt: number, completion: number, total: number) => `token：提问 ${prompt} + 回答 ${completion} = ${total}\n`,
		cutOff: '回答达到 token 上限被截断（finish_reason: length）。',
		withdrawn: 'GLM 撤回了这个回答：内容审核拦截了它（finish_reason: sensitive）。',
		stopped: 'GLM 因服务端网络错误在回答中途停止；已收到的内容在上面。请重试。',
		stoppedJson: 'GLM 因服务端网络错误在回答中途停止；已收到的内容在 "answer" 里。请重试。',
		tooLong: '对话已超出模型的上下文窗口。',
		otherFinish: (reason: string) => `回答以 finish_reason "${reason}" 结束。`,
		sources: '来源（GLM 联网搜索）：',
	},
);

export const questionText = defineMessages(
	'question',
	{
		stdinIsTerminal: '-p - reads the question from stdin, but stdin is a terminal. Pipe the question in, or give it after -p.',
		empty: 'The question is empty.',
		filesOnly: 'The files are attached, but there is no question: add one with -p "...".',
		noNumberNone: (query: string) => `There is no conversation ${query}: glm-tui list shows none yet.`,
		noNumber: (query: string, count: number) => `There is no conversation ${query}: glm-tui list shows 1 to ${count}.`,
	},
	{
		stdinIsTerminal: '-p - 从标准输入读取问题，但标准输入是终端。请用管道传入问题，或把问题写在 -p 后面。',
		empty: '问题是空的。',
		filesOnly: '附加了文件，但没有问题：请用 -p "..." 加上问题。',
		noNumberNone: (query: string) => `没有第 ${query} 个对话：glm-tui list 显示还没有对话。`,
		noNumber: (query: string, count: number) => `没有第 ${query} 个对话：glm-tui list 显示的是 1 到 ${count}。`,
	},
);

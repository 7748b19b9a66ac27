// What importing a file says when it cannot, or what it changed on the way, in English and Simplified Chinese.
import {defineMessages, plural} from '../i18n/catalog.js';

export const transferText = defineMessages(
	'transfer',
	{
		empty: 'The file is empty.',
		notConversation: (problem: string, file: string) =>
			`Not a conversation: not JSON (${problem}), nor glm-tui's Markdown export (${file}).`,
		badVersion: (version: string) => `The file's format version (${version}) is not one glm-tui writes.`,
		newerVersion: (version: number, ours: number) =>
			`The file was written by a newer glm-tui (exchange format version ${version}); this one reads version ${ours}. Update glm-tui to import it.`,
		noMessages: 'The conversation has no `messages` list.',
		notObject: (number: number) => `Message ${number} is not an object.`,
		badRole: (number: number) => `Message ${number}: role must be a word such as user or assistant.`,
		renumbered: (count: number) => `${plural(count, 'message')} had an id used twice and got a new one.`,
		badTemperature: (value: string) => `The temperature (${value}) is not a number: left at the model's default.`,
		badThinking: 'The thinking setting is not "enabled" or "disabled": left at the model\'s default.',
		systemNotText: 'The system prompt is not text: left out.',
		draftNotText: 'The draft is not text: left out.',
		historyRole: (number: number, role: string) => `Message ${number}: role must be user, assistant or system, got ${role}.`,
		toolsLeftOut: (count: number) =>
			`Left out ${plural(count, 'tool message')} (tool calls and their results): glm-tui does not call tools.`,
		noMessagesHeld: 'The file holds no messages.',
		badContent: (number: number) => `Message ${number}: content must be text or a list of text parts.`,
		partsLeftOut: (count: number, types: string) => `Left out ${plural(count, 'non-text part')} (${types}): only text is imported.`,
	},
	{
		empty: '文件是空的。',
		notConversation: (problem: string, file: string) => `不是对话：既不是 JSON（${problem}），也不是 glm-tui 导出的 Markdown（${file}）。`,
		badVersion: (version: string) => `文件的格式版本（${version}）不是 glm-tui 写出的版本。`,
		newerVersion: (version: number, ours: number) =>
			`这个文件由更新版本的 glm-tui 写入（交换格式版本 ${version}）；这个版本只能读版本 ${ours}。请升级 glm-tui 后再导入。`,
		noMessages: '对话中没有 `messages` 列表。',
		notObject: (number: number) => `第 ${number} 条消息不是对象。`,
		badRole: (number: number) => `第 ${number} 条消息：role 必须是一个词，例如 user 或 assistant。`,
		renumbered: (count: number) => `有 ${count} 条消息的 id 重复，已换成新的 id。`,
		badTemperature: (value: string) => `温度（${value}）不是数字：改用模型默认值。`,
		badThinking: '思考设置既不是 "enabled" 也不是 "disabled"：改用模型默认值。',
		systemNotText: '系统提示词不是文本：已略去。',
		draftNotText: '草稿不是文本：已略去。',
		historyRole: (number: number, role: string) => `第 ${number} 条消息：role 必须是 user、assistant 或 system，收到的是 ${role}。`,
		toolsLeftOut: (count: number) => `略去了 ${count} 条工具消息（工具调用及其结果）：glm-tui 不调用工具。`,
		noMessagesHeld: '文件中没有消息。',
		badContent: (number: number) => `第 ${number} 条消息：content 必须是文本或文本片段的列表。`,
		partsLeftOut: (count: number, types: string) => `略去了 ${count} 个非文本片段（${types}）：只导入文本。`,
	},
);

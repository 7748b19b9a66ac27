// What starting the chat screen says before or around the first frame, in English and Simplified Chinese.
import {defineMessages} from './i18n/catalog.js';

export const interactiveText = defineMessages(
	'interactive',
	{
		needsFullScreen: (term: string) =>
			`the chat needs a full-screen terminal (${term}). Set TERM (e.g. xterm-256color), or ask one question with: glm-tui -p "question"`,
		termNotSet: 'TERM is not set',
		warning: (text: string) => `Warning: ${text}`,
		keyNotSaved: (reason: string) => `The key is used for this session but could not be saved: ${reason}.`,
		readOnly: (dir: string, reason: string) =>
			`Read-only: cannot save in ${dir}: ${reason}. Conversations can be read; new questions, new conversations, renames and deletions are refused until that changes.`,
	},
	{
		needsFullScreen: (term: string) =>
			`聊天界面需要全屏终端（${term}）。请设置 TERM（例如 xterm-256color），或用 glm-tui -p "问题" 单次提问。`,
		termNotSet: '未设置 TERM',
		warning: (text: string) => `警告：${text}`,
		keyNotSaved: (reason: string) => `密钥在本次会话中有效，但无法保存：${reason}。`,
		readOnly: (dir: string, reason: string) =>
			`只读：无法在 ${dir} 中保存：${reason}。对话可以阅读；在此之前，新的提问、新建、重命名和删除对话都会被拒绝。`,
	},
);

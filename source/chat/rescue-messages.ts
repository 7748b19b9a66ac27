// What quitting says about a conversation it could not save, in English and Simplified Chinese.
import {defineMessages} from '../i18n/catalog.js';

export const rescueText = defineMessages(
	'rescue',
	{
		copied: (name: string, reason: string, file: string, command: string) =>
			`glm-tui: could not save "${name}": ${reason}. A copy is in ${file}; bring it back with: ${command}`,
		nowhere: (name: string, reason: string, directory: string, why: string) =>
			`glm-tui: could not save "${name}": ${reason}, nor a copy in ${directory}: ${why}.`,
		lastMessage: (role: string) => ` Its last message (${role}):`,
	},
	{
		copied: (name: string, reason: string, file: string, command: string) =>
			`glm-tui：无法保存“${name}”：${reason}。副本在 ${file}；用这条命令找回：${command}`,
		nowhere: (name: string, reason: string, directory: string, why: string) =>
			`glm-tui：无法保存“${name}”：${reason}，也无法在 ${directory} 写入副本：${why}。`,
		lastMessage: (role: string) => ` 它的最后一条消息（${role}）：`,
	},
);

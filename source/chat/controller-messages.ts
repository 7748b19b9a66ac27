// What the chat controller says to people (notices in the status line), in English and Simplified Chinese.
import {defineMessages} from '../i18n/catalog.js';

export const controllerText = defineMessages(
	'controller',
	{
		stillStreaming: 'An answer is still being written: Esc stops it.',
		noKey: 'No API key yet: use /key to add one.',
		nothingToRegenerate: 'Nothing to regenerate yet.',
		finishingElsewhere: 'Another glm-tui is still finishing the last answer here; it shows as it arrives.',
		noSuchConversation: (number: number) => `There is no conversation ${number}.`,
		couldNotDelete: (name: string, reason: string) => `Could not delete "${name}": ${reason}. It is still there.`,
		couldNotSave: (name: string, reason: string, consequence: string) => `Could not save "${name}": ${reason}. ${consequence}`,
		savedLater: 'It stays open here and is saved again with the next change.',
		notSent: 'The message was not sent; it is still in the input.',
		checkpointLater: 'It stays open here; what arrives is saved again in a few seconds.',
		deletedElsewhere: (name: string) => `"${name}" was deleted in another glm-tui.`,
		finishedDetached: 'The last answer finished after the connection dropped.',
		/** A notice about a conversation not in view starts with its name. */
		inConversation: (name: string, text: string) => `"${name}": ${text}`,
	},
	{
		stillStreaming: '回答仍在生成中：按 Esc 停止。',
		noKey: '还没有 API 密钥：用 /key 添加。',
		nothingToRegenerate: '还没有可以重新生成的回答。',
		finishingElsewhere: '另一个 glm-tui 仍在完成这里的上一个回答，内容到达后会显示。',
		noSuchConversation: (number: number) => `没有第 ${number} 个对话。`,
		couldNotDelete: (name: string, reason: string) => `无法删除“${name}”：${reason}。对话仍然保留。`,
		couldNotSave: (name: string, reason: string, consequence: string) => `无法保存“${name}”：${reason}。${consequence}`,
		savedLater: '对话仍在这里打开，下次有改动时会再次保存。',
		notSent: '消息没有发送，仍留在输入框中。',
		checkpointLater: '对话仍在这里打开，新到达的内容几秒后会再次保存。',
		deletedElsewhere: (name: string) => `“${name}”已在另一个 glm-tui 中删除。`,
		finishedDetached: '上一个回答在连接断开后才完成。',
		inConversation: (name: string, text: string) => `“${name}”：${text}`,
	},
);

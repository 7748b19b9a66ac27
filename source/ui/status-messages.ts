// The status line's and the composer's own words, in English and Simplified Chinese. Chinese words are two cells
// wide each, so these stay as short as the English (status-layout.ts fits them at 40 columns).
import {defineMessages} from '../i18n/catalog.js';

export const statusText = defineMessages(
	'status',
	{
		ready: 'ready',
		streaming: '● streaming',
		waiting: '● waiting',
		finishingElsewhere: '● finishing elsewhere',
		retry: (attempt: number, seconds: number) => `retry ${attempt} in ${seconds}s`,
		noKey: 'no key: /key',
		readOnly: 'read-only',
		help: 'F1 help',
		tokens: (count: string) => `${count} tok`,
		composer: 'Message GLM · Enter sends · Ctrl+J new line',
		composerStreaming: 'Esc stops the answer',
		findPlaceholder: 'text in this conversation',
	},
	{
		ready: '就绪',
		streaming: '● 输出中',
		waiting: '● 等待中',
		finishingElsewhere: '● 在别处完成',
		retry: (attempt: number, seconds: number) => `${seconds} 秒后第 ${attempt} 次重试`,
		noKey: '无密钥：/key',
		readOnly: '只读',
		help: 'F1 帮助',
		tokens: (count: string) => `${count} tok`,
		composer: '给 GLM 发消息 · Enter 发送 · Ctrl+J 换行',
		composerStreaming: 'Esc 停止回答',
		findPlaceholder: '在本对话中查找的文字',
	},
);

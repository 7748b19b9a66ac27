// What `glm-tui trash` prints, in English and Simplified Chinese.
import {defineMessages, plural} from './i18n/catalog.js';

const usage = 'glm-tui trash [restore N|NAME | empty]';

export const trashText = defineMessages(
	'trash',
	{
		empty: (days: number) => `The trash is empty. Deleted conversations stay there for ${days} days.`,
		kept: (days: number) =>
			`Kept ${days} days after deletion. glm-tui trash restore N|NAME brings one back; glm-tui trash empty removes them for good.`,
		restoreUsage: 'Usage: glm-tui trash restore N|NAME (glm-tui trash lists them).',
		noMatch: (query: string) => `Nothing in the trash matches "${query}". glm-tui trash lists it.`,
		restoredAs: (old: string, name: string, id: string, count: number) =>
			`Restored "${old}" as "${name}" (a conversation of that name exists): ${id}, ${plural(count, 'message')}.`,
		restored: (name: string, id: string, count: number) => `Restored "${name}": ${id}, ${plural(count, 'message')}.`,
		alreadyEmpty: 'The trash was already empty.',
		removed: (count: number) => `Removed ${plural(count, 'conversation')} from the trash for good:`,
		unknownAction: (action: string) => `Unknown trash action "${action}". Usage: ${usage}`,
		entry: (name: string, id: string, count: number, deleted: string) =>
			`${name}  (${id}, ${plural(count, 'message')}, deleted ${deleted})`,
	},
	{
		empty: (days: number) => `回收站是空的。删除的对话会在这里保留 ${days} 天。`,
		kept: (days: number) => `删除后保留 ${days} 天。glm-tui trash restore 编号|名称 可恢复；glm-tui trash empty 会永久删除。`,
		restoreUsage: '用法：glm-tui trash restore 编号|名称（glm-tui trash 可列出它们）。',
		noMatch: (query: string) => `回收站里没有与“${query}”匹配的对话。用 glm-tui trash 查看列表。`,
		restoredAs: (old: string, name: string, id: string, count: number) =>
			`已将“${old}”恢复为“${name}”（已有同名对话）：${id}，${count} 条消息。`,
		restored: (name: string, id: string, count: number) => `已恢复“${name}”：${id}，${count} 条消息。`,
		alreadyEmpty: '回收站本来就是空的。',
		removed: (count: number) => `已从回收站永久删除 ${count} 个对话：`,
		unknownAction: (action: string) => `未知的回收站操作“${action}”。用法：${usage}`,
		entry: (name: string, id: string, count: number, deleted: string) => `${name}  （${id}，${count} 条消息，删除于 ${deleted}）`,
	},
);

// The words of the picker, the problems screen and the one-line prompts, in English and Simplified Chinese.
import {defineMessages, plural} from '../../i18n/catalog.js';

export const pickerText = defineMessages(
	'picker',
	{
		title: 'Conversations',
		filter: 'Filter: ',
		filterPlaceholder: 'type to filter names and messages',
		noMatch: 'No conversation matches.',
		keys: 'Up/Down select · Enter open · Ctrl+R rename · Ctrl+X delete · Esc close',
		detail: (count: number, time: string) => `${count} msg · ${time}`,
	},
	{
		title: '对话',
		filter: '筛选：',
		filterPlaceholder: '输入文字筛选名称和消息',
		noMatch: '没有匹配的对话。',
		keys: 'Up/Down 选择 · Enter 打开 · Ctrl+R 重命名 · Ctrl+X 删除 · Esc 关闭',
		detail: (count: number, time: string) => `${count} 条 · ${time}`,
	},
);

export const problemsText = defineMessages(
	'problems',
	{
		title: (count: number, scrolls: boolean) =>
			`${plural(count, 'conversation file')} could not be used · Esc continues${scrolls ? ' · Up/Down scroll' : ''}`,
		nothingDeleted: 'Nothing was deleted: a file moved aside keeps its bytes, a file from a newer glm-tui is left as it is.',
	},
	{
		title: (count: number, scrolls: boolean) => `${count} 个对话文件无法使用 · Esc 继续${scrolls ? ' · Up/Down 滚动' : ''}`,
		nothingDeleted: '没有删除任何东西：移到一边的文件保留原样的字节，较新版本 glm-tui 的文件保持不动。',
	},
);

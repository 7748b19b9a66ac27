// What the store says to people (file errors), in English and Simplified Chinese.
import {defineMessages} from '../i18n/catalog.js';

export const storeText = defineMessages(
	'store',
	{
		diskFull: 'the disk is full (ENOSPC)',
		quota: 'the disk quota is used up (EDQUOT)',
		readOnly: (where: string) => `the file system is read-only${where} (EROFS)`,
		noPermission: (where: string, code: string) => `no permission to write there${where} (${code})`,
		notDir: (where: string) => `part of the path is a file, not a folder${where} (ENOTDIR)`,
		gone: (where: string) => `the folder is gone${where} (ENOENT)`,
		io: 'the disk reported an I/O error (EIO)',
	},
	{
		diskFull: '磁盘已满（ENOSPC）',
		quota: '磁盘配额已用完（EDQUOT）',
		readOnly: (where: string) => `文件系统是只读的${where}（EROFS）`,
		noPermission: (where: string, code: string) => `没有写入权限${where}（${code}）`,
		notDir: (where: string) => `路径中有一段是文件而不是文件夹${where}（ENOTDIR）`,
		gone: (where: string) => `文件夹不存在${where}（ENOENT）`,
		io: '磁盘报告了 I/O 错误（EIO）',
	},
);

/** What the conversations folder says about its files and names. */
export const conversationFileText = defineMessages(
	'conversation-files',
	{
		needsModel: 'A conversation needs a model name.',
		cannot: (action: string, reason: string) => `Cannot ${action}: ${reason}.`,
		create: 'create a conversation',
		import: 'import the conversation',
		rename: 'rename this conversation',
		delete: 'delete this conversation',
		restore: 'restore the conversation',
		notInTrash: (name: string) => `"${name}" is no longer in the trash.`,
		nameTaken: (position: number, name: string) => `Conversation ${position} is already named "${name}": choose another name.`,
		newerFormat: (file: string, version: string, ours: string) =>
			`Conversation file ${file} was written by a newer glm-tui (format ${version}); this one reads ${ours}. It was left untouched.`,
		cannotSave: (id: string, why: string) => `Cannot save conversation "${id}": ${why}`,
		unreadableKept: (id: string, why: string, reason: string) =>
			`Conversation "${id}" could not be read (${why}). It was left as it is: it could not be moved aside (${reason}).`,
		unreadableMoved: (id: string, why: string, movedTo: string) =>
			`Conversation "${id}" could not be read (${why}). Moved it to ${movedTo}.`,
		notFound: (id: string) => `There is no conversation "${id}" (it may have been deleted in another window).`,
		nameMissing: 'The name is missing.',
		nameEmpty: 'The name is empty.',
		nameTooLong: (limit: number) => `The name is longer than ${limit} characters.`,
		nameControls: 'The name contains control characters (such as a newline, tab or escape).',
		cannotSaveSetting: (key: string, why: string) => `Cannot save ${key}: ${why}`,
		badSettingsFile: (file: string, why: string) =>
			`Settings file ${file} is not valid (${why}). It was left untouched: fix it, or delete it to start over.`,
	},
	{
		needsModel: '对话需要一个模型名。',
		cannot: (action: string, reason: string) => `无法${action}：${reason}。`,
		create: '新建对话',
		import: '导入对话',
		rename: '重命名这个对话',
		delete: '删除这个对话',
		restore: '恢复对话',
		notInTrash: (name: string) => `“${name}”已不在回收站里。`,
		nameTaken: (position: number, name: string) => `第 ${position} 个对话已经叫“${name}”：请换一个名称。`,
		newerFormat: (file: string, version: string, ours: string) =>
			`对话文件 ${file} 由更新版本的 glm-tui 写入（格式 ${version}）；这个版本只能读 ${ours}。文件保持原样未动。`,
		cannotSave: (id: string, why: string) => `无法保存对话“${id}”：${why}`,
		unreadableKept: (id: string, why: string, reason: string) =>
			`无法读取对话“${id}”（${why}）。文件保持原样：无法把它移到一边（${reason}）。`,
		unreadableMoved: (id: string, why: string, movedTo: string) => `无法读取对话“${id}”（${why}）。已把它移到 ${movedTo}。`,
		notFound: (id: string) => `没有对话“${id}”（可能已在另一个窗口中删除）。`,
		nameMissing: '缺少名称。',
		nameEmpty: '名称是空的。',
		nameTooLong: (limit: number) => `名称超过了 ${limit} 个字符。`,
		nameControls: '名称中含有控制字符（例如换行、制表符或 Esc）。',
		cannotSaveSetting: (key: string, why: string) => `无法保存 ${key}：${why}`,
		badSettingsFile: (file: string, why: string) => `设置文件 ${file} 无效（${why}）。文件保持原样：请修正它，或删除它重新开始。`,
	},
);

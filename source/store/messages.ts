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

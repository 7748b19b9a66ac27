// What attaching a file says when it cannot (too big, binary, unreadable), in English and Simplified Chinese.
import {defineMessages, plural} from '../i18n/catalog.js';

export const attachmentText = defineMessages(
	'attachments',
	{
		folder: (name: string) => `${name} is a folder; attach the files in it one by one.`,
		tooBig: (name: string, size: string, limit: string) =>
			`${name} is ${size}; files up to ${limit} can be attached (cut out the part that matters, e.g. with tail or grep).`,
		unreadable: (name: string, why: string) => `Cannot read ${name}: ${why}.`,
		binary: (name: string) => `${name} is not a text file (binary content); only text files can be attached.`,
		tooMuch: (total: string, limit: string) => `The attached files add up to ${total}; one question can carry up to ${limit}.`,
		noSuchFile: 'no such file',
		permissionDenied: 'permission denied',
		notAFolder: 'a part of the path is not a folder',
		symlinkLoop: 'too many symbolic links',
		lineCount: (lines: number) => plural(lines, 'line'),
		waiting: (files: string) => `For the next question: ${files}. /file clear drops them.`,
		noneWaiting: 'No files wait for the next question. /file PATH attaches one; so does @path in a question.',
		dropped: (count: number) => `Dropped ${plural(count, 'file')}; the next question goes without them.`,
		fits: (count: number, names: string) => `${plural(count, 'name')} fit: ${names}`,
		noFit: (written: string) => `Nothing here starts with ${written}.`,
		listSeparator: ', ',
	},
	{
		folder: (name: string) => `${name} 是文件夹；请逐个附加其中的文件。`,
		tooBig: (name: string, size: string, limit: string) =>
			`${name} 有 ${size}；只能附加不超过 ${limit} 的文件（可以用 tail 或 grep 截取需要的部分）。`,
		unreadable: (name: string, why: string) => `无法读取 ${name}：${why}。`,
		binary: (name: string) => `${name} 不是文本文件（内容是二进制）；只能附加文本文件。`,
		tooMuch: (total: string, limit: string) => `附加的文件共 ${total}；一个问题最多只能附带 ${limit}。`,
		noSuchFile: '文件不存在',
		permissionDenied: '没有权限',
		notAFolder: '路径中的某一部分不是文件夹',
		symlinkLoop: '符号链接层数过多',
		lineCount: (lines: number) => `${lines} 行`,
		waiting: (files: string) => `将随下一个问题发送：${files}。/file clear 可取消。`,
		noneWaiting: '没有等待随下一个问题发送的文件。用 /file 路径 附加文件，或在问题里写 @路径。',
		dropped: (count: number) => `已取消 ${count} 个附件；下一个问题不带文件发送。`,
		fits: (count: number, names: string) => `有 ${count} 个匹配：${names}`,
		noFit: (written: string) => `这里没有以 ${written} 开头的文件。`,
		listSeparator: '、',
	},
);

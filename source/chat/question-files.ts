// The files a question carries: those `/file` set aside for it, then its `@path` mentions, each read once. Any
// file that cannot be attached stops the question before it is sent (its text stays in the composer), since an
// answer given without the file it was about is worse than none.
import type {AttachedFile} from '../domain/types.js';
import {AttachmentError, checkAttachedTotal, readAttachment} from './attachments.js';
import {mentionedFiles} from './mentions.js';

export type QuestionFiles = {files: AttachedFile[]} | {problem: string};

export function filesForQuestion(text: string, pending: readonly AttachedFile[], cwd: string, home?: string): QuestionFiles {
	const files = [...pending];
	try {
		for (const name of mentionedFiles(text, cwd, home)) {
			if (!files.some((file) => file.name === name)) files.push(readAttachment(name, cwd, home));
		}
		checkAttachedTotal(files);
	} catch (error) {
		if (error instanceof AttachmentError) return {problem: error.message};
		throw error;
	}
	return {files};
}

/** `/file a.log b.ts`: reads each (names as in mentions: `\ ` for a space); the first that cannot be read says why. */
export function readFiles(argument: string, cwd: string, home?: string): QuestionFiles {
	const names = argument
		.trim()
		.split(/(?<!\\)\s+/)
		.filter((name) => name !== '')
		.map((name) => name.replaceAll('\\ ', ' '));
	const files: AttachedFile[] = [];
	try {
		for (const name of names) if (!files.some((file) => file.name === name)) files.push(readAttachment(name, cwd, home));
		checkAttachedTotal(files);
	} catch (error) {
		if (error instanceof AttachmentError) return {problem: error.message};
		throw error;
	}
	return {files};
}

// `@path` in a question attaches that file (gemini-cli's convention). A mention is `@` at the start of the text
// or after a space or an opening bracket, then the path up to the next space; `\ ` writes a space inside a path
// (Tab completion writes it that way). Punctuation that ends a sentence is not part of the path ("see @a.log.").
import {statSync} from 'node:fs';
import path from 'node:path';
import {expandHome} from './attachments.js';

export interface Mention {
	/** Where `@` is, and the end of the mention, in the text. */
	start: number;
	end: number;
	/** The path as written, without `@` and with `\ ` as a space. */
	path: string;
}

const TRAILING = /[,;:!?)\]}'"，。；：！？）】」』、]+$/;

export function findMentions(text: string): Mention[] {
	const mentions: Mention[] = [];
	const pattern = /(^|[\s([{（【])@((?:\\ |[^\s])+)/g;
	for (let match = pattern.exec(text); match !== null; match = pattern.exec(text)) {
		const start = match.index + match[1]!.length;
		let written = match[2]!;
		written = written.replace(TRAILING, '');
		// A final dot ends the sentence unless the path then means nothing ("@notes." vs "@.env").
		if (written.length > 1 && written.endsWith('.') && !written.endsWith('..')) written = written.slice(0, -1);
		if (written === '' || written === '@') continue;
		mentions.push({start, end: start + 1 + written.length, path: written.replaceAll('\\ ', ' ')});
	}
	return mentions;
}

function exists(written: string, cwd: string, home?: string): boolean {
	try {
		statSync(path.resolve(cwd, expandHome(written, home)));
		return true;
	} catch {
		return false;
	}
}

/**
 * The paths to attach, in order, each once. `@name` that names nothing here is text (a handle, a decorator); one
 * that is plainly a path (a `/` in it, or `~` first) is kept even when it names nothing, so that reading it says
 * what is wrong before sending, rather than a question going out without the file it is about.
 */
export function mentionedFiles(text: string, cwd: string, home?: string): string[] {
	const files: string[] = [];
	for (const mention of findMentions(text)) {
		const pathLike = mention.path.includes('/') || mention.path.startsWith('~');
		if ((pathLike || exists(mention.path, cwd, home)) && !files.includes(mention.path)) files.push(mention.path);
	}
	return files;
}

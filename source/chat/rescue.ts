// A conversation that cannot be saved when glm-tui quits is written where it still can be, in the exchange
// format `glm-tui import` reads back losslessly (transfer.ts), and the person is told where: quitting never
// loses what was only in memory.
import os from 'node:os';
import path from 'node:path';
import {toJson} from './transfer.js';
import type {Conversation} from '../domain/types.js';
import {describeFileError} from '../store/errors.js';
import {writeNewFile} from '../store/verified-write.js';
import {sanitize, sanitizeLine} from '../text/sanitize.js';
import {rescueText as say} from './rescue-messages.js';

export interface FailedSave {
	conversation: Conversation;
	reason: string;
}

/** Writes a copy of each conversation into `directory` and returns one line per conversation for stderr. */
export function rescueUnsaved(failures: readonly FailedSave[], directory = os.tmpdir(), now = new Date()): string[] {
	const stamp = now.toISOString().replace(/[-:]/g, '').replace(/\..*$/, '');
	return failures.map(({conversation, reason}) => {
		const name = sanitizeLine(conversation.name);
		try {
			const file = writeNew(path.join(directory, `glm-tui-rescue-${conversation.id}-${stamp}`), toJson(conversation));
			// The copy carries the name and everything else (transfer.ts): the command needs nothing more.
			return say.copied(name, reason, file, `glm-tui import ${shellQuote(file)}`);
		} catch (error) {
			// Nowhere to write: the newest message at least reaches the screen.
			const last = conversation.messages.at(-1);
			const tail = last ? `${say.lastMessage(sanitizeLine(String(last.role)))}\n${sanitize(last.content)}` : '';
			return say.nowhere(name, reason, directory, describeFileError(error, {withPath: true})) + tail;
		}
	});
}

/**
 * `base.json`, or `base-2.json` and so on: an earlier copy is never overwritten. Whole and fsynced, or not
 * there: a cut-off copy on a full disk would be reported as a rescue and fail at import.
 */
function writeNew(base: string, content: string): string {
	for (let attempt = 1; ; attempt++) {
		const file = attempt === 1 ? `${base}.json` : `${base}-${attempt}.json`;
		try {
			writeNewFile(file, content);
			return file;
		} catch (error) {
			if ((error as NodeJS.ErrnoException).code !== 'EEXIST' || attempt >= 100) throw error;
		}
	}
}

/** Quoted for a POSIX shell, so the printed command can be pasted as it is. */
function shellQuote(text: string): string {
	return /^[\w./@%+=:,-]+$/.test(text) ? text : `'${text.replaceAll("'", `'\\''`)}'`;
}

// A conversation file that cannot be read is moved aside, never deleted: its bytes stay on disk for the user.
import {conversationFileText as say} from './messages.js';
import fs from 'node:fs';
import path from 'node:path';
import {describeFileError, describeInvalid, isUnwritable} from './errors.js';
import {writeNewFile} from './verified-write.js';

/**
 * Copies the file's bytes to `<id>.corrupt-<time>.json` and removes it, byte for byte (conf may have rewritten it
 * while migrating, so the bytes read before are written, not the file renamed). In a read-only or full folder the
 * file stays where it is, untouched, and `movedTo` is undefined. `message` says which, ready to show.
 */
export function moveAside(dir: string, id: string, file: string, raw: Buffer, cause: unknown): {movedTo?: string; message: string} {
	const stamp = new Date().toISOString().replace(/[:.]/g, '-');
	let movedTo = '';
	for (let attempt = 1; ; attempt++) {
		movedTo = path.join(dir, `${id}.corrupt-${stamp}${attempt === 1 ? '' : `-${attempt}`}.json`);
		try {
			// Whole or not at all: only a complete copy lets the original go.
			writeNewFile(movedTo, raw);
			break;
		} catch (error) {
			if ((error as NodeJS.ErrnoException).code === 'EEXIST') continue;
			if (!isUnwritable(error)) throw error;
			return {
				message: say.unreadableKept(id, describeInvalid(cause), describeFileError(error)),
			};
		}
	}
	fs.rmSync(file, {force: true});
	return {movedTo, message: say.unreadableMoved(id, describeInvalid(cause), movedTo)};
}

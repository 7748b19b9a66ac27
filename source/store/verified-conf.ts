// conf, with its file writes made by writeFileVerified instead of `atomically` (which renames a short write over
// the good file when the disk fills up). conf declares these methods private, so they are replaced on this
// subclass's prototype rather than overridden in the class body; every conf store of glm-tui derives from it.
import fs from 'node:fs';
import path from 'node:path';
import Conf from 'conf';
import {isUnwritable} from './errors.js';
import {writeFileVerified} from './verified-write.js';

export class VerifiedConf<T extends Record<string, any> = Record<string, unknown>> extends Conf<T> {}

interface ConfInternals {
	path: string;
	_serialize(value: unknown): string | Uint8Array;
}

const methods: Record<string, (this: ConfInternals, ...args: any[]) => void> = {
	// Every glm-tui file is 0600 (configFileMode is in conf's private options, and this also runs inside conf's
	// constructor, before a subclass field could hold it). The folder is made here, so a failure to make it
	// is this write's error (read-only, full), not a reader's.
	_write(value: unknown): void {
		fs.mkdirSync(path.dirname(this.path), {recursive: true});
		writeFileVerified(this.path, this._serialize(value), {mode: 0o600});
	},
	// conf also makes the folder when it reads a missing file: on a read-only or full disk that is a read
	// of nothing, not an error.
	_ensureDirectory(): void {
		try {
			fs.mkdirSync(path.dirname(this.path), {recursive: true});
		} catch (error) {
			if (!isUnwritable(error)) throw error;
		}
	},
};
for (const [name, value] of Object.entries(methods)) {
	Object.defineProperty(VerifiedConf.prototype, name, {configurable: true, writable: true, value});
}

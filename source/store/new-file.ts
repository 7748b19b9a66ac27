// Files written outside the store's own folder (exports): never replacing one that is there.
import fs from 'node:fs';
import {writeNewFile} from './verified-write.js';

/**
 * Writes `content` to `stem + extension`, or when that is taken to `stem-2 + extension`, `stem-3`, ... (private
 * mode, created exclusively and whole: store/verified-write.ts). Returns the path written.
 */
export function writeUnderFreeName(stem: string, extension: string, content: string, attempts: number): string {
	for (let attempt = 1; ; attempt++) {
		const file = attempt === 1 ? `${stem}${extension}` : `${stem}-${attempt}${extension}`;
		try {
			writeNewFile(file, content);
			return file;
		} catch (error) {
			if ((error as NodeJS.ErrnoException).code !== 'EEXIST' || attempt >= attempts) throw error;
		}
	}
}

/** Whether `file` names an existing folder (an export then goes inside it). */
export function isDirectory(file: string): boolean {
	return fs.existsSync(file) && fs.statSync(file).isDirectory();
}

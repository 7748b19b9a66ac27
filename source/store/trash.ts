// Deleted conversations are moved, not removed: `<data>/trash/<id>-<ms since 1970>.json`, the file as it was.
// They stay for 30 days (the age is in the name, so the purge at start-up is one directory read, no stat or
// parse), and come back with `/undo` or `glm-tui trash restore`. Only `glm-tui trash empty` and the 30 days
// remove a conversation for good.
import fs from 'node:fs';
import path from 'node:path';
import {ensurePrivateDir} from './paths.js';

export const TRASH_DAYS = 30;
const DAY_MS = 86_400_000;
const TRASH_FILE = /^([a-z0-9][a-z0-9_-]*)-(\d{13})(?:-(\d+))?\.json$/;

export interface TrashEntry {
	/** The trash file. */
	file: string;
	/** The conversation's id when it was deleted. */
	id: string;
	deletedAt: Date;
	/** From the file; the id when the file cannot be read. */
	name: string;
	messageCount: number;
}

export function trashDirOf(dataDir: string): string {
	return path.join(dataDir, 'trash');
}

/** Moves `file` (conversation `id`) into the trash and returns where it is now. */
export function moveToTrash(trashDir: string, file: string, id: string, now = Date.now()): string {
	ensurePrivateDir(trashDir);
	for (let attempt = 1; ; attempt++) {
		const target = path.join(trashDir, `${id}-${String(now).padStart(13, '0')}${attempt === 1 ? '' : `-${attempt}`}.json`);
		if (fs.existsSync(target)) continue;
		// A rename in the same file system: the bytes are never copied, so never half-written.
		fs.renameSync(file, target);
		return target;
	}
}

/** What the trash holds, newest first. Reads each file for its name: only for listing on request. */
export function listTrash(trashDir: string): TrashEntry[] {
	return trashFiles(trashDir)
		.sort((a, b) => b.deletedAt.getTime() - a.deletedAt.getTime() || b.attempt - a.attempt)
		.map(({file, id, deletedAt}) => ({file, id, deletedAt, ...describeFile(file, id)}));
}

/** Removes entries older than `days`; cheap enough for every start-up (one readdir, nothing parsed). */
export function purgeTrash(trashDir: string, now = Date.now(), days = TRASH_DAYS): string[] {
	const removed: string[] = [];
	for (const entry of trashFiles(trashDir)) {
		if (now - entry.deletedAt.getTime() <= days * DAY_MS) continue;
		try {
			fs.rmSync(entry.file, {force: true});
			removed.push(entry.file);
		} catch {
			// Not ours to remove (read-only mount): tried again next start.
		}
	}
	return removed;
}

/** Removes everything in the trash and says what it was. */
export function emptyTrash(trashDir: string): TrashEntry[] {
	const entries = listTrash(trashDir);
	for (const entry of entries) fs.rmSync(entry.file, {force: true});
	return entries;
}

function trashFiles(trashDir: string): Array<{file: string; id: string; deletedAt: Date; attempt: number}> {
	let names: string[];
	try {
		names = fs.readdirSync(trashDir);
	} catch {
		return [];
	}
	return names.flatMap((name) => {
		const match = TRASH_FILE.exec(name);
		return match
			? [{file: path.join(trashDir, name), id: match[1]!, deletedAt: new Date(Number(match[2])), attempt: Number(match[3] ?? 1)}]
			: [];
	});
}

function describeFile(file: string, id: string): {name: string; messageCount: number} {
	try {
		const data = JSON.parse(fs.readFileSync(file, 'utf8')) as {name?: unknown; messages?: unknown};
		return {
			name: typeof data.name === 'string' && data.name.trim() !== '' ? data.name : id,
			messageCount: Array.isArray(data.messages) ? data.messages.length : 0,
		};
	} catch {
		return {name: id, messageCount: 0};
	}
}

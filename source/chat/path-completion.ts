// Tab after `@` completes a path like a shell does: relative to the folder glm-tui was started in, `~` for home,
// the common prefix when several names fit (listed for the user), `/` after a folder so Tab goes on into it, a
// space after a file so the question goes on. Spaces in names are written `\ `, as mentions.ts reads them.
import {readdirSync, type Dirent} from 'node:fs';
import path from 'node:path';
import {expandHome} from './attachments.js';

export interface PathCompletion {
	/** Replace text[from, to) with `insert`. */
	from: number;
	to: number;
	insert: string;
	/** When several names fit: their names (folders with `/`), at most `limit` of them. */
	choices: string[];
	/** How many names fit in all. */
	count: number;
}

export interface CompletionOptions {
	cwd: string;
	home?: string;
	limit?: number;
	readdir?: (folder: string) => Dirent[];
}

const escape = (name: string) => name.replaceAll(' ', '\\ ');

/** The `@…` word that ends at the cursor, or undefined when the cursor is not in one. */
export function mentionAt(text: string, cursor: number): {from: number; written: string} | undefined {
	let from = cursor;
	while (from > 0 && !(/\s/.test(text[from - 1]!) && text[from - 2] !== '\\')) from--;
	if ('([{（【'.includes(text[from] ?? '-') && text[from + 1] === '@') from++;
	if (text[from] !== '@') return undefined;
	return {from: from + 1, written: text.slice(from + 1, cursor)};
}

export function completePath(text: string, cursor: number, options: CompletionOptions): PathCompletion | undefined {
	const mention = mentionAt(text, cursor);
	if (mention === undefined) return undefined;
	const written = mention.written.replaceAll('\\ ', ' ');
	const slash = written.lastIndexOf('/');
	const folderPart = slash === -1 ? '' : written.slice(0, slash + 1);
	const prefix = written.slice(slash + 1);
	const folder = path.resolve(options.cwd, expandHome(folderPart === '' ? '.' : folderPart, options.home));
	let entries: Dirent[];
	try {
		entries = (options.readdir ?? ((at) => readdirSync(at, {withFileTypes: true})))(folder);
	} catch {
		return undefined;
	}
	// Hidden names only when asked for with a leading dot, as shells do.
	const fits = entries
		.filter((entry) => entry.name.startsWith(prefix) && (prefix.startsWith('.') || !entry.name.startsWith('.')))
		.map((entry) => (entry.isDirectory() ? `${entry.name}/` : entry.name))
		.sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
	if (fits.length === 0) return undefined;
	const only = fits.length === 1 ? fits[0]! : undefined;
	const completed = only ?? commonPrefix(fits);
	const insert = escape(folderPart + completed) + (only !== undefined && !only.endsWith('/') ? ' ' : '');
	return {
		from: mention.from,
		to: cursor,
		insert,
		choices: only === undefined ? fits.slice(0, options.limit ?? 50) : [],
		count: fits.length,
	};
}

function commonPrefix(names: string[]): string {
	let prefix = names[0]!;
	for (const name of names) {
		let same = 0;
		while (same < prefix.length && same < name.length && prefix[same] === name[same]) same++;
		prefix = prefix.slice(0, same);
	}
	// Never stop inside a surrogate pair.
	const last = prefix.charCodeAt(prefix.length - 1);
	return last >= 0xd800 && last <= 0xdbff ? prefix.slice(0, -1) : prefix;
}

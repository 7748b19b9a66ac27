// One order for conversations everywhere (`glm-tui list`, the picker, the status line, Alt+1..9, `/open N`,
// `export N`: a conversation's number is its place in it), and names that are unique.
import type {ConversationSummary} from './summary-index.js';

type Listed = Pick<ConversationSummary, 'id' | 'name'> & {createdAt?: string};

/**
 * Creation order, like irssi's window numbers: Alt+3 stays the same conversation all day, whatever is
 * written to. Ids break ties. Compared by code unit: ISO times sort correctly that way, and a locale
 * collator would cost ~10 ms of ICU set-up on the way to the first frame.
 */
export function listOrder(a: Listed, b: Listed): number {
	return compare(a.createdAt ?? '', b.createdAt ?? '') || compare(a.id, b.id);
}

function compare(a: string, b: string): number {
	return a < b ? -1 : a > b ? 1 : 0;
}

/** Names are compared as a person reads them: case and Unicode composition do not make two names. */
export function nameKey(name: string): string {
	return name.trim().normalize('NFC').toLowerCase();
}

/** `name`, or `name (2)`, `name (3)`, ... : the first no other conversation has. */
export function uniqueName(name: string, taken: (name: string) => boolean, maxLength = 200): string {
	if (!taken(name)) return name;
	for (let n = 2; ; n++) {
		const suffix = ` (${n})`;
		const characters = [...name];
		const candidate = `${characters
			.slice(0, Math.max(1, maxLength - suffix.length))
			.join('')
			.trimEnd()}${suffix}`;
		if (!taken(candidate)) return candidate;
	}
}

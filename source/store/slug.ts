// Conversation ids are file names, so they are derived, never taken from the user: the display name is free
// text stored inside the file and can be anything validateName accepts.
import {conversationFileText} from './messages.js';
import {createHash} from 'node:crypto';

export const SLUG_PATTERN = /^[a-z0-9][a-z0-9_-]*$/;
export const MAX_SLUG_LENGTH = 60;
export const MAX_NAME_LENGTH = 200;
/** Ids read back from disk may have been made by hand, so they get more room than the ones we make. */
const MAX_ID_LENGTH = 128;

// Device names Windows refuses as file names; a synced or copied data directory must survive there.
const RESERVED = new Set(['con', 'prn', 'aux', 'nul', ...range('com'), ...range('lpt')]);

/**
 * A safe id for `name`: lower-case ASCII letters, digits, `-` and `_`, at most 60 characters. Accents are
 * dropped (`Café` -> `cafe`). A name with nothing left (Chinese, emoji, punctuation) gets `c-` and 8 hex
 * digits of its hash: stable for the same name, and no transliteration table to ship.
 */
export function slugify(name: string): string {
	let slug = name
		.normalize('NFKD')
		.replace(/\p{M}+/gu, '')
		.toLowerCase()
		.replace(/[^a-z0-9_]+/g, '-')
		.replace(/^[-_]+|[-_]+$/g, '');
	if (slug.length > MAX_SLUG_LENGTH) slug = slug.slice(0, MAX_SLUG_LENGTH).replace(/[-_]+$/, '');
	if (slug === '') return `c-${createHash('sha256').update(name.normalize('NFC')).digest('hex').slice(0, 8)}`;
	return RESERVED.has(slug) ? `c-${slug}` : slug;
}

/** `base`, else `base-2`, `base-3`, ... : the first that `taken` says is free, still within 60 characters. */
export function uniqueSlug(base: string, taken: (id: string) => boolean): string {
	if (!taken(base)) return base;
	for (let n = 2; ; n++) {
		const suffix = `-${n}`;
		const candidate = `${base.slice(0, MAX_SLUG_LENGTH - suffix.length).replace(/[-_]+$/, '')}${suffix}`;
		if (!taken(candidate)) return candidate;
	}
}

export function isValidId(id: string): boolean {
	return id.length <= MAX_ID_LENGTH && SLUG_PATTERN.test(id);
}

/**
 * Why `name` cannot name a conversation, or undefined when it can. Surrounding white space does not count
 * (callers store `name.trim()`). Control characters are refused rather than stripped: they come from a
 * paste or a script gone wrong, and silently changing the name would surprise more than a message. Bidi
 * overrides count as control characters, since they make a name display as something else.
 */
export function validateName(name: string): string | undefined {
	const trimmed = name.trim();
	if (trimmed === '') return conversationFileText.nameEmpty;
	if ([...trimmed].length > MAX_NAME_LENGTH) return conversationFileText.nameTooLong(MAX_NAME_LENGTH);
	if (/[\p{Cc}\u2028\u2029\u202A-\u202E\u2066-\u2069]/u.test(trimmed)) {
		return conversationFileText.nameControls;
	}
	return undefined;
}

function range(prefix: string): string[] {
	return Array.from({length: 9}, (_, index) => `${prefix}${index + 1}`);
}

// The GLM API key's shape: checked (and shown masked) without loading the token signer, which start-up does
// not need.
import {GlmError, noKeyError} from './errors.js';

export interface ApiKeyParts {
	id: string;
	secret: string;
}

const KEY_SHAPE = 'A GLM API key looks like <id>.<secret>: two parts joined by one dot';
const KEY_HINT = 'Copy the whole key again from your GLM console and set it with `glm-tui config set key` or /key.';

function keyFormat(problem: string): GlmError {
	return new GlmError({kind: 'key-format', message: `${problem}. ${KEY_SHAPE}. ${KEY_HINT}`});
}

/** Splits `<id>.<secret>`; says precisely what is wrong otherwise, without echoing the key. */
export function parseApiKey(key: string): ApiKeyParts {
	const trimmed = key.trim();
	if (trimmed === '') throw noKeyError();
	if (/\s/.test(trimmed)) {
		throw keyFormat('The API key contains a space or line break, probably from copying it across lines');
	}
	const dots = trimmed.split('.').length - 1;
	if (dots === 0) throw keyFormat('The API key has no dot');
	if (dots > 1) throw keyFormat(`The API key has ${dots} dots where one is expected`);
	const [id = '', secret = ''] = trimmed.split('.');
	if (id === '') throw keyFormat('The API key has nothing before the dot (the id part is missing)');
	if (secret === '') throw keyFormat('The API key has nothing after the dot (the secret part is missing)');
	// Ids are letters and digits; anything else is usually a command or prompt text typed into the key field.
	const stray = /[^A-Za-z0-9_-]/u.exec(id)?.[0];
	if (stray !== undefined) {
		// An invisible or control character is named by its code: written raw, the terminal would obey it.
		const shown = /^[\p{C}\p{Z}]$/u.test(stray) ? `U+${stray.codePointAt(0)!.toString(16).toUpperCase().padStart(4, '0')}` : `“${stray}”`;
		throw keyFormat(`The id part of the API key (before the dot) contains ${shown}, which GLM key ids never do`);
	}
	return {id, secret};
}

/** A display form that identifies the key by its id only, e.g. `abcd…wxyz`. The secret never appears. */
export function maskKey(key: string): string {
	let id: string;
	try {
		id = parseApiKey(key).id;
	} catch {
		// Not a key: it may be a bare secret, so reveal nothing but its size.
		const length = key.trim().length;
		return length === 0 ? '(none)' : `(invalid key, ${length} characters)`;
	}
	if (id.length <= 8) return `${id.slice(0, 2)}…`;
	return `${id.slice(0, 4)}…${id.slice(-4)}`;
}

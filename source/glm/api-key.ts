// The GLM API key's shape: checked (and shown masked) without loading the token signer, which start-up does
// not need.
import {GlmError, noKeyError} from './errors.js';
import {keyText} from './network-messages.js';

export interface ApiKeyParts {
	id: string;
	secret: string;
}

function keyFormat(problem: string): GlmError {
	return new GlmError({kind: 'key-format', message: keyText.problem(problem)});
}

/** Splits `<id>.<secret>`; says precisely what is wrong otherwise, without echoing the key. */
export function parseApiKey(key: string): ApiKeyParts {
	const trimmed = key.trim();
	if (trimmed === '') throw noKeyError();
	if (/\s/.test(trimmed)) {
		throw keyFormat(keyText.space);
	}
	const dots = trimmed.split('.').length - 1;
	if (dots === 0) throw keyFormat(keyText.noDot);
	if (dots > 1) throw keyFormat(keyText.dots(dots));
	const [id = '', secret = ''] = trimmed.split('.');
	if (id === '') throw keyFormat(keyText.noId);
	if (secret === '') throw keyFormat(keyText.noSecret);
	// Ids are letters and digits; anything else is usually a command or prompt text typed into the key field.
	const stray = /[^A-Za-z0-9_-]/u.exec(id)?.[0];
	if (stray !== undefined) {
		// An invisible or control character is named by its code: written raw, the terminal would obey it.
		const shown = /^[\p{C}\p{Z}]$/u.test(stray) ? `U+${stray.codePointAt(0)!.toString(16).toUpperCase().padStart(4, '0')}` : `“${stray}”`;
		throw keyFormat(keyText.stray(shown));
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

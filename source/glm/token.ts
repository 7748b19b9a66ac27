// The GLM key never travels: requests carry a short-lived HS256 token signed with the key's secret.
import jwt from 'jsonwebtoken';
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

/** Signs one token. `exp` and `timestamp` are milliseconds, as the official SDKs send them. */
export function signToken(parts: ApiKeyParts, nowMs: number, ttlMs: number): string {
	// `typ: undefined` drops the `typ: JWT` jsonwebtoken adds, so the header matches the SDKs' exactly.
	const header = {alg: 'HS256', sign_type: 'SIGN', typ: undefined};
	return jwt.sign({api_key: parts.id, exp: nowMs + ttlMs, timestamp: nowMs}, parts.secret, {
		algorithm: 'HS256',
		header,
		noTimestamp: true,
	});
}

export interface TokenSignerOptions {
	/**
	 * Lifetime of a token. 15 minutes sits between the Python SDK (210 s) and the Java SDK (35 min): a chat
	 * session signs only a few times an hour, a clock a few minutes behind GLM's still yields a valid token,
	 * and a token leaked through a proxy log is useless soon.
	 */
	ttlMs?: number;
	/** Sign anew this long before expiry, so a token never expires between signing and GLM checking it. */
	refreshMarginMs?: number;
	now?: () => number;
}

export class TokenSigner {
	readonly keyId: string;
	readonly #parts: ApiKeyParts;
	readonly #ttlMs: number;
	readonly #marginMs: number;
	readonly #now: () => number;
	#token: string | undefined;
	#expiresAt = 0;
	#signedAt = -Infinity;

	constructor(key: string | ApiKeyParts, options: TokenSignerOptions = {}) {
		this.#parts = typeof key === 'string' ? parseApiKey(key) : key;
		this.keyId = this.#parts.id;
		this.#ttlMs = options.ttlMs ?? 15 * 60_000;
		this.#marginMs = Math.min(options.refreshMarginMs ?? 30_000, this.#ttlMs / 2);
		this.#now = options.now ?? Date.now;
	}

	/** The cached token, or a new one when the cached one is within the margin of expiring. */
	token(): string {
		const now = this.#now();
		if (this.#token === undefined || now >= this.#expiresAt - this.#marginMs) {
			// A token replacing a rejected one must differ from it, even when signed in the same millisecond.
			const at = Math.max(now, this.#signedAt + 1);
			this.#token = signToken(this.#parts, at, this.#ttlMs);
			this.#signedAt = at;
			this.#expiresAt = at + this.#ttlMs;
		}
		return this.#token;
	}

	/** Forget the cached token; GLM rejected it (401), so the next call signs a fresh one. */
	invalidate(): void {
		this.#token = undefined;
	}
}

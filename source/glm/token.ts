// The GLM key never travels: requests carry a short-lived HS256 token signed with the key's secret.
import jwt from 'jsonwebtoken';
import {parseApiKey, type ApiKeyParts} from './api-key.js';

export {maskKey, parseApiKey, type ApiKeyParts} from './api-key.js';

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

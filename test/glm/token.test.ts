import jwt from 'jsonwebtoken';
import {describe, expect, it} from 'vitest';
import {GlmError} from '../../source/glm/errors.js';
import {TokenSigner, maskKey, parseApiKey, signToken} from '../../source/glm/token.js';

const ID = 'a1b2c3d4e5f6a7b8c9d0e1f2a3b4c5d6';
const SECRET = 'Zx9SecretPartOfTheKey42';
const KEY = `${ID}.${SECRET}`;

function decode(token: string): {header: Record<string, unknown>; payload: Record<string, unknown>} {
	// verify checks the signature with the secret as UTF-8; exp is ms, so jsonwebtoken's seconds check is off.
	const verified = jwt.verify(token, SECRET, {algorithms: ['HS256'], complete: true, ignoreExpiration: true});
	return {header: verified.header as unknown as Record<string, unknown>, payload: verified.payload as Record<string, unknown>};
}

function keyError(key: string): GlmError {
	try {
		parseApiKey(key);
	} catch (e) {
		expect(e).toBeInstanceOf(GlmError);
		return e as GlmError;
	}
	throw new Error(`parseApiKey accepted ${JSON.stringify(key)}`);
}

describe('parseApiKey', () => {
	it('splits id and secret, trimming surrounding whitespace', () => {
		expect(parseApiKey(KEY)).toEqual({id: ID, secret: SECRET});
		expect(parseApiKey(`  ${KEY}\r\n`)).toEqual({id: ID, secret: SECRET});
	});

	it.each([
		['no dot', 'abcdefsecret', /no dot/],
		['two dots', 'abc.def.ghi', /2 dots/],
		['empty id', '.secret', /before the dot/],
		['empty secret', 'abcdef.', /after the dot/],
		['inner space', 'abc def.secret', /space or line break/],
		['inner newline', 'abcdef.sec\nret', /space or line break/],
		['command typed into the key field', '/keyabcdef.secret', /id part .* contains “\/”/],
		['quote around the id', '"abcdef.secret"', /contains “"”/],
		['an escape sequence in the id', 'ab\u001b]2;x\u0007cd.secret', /contains U\+001B,/],
		['a bidi override in the id', 'ab\u202ecd.secret', /contains U\+202E,/],
	])('rejects a key with %s', (_name, key, reason) => {
		const error = keyError(key);
		expect(error.kind).toBe('key-format');
		expect(error.message).toMatch(reason);
		expect(error.message).toContain('<id>.<secret>');
		expect(error.message).toContain('glm-tui config set key');
		expect(error.retryable).toBe(false);
	});

	it('never echoes the key in a format error', () => {
		const error = keyError(`${ID}.${SECRET}.extra`);
		expect(error.message).not.toContain(SECRET);
		expect(error.message).not.toContain(ID);
	});

	it('treats an empty key as no key', () => {
		expect(keyError('  \n').kind).toBe('no-key');
	});
});

describe('signToken', () => {
	it('signs an HS256 token GLM accepts: SIGN header, id, millisecond times', () => {
		const now = Date.now();
		const token = signToken({id: ID, secret: SECRET}, now, 210_000);
		const {header, payload} = decode(token);
		expect(header).toEqual({alg: 'HS256', sign_type: 'SIGN'});
		expect(payload).toEqual({api_key: ID, exp: now + 210_000, timestamp: now});
		expect(payload['timestamp']).toBeGreaterThan(1e12);
		expect(payload['exp']).toBeGreaterThan(payload['timestamp'] as number);
		expect(payload).not.toHaveProperty('iat');
	});

	it('signs the secret as UTF-8', () => {
		const token = signToken({id: ID, secret: 'sécret密钥'}, Date.now(), 1000);
		expect(() => jwt.verify(token, Buffer.from('sécret密钥', 'utf8'), {ignoreExpiration: true})).not.toThrow();
	});
});

describe('TokenSigner', () => {
	function clock(start = 1_750_000_000_000): {now: () => number; advance: (ms: number) => void} {
		let t = start;
		return {now: () => t, advance: (ms) => (t += ms)};
	}

	it('reuses the token until shortly before expiry, then signs a new one', () => {
		const c = clock();
		const signer = new TokenSigner(KEY, {now: c.now, ttlMs: 210_000, refreshMarginMs: 30_000});
		const first = signer.token();
		expect(signer.token()).toBe(first);
		c.advance(179_999);
		expect(signer.token()).toBe(first);
		c.advance(1);
		const second = signer.token();
		expect(second).not.toBe(first);
		expect(decode(second).payload['timestamp']).toBe(1_750_000_000_000 + 180_000);
		expect(signer.token()).toBe(second);
	});

	it('defaults to a lifetime of minutes, in milliseconds', () => {
		const signer = new TokenSigner(KEY);
		const {payload} = decode(signer.token());
		const lifetime = (payload['exp'] as number) - (payload['timestamp'] as number);
		expect(lifetime).toBeGreaterThanOrEqual(180_000);
		expect(lifetime).toBeLessThanOrEqual(60 * 60_000);
		expect(Math.abs((payload['timestamp'] as number) - Date.now())).toBeLessThan(5000);
	});

	it('signs a different token after invalidate, even in the same millisecond', () => {
		const c = clock();
		const signer = new TokenSigner(KEY, {now: c.now});
		const first = signer.token();
		signer.invalidate();
		const second = signer.token();
		expect(second).not.toBe(first);
		expect(decode(second).payload['api_key']).toBe(ID);
		expect(signer.token()).toBe(second);
	});

	it('rejects a malformed key at construction', () => {
		expect(() => new TokenSigner('nodot')).toThrow(GlmError);
	});
});

describe('maskKey', () => {
	it('shows the ends of the id and nothing of the secret', () => {
		const masked = maskKey(KEY);
		expect(masked).toBe('a1b2…c5d6');
		expect(masked).not.toContain(SECRET.slice(0, 4));
		expect(masked).not.toContain(SECRET.slice(-4));
	});

	it('reveals nothing of something that is not a key', () => {
		expect(maskKey(SECRET)).not.toMatch(/Zx9|y42/);
		expect(maskKey('')).toBe('(none)');
		expect(maskKey('ab.xyzsecret')).toBe('ab…');
	});
});

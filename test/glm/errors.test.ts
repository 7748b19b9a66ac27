import {describe, expect, it} from 'vitest';
import {
	GlmError,
	noKeyError,
	ProxyRefusedError,
	errorFromException,
	errorFromFrame,
	errorFromResponse,
	exitCodes,
	needsFreshToken,
	shouldRetry,
	type GlmErrorKind,
} from '../../source/glm/errors.js';

function body(code: string, message = '服务端消息', extra: Record<string, unknown> = {}): string {
	return JSON.stringify({error: {code, message}, ...extra});
}

const CONTEXT = {model: 'glm-9-imaginary', host: 'open.bigmodel.cn'};

interface Row {
	code: string;
	status: number;
	kind: GlmErrorKind;
	retryable: boolean;
	says: RegExp[];
}

// The table of glm-api.md, one row per code, with what the message must tell a person to do.
const TABLE: Row[] = [
	...['1000', '1002', '1003', '1004'].map((code) => ({
		code,
		status: 401,
		kind: 'auth' as const,
		retryable: false,
		says: [/glm-tui config set key/, /\/key/],
	})),
	{code: '1001', status: 401, kind: 'auth', retryable: false, says: [/Authorization/, /proxy/i]},
	{code: '1113', status: 429, kind: 'balance', retryable: false, says: [/no balance/, /Top up/, /\(1113\)/]},
	{code: '1112', status: 429, kind: 'locked', retryable: false, says: [/locked/, /support/]},
	{code: '1121', status: 429, kind: 'locked', retryable: false, says: [/locked/]},
	...['1210', '1213', '1214', '1215'].map((code) => ({
		code,
		status: 400,
		kind: 'bad-request' as const,
		retryable: false,
		says: [/parameter/, /\/temperature|\/thinking/],
	})),
	{code: '1211', status: 400, kind: 'model-not-found', retryable: false, says: [/"glm-9-imaginary"/, /\/model/, /glm-4\.6/, /glm-4-flash/]},
	{code: '1261', status: 400, kind: 'prompt-too-long', retryable: false, says: [/too long/, /Remove earlier messages|new conversation/]},
	{code: '1301', status: 400, kind: 'content-filter', retryable: false, says: [/unsafe or sensitive/, /Rephrase/]},
	{code: '1302', status: 429, kind: 'rate-limit', retryable: true, says: [/Wait/]},
	{code: '1303', status: 429, kind: 'rate-limit', retryable: true, says: [/Wait/]},
	{code: '1304', status: 429, kind: 'quota', retryable: false, says: [/daily/, /resets/]},
	{code: '1308', status: 429, kind: 'quota', retryable: false, says: [/5-hour/, /resets/, /服务端消息/]},
	{code: '1310', status: 429, kind: 'quota', retryable: false, says: [/weekly/]},
	{code: '1305', status: 429, kind: 'overloaded', retryable: true, says: [/overloaded/, /Try again/]},
	{code: '1305', status: 503, kind: 'overloaded', retryable: true, says: [/overloaded/]},
	{code: '1312', status: 429, kind: 'overloaded', retryable: true, says: [/overloaded/]},
	{code: '500', status: 500, kind: 'server', retryable: true, says: [/internal error/, /Try again/]},
];

describe('errorFromResponse: the GLM code table', () => {
	it.each(TABLE)('$code / HTTP $status -> $kind', ({code, status, kind, retryable, says}) => {
		const error = errorFromResponse(status, body(code, '服务端消息', {request_id: 'req-1'}), new Headers(), CONTEXT);
		expect(error).toBeInstanceOf(GlmError);
		expect(error.kind).toBe(kind);
		expect(error.retryable).toBe(retryable);
		expect(error.code).toBe(code);
		expect(error.status).toBe(status);
		expect(error.requestId).toBe('req-1');
		expect(error.serviceMessage).toBe('服务端消息');
		for (const pattern of says) expect(error.message).toMatch(pattern);
		expect(error.message).toContain(code);
	});

	it('asks for a fresh token only for the token-failure codes', () => {
		for (const code of ['1000', '1002', '1003', '1004']) {
			expect(needsFreshToken(errorFromResponse(401, body(code)))).toBe(true);
		}
		expect(needsFreshToken(errorFromResponse(401, body('1001')))).toBe(false);
		expect(needsFreshToken(errorFromResponse(401, ''))).toBe(true);
		expect(needsFreshToken(errorFromResponse(429, body('1113')))).toBe(false);
	});

	it('says which party filtered content', () => {
		const answer = errorFromResponse(400, body('1301', 'x', {contentFilter: [{role: 'assistant', level: 1}]}));
		expect(answer.message).toMatch(/the answer/);
		const prompt = errorFromResponse(400, body('1301', 'x', {contentFilter: [{role: 'user', level: 1}]}));
		expect(prompt.message).toMatch(/your message/);
	});

	it('tells the 1003 expiry apart: the local clock may be wrong', () => {
		expect(errorFromResponse(401, body('1003')).message).toMatch(/clock/);
	});

	it('accepts a numeric code', () => {
		const error = errorFromResponse(429, JSON.stringify({error: {code: 1113, message: 'x'}}));
		expect(error.kind).toBe('balance');
		expect(error.code).toBe('1113');
	});
});

describe('errorFromResponse: bodies that are not GLM JSON', () => {
	const html = '<!DOCTYPE html><html><head><title>502 Bad Gateway</title></head><body><h1>nginx</h1></body></html>';

	it('never quotes an HTML page', () => {
		const error = errorFromResponse(502, html, {'content-type': 'text/html'});
		expect(error.kind).toBe('server');
		expect(error.retryable).toBe(true);
		expect(error.message).toContain('HTTP 502');
		expect(error.message).not.toMatch(/<|nginx/);
		expect(error.serviceMessage).toBeUndefined();
	});

	it.each([
		[500, '', 'server', true],
		[503, 'Service Unavailable', 'overloaded', true],
		[429, 'garbage {', 'rate-limit', true],
		[400, '{"unexpected":true}', 'bad-request', false],
		[401, 'nope', 'auth', false],
		[403, '', 'auth', false],
		[404, '404 page not found', 'bad-request', false],
		[408, '', 'timeout', true],
		[409, '', 'unknown', true],
		[413, '', 'prompt-too-long', false],
		[418, '\u0000\u001b[31mteapot', 'unknown', false],
	] as const)('HTTP %i with body %j -> %s', (status, text, kind, retryable) => {
		const error = errorFromResponse(status, text);
		expect(error.kind).toBe(kind);
		expect(error.retryable).toBe(retryable);
		expect(error.status).toBe(status);
		expect(error.code).toBeUndefined();
		expect(error.message).not.toMatch(/[\u0000-\u001f]/);
	});

	it('names where a redirect points instead of following it', () => {
		const error = errorFromResponse(
			301,
			'',
			{location: 'https://open.bigmodel.cn/api/paas/v4/chat/completions'},
			{host: 'open.bigmodel.cn'},
		);
		expect(error).toMatchObject({kind: 'bad-request', status: 301, retryable: false});
		expect(error.message).toMatch(/redirects.*to https:\/\/open\.bigmodel\.cn\/api\/paas\/v4\/chat\/completions.*base URL/);
	});

	it('points a 404 at the base URL', () => {
		expect(errorFromResponse(404, '', undefined, {host: 'example.test'}).message).toMatch(
			/base URL.*example\.test|example\.test.*base URL/,
		);
	});

	it('quotes short plain text, trimmed and bounded', () => {
		const error = errorFromResponse(400, `bad things\n${'x'.repeat(1000)}`);
		expect(error.message).toContain('GLM says: "bad things');
		expect(error.message.length).toBeLessThan(400);
	});

	it('accepts flat and OpenAI-like error shapes', () => {
		expect(errorFromResponse(429, JSON.stringify({code: '1113', message: 'x'})).kind).toBe('balance');
		expect(errorFromResponse(400, JSON.stringify({error: 'plain text error'})).serviceMessage).toBe('plain text error');
	});

	it('takes the request id from the header when the body has none', () => {
		expect(errorFromResponse(500, '', {'X-Request-Id': 'hdr-7'}).requestId).toBe('hdr-7');
	});
});

describe('retry policy', () => {
	it('retries 408, 409, 429, 5xx and never the codes marked no', () => {
		for (const status of [408, 409, 429, 500, 502, 503, 504]) expect(shouldRetry(status, undefined)).toBe(true);
		for (const status of [400, 401, 403, 404, 422]) expect(shouldRetry(status, undefined)).toBe(false);
		for (const code of ['1113', '1112', '1121', '1301', '1261', '1210', '1211', '1214', '1304', '1308', '1310', '1001']) {
			expect(shouldRetry(429, code), code).toBe(false);
		}
		for (const code of ['1302', '1303', '1305', '1312', '500']) expect(shouldRetry(429, code), code).toBe(true);
	});

	it('honours x-should-retry, except against a never-code', () => {
		expect(errorFromResponse(500, body('500'), {'x-should-retry': 'false'}).retryable).toBe(false);
		expect(errorFromResponse(429, body('1305'), new Headers({'x-should-retry': 'false'})).retryable).toBe(false);
		expect(errorFromResponse(400, '', {'x-should-retry': 'true'}).retryable).toBe(true);
		expect(errorFromResponse(429, body('1113'), {'x-should-retry': 'true'}).retryable).toBe(false);
	});

	it('reads Retry-After', () => {
		expect(errorFromResponse(429, body('1302'), {'retry-after': '2'}).retryAfterMs).toBe(2000);
		expect(errorFromResponse(429, body('1302'), {'retry-after-ms': '150'}).retryAfterMs).toBe(150);
		expect(errorFromResponse(429, body('1302')).retryAfterMs).toBeUndefined();
	});
});

describe('errorFromFrame', () => {
	it('maps a mid-stream error frame by its code', () => {
		const error = errorFromFrame({error: {code: '1301', message: '内容不安全'}, request_id: 'r9'});
		expect(error.kind).toBe('content-filter');
		expect(error.code).toBe('1301');
		expect(error.status).toBeUndefined();
		expect(error.requestId).toBe('r9');
		expect(error.serviceMessage).toBe('内容不安全');
	});

	it('retries a transient code and tolerates junk', () => {
		expect(errorFromFrame({error: {code: '1305', message: 'busy'}}).retryable).toBe(true);
		const junk = errorFromFrame({error: 42});
		expect(junk.kind).toBe('unknown');
		expect(errorFromFrame(null).kind).toBe('unknown');
	});
});

describe('errorFromException', () => {
	function socketError(code: string): Error {
		return Object.assign(new Error(`connect ${code} 127.0.0.1:9`), {code});
	}

	it.each([
		['ECONNREFUSED', /connection refused \(ECONNREFUSED\)/],
		['ENOTFOUND', /host name not found \(ENOTFOUND\)/],
		['ECONNRESET', /connection reset/],
		['EPIPE', /connection closed/],
	])('%s names the host and the cause', (code, cause) => {
		const error = errorFromException(socketError(code), {host: 'open.bigmodel.cn'});
		expect(error.kind).toBe('network');
		expect(error.retryable).toBe(true);
		expect(error.message).toContain('open.bigmodel.cn');
		expect(error.message).toMatch(cause);
		expect(error.message).toMatch(/network/);
	});

	it('finds the code inside an AggregateError (happy eyeballs)', () => {
		const inner = [Object.assign(new Error('a'), {code: 'ECONNREFUSED'}), Object.assign(new Error('b'), {code: 'ECONNREFUSED'})];
		const error = errorFromException(new AggregateError(inner, 'x'), {host: 'h.test'});
		expect(error.message).toMatch(/ECONNREFUSED/);
	});

	it('treats ETIMEDOUT as a timeout and names the proxy when there is one', () => {
		const error = errorFromException(socketError('ETIMEDOUT'), {host: 'api.z.ai', proxy: 'http://proxy.corp:3128'});
		expect(error.kind).toBe('timeout');
		expect(error.message).toContain('proxy.corp:3128');
	});

	it('explains an untrusted certificate', () => {
		const error = errorFromException(socketError('SELF_SIGNED_CERT_IN_CHAIN'));
		expect(error.kind).toBe('network');
		expect(error.retryable).toBe(false);
		expect(error.message).toMatch(/NODE_EXTRA_CA_CERTS/);
	});

	it('explains a proxy that wants credentials', () => {
		const error = errorFromException(new ProxyRefusedError(407), {host: 'api.z.ai', proxy: 'http://p:8080'});
		expect(error).toMatchObject({kind: 'network', retryable: false});
		expect(error.message).toMatch(/proxy http:\/\/p:8080 refused to connect to api\.z\.ai \(HTTP 407\)/);
		expect(error.message).toMatch(/credentials.*user:pass/);
	});

	it('points a proxy that refuses the tunnel at the proxy settings', () => {
		const error = errorFromException(new ProxyRefusedError(403), {host: 'api.z.ai', proxy: 'http://p:8080'});
		expect(error.message).toMatch(/HTTP 403.*HTTPS_PROXY \/ NO_PROXY/);
		expect(error.message).not.toMatch(/credentials/);
	});

	it('maps AbortError to aborted and passes a GlmError through', () => {
		const abort = new DOMException('This operation was aborted', 'AbortError');
		expect(errorFromException(abort).kind).toBe('aborted');
		expect(errorFromException(new Error('request failed', {cause: abort})).kind).toBe('aborted');
		const own = new GlmError({kind: 'balance', message: 'm'});
		expect(errorFromException(own)).toBe(own);
	});

	it('survives things that are not errors', () => {
		expect(errorFromException('boom').kind).toBe('network');
		expect(errorFromException(undefined).kind).toBe('network');
	});
});

describe('exit codes', () => {
	it('gives every kind a stable exit status', () => {
		expect(exitCodes).toEqual({
			unknown: 1,
			'no-key': 2,
			'key-format': 2,
			auth: 3,
			balance: 4,
			locked: 4,
			quota: 4,
			'content-filter': 5,
			network: 6,
			timeout: 6,
			interrupted: 7,
			'rate-limit': 8,
			overloaded: 8,
			server: 8,
			'bad-request': 9,
			'model-not-found': 9,
			'prompt-too-long': 9,
			aborted: 130,
		});
		expect(new GlmError({kind: 'balance', message: 'x'}).exitCode).toBe(4);
	});
});

describe('shell advice for the one-shot mode', () => {
	const chatWords = /Ctrl\+|\/model|\/key/;
	it('names shell commands instead of chat-screen keys for 1211, 1261, 1308, 401 and no key', () => {
		for (const [status, code] of [
			[400, '1211'],
			[400, '1261'],
			[429, '1308'],
			[429, '1305'],
			[401, '1000'],
			[429, '1113'],
		] as const) {
			const error = errorFromResponse(status, body(code), new Headers(), CONTEXT);
			expect(error.shellMessage).not.toMatch(chatWords);
		}
		expect(noKeyError().shellMessage).not.toMatch(chatWords);
		expect(errorFromResponse(400, body('1211'), new Headers(), CONTEXT).shellMessage).toContain('glm-tui -m NAME');
	});
	it('keeps the chat-screen advice in the chat message', () => {
		expect(errorFromResponse(400, body('1211'), new Headers(), CONTEXT).message).toContain('/model');
	});
});

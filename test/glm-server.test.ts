import {afterAll, beforeAll, beforeEach, describe, expect, it} from 'vitest';
import jwt from 'jsonwebtoken';
import {MODELS, SERVER_SEED, TEST_KEY, startGlmServer, type GlmServer} from './support/glm-server.js';

const [ID, SECRET] = TEST_KEY.split('.') as [string, string];

function sign(
	payload: Record<string, unknown> = {},
	header: Record<string, unknown> = {alg: 'HS256', sign_type: 'SIGN'},
	secret = SECRET,
): string {
	const now = Date.now();
	return jwt.sign({api_key: ID, exp: now + 60_000, timestamp: now, ...payload}, secret, {
		header: header as unknown as jwt.JwtHeader,
		noTimestamp: true,
	});
}

let server: GlmServer;

beforeAll(async () => {
	server = await startGlmServer();
});
afterAll(async () => {
	await server.close();
});
beforeEach(() => {
	server.reset();
});

const user = (content: string) => [{role: 'user', content}];

function post(
	body: unknown,
	init: {token?: string | null; headers?: Record<string, string>; signal?: AbortSignal} = {},
): Promise<Response> {
	const headers: Record<string, string> = {'Content-Type': 'application/json', ...init.headers};
	if (init.token !== null) headers['Authorization'] = `Bearer ${init.token ?? sign()}`;
	return fetch(`${server.baseUrl}/chat/completions`, {
		method: 'POST',
		headers,
		body: typeof body === 'string' ? body : JSON.stringify(body),
		signal: init.signal,
	});
}

// Deliberately not the client's parser: a plain split on blank lines, on the whole body.
function events(text: string): string[] {
	return text
		.split(/\r?\n\r?\n/)
		.filter((block) => block.trim() && !block.startsWith(':'))
		.map((block) =>
			block
				.split(/\r?\n/)
				.map((line) => line.replace(/^data: ?/, ''))
				.join('\n'),
		);
}

async function readAll(response: Response): Promise<{text: string; reads: number; error?: unknown}> {
	const reader = response.body!.getReader();
	const parts: Uint8Array[] = [];
	try {
		for (;;) {
			const {done, value} = await reader.read();
			if (done) break;
			parts.push(value);
		}
	} catch (error) {
		return {text: Buffer.concat(parts).toString('utf8'), reads: parts.length, error};
	}
	return {text: Buffer.concat(parts).toString('utf8'), reads: parts.length};
}

function contentOf(data: string[]): {content: string; reasoning: string} {
	let content = '';
	let reasoning = '';
	for (const d of data) {
		if (d === '[DONE]') continue;
		const delta = JSON.parse(d).choices?.[0]?.delta ?? {};
		content += delta.content ?? '';
		reasoning += delta.reasoning_content ?? '';
	}
	return {content, reasoning};
}

async function expectError(response: Response, status: number, code: string): Promise<any> {
	expect(response.status).toBe(status);
	const body = await response.json();
	expect(body.error.code).toBe(code);
	expect(typeof body.error.message).toBe('string');
	return body;
}

describe('streaming', () => {
	it('streams the reply in awkward pieces, ending with usage and [DONE]', async () => {
		const reply = '你好，世界！Hello 👋🏽 wörld.\n\n第二段 second paragraph.';
		server.enqueue({reply});
		const response = await post({model: 'glm-4.6', stream: true, messages: user('hi')});
		expect(response.status).toBe(200);
		expect(response.headers.get('content-type')).toMatch(/^text\/event-stream/);
		const {text, reads} = await readAll(response);
		expect(reads).toBeGreaterThan(5);
		const data = events(text);
		expect(data.at(-1)).toBe('[DONE]');
		expect(contentOf(data).content).toBe(reply);
		const chunks = data.slice(0, -1).map((d) => JSON.parse(d));
		const id = chunks[0].id;
		expect(id).toMatch(/^\d{14}[0-9a-f]{16}$/);
		for (const chunk of chunks) {
			expect(chunk.id).toBe(id);
			expect(chunk.model).toBe('glm-4.6');
			expect(chunk.created).toBeLessThan(1e11);
			expect(chunk.choices[0].delta.role).toBe('assistant');
		}
		const last = chunks.at(-1);
		expect(last.choices[0].finish_reason).toBe('stop');
		expect(last.usage.total_tokens).toBe(last.usage.prompt_tokens + last.usage.completion_tokens);
		expect(chunks.slice(0, -1).every((c) => c.usage === undefined && c.choices[0].finish_reason == null)).toBe(true);
	});

	it('cuts inside UTF-8 characters with split byte, CRLF and comments', async () => {
		server.enqueue({reply: '中文 emoji 🎉', split: 'byte', crlf: true, comments: true});
		const {text} = await readAll(await post({model: 'glm-4.6', stream: true, messages: user('hi')}));
		expect(text).toContain('\r\n\r\n');
		expect(text).toContain(': keep-alive');
		expect(contentOf(events(text)).content).toBe('中文 emoji 🎉');
	});

	it('defaults to an answer quoting the last user message', async () => {
		const {text} = await readAll(await post({model: 'glm-4.6', stream: true, messages: user('测试 question')}));
		expect(contentOf(events(text)).content).toContain('You said: «测试 question»');
	});

	it('streams reasoning_content first and counts reasoning tokens', async () => {
		server.enqueue({reasoning: '先想一想', reply: 'answer'});
		const data = events((await readAll(await post({model: 'glm-4.6', stream: true, messages: user('hi')}))).text);
		const deltas = data.slice(0, -1).map((d) => JSON.parse(d).choices[0].delta);
		expect(deltas[0].reasoning_content).toBe('先');
		expect(contentOf(data)).toEqual({reasoning: '先想一想', content: 'answer'});
		expect(JSON.parse(data.at(-2)!).usage.completion_tokens_details.reasoning_tokens).toBe(4);
	});

	it('puts reasoning between <think> tags with thinkTags', async () => {
		server.enqueue({reasoning: 'hmm', thinkTags: true, reply: 'ok'});
		const data = events((await readAll(await post({model: 'glm-z1-air', stream: true, messages: user('hi')}))).text);
		expect(contentOf(data)).toEqual({reasoning: '', content: '<think>hmm</think>ok'});
	});

	it('streams exactly `tokens` content deltas', async () => {
		server.enqueue({tokens: 5000});
		const data = events((await readAll(await post({model: 'glm-4.6', stream: true, messages: user('hi')}))).text);
		expect(data).toHaveLength(5000 + 2);
		expect(JSON.parse(data.at(-2)!).usage.completion_tokens).toBe(5000);
	});

	it('cuts at max_tokens with finish_reason length', async () => {
		server.enqueue({tokens: 10});
		const data = events((await readAll(await post({model: 'glm-4.6', stream: true, max_tokens: 4, messages: user('hi')}))).text);
		expect(data).toHaveLength(4 + 2);
		expect(JSON.parse(data.at(-2)!).choices[0].finish_reason).toBe('length');
	});

	it('ends with the requested finish_reason', async () => {
		server.enqueue({reply: 'partial answer', finishReason: 'sensitive'});
		const data = events((await readAll(await post({model: 'glm-4.6', stream: true, messages: user('hi')}))).text);
		expect(contentOf(data).content).toBe('partial answer');
		expect(JSON.parse(data.at(-2)!).choices[0].finish_reason).toBe('sensitive');
	});

	it('dropAfter closes the connection without [DONE]', async () => {
		server.enqueue({tokens: 50, dropAfter: 3});
		const {text, error} = await readAll(await post({model: 'glm-4.6', stream: true, messages: user('hi')}));
		expect(error).toBeDefined();
		const data = events(text);
		expect(data).toHaveLength(3);
		expect(text).not.toContain('[DONE]');
		expect(server.requests[0]!.note).toMatch(/^dropped/);
	});

	it('badFrameAfter slips an unparsable data: line in and goes on', async () => {
		server.enqueue({reply: 'one two three', badFrameAfter: 2});
		const data = events((await readAll(await post({model: 'glm-4.6', stream: true, messages: user('hi')}))).text);
		const unreadable = data.filter((d) => {
			try {
				JSON.parse(d);
				return false;
			} catch {
				return d !== '[DONE]';
			}
		});
		expect(unreadable).toHaveLength(1);
		expect(data.indexOf(unreadable[0]!)).toBe(2);
		expect(contentOf(data.filter((d) => d !== unreadable[0])).content).toBe('one two three');
		expect(data.at(-1)).toBe('[DONE]');
	});

	it('notChat answers 200 with a body that is not SSE', async () => {
		server.enqueue({notChat: '<p>hello</p>', contentType: 'text/html'});
		const response = await post({model: 'glm-4.6', stream: true, messages: user('hi')});
		expect(response.status).toBe(200);
		expect(response.headers.get('content-type')).toBe('text/html');
		expect(await response.text()).toBe('<p>hello</p>');
	});

	it('cuts each run at other points, the same for one seed', async () => {
		const cuts = async (seed: number): Promise<number[]> => {
			const own = await startGlmServer({seed});
			try {
				const response = await fetch(`${own.baseUrl}/chat/completions`, {
					method: 'POST',
					headers: {Authorization: `Bearer ${sign()}`},
					body: JSON.stringify({model: 'glm-4.6', stream: true, messages: user('a question long enough to give an answer of many frames')}),
				});
				await response.text();
				return own.requests[0]!.writes!;
			} finally {
				await own.close();
			}
		};
		const [a, b, c] = [await cuts(1), await cuts(1), await cuts(2)];
		expect(a.length).toBeGreaterThan(10);
		expect(a.reduce((x, y) => x + y)).toBe(c.reduce((x, y) => x + y));
		expect(a).toEqual(b);
		expect(a).not.toEqual(c);
		expect(Number.isInteger(SERVER_SEED)).toBe(true);
	});

	it('errorFrameAfter sends an error frame and ends', async () => {
		server.enqueue({tokens: 50, errorFrameAfter: 2, code: '1301'});
		const {text, error} = await readAll(await post({model: 'glm-4.6', stream: true, messages: user('hi')}));
		expect(error).toBeUndefined();
		const data = events(text);
		expect(data).toHaveLength(3);
		expect(JSON.parse(data[2]!).error.code).toBe('1301');
		expect(text).not.toContain('[DONE]');
	});

	it('stallAfter keeps the socket open without sending', async () => {
		server.enqueue({tokens: 50, stallAfter: 2, split: 'whole'});
		const response = await post({model: 'glm-4.6', stream: true, messages: user('hi')});
		const reader = response.body!.getReader();
		let received = '';
		const decoder = new TextDecoder();
		while (events(received).length < 2) received += decoder.decode((await reader.read()).value);
		const next = await Promise.race([reader.read().then(() => 'data'), new Promise((r) => setTimeout(() => r('silence'), 300))]);
		expect(next).toBe('silence');
		await reader.cancel();
	});

	it('paces deltas and stops cleanly when the client goes away', async () => {
		server.enqueue({tokens: 1000, delayMs: 10});
		const controller = new AbortController();
		const response = await post({model: 'glm-4.6', stream: true, messages: user('hi')}, {signal: controller.signal});
		const reader = response.body!.getReader();
		await reader.read();
		controller.abort();
		await expect(reader.read()).rejects.toThrow();
		await new Promise((r) => setTimeout(r, 100));
		expect(server.requests[0]!.note).toBe('client closed');
	});

	it('hang never sends headers, and close() still ends the connection', async () => {
		const own = await startGlmServer();
		own.enqueue({hang: true});
		const pending = fetch(`${own.baseUrl}/chat/completions`, {
			method: 'POST',
			headers: {Authorization: `Bearer ${sign()}`},
			body: JSON.stringify({model: 'glm-4.6', stream: true, messages: user('hi')}),
		});
		const outcome = pending.then(
			() => 'answered',
			() => 'failed',
		);
		await new Promise((r) => setTimeout(r, 200));
		expect(own.requests).toHaveLength(1);
		await own.close();
		expect(await outcome).toBe('failed');
	});

	it('serves the coding plan path too', async () => {
		const response = await fetch(server.baseUrl.replace('/api/paas/', '/api/coding/paas/') + '/chat/completions', {
			method: 'POST',
			headers: {Authorization: `Bearer ${sign()}`},
			body: JSON.stringify({model: 'glm-4.6', messages: user('hi')}),
		});
		expect(response.status).toBe(200);
		expect(server.requests[0]!.path).toBe('/api/coding/paas/v4/chat/completions');
	});
});

describe('non-streaming', () => {
	it('answers with a chat.completion object', async () => {
		server.enqueue({reasoning: '想', reply: '好的'});
		const response = await post({model: 'glm-4.5', messages: user('hi'), request_id: 'my-request'});
		expect(response.status).toBe(200);
		expect(response.headers.get('content-type')).toMatch(/^application\/json/);
		const body = await response.json();
		expect(body).toMatchObject({
			request_id: 'my-request',
			model: 'glm-4.5',
			object: 'chat.completion',
			choices: [{index: 0, finish_reason: 'stop', message: {role: 'assistant', content: '好的', reasoning_content: '想'}}],
			usage: {completion_tokens: 3},
		});
		expect(body.id).toMatch(/^\d{14}[0-9a-f]{16}$/);
		expect(typeof body.created).toBe('number');
	});
});

describe('authentication', () => {
	const body = {model: 'glm-4.6', messages: user('hi')};

	it('accepts a token signed as the SDKs do, with or without typ', async () => {
		expect((await post(body)).status).toBe(200);
		expect((await post(body, {token: sign({}, {alg: 'HS256', sign_type: 'SIGN', typ: 'JWT'})})).status).toBe(200);
	});

	it('rejects a missing header with 1001', async () => {
		await expectError(await post(body, {token: null}), 401, '1001');
	});

	it('rejects a wrong secret with 1004', async () => {
		await expectError(await post(body, {token: sign({}, undefined, 'not-the-secret')}), 401, '1004');
	});

	it('rejects a header without sign_type', async () => {
		await expectError(await post(body, {token: sign({}, {alg: 'HS256'})}), 401, '1004');
	});

	it('rejects exp and timestamp in seconds, saying so', async () => {
		const seconds = Math.floor(Date.now() / 1000);
		const response = await post(body, {token: sign({exp: seconds + 60, timestamp: seconds}), headers: {'Accept-Language': 'en-US,en'}});
		expect(response.status).toBe(401);
		expect((await response.json()).error.message).toMatch(/milliseconds/);
	});

	it('rejects an expired token with 1003', async () => {
		await expectError(await post(body, {token: sign({exp: Date.now() - 1000})}), 401, '1003');
	});

	it('rejects another key id', async () => {
		await expectError(await post(body, {token: sign({api_key: 'someoneelse'})}), 401, '1000');
	});

	it('rejects the raw key unless acceptRawKey', async () => {
		await expectError(await post(body, {token: TEST_KEY}), 401, '1002');
		const lenient = await startGlmServer({acceptRawKey: true});
		try {
			const response = await fetch(`${lenient.baseUrl}/chat/completions`, {
				method: 'POST',
				headers: {Authorization: `Bearer ${TEST_KEY}`},
				body: JSON.stringify(body),
			});
			expect(response.status).toBe(200);
		} finally {
			await lenient.close();
		}
	});

	it('rejects before using a queued behaviour', async () => {
		server.enqueue({reply: 'queued'});
		await post(body, {token: null});
		const answer = await (await post(body)).json();
		expect(answer.choices[0].message.content).toBe('queued');
	});
});

describe('validation', () => {
	it.each([
		['unparsable JSON', '{"model":'],
		['missing model', {messages: user('hi')}],
		['missing messages', {model: 'glm-4.6'}],
		['empty messages', {model: 'glm-4.6', messages: []}],
		['system-only', {model: 'glm-4.6', messages: [{role: 'system', content: 'be nice'}]}],
		['unknown role', {model: 'glm-4.6', messages: [{role: 'robot', content: 'hi'}]}],
		['temperature 0', {model: 'glm-4.6', messages: user('hi'), temperature: 0}],
		['temperature above 1', {model: 'glm-4.6', messages: user('hi'), temperature: 1.5}],
		['top_p too small', {model: 'glm-4.6', messages: user('hi'), top_p: 0}],
	])('rejects %s with 400/1214', async (_, body) => {
		await expectError(await post(body), 400, '1214');
	});

	it('rejects a bad thinking type with 1210', async () => {
		await expectError(await post({model: 'glm-4.6', messages: user('hi'), thinking: {type: 'auto'}}), 400, '1210');
	});

	it.each(['gpt-4', 'glm-9-imaginary', 'glm-4.6-turbo'])(
		"rejects the unknown model %s with 400/1211 and the service's own text",
		async (model) => {
			const body = await expectError(await post({model, messages: user('hi')}), 400, '1211');
			expect(body.error.message).toBe('模型不存在，请检查模型代码。');
			expect(server.requests[0]!.note).toBe('invalid 1211');
		},
	);

	it('serves every model of glm-api.md', async () => {
		for (const model of MODELS) expect((await post({model, messages: user('hi')})).status, model).toBe(200);
	});

	it('answers 404 JSON elsewhere', async () => {
		const response = await fetch(`${server.baseUrl}/embeddings`, {method: 'POST', body: '{}'});
		expect(response.status).toBe(404);
		expect((await response.json()).error).toBeDefined();
	});
});

describe('injected errors', () => {
	it('replies 429/1113 with the GLM error body, in Chinese by default', async () => {
		server.enqueue({code: '1113', headers: {'x-should-retry': 'false'}});
		const response = await post({model: 'glm-4.6', stream: true, messages: user('hi')});
		expect(response.headers.get('x-should-retry')).toBe('false');
		const body = await expectError(response, 429, '1113');
		expect(body.error.message).toMatch(/[\u4e00-\u9fff]/);
		expect(typeof body.request_id).toBe('string');
	});

	it('answers in English with Accept-Language en', async () => {
		server.enqueue({code: '1113'});
		const body = await expectError(
			await post({model: 'glm-4.6', messages: user('hi')}, {headers: {'Accept-Language': 'en-US,en'}}),
			429,
			'1113',
		);
		expect(body.error.message).toMatch(/^[\x20-\x7e]+$/);
	});

	it('adds contentFilter to 1301 and maps statuses from the table', async () => {
		server.enqueue({code: '1301'}, {status: 500}, {status: 401, code: '1003'});
		expect((await expectError(await post({model: 'glm-4.6', messages: user('hi')}), 400, '1301')).contentFilter).toEqual([
			{role: 'user', level: 1},
		]);
		await expectError(await post({model: 'glm-4.6', messages: user('hi')}), 500, '500');
		await expectError(await post({model: 'glm-4.6', messages: user('hi')}), 401, '1003');
	});

	it('uses the default behaviour when the queue is empty', async () => {
		server.setDefault({code: '1305'});
		server.enqueue({reply: 'once'});
		expect((await post({model: 'glm-4.6', messages: user('hi')})).status).toBe(200);
		await expectError(await post({model: 'glm-4.6', messages: user('hi')}), 429, '1305');
		await expectError(await post({model: 'glm-4.6', messages: user('hi')}), 429, '1305');
	});
});

describe('recording', () => {
	it('records every request, rejected ones too, with the decoded token', async () => {
		await post({model: 'glm-4.6', messages: user('hi')});
		await post({model: 'glm-4.6', messages: user('hi')}, {token: sign({exp: 1})});
		await post('not json');
		expect(server.requests).toHaveLength(3);
		const [ok, expired, garbled] = server.requests;
		expect(ok).toMatchObject({method: 'POST', path: '/api/paas/v4/chat/completions', status: 200, body: {model: 'glm-4.6'}});
		expect(ok!.token?.header).toMatchObject({alg: 'HS256', sign_type: 'SIGN'});
		expect(ok!.token?.payload.api_key).toBe(ID);
		expect(ok!.headers['authorization']).toMatch(/^Bearer /);
		expect(ok!.authError).toBeUndefined();
		expect(expired!.authError).toBe('1003');
		expect(garbled!.body).toBe('not json');
		expect(garbled!.at).toBeGreaterThanOrEqual(ok!.at);
	});
});

describe('magic words', () => {
	it('are off by default and on with magic: true', async () => {
		const body = {model: 'glm-4.6', messages: user('glm:error=1113')};
		expect((await post(body)).status).toBe(200);
		const magic = await startGlmServer({magic: true});
		try {
			const call = (content: string) =>
				fetch(`${magic.baseUrl}/chat/completions`, {
					method: 'POST',
					headers: {Authorization: `Bearer ${sign()}`},
					body: JSON.stringify({
						model: 'glm-4.6',
						stream: true,
						messages: [
							{role: 'user', content: 'glm:tokens=3 glm:finish=length'},
							{role: 'assistant', content: 'x'},
							{role: 'user', content},
						],
					}),
				});
			expect((await call('glm:error=1113')).status).toBe(429);
			const data = events((await readAll(await call('glm:tokens=7 glm:finish=network_error'))).text);
			expect(data).toHaveLength(7 + 2);
			expect(JSON.parse(data.at(-2)!).choices[0].finish_reason).toBe('network_error');
			expect(contentOf(events((await readAll(await call('glm:markdown'))).text)).content).toContain('```ts');
		} finally {
			await magic.close();
		}
	});
});

import {execFile} from 'node:child_process';
import fs from 'node:fs';
import http from 'node:http';
import https from 'node:https';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import {fileURLToPath} from 'node:url';
import {afterAll, afterEach, beforeAll, beforeEach, describe, expect, it, vi} from 'vitest';
import {createGlmClient, type GlmClient, type GlmClientOptions} from '../../source/glm/client.js';
import {GlmError} from '../../source/glm/errors.js';
import type {ChatRequest, StreamEvent} from '../../source/glm/types.js';
import {TEST_KEY, startGlmServer, type GlmServer, type RecordedRequest} from '../support/glm-server.js';
import {selfSignedCertificate} from '../support/tls-cert.js';

const SECRET = TEST_KEY.slice(TEST_KEY.indexOf('.') + 1);
const REQUEST: ChatRequest = {model: 'glm-4.6', messages: [{role: 'user', content: '你好'}]};

let server: GlmServer;
const finished: RecordedRequest[] = [];
const clients: GlmClient[] = [];
let delays: number[] = [];

beforeAll(async () => {
	server = await startGlmServer({onResponse: (record) => finished.push(record)});
});

afterAll(async () => {
	await server.close();
});

beforeEach(() => {
	server.reset();
	finished.length = 0;
	delays = [];
});

afterEach(async () => {
	await Promise.all(clients.splice(0).map((client) => client.close()));
});

function client(options: Partial<GlmClientOptions> = {}): GlmClient {
	const created = createGlmClient({
		apiKey: server.key,
		baseUrl: server.baseUrl,
		env: {},
		connectTimeoutMs: 1000,
		idleTimeoutMs: 1000,
		totalTimeoutMs: 5000,
		// Backoff is checked through the recorded delays; tests do not wait for it.
		sleep: async (ms) => {
			delays.push(ms);
		},
		...options,
	});
	clients.push(created);
	return created;
}

interface Outcome {
	events: StreamEvent[];
	error?: GlmError;
	content: string;
	reasoning: string;
}

async function collect(stream: AsyncGenerator<StreamEvent>, onEvent?: (event: StreamEvent) => unknown): Promise<Outcome> {
	const events: StreamEvent[] = [];
	let error: GlmError | undefined;
	try {
		for await (const event of stream) {
			events.push(event);
			await onEvent?.(event);
		}
	} catch (e) {
		expect(e).toBeInstanceOf(GlmError);
		error = e as GlmError;
		expect(error.message).not.toContain(SECRET);
	}
	const join = (type: 'content' | 'reasoning'): string => events.map((event) => (event.type === type ? event.text : '')).join('');
	return {events, content: join('content'), reasoning: join('reasoning'), ...(error ? {error} : {})};
}

function types(outcome: Outcome): string[] {
	return outcome.events.map((event) => event.type).filter((type, i, all) => type !== all[i - 1]);
}

/** The server calls onResponse when a response is over; for a hung or unfinished one, that is the socket closing. */
async function closedByClient(count = 1): Promise<void> {
	await vi.waitFor(() => expect(finished.length).toBeGreaterThanOrEqual(count), {
		timeout: 1000,
		interval: 10,
	});
}

describe('streaming an answer', () => {
	it('reassembles reasoning and content split byte by byte, then usage, then finish', async () => {
		const reply = '你好🌍！👨‍👩‍👧 family, ça va?';
		server.enqueue({reply, reasoning: '先想一想🤔', split: 'byte'});
		const outcome = await collect(client().stream(REQUEST));
		expect(outcome.error).toBeUndefined();
		expect(outcome.reasoning).toBe('先想一想🤔');
		expect(outcome.content).toBe(reply);
		expect(types(outcome)).toEqual(['reasoning', 'content', 'usage', 'finish']);
		const usage = outcome.events.find((event) => event.type === 'usage');
		expect(usage).toMatchObject({usage: {cachedTokens: 0, completionTokens: expect.any(Number), reasoningTokens: expect.any(Number)}});
		if (usage?.type === 'usage') {
			expect(usage.usage.totalTokens).toBe(usage.usage.promptTokens + usage.usage.completionTokens);
		}
		expect(outcome.events.at(-1)).toMatchObject({type: 'finish', reason: 'stop', requestId: expect.stringMatching(/^\d{14}[0-9a-f]{16}$/)});
	});

	it('sends a signed token, JSON and stream: true to {base}/chat/completions', async () => {
		const c = client({baseUrl: `${server.baseUrl}/`, acceptLanguage: 'en-US,en', userAgent: 'glm-tui/test'});
		await collect(c.stream({...REQUEST, temperature: 0.6}));
		expect(server.requests).toHaveLength(1);
		const [request] = server.requests;
		expect(request).toMatchObject({method: 'POST', path: '/api/paas/v4/chat/completions', status: 200});
		expect(request?.authError).toBeUndefined();
		expect(request?.headers['authorization']).toMatch(/^Bearer [\w-]+\.[\w-]+\.[\w-]+$/);
		expect(request?.headers['authorization']).not.toContain(SECRET);
		expect(request?.headers).toMatchObject({
			'content-type': 'application/json',
			accept: 'text/event-stream',
			'accept-language': 'en-US,en',
			'user-agent': 'glm-tui/test',
		});
		expect(request?.token?.header).toEqual({alg: 'HS256', sign_type: 'SIGN'});
		expect(request?.token?.payload.api_key).toBe(TEST_KEY.split('.')[0]);
		expect(request?.body).toEqual({...REQUEST, temperature: 0.6, stream: true});
	});

	it('reuses one token across requests', async () => {
		const c = client();
		await collect(c.stream(REQUEST));
		await collect(c.stream(REQUEST));
		expect(server.requests[0]?.headers['authorization']).toBe(server.requests[1]?.headers['authorization']);
	});

	it('copes with CRLF, comments and awkward splits', async () => {
		server.enqueue({tokens: 200, crlf: true, comments: true, split: 'awkward', reasoning: '推理'});
		const outcome = await collect(client().stream(REQUEST));
		expect(outcome.error).toBeUndefined();
		expect(outcome.events.filter((event) => event.type === 'content')).toHaveLength(200);
		expect(outcome.reasoning).toBe('推理');
		expect(outcome.events.at(-1)).toMatchObject({type: 'finish', reason: 'stop'});
	});

	it.each(['sensitive', 'length', 'network_error', 'model_context_window_exceeded', 'something_new'])(
		'surfaces finish_reason %s as the last event, after usage',
		async (finishReason) => {
			server.enqueue({reply: 'partial answer', finishReason});
			const outcome = await collect(client().stream(REQUEST));
			expect(outcome.error).toBeUndefined();
			expect(outcome.content).toBe('partial answer');
			expect(outcome.events.at(-2)?.type).toBe('usage');
			expect(outcome.events.at(-1)).toMatchObject({type: 'finish', reason: finishReason});
		},
	);

	it('reports length when max_tokens cuts the answer', async () => {
		server.enqueue({tokens: 50});
		const outcome = await collect(client().stream({...REQUEST, max_tokens: 5}));
		expect(outcome.events.filter((event) => event.type === 'content')).toHaveLength(5);
		expect(outcome.events.at(-1)).toMatchObject({type: 'finish', reason: 'length'});
	});

	it('complete() returns the whole answer with usage and ids', async () => {
		server.enqueue({reply: '完整的回答 ✅', reasoning: '想'});
		const completion = await client().complete({...REQUEST, model: 'glm-4.5'});
		expect(completion).toMatchObject({
			content: '完整的回答 ✅',
			reasoning: '想',
			finishReason: 'stop',
			model: 'glm-4.5',
			requestId: expect.any(String),
			usage: {promptTokens: expect.any(Number), completionTokens: expect.any(Number)},
		});
		expect(server.requests[0]?.body.stream).toBe(true);
	});

	it('rejects a malformed key before any request', () => {
		expect(() => createGlmClient({apiKey: 'no-dot-here', baseUrl: server.baseUrl})).toThrow(expect.objectContaining({kind: 'key-format'}));
		expect(() => createGlmClient({apiKey: ' ', baseUrl: server.baseUrl})).toThrow(expect.objectContaining({kind: 'no-key'}));
		expect(server.requests).toHaveLength(0);
	});
});

describe('errors and retries', () => {
	it.each([
		['1113', 'balance', /Top up/],
		['1112', 'locked', /locked/],
		['1301', 'content-filter', /Rephrase/],
		['1261', 'prompt-too-long', /too long/],
		['1304', 'quota', /daily/],
		['1308', 'quota', /5-hour/],
		['1210', 'bad-request', /parameter/],
		['1001', 'auth', /Authorization/],
	])('%s -> %s after exactly one request', async (code, kind, says) => {
		server.enqueue({code});
		const outcome = await collect(client().stream(REQUEST));
		expect(outcome.error).toMatchObject({kind, code, retryable: false});
		expect(outcome.error?.message).toMatch(says);
		expect(outcome.events).toEqual([]);
		expect(server.requests).toHaveLength(1);
	});

	it('names the model GLM does not know (1211), after one request', async () => {
		const outcome = await collect(client().stream({...REQUEST, model: 'gpt-4o'}));
		expect(outcome.error).toMatchObject({kind: 'model-not-found', code: '1211'});
		expect(outcome.error?.message).toMatch(/"gpt-4o".*glm-4\.6/);
		expect(server.requests).toHaveLength(1);
	});

	it('retries 1305 twice with backoff, then streams the answer (3 requests)', async () => {
		server.enqueue({code: '1305'}, {code: '1305', status: 503}, {reply: 'finally'});
		const outcome = await collect(client({random: () => 0}).stream(REQUEST));
		expect(outcome.error).toBeUndefined();
		expect(outcome.content).toBe('finally');
		expect(server.requests).toHaveLength(3);
		const retries = outcome.events.filter((event) => event.type === 'retry');
		expect(retries).toMatchObject([
			{type: 'retry', attempt: 1, delayMs: 500, error: {kind: 'overloaded', code: '1305'}},
			{type: 'retry', attempt: 2, delayMs: 1000, error: {kind: 'overloaded'}},
		]);
		expect(delays).toEqual([500, 1000]);
	});

	it('gives up on 500 after maxRetries: 4 requests, delays within the jitter bounds', async () => {
		server.setDefault({status: 500});
		const outcome = await collect(client({random: Math.random}).stream(REQUEST));
		expect(outcome.error).toMatchObject({kind: 'server', status: 500, retryable: true});
		expect(server.requests).toHaveLength(4);
		expect(delays).toHaveLength(3);
		[500, 1000, 2000].forEach((base, i) => {
			expect(delays[i]).toBeGreaterThanOrEqual(base * 0.75);
			expect(delays[i]).toBeLessThanOrEqual(base);
		});
	});

	it('caps the backoff at 8 s with the lowest jitter at 0.75', async () => {
		server.setDefault({status: 500});
		const outcome = await collect(client({maxRetries: 6, random: () => 1, totalTimeoutMs: 0}).stream(REQUEST));
		expect(outcome.error?.kind).toBe('server');
		expect(delays).toEqual([375, 750, 1500, 3000, 6000, 6000]);
		expect(server.requests).toHaveLength(7);
	});

	it('stops retrying when the server says x-should-retry: false', async () => {
		server.setDefault({status: 500, headers: {'x-should-retry': 'false'}});
		const outcome = await collect(client().stream(REQUEST));
		expect(outcome.error).toMatchObject({kind: 'server', retryable: false});
		expect(server.requests).toHaveLength(1);
	});

	it('retries 429 / 1302 and honours Retry-After', async () => {
		server.enqueue({code: '1302', headers: {'retry-after': '0.2'}}, {reply: 'ok'});
		const outcome = await collect(client().stream(REQUEST));
		expect(outcome.content).toBe('ok');
		expect(delays).toEqual([200]);
	});

	it('answers a 1003 with one fresh token: exactly 2 requests, different tokens', async () => {
		server.enqueue({code: '1003'}, {reply: 'signed in'});
		const outcome = await collect(client().stream(REQUEST));
		expect(outcome.content).toBe('signed in');
		expect(server.requests).toHaveLength(2);
		const [first, second] = server.requests.map((r) => r.headers['authorization']);
		expect(first).not.toBe(second);
		expect(outcome.events.some((event) => event.type === 'retry')).toBe(false);
		expect(delays).toEqual([]);
	});

	it('gives up after the fresh token is rejected too', async () => {
		server.enqueue({code: '1003'}, {code: '1002'}, {reply: 'never'});
		const outcome = await collect(client().stream(REQUEST));
		expect(outcome.error).toMatchObject({kind: 'auth', status: 401, code: '1002'});
		expect(outcome.error?.message).toMatch(/glm-tui config set key/);
		expect(server.requests).toHaveLength(2);
	});

	it('reports a wrong secret as an auth error after two signed attempts', async () => {
		const wrong = `${TEST_KEY.split('.')[0]}.notTheRightSecret`;
		const outcome = await collect(client({apiKey: wrong}).stream(REQUEST));
		expect(outcome.error).toMatchObject({kind: 'auth', code: '1004'});
		expect(server.requests.map((r) => r.authError)).toEqual(['1004', '1004']);
		expect(outcome.error?.message).not.toContain('notTheRightSecret');
	});

	it('keeps the secret out of a service message that echoes it', async () => {
		server.enqueue({status: 400, code: '1214', message: `bad key ${SECRET} here`});
		const outcome = await collect(client().stream(REQUEST));
		expect(outcome.error?.kind).toBe('bad-request');
		expect(outcome.error?.serviceMessage).toBe('bad key [secret] here');
	});

	it('a 200 from the test server that is not an answer: one request, its words quoted', async () => {
		server.setDefault({notChat: 'Welcome to nginx!\n', split: 'whole'});
		const outcome = await collect(client().stream(REQUEST));
		expect(outcome.error?.message).toMatch(/not a GLM chat response.*Welcome to nginx!/);
		expect(outcome.events.some((event) => event.type === 'retry')).toBe(false);
		expect(server.requests).toHaveLength(1);
	});

	it('counts an unreadable event and says so before the end of the answer', async () => {
		server.enqueue({reply: 'a b c d', badFrameAfter: 2});
		const outcome = await collect(client().stream(REQUEST));
		expect(outcome.error).toBeUndefined();
		expect(outcome.content).toBe('a b c d');
		expect(types(outcome).slice(-3)).toEqual(['unreadable', 'usage', 'finish']);
		expect(outcome.events.find((event) => event.type === 'unreadable')).toEqual({type: 'unreadable', count: 1});
	});

	it('counts unreadable events of an answer that then breaks off', async () => {
		server.enqueue({tokens: 10, badFrameAfter: 1, dropAfter: 4});
		const outcome = await collect(client().stream(REQUEST));
		expect(outcome.error?.kind).toBe('interrupted');
		expect(outcome.events.at(-1)).toEqual({type: 'unreadable', count: 1});
	});

	it('turns an error frame mid-stream into an error with its code, without retrying', async () => {
		server.enqueue({tokens: 5, errorFrameAfter: 2, code: '1301'});
		const outcome = await collect(client().stream(REQUEST));
		expect(outcome.events.filter((event) => event.type === 'content')).toHaveLength(2);
		expect(outcome.error).toMatchObject({kind: 'content-filter', code: '1301'});
		expect(server.requests).toHaveLength(1);
	});

	it('retries an error frame that came before any content', async () => {
		server.enqueue({errorFrameAfter: 0, code: '1305'}, {reply: 'second time'});
		const outcome = await collect(client().stream(REQUEST));
		expect(outcome.content).toBe('second time');
		expect(server.requests).toHaveLength(2);
	});

	it('reports a dropped connection mid-answer as interrupted, not retryable, content kept', async () => {
		server.enqueue({tokens: 10, dropAfter: 4});
		const outcome = await collect(client().stream(REQUEST));
		expect(outcome.events.filter((event) => event.type === 'content')).toHaveLength(4);
		expect(outcome.error).toMatchObject({kind: 'interrupted', retryable: false});
		expect(outcome.error?.message).toMatch(/kept/);
		expect(server.requests).toHaveLength(1);
	});

	it('retries a connection dropped before any content', async () => {
		server.enqueue({dropAfter: 0}, {reply: 'again'});
		const outcome = await collect(client().stream(REQUEST));
		expect(outcome.content).toBe('again');
		expect(outcome.events[0]).toMatchObject({type: 'retry', error: {kind: 'interrupted'}});
		expect(server.requests).toHaveLength(2);
	});

	it('names the host and ECONNREFUSED when nothing listens, after retrying', async () => {
		const port = await freePort();
		const outcome = await collect(client({baseUrl: `http://127.0.0.1:${port}/api/paas/v4`, maxRetries: 2}).stream(REQUEST));
		expect(outcome.error).toMatchObject({kind: 'network', retryable: true});
		expect(outcome.error?.message).toContain(`127.0.0.1:${port}`);
		expect(outcome.error?.message).toContain('ECONNREFUSED');
		expect(outcome.events.filter((event) => event.type === 'retry')).toHaveLength(2);
	});

	it('explains a wrong base URL (404)', async () => {
		const outcome = await collect(client({baseUrl: server.baseUrl.replace('/v4', '/v3')}).stream(REQUEST));
		expect(outcome.error?.kind).toBe('bad-request');
		expect(outcome.error?.message).toMatch(/base URL/);
		expect(server.requests).toHaveLength(1);
	});
});

describe('timeouts and abort', () => {
	it('times out waiting for headers (connect timeout) and retries it', async () => {
		server.setDefault({hang: true});
		const outcome = await collect(client({connectTimeoutMs: 100, maxRetries: 1}).stream(REQUEST));
		expect(outcome.error).toMatchObject({kind: 'timeout', retryable: true});
		expect(outcome.error?.message).toMatch(/connect timeout/);
		expect(outcome.error?.message).toContain('100 ms');
		expect(server.requests).toHaveLength(2);
		await closedByClient(2);
	});

	it('times out a stream that goes silent (idle timeout), keeping what came', async () => {
		server.enqueue({tokens: 10, stallAfter: 3});
		const started = Date.now();
		const outcome = await collect(client({idleTimeoutMs: 150}).stream(REQUEST));
		expect(outcome.events.filter((event) => event.type === 'content')).toHaveLength(3);
		expect(outcome.error).toMatchObject({kind: 'timeout', retryable: false});
		expect(outcome.error?.message).toMatch(/idle timeout/);
		// Timers never fire early (load only makes them later): the limit was waited out in full.
		expect(Date.now() - started).toBeGreaterThanOrEqual(140);
		expect(server.requests).toHaveLength(1);
		await closedByClient();
	});

	it('headers then silence: says nothing arrived, retries once only, within the idle limit', async () => {
		server.setDefault({stallAfter: 0});
		const outcome = await collect(client({idleTimeoutMs: 200, maxRetries: 3}).stream(REQUEST));
		expect(outcome.error).toMatchObject({kind: 'timeout'});
		expect(outcome.error?.message).toMatch(/sent nothing for 200 ms \(idle timeout\)/);
		expect(outcome.error?.message).not.toMatch(/middle|kept/);
		expect(outcome.error?.message).toMatch(/idle-timeout/);
		expect(outcome.events.filter((event) => event.type === 'retry')).toHaveLength(1);
		expect(server.requests).toHaveLength(2);
		await closedByClient(2);
	});

	it('a stream that stalls before any text is retried once, and the retry answers', async () => {
		server.enqueue({stallAfter: 0}, {reply: 'second try'});
		const outcome = await collect(client({idleTimeoutMs: 200}).stream(REQUEST));
		expect(outcome.error).toBeUndefined();
		expect(outcome.content).toBe('second try');
		expect(outcome.events[0]).toMatchObject({type: 'retry', attempt: 1, error: {kind: 'timeout'}});
	});

	it('says the answer began but brought no text when only a comment arrived before the silence', async () => {
		server.setDefault({stallAfter: 0, comments: true});
		const outcome = await collect(client({idleTimeoutMs: 200, maxRetries: 0}).stream(REQUEST));
		expect(outcome.error?.message).toMatch(/no text/);
		expect(outcome.error?.message).not.toMatch(/middle|kept/);
	});

	it('notices a trickle that stops, and not a steady trickle slower than a read pace', async () => {
		server.enqueue({tokens: 6, tokensPerSecond: 10, split: 'whole'});
		const steady = await collect(client({idleTimeoutMs: 400}).stream(REQUEST));
		expect(steady.error).toBeUndefined();
		server.enqueue({tokens: 20, tokensPerSecond: 10, stallAfter: 5, split: 'whole'});
		const stalled = await collect(client({idleTimeoutMs: 400}).stream(REQUEST));
		expect(stalled.events.filter((event) => event.type === 'content')).toHaveLength(5);
		expect(stalled.error?.message).toMatch(/in the middle of the answer .*kept/);
	});

	it('does not count a slow reader as idle', async () => {
		server.enqueue({tokens: 3, split: 'whole'});
		// Each event keeps the consumer busy 60 ms; together they exceed the limit, which only times GLM.
		const outcome = await collect(client({idleTimeoutMs: 100}).stream(REQUEST), async () => {
			await new Promise((resolve) => setTimeout(resolve, 60));
		});
		expect(outcome.error).toBeUndefined();
	});

	it('stops a long answer at the total timeout', async () => {
		server.enqueue({tokens: 100, tokensPerSecond: 50});
		const outcome = await collect(client({totalTimeoutMs: 200}).stream(REQUEST));
		expect(outcome.error).toMatchObject({kind: 'timeout', retryable: false});
		expect(outcome.error?.message).toMatch(/longer than 200 ms/);
		await closedByClient();
	});

	it('aborts mid-stream promptly and closes the connection', async () => {
		// 50 s of answer: were the abort ignored, the test would time out rather than pass.
		server.enqueue({tokens: 5000, tokensPerSecond: 100});
		const controller = new AbortController();
		let aborting = false;
		const outcome = await collect(client().stream(REQUEST, {signal: controller.signal}), (event) => {
			if (event.type === 'content' && !aborting) {
				aborting = true;
				setTimeout(() => controller.abort(), 20);
			}
		});
		expect(outcome.error).toMatchObject({kind: 'aborted', retryable: false});
		expect(outcome.content.length).toBeGreaterThan(0);
		expect(server.requests).toHaveLength(1);
		await closedByClient();
		expect(finished[0]?.note).toBe('client closed');
	});

	it('aborts while waiting for headers', async () => {
		server.setDefault({hang: true});
		const controller = new AbortController();
		setTimeout(() => controller.abort(), 50);
		// The server never answers: only the abort ends this.
		const outcome = await collect(client({connectTimeoutMs: 0}).stream(REQUEST, {signal: controller.signal}));
		expect(outcome.error?.kind).toBe('aborted');
		await closedByClient();
	});

	it('aborts during the backoff sleep (real sleep)', async () => {
		server.setDefault({status: 500});
		const controller = new AbortController();
		const c = createGlmClient({apiKey: server.key, baseUrl: server.baseUrl, env: {}, random: () => 0});
		clients.push(c);
		const outcome = await collect(c.stream(REQUEST, {signal: controller.signal}), (event) => {
			if (event.type === 'retry') setTimeout(() => controller.abort(), 30);
		});
		expect(outcome.error?.kind).toBe('aborted');
		expect(server.requests).toHaveLength(1);
	});

	it('does not start when the signal is already aborted', async () => {
		const outcome = await collect(client().stream(REQUEST, {signal: AbortSignal.abort()}));
		expect(outcome.error?.kind).toBe('aborted');
		expect(server.requests).toHaveLength(0);
	});

	it('releases the connection when the consumer stops reading', async () => {
		server.enqueue({tokens: 1000, tokensPerSecond: 200});
		let seen = 0;
		for await (const event of client().stream(REQUEST)) {
			if (event.type === 'content' && ++seen === 3) break;
		}
		await closedByClient();
	});
});

describe('reading pace', () => {
	/** When each content event arrived, via send(): the events of one socket read arrive together. */
	async function arrivals(
		c: GlmClient,
		signal?: AbortSignal,
	): Promise<{times: number[]; content: string; retries: number; error?: unknown}> {
		const times: number[] = [];
		let content = '';
		let retries = 0;
		try {
			await c.send(
				REQUEST,
				(event) => {
					if (event.type === 'retry') retries++;
					if (event.type !== 'content') return;
					times.push(performance.now());
					content += event.text;
				},
				signal ? {signal} : {},
			);
		} catch (error) {
			return {times, content, retries, error};
		}
		return {times, content, retries};
	}

	/** Groups of events less than 15 ms apart: one group per socket read. */
	function reads(times: number[]): number {
		return times.filter((time, i) => i === 0 || time - times[i - 1]! >= 15).length;
	}

	it('reads a 50 tokens/s answer about once per pace, and loses nothing', async () => {
		server.enqueue({tokens: 40, tokensPerSecond: 50, split: 'whole'});
		const paced = await arrivals(client({readPaceMs: 100}));
		server.enqueue({tokens: 40, tokensPerSecond: 50, split: 'whole'});
		const eager = await arrivals(client({readPaceMs: 0}));
		expect(paced.content).toBe(eager.content);
		expect(paced.times).toHaveLength(40);
		// 0.8 s of tokens: ~9 reads at 100 ms, ~40 when every chunk is read as it comes.
		expect(reads(paced.times)).toBeLessThanOrEqual(14);
		expect(reads(eager.times)).toBeGreaterThanOrEqual(25);
	});

	it('does not slow down an answer that arrives in bulk', async () => {
		server.enqueue({tokens: 4000, split: 'whole'});
		// ~700 KB in many read turns: resting a minute after each would outlast the test's timeout.
		const {times, content} = await arrivals(client({readPaceMs: 60_000}));
		expect(times).toHaveLength(4000);
		expect(content.length).toBeGreaterThan(4000);
	});

	it('reads the first chunk at once: pacing starts after it', async () => {
		server.enqueue({tokens: 3, tokensPerSecond: 5, split: 'whole'});
		// A minute's pace: a first token that waited for it would outlast the test's timeout.
		const controller = new AbortController();
		let first = '';
		await client({readPaceMs: 60_000})
			.send(
				REQUEST,
				(event) => {
					if (event.type !== 'content' || first) return;
					first = event.text;
					controller.abort();
				},
				{signal: controller.signal},
			)
			.catch(() => undefined);
		expect(first.length).toBeGreaterThan(0);
	});

	it('gives the resting socket back to the pool reading: slow answers in a row on one connection, no stall', async () => {
		// A socket left resting in the pool would sit until the connect timeout: a minute, past the test's timeout.
		const c = client({readPaceMs: 100, connectTimeoutMs: 60_000});
		for (let i = 0; i < 3; i++) {
			server.enqueue({tokens: 12, tokensPerSecond: 50, split: 'whole'});
			const outcome = await arrivals(c);
			expect(outcome.error).toBeUndefined();
			expect(outcome.retries).toBe(0);
			expect(outcome.times).toHaveLength(12);
		}
		expect(server.requests).toHaveLength(3);
	});

	it('stops at once when aborted while the socket rests', async () => {
		server.enqueue({tokens: 200, tokensPerSecond: 50, split: 'whole'});
		const controller = new AbortController();
		// A minute's rest: an abort that waited for its end would outlast the test's timeout.
		const c = client({readPaceMs: 60_000});
		const pending = arrivals(c, controller.signal);
		await vi.waitFor(() => expect(server.requests).toHaveLength(1));
		setTimeout(() => controller.abort(), 300);
		const outcome = await pending;
		expect(outcome.error).toMatchObject({kind: 'aborted'});
		await closedByClient();
	});

	it('the generator reads the same way: stream() and send() give the same events', async () => {
		server.enqueue({tokens: 30, tokensPerSecond: 100, reasoning: '先想一想，再回答。', split: 'awkward', seed: 3});
		const pulled = await collect(client({readPaceMs: 50}).stream(REQUEST));
		server.enqueue({tokens: 30, tokensPerSecond: 100, reasoning: '先想一想，再回答。', split: 'awkward', seed: 3});
		const pushed: StreamEvent[] = [];
		await client({readPaceMs: 50}).send(REQUEST, (event) => pushed.push(event));
		const withoutIds = (events: StreamEvent[]) =>
			events.map((event) => (event.type === 'finish' ? {...event, requestId: 'each request its own'} : event));
		expect(withoutIds(pushed)).toEqual(withoutIds(pulled.events));
	});
});

describe('proxy', () => {
	interface Proxy {
		url: string;
		tunnels: string[];
		forwarded: string[];
		/** The proxy-authorization header of each CONNECT. */
		authorizations: Array<string | undefined>;
		/** When set, CONNECT is answered with this status instead of a tunnel. */
		refuse?: number;
		close(): Promise<void>;
	}

	// A minimal forward proxy that only reaches this machine: CONNECT tunnels (what the client uses) and
	// absolute-URI requests.
	async function startProxy(): Promise<Proxy> {
		const authorizations: Array<string | undefined> = [];
		const tunnels: string[] = [];
		const forwarded: string[] = [];
		const sockets = new Set<net.Socket>();
		const proxy = http.createServer((req, res) => {
			const target = new URL(req.url ?? '');
			forwarded.push(req.url ?? '');
			if (target.hostname !== '127.0.0.1') {
				res.writeHead(403).end();
				return;
			}
			const upstream = http.request(
				{host: '127.0.0.1', port: target.port, path: target.pathname + target.search, method: req.method, headers: req.headers},
				(answer) => {
					res.writeHead(answer.statusCode ?? 502, answer.headers);
					answer.pipe(res);
				},
			);
			upstream.on('error', () => res.destroy());
			req.pipe(upstream);
		});
		proxy.on('connection', (socket: net.Socket) => {
			sockets.add(socket);
			socket.on('close', () => sockets.delete(socket));
		});
		proxy.on('connect', (req: http.IncomingMessage, client: net.Socket, head: Buffer) => {
			tunnels.push(req.url ?? '');
			authorizations.push(req.headers['proxy-authorization']);
			if (result.refuse !== undefined) {
				client.end(`HTTP/1.1 ${result.refuse} Refused\r\nProxy-Authenticate: Basic realm="test"\r\nContent-Length: 4\r\n\r\nnope`);
				return;
			}
			const [host, port] = (req.url ?? '').split(':');
			if (host !== '127.0.0.1' && host !== 'localhost') {
				client.end('HTTP/1.1 403 Forbidden\r\n\r\n');
				return;
			}
			const upstream = net.connect(Number(port), '127.0.0.1', () => {
				client.write('HTTP/1.1 200 Connection Established\r\n\r\n');
				upstream.write(head);
				upstream.pipe(client);
				client.pipe(upstream);
			});
			sockets.add(upstream);
			upstream.on('close', () => sockets.delete(upstream));
			upstream.on('error', () => client.destroy());
			client.on('error', () => upstream.destroy());
		});
		await new Promise<void>((resolve) => proxy.listen(0, '127.0.0.1', resolve));
		const {port} = proxy.address() as net.AddressInfo;
		const result: Proxy = {
			url: `http://127.0.0.1:${port}`,
			tunnels,
			forwarded,
			authorizations,
			close: () =>
				new Promise<void>((resolve) => {
					for (const socket of sockets) socket.destroy();
					proxy.close(() => resolve());
				}),
		};
		return result;
	}

	let proxy: Proxy;
	beforeAll(async () => {
		proxy = await startProxy();
	});
	afterAll(async () => {
		await proxy.close();
	});
	beforeEach(() => {
		proxy.tunnels.length = 0;
		proxy.forwarded.length = 0;
		proxy.authorizations.length = 0;
		delete proxy.refuse;
	});

	const serverHost = (): string => new URL(server.baseUrl).host;

	it('sends traffic through HTTP_PROXY', async () => {
		server.enqueue({reply: 'via proxy'});
		const outcome = await collect(client({env: {HTTP_PROXY: proxy.url}}).stream(REQUEST));
		expect(outcome.content).toBe('via proxy');
		expect([...proxy.tunnels, ...proxy.forwarded].length).toBe(1);
		expect(proxy.tunnels).toEqual([serverHost()]);
		expect(server.requests).toHaveLength(1);
	});

	it('sends no credentials to a proxy without them, and keeps the tunnel for the next message', async () => {
		const c = client({env: {HTTP_PROXY: proxy.url}});
		await collect(c.stream(REQUEST));
		// The end of the first answer is read after its [DONE]; only then is the connection free again.
		await new Promise((resolve) => setTimeout(resolve, 200));
		const second = await collect(c.stream(REQUEST));
		expect(second.error).toBeUndefined();
		expect(server.requests).toHaveLength(2);
		expect(proxy.tunnels).toHaveLength(1);
		expect(proxy.authorizations).toEqual([undefined]);
	});

	it('sends the credentials of the proxy URL as proxy-authorization, decoded, never to GLM', async () => {
		const url = proxy.url.replace('http://', 'http://us%40er:p%3Ass@');
		const outcome = await collect(client({env: {HTTP_PROXY: url}}).stream(REQUEST));
		expect(outcome.error).toBeUndefined();
		expect(proxy.authorizations).toEqual([`Basic ${Buffer.from('us@er:p:ss').toString('base64')}`]);
		expect(server.requests[0]?.headers['proxy-authorization']).toBeUndefined();
	});

	it('asks for credentials when the proxy answers 407, without retrying or leaking the password', async () => {
		proxy.refuse = 407;
		const outcome = await collect(client({env: {HTTP_PROXY: proxy.url.replace('http://', 'http://user:secretpw@')}}).stream(REQUEST));
		expect(outcome.error).toMatchObject({kind: 'network', retryable: false});
		expect(outcome.error?.message).toContain(`The proxy ${proxy.url} refused to connect to ${serverHost()} (HTTP 407)`);
		expect(outcome.error?.message).toMatch(/credentials/);
		expect(outcome.error?.message).not.toContain('secretpw');
		expect(proxy.tunnels).toHaveLength(1);
		expect(server.requests).toHaveLength(0);
	});

	it('points other refusals at the proxy settings', async () => {
		proxy.refuse = 403;
		const outcome = await collect(client({env: {HTTP_PROXY: proxy.url}}).stream(REQUEST));
		expect(outcome.error?.message).toMatch(/HTTP 403.*HTTPS_PROXY/);
		expect(server.requests).toHaveLength(0);
	});

	it('close() ends a request stuck at a proxy that never answers CONNECT', async () => {
		const held = new Set<net.Socket>();
		// Reads the CONNECT request (so it sees the client hang up) and never answers.
		const silent = net.createServer((socket) => {
			socket.resume();
			held.add(socket);
			socket.on('close', () => held.delete(socket));
		});
		await new Promise<void>((resolve) => silent.listen(0, '127.0.0.1', resolve));
		try {
			const c = client({env: {HTTP_PROXY: `http://127.0.0.1:${(silent.address() as net.AddressInfo).port}`}, connectTimeoutMs: 0});
			const pending = collect(c.stream(REQUEST));
			await vi.waitFor(() => expect(held.size).toBe(1));
			await c.close();
			const outcome = await pending;
			expect(outcome.error?.kind).toBe('aborted');
			await vi.waitFor(() => expect(held.size).toBe(0));
		} finally {
			silent.close();
		}
	});

	// TLS inside the tunnel needs a certificate for localhost: made with node:crypto, so it runs everywhere.
	describe('to an https base URL', () => {
		let dir: string;
		let tlsServer: https.Server;
		let baseUrl: string;
		const servernames: Array<string | false | null> = [];

		beforeAll(async () => {
			dir = fs.mkdtempSync(path.join(os.tmpdir(), 'glm-tls-'));
			const made = selfSignedCertificate('localhost');
			fs.writeFileSync(path.join(dir, 'key.pem'), made.key);
			fs.writeFileSync(path.join(dir, 'cert.pem'), made.cert);
			tlsServer = https.createServer(
				{key: fs.readFileSync(path.join(dir, 'key.pem')), cert: fs.readFileSync(path.join(dir, 'cert.pem'))},
				(req, res) => {
					servernames.push((req.socket as import('node:tls').TLSSocket).servername);
					req.resume();
					req.on('end', () => {
						res.writeHead(200, {'content-type': 'text/event-stream'});
						res.end(
							`data: ${JSON.stringify({id: 'tls-1', choices: [{index: 0, delta: {content: 'over TLS'}, finish_reason: 'stop'}]})}\n\ndata: [DONE]\n\n`,
						);
					});
				},
			);
			await new Promise<void>((resolve) => tlsServer.listen(0, '127.0.0.1', resolve));
			baseUrl = `https://localhost:${(tlsServer.address() as net.AddressInfo).port}/api/paas/v4`;
		});
		afterAll(async () => {
			tlsServer.closeAllConnections();
			await new Promise<void>((resolve) => tlsServer.close(() => resolve()));
			fs.rmSync(dir, {recursive: true, force: true});
		});
		beforeEach(() => {
			servernames.length = 0;
		});

		it('checks the certificate of GLM, not of the proxy: an untrusted one is refused, naming NODE_EXTRA_CA_CERTS', async () => {
			const outcome = await collect(client({baseUrl, env: {HTTPS_PROXY: proxy.url}}).stream(REQUEST));
			expect(outcome.error).toMatchObject({kind: 'network', retryable: false});
			expect(outcome.error?.message).toMatch(/certificate is not trusted .*NODE_EXTRA_CA_CERTS/);
			expect(proxy.tunnels).toEqual([new URL(baseUrl).host]);
			expect(servernames).toEqual([]);
		});

		it('streams an answer over TLS through the tunnel once the certificate is trusted', async () => {
			// NODE_EXTRA_CA_CERTS is read at start-up only, hence a process of its own.
			const clientModule = fileURLToPath(new URL('../../source/glm/client.ts', import.meta.url));
			const script = `
				import {createGlmClient} from ${JSON.stringify(clientModule)};
				const client = createGlmClient({apiKey: process.env.GLM_KEY, baseUrl: process.env.GLM_BASE, maxRetries: 0});
				const answer = await client.complete({model: 'glm-4.6', messages: [{role: 'user', content: 'hi'}]});
				await client.close();
				console.log(JSON.stringify(answer));`;
			const env: NodeJS.ProcessEnv = Object.fromEntries(Object.entries(process.env).filter(([name]) => !/_proxy$/i.test(name)));
			Object.assign(env, {NODE_EXTRA_CA_CERTS: path.join(dir, 'cert.pem'), HTTPS_PROXY: proxy.url, GLM_KEY: server.key, GLM_BASE: baseUrl});
			const stdout = await new Promise<string>((resolve, reject) => {
				execFile(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', script], {env, timeout: 20_000}, (error, out, err) =>
					error ? reject(new Error(`${error.message}\n${err}`)) : resolve(out),
				);
			});
			expect(JSON.parse(stdout)).toMatchObject({content: 'over TLS', finishReason: 'stop', requestId: 'tls-1'});
			expect(proxy.tunnels).toEqual([new URL(baseUrl).host]);
			expect(servernames).toEqual(['localhost']);
		});
	});

	it('prefers lower-case http_proxy and accepts a proxy without a scheme', async () => {
		const c = client({env: {http_proxy: proxy.url.replace('http://', ''), HTTP_PROXY: 'http://127.0.0.1:1'}});
		const outcome = await collect(c.stream(REQUEST));
		expect(outcome.error).toBeUndefined();
		expect(proxy.tunnels).toHaveLength(1);
	});

	it.each([
		['the exact host', '127.0.0.1'],
		['host:port', () => serverHost()],
		['a list with *', 'example.com, *'],
		['lower-case no_proxy', 'localhost,127.0.0.1'],
	])('bypasses the proxy for NO_PROXY with %s', async (_name, value) => {
		const noProxy = typeof value === 'function' ? value() : value;
		const outcome = await collect(client({env: {HTTP_PROXY: proxy.url, NO_PROXY: noProxy}}).stream(REQUEST));
		expect(outcome.error).toBeUndefined();
		expect(proxy.tunnels).toHaveLength(0);
		expect(proxy.forwarded).toHaveLength(0);
		expect(server.requests).toHaveLength(1);
	});

	it('still proxies when NO_PROXY names another host or port', async () => {
		const outcome = await collect(client({env: {HTTP_PROXY: proxy.url, no_proxy: '127.0.0.2,127.0.0.1:1,.example.com'}}).stream(REQUEST));
		expect(outcome.error).toBeUndefined();
		expect(proxy.tunnels).toHaveLength(1);
	});

	it('ignores HTTPS_PROXY for an http:// base URL (curl rules)', async () => {
		const outcome = await collect(client({env: {HTTPS_PROXY: proxy.url}}).stream(REQUEST));
		expect(outcome.error).toBeUndefined();
		expect(proxy.tunnels).toHaveLength(0);
	});

	it('ignores process.env when env is given', async () => {
		const saved = process.env['HTTP_PROXY'];
		process.env['HTTP_PROXY'] = proxy.url;
		try {
			const outcome = await collect(client({env: {}}).stream(REQUEST));
			expect(outcome.error).toBeUndefined();
			expect(proxy.tunnels).toHaveLength(0);
		} finally {
			if (saved === undefined) delete process.env['HTTP_PROXY'];
			else process.env['HTTP_PROXY'] = saved;
		}
	});

	it('names the proxy when it cannot be reached', async () => {
		const port = await freePort();
		const outcome = await collect(client({env: {HTTP_PROXY: `http://user:pw@127.0.0.1:${port}`}, maxRetries: 0}).stream(REQUEST));
		expect(outcome.error?.kind).toBe('network');
		expect(outcome.error?.message).toContain(`proxy http://127.0.0.1:${port}`);
		expect(outcome.error?.message).not.toContain('pw');
		expect(server.requests).toHaveLength(0);
	});
});

async function freePort(): Promise<number> {
	const probe = net.createServer();
	await new Promise<void>((resolve) => probe.listen(0, '127.0.0.1', resolve));
	const {port} = probe.address() as net.AddressInfo;
	await new Promise<void>((resolve) => probe.close(() => resolve()));
	return port;
}

describe('answers the GLM test server does not produce', () => {
	interface Script {
		status?: number;
		headers?: Record<string, string>;
		body: string;
		/** Wait this long between the body and the end of the response. */
		endDelayMs?: number;
	}

	// Plays one canned response per request, ending it cleanly (no dropped socket).
	async function scripted(
		...scripts: Script[]
	): Promise<{baseUrl: string; count: () => number; connections: () => number; close(): Promise<void>}> {
		let count = 0;
		let connections = 0;
		const http1 = http.createServer((req, res) => {
			req.resume();
			req.on('end', () => {
				const script = scripts[Math.min(count, scripts.length - 1)]!;
				count++;
				res.writeHead(script.status ?? 200, script.headers ?? {});
				if (script.endDelayMs === undefined) {
					res.end(script.body);
				} else {
					res.write(script.body);
					setTimeout(() => res.end(), script.endDelayMs);
				}
			});
		});
		const sockets = new Set<net.Socket>();
		http1.on('connection', (socket: net.Socket) => {
			connections++;
			sockets.add(socket);
			socket.on('close', () => sockets.delete(socket));
		});
		await new Promise<void>((resolve) => http1.listen(0, '127.0.0.1', resolve));
		const {port} = http1.address() as net.AddressInfo;
		return {
			baseUrl: `http://127.0.0.1:${port}/api/paas/v4`,
			count: () => count,
			connections: () => connections,
			close: () =>
				new Promise<void>((resolve) => {
					for (const socket of sockets) socket.destroy();
					http1.close(() => resolve());
				}),
		};
	}

	const sse = {'content-type': 'text/event-stream'};
	const data = (obj: unknown): string => `data: ${JSON.stringify(obj)}\n\n`;
	const delta = (d: Record<string, unknown>, extra: Record<string, unknown> = {}): string =>
		data({id: 'task-1', model: 'glm-4.6', choices: [{index: 0, delta: d, ...extra}]});

	it('maps usage details and emits finish even without [DONE]', async () => {
		const usage = {
			prompt_tokens: 10,
			completion_tokens: 5,
			total_tokens: 15,
			prompt_tokens_details: {cached_tokens: 4},
			completion_tokens_details: {reasoning_tokens: 2},
		};
		const s = await scripted({
			headers: sse,
			body: delta({content: 'hi'}) + data({id: 'task-1', choices: [{index: 0, delta: {}, finish_reason: 'stop'}], usage}),
		});
		try {
			const outcome = await collect(client({baseUrl: s.baseUrl}).stream(REQUEST));
			expect(outcome.events).toEqual([
				{type: 'content', text: 'hi'},
				{type: 'usage', usage: {promptTokens: 10, completionTokens: 5, totalTokens: 15, cachedTokens: 4, reasoningTokens: 2}},
				{type: 'finish', reason: 'stop', requestId: 'task-1'},
			]);
		} finally {
			await s.close();
		}
	});

	it('keeps the connection for the next message after [DONE]', async () => {
		const s = await scripted({headers: sse, body: `${delta({content: 'x'}, {finish_reason: 'stop'})}data: [DONE]\n\n`, endDelayMs: 30});
		try {
			const c = client({baseUrl: s.baseUrl});
			for (let i = 0; i < 3; i++) {
				const outcome = await collect(c.stream(REQUEST));
				expect(outcome.events.at(-1)).toMatchObject({type: 'finish'});
				// The response ends 30 ms after [DONE]; the margin is for a machine busy with the other tests.
				await new Promise((resolve) => setTimeout(resolve, 200));
			}
			expect(s.count()).toBe(3);
			expect(s.connections()).toBe(1);
		} finally {
			await s.close();
		}
	});

	it('treats [DONE] without a finish_reason as a normal end', async () => {
		const s = await scripted({headers: sse, body: `${delta({content: 'x'})}data: [DONE]\n\n`});
		try {
			const outcome = await collect(client({baseUrl: s.baseUrl}).stream(REQUEST));
			expect(outcome.events.at(-1)).toMatchObject({type: 'finish', reason: 'stop'});
		} finally {
			await s.close();
		}
	});

	it('calls a clean end without finish_reason or [DONE] interrupted; retries it only before content', async () => {
		const s = await scripted({headers: sse, body: delta({content: 'half'})}, {headers: sse, body: ': nothing\n\n'});
		try {
			const first = await collect(client({baseUrl: s.baseUrl}).stream(REQUEST));
			expect(first.content).toBe('half');
			expect(first.error).toMatchObject({kind: 'interrupted', retryable: false});
			expect(s.count()).toBe(1);
			const second = await collect(client({baseUrl: s.baseUrl, maxRetries: 1}).stream(REQUEST));
			expect(second.error).toMatchObject({kind: 'interrupted', retryable: true});
			expect(s.count()).toBe(3);
		} finally {
			await s.close();
		}
	});

	it('reads SSE whatever the content type says, and counts unparseable frames', async () => {
		const s = await scripted({
			headers: {'content-type': 'text/plain'},
			body: `data: {broken\n\n${delta({content: 'ok'}, {finish_reason: 'stop'})}`,
		});
		try {
			const outcome = await collect(client({baseUrl: s.baseUrl}).stream(REQUEST));
			expect(outcome.content).toBe('ok');
			expect(outcome.error).toBeUndefined();
			expect(outcome.events.find((event) => event.type === 'unreadable')).toEqual({type: 'unreadable', count: 1});
		} finally {
			await s.close();
		}
	});

	it('refuses a 200 that is not SSE at once, quoting its first bytes neutralized', async () => {
		const s = await scripted({
			headers: {'content-type': 'application/octet-stream'},
			body: `Hello\u001b]2;PWN\u0007\u001b[2J from a \u202eproxy\n${'x'.repeat(500)}`,
		});
		try {
			const outcome = await collect(client({baseUrl: s.baseUrl, maxRetries: 3}).stream(REQUEST));
			expect(outcome.error).toMatchObject({kind: 'unknown', retryable: false});
			expect(outcome.error?.message).toMatch(/not a GLM chat response/);
			expect(outcome.error?.message).toContain('Hello');
			expect(outcome.error?.message).toContain('from a proxy');
			expect(outcome.error?.message).not.toMatch(/[\u0000-\u001f\u007f-\u009f\u202a-\u202e]|PWN/);
			expect(outcome.error?.message).not.toContain('x'.repeat(100));
			expect(outcome.events).toEqual([]);
			expect(s.count()).toBe(1);
		} finally {
			await s.close();
		}
	});

	it('takes a whole JSON answer labelled text/plain as JSON', async () => {
		const s = await scripted({headers: {'content-type': 'text/plain'}, body: JSON.stringify({error: {code: '1113', message: '欠费'}})});
		try {
			const outcome = await collect(client({baseUrl: s.baseUrl}).stream(REQUEST));
			expect(outcome.error).toMatchObject({kind: 'balance', code: '1113'});
			expect(s.count()).toBe(1);
		} finally {
			await s.close();
		}
	});

	it('accepts a whole JSON answer from a gateway that ignores stream', async () => {
		const s = await scripted({
			headers: {'content-type': 'application/json'},
			body: JSON.stringify({
				id: 'r1',
				model: 'glm-4.6',
				choices: [{index: 0, finish_reason: 'length', message: {role: 'assistant', content: '整段', reasoning_content: '想'}}],
				usage: {prompt_tokens: 1, completion_tokens: 2, total_tokens: 3},
			}),
		});
		try {
			const completion = await client({baseUrl: s.baseUrl}).complete(REQUEST);
			expect(completion).toMatchObject({
				content: '整段',
				reasoning: '想',
				finishReason: 'length',
				requestId: 'r1',
				usage: {totalTokens: 3},
			});
		} finally {
			await s.close();
		}
	});

	it('maps a 200 JSON error body, and refuses a captive-portal page without retrying', async () => {
		const s = await scripted(
			{headers: {'content-type': 'application/json'}, body: JSON.stringify({error: {code: '1113', message: '欠费'}})},
			{headers: {'content-type': 'text/html'}, body: '<html><body>Log in to the Wi-Fi</body></html>'},
		);
		try {
			const balance = await collect(client({baseUrl: s.baseUrl}).stream(REQUEST));
			expect(balance.error).toMatchObject({kind: 'balance', code: '1113'});
			const portal = await collect(client({baseUrl: s.baseUrl}).stream(REQUEST));
			expect(portal.error?.kind).toBe('unknown');
			expect(portal.error?.message).toMatch(/base URL/);
			expect(portal.error?.message).not.toMatch(/Wi-Fi/);
			expect(s.count()).toBe(2);
		} finally {
			await s.close();
		}
	});

	it('reads an HTML error page from a proxy without quoting it', async () => {
		const s = await scripted({
			status: 502,
			headers: {'content-type': 'text/html'},
			body: '<!DOCTYPE html><html><h1>Bad Gateway</h1></html>',
		});
		try {
			const outcome = await collect(client({baseUrl: s.baseUrl, maxRetries: 1}).stream(REQUEST));
			expect(outcome.error).toMatchObject({kind: 'server', status: 502});
			expect(outcome.error?.message).not.toMatch(/</);
			expect(s.count()).toBe(2);
		} finally {
			await s.close();
		}
	});
});

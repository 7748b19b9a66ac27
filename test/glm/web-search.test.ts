// GLM's web search: the tool in the request only when the conversation asks for it, the sources read from the
// response's top-level `web_search` field (streamed and not), and the refusal of an account without it.
import {afterAll, beforeAll, describe, expect, it} from 'vitest';
import {createGlmClient} from '../../source/glm/client.js';
import {GlmError} from '../../source/glm/errors.js';
import type {StreamEvent} from '../../source/glm/types.js';
import {WEB_SEARCH_TOOL, webSources} from '../../source/glm/web-search.js';
import {buildRequest} from '../../source/chat/request.js';
import type {Conversation} from '../../source/domain/types.js';
import {startGlmServer, type GlmServer} from '../support/glm-server.js';

let server: GlmServer;
beforeAll(async () => {
	server = await startGlmServer();
});
afterAll(async () => server.close());

const conversation = (extra: Partial<Conversation> = {}): Conversation => ({
	id: 'c',
	name: 'c',
	model: 'glm-4.6',
	createdAt: '2026-12-05T00:00:00.000Z',
	updatedAt: '2026-12-05T00:00:00.000Z',
	messages: [{id: 'm', role: 'user', content: '今天北京天气', state: 'complete', time: '2026-12-05T00:00:00.000Z'}],
	...extra,
});

describe('web search', () => {
	it('the request carries the web_search tool only when the conversation has it on', () => {
		expect(buildRequest(conversation()).request.tools).toBeUndefined();
		expect(buildRequest(conversation({webSearch: true})).request.tools).toEqual([
			{type: 'web_search', web_search: {enable: true, search_result: true}},
		]);
	});

	it('reads title, link and site from the web_search field; skips entries without a link', () => {
		expect(webSources(undefined)).toBeUndefined();
		expect(webSources([{title: 'x'}])).toBeUndefined();
		expect(
			webSources([
				{title: '天气预报', link: 'https://weather.example/bj', media: '天气网', icon: 'i', content: 'c', refer: 'ref_1'},
				{title: ' ', link: 'https://b.example/'},
				null,
				{link: 7},
			]),
		).toEqual([
			{title: '天气预报', link: 'https://weather.example/bj', media: '天气网'},
			{title: 'https://b.example/', link: 'https://b.example/'},
		]);
	});

	it('a streamed answer gives its sources before its text; an unstreamed one gives them too', async () => {
		const client = createGlmClient({apiKey: server.key, baseUrl: server.baseUrl, env: {}});
		try {
			const results = [{title: '北京天气', link: 'https://weather.example/bj', media: '天气网', refer: 'ref_1'}];
			server.enqueue({reply: '晴，3 到 12 度。[ref_1]', webResults: results});
			const events: StreamEvent[] = [];
			for await (const event of client.stream({model: 'glm-4.6', messages: [{role: 'user', content: '天气'}], tools: [WEB_SEARCH_TOOL]}))
				events.push(event);
			const first = events.findIndex((event) => event.type === 'sources');
			expect(events[first]).toEqual({type: 'sources', sources: [{title: '北京天气', link: 'https://weather.example/bj', media: '天气网'}]});
			expect(first).toBeLessThan(events.findIndex((event) => event.type === 'content'));
			expect(server.requests.at(-1)!.body.tools).toEqual([WEB_SEARCH_TOOL]);

			server.enqueue({reply: 'ok', webResults: results});
			const answer = await client.complete({model: 'glm-4.6', messages: [{role: 'user', content: '天气'}], tools: [WEB_SEARCH_TOOL]});
			expect(answer.content).toBe('ok');

			// Without the tool, no sources, whatever the server would have had.
			server.enqueue({reply: 'plain', webResults: results});
			const plain: StreamEvent[] = [];
			for await (const event of client.stream({model: 'glm-4.6', messages: [{role: 'user', content: 'hi'}]})) plain.push(event);
			expect(plain.some((event) => event.type === 'sources')).toBe(false);
		} finally {
			await client.close();
		}
	});

	it('an account without web search is refused with 1220, not retried', async () => {
		const client = createGlmClient({apiKey: server.key, baseUrl: server.baseUrl, env: {}});
		try {
			server.enqueue({refuseWebSearch: true});
			const before = server.requests.length;
			const failure = await (async () => {
				for await (const _ of client.stream({model: 'glm-4.6', messages: [{role: 'user', content: 'hi'}], tools: [WEB_SEARCH_TOOL]}))
					void _;
			})().catch((error: unknown) => error);
			expect(failure).toBeInstanceOf(GlmError);
			expect((failure as GlmError).code).toBe('1220');
			expect((failure as GlmError).message).toContain('web_search');
			expect(server.requests.length - before).toBe(1);
		} finally {
			await client.close();
		}
	});
});

// /web on|off in the chat: off by default, the tool goes over the wire only when on, the sources are listed
// under the answer (and are there after a restart), and an account without web search is told so.
import {describe, expect, it} from 'vitest';
import {keys, readConversations, statusLine, until, useHarness} from '../support/screen-kit.js';

const h = useHarness();
const ready = (s: string) => /\bready\b/.test(statusLine(s.split('\n')));

describe('/web', () => {
	it('turns GLM web search on for the conversation, lists the sources under the answer, and keeps them', async () => {
		const {server, app, home, env} = await h.chat({columns: 80, rows: 30});
		await app.type('/web');
		app.write(keys.enter);
		await app.waitFor('Web search: off for this conversation.');
		await app.type('/web on');
		app.write(keys.enter);
		await app.waitFor(/Web search on for/);
		server.enqueue({
			reply: 'Sunny, 3 to 12 °C today.',
			webResults: [
				{title: 'Beijing weather \u001B]52;c;eA==\u0007today', link: 'https://weather.example/beijing', media: 'Weather Net'},
				{title: '北京天气预报', link: 'https://tianqi.example/bj', media: '天气网'},
			],
		});
		await app.type('weather in Beijing?');
		app.write(keys.enter);
		const screen = await app.waitFor((s) => ready(s) && s.includes('2. 北京天气预报 · 天气网'));
		expect(screen).toContain("Sources (2, from GLM's web search):");
		expect(screen).toContain('1. Beijing weather');
		expect(screen).toContain('https://weather.example/beijing');
		// A title from the web never sends its escape sequences to the terminal.
		expect(app.output()).not.toContain('\u001B]52;c;eA==');
		expect(server.requests.at(-1)!.body.tools).toEqual([{type: 'web_search', web_search: {enable: true, search_result: true}}]);
		// The answer is saved as it ends: wait for the file, not the screen.
		const saved = await until(
			() => readConversations(home).find((each) => each.messages.at(-1)?.sources),
			'the answer saved with its sources',
		);
		expect(saved.webSearch).toBe(true);
		expect(saved.messages.at(-1)!.sources).toHaveLength(2);
		app.kill();
		await app.exited;

		const again = await h.app({home, env, columns: 80, rows: 30});
		await again.waitFor('2. 北京天气预报 · 天气网');
		await again.type('/web off');
		again.write(keys.enter);
		await again.waitFor(/Web search off for/);
		await again.type('and tomorrow?');
		again.write(keys.enter);
		await again.waitFor((s) => ready(s) && s.includes('«and tomorrow?»'));
		expect(server.requests.at(-1)!.body.tools).toBeUndefined();
	});

	it('an account without web search gets the reason, and /web off is the way on', async () => {
		const {server, app} = await h.chat({columns: 80, rows: 24});
		await app.type('/web on');
		app.write(keys.enter);
		await app.waitFor(/Web search on for/);
		server.enqueue({refuseWebSearch: true});
		await app.type('news today?');
		app.write(keys.enter);
		await app.waitFor(/web_search/);
		expect(app.text()).toMatch(/permission|access/i);
	});
});

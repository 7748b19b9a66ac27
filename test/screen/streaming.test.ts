// Streaming: a CJK answer arrives and is saved; the question is on disk before the answer ends; stopping
// keeps the partial answer; scrolling up holds still while text arrives; CI=true still gets live frames.
import {describe, expect, it} from 'vitest';
import {chatLayoutProblems, keys, seedConversation, statusLine, storedMessages, until, useHarness} from '../support/screen-kit.js';

const h = useHarness();

const POEM = '春眠不觉晓，处处闻啼鸟。夜来风雨声，花落知多少。';

/** Rows above the separator: what the transcript shows. */
function transcript(screen: string[]): string[] {
	const separator = screen.findIndex((line) => /^─+$/.test(line));
	return screen.slice(0, separator === -1 ? screen.length : separator);
}

describe('streaming', () => {
	it('shows a streamed CJK answer, returns to ready, and saves the question before the answer ends', async () => {
		const {server, app, home} = await h.chat();
		// 24 tokens at 12/s: about two seconds of streaming.
		server.enqueue({reply: POEM, tokensPerSecond: 12});
		await app.type('写一首诗');
		app.write(keys.enter);

		await app.waitFor((s) => s.includes('● streaming') && s.includes('春'));
		// Mid-stream: the question is already on disk, the unfinished answer is not.
		const during = storedMessages(home);
		expect(during.map((m) => [m.role, m.content, m.state])).toEqual([['user', '写一首诗', 'complete']]);
		expect(statusLine(app.screen())).toContain('● streaming');
		expect(app.text()).not.toContain('花落知多少。');

		const done = await app.waitFor((s) => s.includes('花落知多少。') && /\bready\b/.test(statusLine(s.split('\n'))), 10_000);
		expect(done).toContain('春眠不觉晓，处处闻啼鸟。');
		expect(done).toContain('写一首诗');
		expect(chatLayoutProblems(app.screen(), 100)).toEqual([]);
		const saved = await until(() => {
			const messages = storedMessages(home);
			return messages.length === 2 && messages[1]!.state === 'complete' ? messages : undefined;
		}, 'the answer saved as complete');
		expect(saved[1]).toMatchObject({role: 'assistant', content: POEM, state: 'complete'});
		expect(server.requests).toHaveLength(1);
		expect(server.requests[0]!.body.messages.at(-1)).toEqual({role: 'user', content: '写一首诗'});
	});

	for (const [label, key] of [
		['Esc', keys.esc],
		['Ctrl+C', keys.ctrlC],
	] as const) {
		it(`${label} stops mid-stream, keeps the partial text marked stopped and saves it as "stopped"`, async () => {
			const {server, app, home} = await h.chat();
			server.enqueue({reply: POEM.repeat(8), tokensPerSecond: 15});
			await app.type('一首长诗');
			app.write(keys.enter);
			await app.waitFor((s) => s.includes('● streaming') && s.includes('处处闻'));
			app.write(key);

			const stopped = await app.waitFor((s) => s.includes('stopped') && /\bready\b/.test(statusLine(s.split('\n'))));
			expect(stopped).toContain('春眠不觉晓');
			const message = await until(
				() => storedMessages(home).find((m) => m.role === 'assistant' && m.state === 'stopped'),
				'a stopped answer on disk',
			);
			expect(message.content.length).toBeGreaterThan(0);
			expect(POEM.repeat(8).startsWith(message.content)).toBe(true);
			expect(message.content.length).toBeLessThan(POEM.repeat(8).length);
			// What is on disk is what the screen shows: its last characters are visible.
			expect(app.text().replace(/\s+/g, '')).toContain(message.content.slice(-6));

			// Nothing more arrives after the stop, and the app still works (Ctrl+C did not quit it).
			const frozen = app.text();
			await app.settle(400);
			expect(app.text()).toBe(frozen);
			server.enqueue({reply: '还在。'});
			await app.type('还在吗');
			app.write(keys.enter);
			await app.waitFor((s) => s.includes('还在。') && /\bready\b/.test(statusLine(s.split('\n'))));
		});
	}

	it('PgUp and Shift+Up hold the view still while text arrives, with a "more lines below" indicator; End follows again', async () => {
		const home = h.home();
		seedConversation(home, {count: 30});
		const {server, app} = await h.chat({home});
		// About two tokens a line (行 and the number): 120 lines in about four seconds.
		const lines = Array.from({length: 120}, (_, index) => `行${index + 1}`).join('\n\n');
		server.enqueue({reply: lines, tokensPerSecond: 60});
		await app.type('many lines');
		app.write(keys.enter);
		await app.waitFor((s) => s.includes('● streaming') && /^\s*行3$/m.test(s));

		app.write(keys.pageUp);
		const scrolled = await app.waitFor(/more lines? below/);
		const held = transcript(scrolled.split('\n')).filter((line) => !/more lines? below/.test(line));
		const belowCount = (text: string) => Number(/↓ (\d+) more lines? below/.exec(text)?.[1] ?? NaN);
		const firstBelow = belowCount(scrolled);
		// Text keeps arriving (the count below grows) and the rows shown do not move.
		await app.waitFor((s) => belowCount(s) >= firstBelow + 4, 8_000);
		const later = app.screen();
		expect(transcript(later).filter((line) => !/more lines? below/.test(line))).toEqual(held);
		expect(statusLine(later)).toContain('● streaming');

		// Shift+Up moves exactly one line, and stays there too.
		app.write(keys.shiftUp);
		await app.waitFor((s) => transcript(s.split('\n'))[1] === held[0]);
		const oneUp = transcript(app.screen()).filter((line) => !/more lines? below/.test(line));
		const before = belowCount(app.text());
		await app.waitFor((s) => belowCount(s) >= before + 3, 8_000);
		expect(transcript(app.screen()).filter((line) => !/more lines? below/.test(line))).toEqual(oneUp);

		// End follows the stream again: the newest text is visible and the indicator is gone.
		app.write(keys.end);
		await app.waitFor((s) => !/more lines? below/.test(s));
		const done = await app.waitFor((s) => /^\s*行120$/m.test(s) && /\bready\b/.test(statusLine(s.split('\n'))), 10_000);
		expect(done).not.toMatch(/more lines? below/);
		expect(chatLayoutProblems(app.screen(), 100)).toEqual([]);
	});

	it('CI=true in the environment still gives a live UI', async () => {
		const {server, app} = await h.chat({env: {CI: 'true', CONTINUOUS_INTEGRATION: 'true'}});
		server.enqueue({reply: POEM.repeat(2), tokensPerSecond: 15});
		await app.type('ci');
		app.write(keys.enter);
		// Intermediate frames: first a part, then more, while still streaming.
		const first = await app.waitFor((s) => s.includes('● streaming') && s.includes('春眠'));
		expect(first).not.toContain('花落知多少。夜');
		await app.waitFor((s) => s.includes('● streaming') && s.includes('花落知多少。'));
		await app.waitFor((s) => /\bready\b/.test(statusLine(s.split('\n'))) && (s.match(/花落知多少。/g) ?? []).length === 2, 10_000);
		// Resizes are followed too (ink ignores them in CI mode).
		await app.resize(60, 20);
		await app.waitFor(() => chatLayoutProblems(app.screen(), 60).length === 0);
	});
});

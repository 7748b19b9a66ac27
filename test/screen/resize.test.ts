// Resizing at any time, to any size: the screen after the stream must be what a fresh start at the final size
// shows; a tiny terminal still works.
import {describe, expect, it} from 'vitest';
import {chatLayoutProblems, keys, statusLine, statusRowIndex, storedMessages, until, useHarness} from '../support/screen-kit.js';

const h = useHarness();

const PARAGRAPH = '这是一段很长的中文与 English mixed 文本，用来检查在不同宽度下的自动换行是否正确 wrapping at every width, 包括标点符号。';
// About 55 tokens a paragraph: at 100 tokens/s the answer streams for close to three seconds.
const REPLY = Array.from({length: 5}, (_, index) => `${index + 1}. ${PARAGRAPH}`).join('\n\n');

const ready = (s: string) => /\bready\b/.test(statusLine(s.split('\n')));

describe('resize', () => {
	it('100x30 -> 40x12 -> 120x40 mid-stream ends on the same screen as a fresh start at 120x40', async () => {
		const {server, app, home, env} = await h.chat();
		server.enqueue({reply: REPLY, tokensPerSecond: 100});
		await app.type('wrap test');
		app.write(keys.enter);
		await app.waitFor((s) => s.includes('● streaming') && s.includes('1. 这是'));

		await app.resize(40, 12);
		await app.waitFor(() => chatLayoutProblems(app.screen(), 40).length === 0 && statusLine(app.screen()).length > 0);
		// Still streaming at the small size, and the frame is whole.
		expect(chatLayoutProblems(app.screen(), 40)).toEqual([]);
		expect(app.screen().every((line) => line.length <= 40)).toBe(true);

		expect(statusLine(app.screen())).toContain('● streaming');
		// The answer is on screen at the new size while it streams, not only once it ends.
		await app.waitFor((s) => s.includes('这是') && statusLine(s.split('\n')).includes('● streaming'), 3_000);
		await app.resize(120, 40);
		await app.waitFor((s) => ready(s) && /5\. 这是/.test(s), 10_000);
		await app.settle(200);
		const resized = app.screen();
		expect(chatLayoutProblems(resized, 120)).toEqual([]);
		const resizedCursor = app.cursor();
		await until(() => storedMessages(home).some((m) => m.role === 'assistant' && m.state === 'complete'), 'the answer saved');
		app.write(keys.ctrlD);
		expect(await app.exited).toBe(0);

		const fresh = await h.app({home, env, columns: 120, rows: 40});
		await fresh.waitFor((s) => ready(s) && s.includes('5. 这是'), 15_000);
		await fresh.settle(200);
		expect(resized).toEqual(fresh.screen());
		expect(resizedCursor).toEqual(fresh.cursor());
	});

	it('a 20x6 terminal shows the status line and keys still work', async () => {
		// At 20 columns the status line keeps the number and the state; the help hint gives way.
		const {server, app} = await h.chat({columns: 20, rows: 6, ready: /\bready\b/});
		let screen = app.screen();
		expect(statusRowIndex(screen)).toBe(4);
		expect(screen[5]).toBe('');
		expect(screen.every((line) => line.length <= 20)).toBe(true);

		server.enqueue({reply: '小'});
		await app.type('hi');
		await app.waitFor((s) => s.includes('› hi'));
		app.write(keys.enter);
		await until(() => server.requests.length === 1, 'the request');
		await app.waitFor((s) => s.includes('小') && !s.includes('streaming'));
		screen = app.screen();
		expect(statusRowIndex(screen)).toBe(4);
		expect(server.requests[0]!.body.messages.at(-1).content).toBe('hi');

		// Help opens and closes at this size too; Ctrl+D quits cleanly.
		app.write(keys.f1);
		await app.waitFor('keys');
		app.write(keys.esc);
		await app.waitFor((s) => s.includes('›'));
		app.write(keys.ctrlD);
		expect(await app.exited).toBe(0);
		expect(app.isAlternate()).toBe(false);
	});

	it('shrinking to 20x6 and back mid-stream does not crash and redraws whole', async () => {
		const {server, app} = await h.chat();
		server.enqueue({reply: REPLY, tokensPerSecond: 100});
		await app.type('tiny');
		app.write(keys.enter);
		await app.waitFor((s) => s.includes('● streaming'));
		await app.resize(20, 6);
		await app.waitFor(() => statusRowIndex(app.screen()) === 4);
		await app.resize(100, 30);
		await app.waitFor((s) => ready(s) && s.includes('5. 这是'), 10_000);
		await app.settle(200);
		expect(chatLayoutProblems(app.screen(), 100)).toEqual([]);
	});
});

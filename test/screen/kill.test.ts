// kill -9 while answers stream: what arrived is on disk within a few seconds, and the next start shows it stopped.
import {describe, expect, it} from 'vitest';
import {keys, statusLine, storedMessages, until, useHarness} from '../support/screen-kit.js';

const h = useHarness();

const ready = (s: string) => /\bready\b/.test(statusLine(s.split('\n')));

describe('kill -9 mid-answer', () => {
	it('keeps the streamed text saved as it grows, and the next start shows it stopped', async () => {
		const {server, app, home, env} = await h.chat();
		// Slow enough that the answer is still streaming long after a save interval or two.
		server.enqueue({reply: '甲乙丙丁戊己庚辛壬癸 '.repeat(200), tokensPerSecond: 10});
		await app.type('a long answer please');
		app.write(keys.enter);
		await app.waitFor((s) => s.includes('● streaming') && s.includes('甲乙丙'));
		// Saved while it streams: a partial answer, growing, without the app being asked to quit.
		const first = await until(
			() => storedMessages(home).find((m) => m.role === 'assistant' && m.state === 'streaming' && m.content.includes('甲乙丙')),
			'the growing answer saved',
			15_000,
		);
		const later = await until(
			() => storedMessages(home).find((m) => m.role === 'assistant' && m.content.length > first.content.length),
			'a later save with more text',
			15_000,
		);
		app.kill('SIGKILL');
		await app.exited;
		const onDisk = storedMessages(home);
		expect(onDisk.map((m) => m.role)).toEqual(['user', 'assistant']);
		expect(onDisk[1]!.content.length).toBeGreaterThanOrEqual(later.content.length);

		const again = await h.app({home, env});
		const screen = await again.waitFor((s) => ready(s) && s.includes('甲乙丙'), 15_000);
		expect(screen).toContain('stopped');
		expect(screen).not.toContain('streaming');
		// Nothing was asked again by itself.
		await again.settle(300);
		expect(server.requests.length).toBe(1);
	});
});

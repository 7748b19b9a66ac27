// A streaming answer is drawn as it grows, not only at the end. Regression: the first question of a new
// conversation renames it, the disk watcher took that rename for another glm-tui's change and adopted the
// file mid-answer, and the screen froze at the first words while the answer kept arriving.
import {describe, expect, it} from 'vitest';
import type {AppTerminal} from '../support/terminal.js';
import {keys, statusLine, useHarness} from '../support/screen-kit.js';

const h = useHarness();

const WORDS = Array.from({length: 80}, (_, index) => `w${index + 1}`);
const ANSWER = WORDS.join(' ');
const ready = (s: string) => /\bready\b/.test(statusLine(s.split('\n')));

/** How many of the answer's words the screen shows (the last one shown counts). */
function wordsShown(screen: string): number {
	for (let count = WORDS.length; count > 0; count--) {
		if (new RegExp(`\\b${WORDS[count - 1]}\\b`).test(screen)) return count;
	}
	return 0;
}

/** Watches the answer grow while the status says streaming; returns the distinct word counts seen. */
async function watchStream(app: AppTerminal): Promise<Set<number>> {
	const seen = new Set<number>();
	await app.waitFor((s) => {
		if (/● streaming/.test(statusLine(s.split('\n')))) seen.add(wordsShown(s));
		return ready(s) && wordsShown(s) === WORDS.length;
	}, 30_000);
	return seen;
}

describe('a streaming answer is drawn as it grows', () => {
	it('in a new conversation whose first question names it', async () => {
		const {server, app} = await h.chat();
		// 80 tokens at 10/s: about eight seconds of streaming, past the first checkpoints (every 3 s).
		server.enqueue({reply: ANSWER, tokensPerSecond: 10});
		await app.type('quick brown fox');
		app.write(keys.enter);
		const seen = await watchStream(app);
		seen.delete(0);
		seen.delete(WORDS.length);
		// Several lengths in between, not a freeze at the first words then the whole answer at the end.
		expect(seen.size, `word counts seen while streaming: ${[...seen].join(', ')}`).toBeGreaterThanOrEqual(4);
		// And still growing late in the answer, after checkpoints saved it.
		expect(
			[...seen].filter((count) => count > (WORDS.length * 3) / 4).length,
			`word counts seen: ${[...seen].join(', ')}`,
		).toBeGreaterThanOrEqual(2);
	});
});

describe('a streaming answer is drawn as it grows while another glm-tui changes its conversation', () => {
	it('renamed in the other glm-tui mid-answer', async () => {
		const {server, app: a, home, env} = await h.chat();
		const b = await h.app({home, env});
		await b.waitFor(ready, 15_000);
		await b.inputReady();
		server.enqueue({reply: ANSWER, tokensPerSecond: 10});
		await a.type('quick brown fox');
		a.write(keys.enter);
		await a.waitFor((s) => wordsShown(s) >= 3);
		await b.type('/rename elsewhere');
		await b.settle(40);
		b.write(keys.enter);
		await b.waitFor((s) => statusLine(s.split('\n')).includes('elsewhere'));
		// The rename shows here, and the answer goes on growing on screen after it.
		await a.waitFor((s) => statusLine(s.split('\n')).includes('elsewhere'), 15_000);
		const seen = await watchStream(a);
		seen.delete(0);
		seen.delete(WORDS.length);
		expect(seen.size, `word counts seen after the rename: ${[...seen].join(', ')}`).toBeGreaterThanOrEqual(3);
		expect(
			[...seen].filter((count) => count > (WORDS.length * 3) / 4).length,
			`word counts seen: ${[...seen].join(', ')}`,
		).toBeGreaterThanOrEqual(2);
	});
});

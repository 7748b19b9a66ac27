// What goes down the wire per streamed token must not grow with the length of the conversation: a frame
// is the visible slice, whatever lies above it.
import {describe, expect, it} from 'vitest';
import {keys, seedConversation, statusLine, useHarness} from '../support/screen-kit.js';

const h = useHarness();

const TOKENS = 160;

async function bytesPerToken(messages: number): Promise<{perToken: number; total: number}> {
	const home = h.home();
	seedConversation(home, {count: messages});
	const {server, app} = await h.chat({home});
	// The built-in vocabulary: words, CJK, an emoji and a newline, so the transcript scrolls as it grows.
	server.enqueue({tokens: TOKENS, tokensPerSecond: 160});
	await app.type('go');
	await app.waitFor('› go');
	await app.settle(100);
	const before = app.bytes();
	app.write(keys.enter);
	await app.waitFor((s) => s.includes('● streaming'));
	await app.waitFor((s) => /\bready\b/.test(statusLine(s.split('\n'))), 15_000);
	await app.settle(200);
	const total = app.bytes() - before;
	app.kill('SIGKILL');
	await app.exited;
	return {perToken: total / TOKENS, total};
}

describe('bytes per frame', () => {
	it('per streamed token, a 2,000-message conversation costs within 1.5x of a 10-message one', async () => {
		// Side by side, so both see the same machine load (frames are coalesced in time, so load changes
		// how many frames a stream takes).
		const [small, large] = await Promise.all([bytesPerToken(10), bytesPerToken(2_000)]);
		console.info(`bytes per token: 10 messages ${small.perToken.toFixed(1)}, 2,000 messages ${large.perToken.toFixed(1)}`);
		expect(small.total).toBeGreaterThan(0);
		expect(large.perToken).toBeLessThanOrEqual(small.perToken * 1.5);
	});
});

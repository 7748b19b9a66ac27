// What goes down the wire per streamed token must not grow with the length of the conversation: a frame
// is the visible slice, whatever lies above it.
import {describe, expect, it} from 'vitest';
import {keys, seedConversation, statusLine, useHarness} from '../support/screen-kit.js';

const h = useHarness();

const TOKENS = 400;

interface StreamCost {
	perToken: number;
	total: number;
}

async function streamCost(messages: number): Promise<StreamCost> {
	const home = h.home();
	seedConversation(home, {count: messages});
	const {server, app} = await h.chat({home});
	// The built-in vocabulary: words, CJK, an emoji and a newline, so the transcript scrolls as it grows.
	server.enqueue({tokens: TOKENS, tokensPerSecond: 200});
	await app.type('go');
	await app.waitFor('› go');
	await app.settle(100);
	const before = app.bytes();
	app.clearOutput();
	app.write(keys.enter);
	await app.waitFor((s) => s.includes('● streaming'));
	await app.waitFor((s) => /\bready\b/.test(statusLine(s.split('\n'))), 15_000);
	await app.settle(200);
	const total = app.bytes() - before;
	app.kill('SIGKILL');
	await app.exited;
	return {perToken: total / TOKENS, total};
}

// CPU per frame against the conversation's length is the bench rows "CPU/1k tokens, 10 msgs" and "5,000 msgs".
describe('cost of a streamed token', () => {
	it('per streamed token, a 2,000-message conversation costs within 1.5x of a 10-message one', async () => {
		// Side by side, so both see the same machine load (frames are coalesced in time, so load changes
		// how many frames a stream takes).
		const [small, large] = await Promise.all([streamCost(10), streamCost(2_000)]);
		console.info(`bytes per token: 10 messages ${small.perToken.toFixed(1)}, 2,000 messages ${large.perToken.toFixed(1)}`);
		expect(small.total).toBeGreaterThan(0);
		expect(large.perToken).toBeLessThanOrEqual(small.perToken * 1.5);
	});
});

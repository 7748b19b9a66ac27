// The test server's mid-stream failures, end to end in the chat screen: what arrived stays on screen and on
// disk (marked failed, with the reason), the failure line says what happened, and Ctrl+R asks again without
// the broken half in the context, replacing it once the new answer is complete.
import {describe, expect, it} from 'vitest';
import type {Behaviour} from '../support/glm-server.js';
import type {AppTerminal} from '../support/terminal.js';
import {keys, statusLine, storedMessages, until, useHarness} from '../support/screen-kit.js';

const h = useHarness();

const ready = (s: string) => /\bready\b/.test(statusLine(s.split('\n')));
/** The screen as one line: messages wrap across rows. */
const flat = (s: string) => s.replace(/\s+/g, ' ');

async function press(app: AppTerminal, sequence: string): Promise<void> {
	await app.settle(40);
	app.write(sequence);
}

const PARTIAL = '前半句已经到了 first half arrived';

const faults: Array<[string, Behaviour, RegExp]> = [
	['an error frame', {errorFrameAfter: 4, code: '1305'}, /✖ GLM is overloaded right now \(1305\)/],
	['a dropped connection', {dropAfter: 4}, /✖ The connection to GLM broke off before the answer was complete; what arrived is kept/],
	['a stall', {stallAfter: 4}, /in the middle of the answer \(idle timeout\); what arrived is kept/],
	['finish_reason network_error', {finishReason: 'network_error'}, /✖ GLM stopped mid-answer \(service network error\)/],
];

describe('mid-stream failures in the chat screen', () => {
	it.each(faults)(
		'%s: the partial answer is kept with the failure line, on screen and on disk; Ctrl+R asks again',
		async (_, fault, says) => {
			const {server, app, home} = await h.chat({env: {GLM_TUI_IDLE_TIMEOUT: '0.5'}});
			// Words as separate deltas, so the cut falls inside the answer.
			server.enqueue({reply: `${PARTIAL} and the rest never comes`, ...fault});
			await app.type('问一个问题');
			await press(app, keys.enter);
			const shown = await app.waitFor((s) => ready(s) && says.test(flat(s)), 15_000);
			expect(flat(shown)).toContain('前半句');
			expect(flat(shown)).toMatch(/Ctrl\+R retries/);

			const failed = await until(() => {
				const answer = storedMessages(home).find((m) => m.role === 'assistant');
				return answer && answer.state === 'failed' ? answer : undefined;
			}, 'the partial answer saved as failed');
			expect(failed.content.length).toBeGreaterThan(0);
			expect(`${PARTIAL} and the rest never comes`.startsWith(failed.content)).toBe(true);
			expect(failed.error ?? '').not.toBe('');
			expect(storedMessages(home).find((m) => m.role === 'user')).toMatchObject({content: '问一个问题', state: 'failed'});

			const before = server.requests.length;
			server.enqueue({reply: '完整的回答 whole answer'});
			await press(app, keys.ctrlR);
			const retried = await app.waitFor((s) => ready(s) && s.includes('完整的回答'), 15_000);
			expect(flat(retried)).not.toMatch(says);
			expect(server.requests).toHaveLength(before + 1);
			// The broken half is not sent back as context.
			expect(server.requests.at(-1)!.body.messages).toEqual([{role: 'user', content: '问一个问题'}]);
			await until(() => {
				const stored = storedMessages(home);
				return stored.length === 2 && stored.every((m) => m.state === 'complete') && stored[1]!.content === '完整的回答 whole answer';
			}, 'the retried turn saved as complete');
		},
	);

	it('finish_reason length: the answer is complete but marked cut off, on screen and on disk', async () => {
		const {server, app, home} = await h.chat();
		server.enqueue({reply: PARTIAL, finishReason: 'length'});
		await app.type('long one');
		await press(app, keys.enter);
		const shown = await app.waitFor((s) => ready(s) && /▲ Cut off at the token limit\./.test(flat(s)));
		expect(flat(shown)).toContain(PARTIAL);
		expect(flat(shown)).not.toMatch(/✖/);
		await until(
			() =>
				storedMessages(home).find(
					(m) => m.role === 'assistant' && m.state === 'complete' && m.finishReason === 'length' && m.content === PARTIAL,
				),
			'the answer saved complete with finish reason length',
		);
	});
});

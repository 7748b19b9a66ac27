// What the network does wrong, as the chat screen tells it: a GLM that goes silent (with a short idle-timeout
// from GLM_TUI_IDLE_TIMEOUT), a 200 that is not an answer, an unreadable event, a plain http:// base URL.
import os from 'node:os';
import {describe, expect, it} from 'vitest';
import {startGlmServer} from '../support/glm-server.js';
import {keys, statusLine, storedMessages, until, useHarness} from '../support/screen-kit.js';

const h = useHarness();

const ready = (s: string) => /\bready\b/.test(statusLine(s.split('\n')));
/** The screen as one line: messages wrap across rows. */
const flat = (s: string) => s.replace(/\s+/g, ' ');

describe('network faults on the chat screen', () => {
	it('headers then silence: noticed within the idle timeout, retried once, said as nothing arrived', async () => {
		const {server, app, home} = await h.chat({env: {GLM_TUI_IDLE_TIMEOUT: '0.5'}});
		server.setDefault({stallAfter: 0});
		await app.type('hello?');
		app.write(keys.enter);
		const shown = await app.waitFor((s) => ready(s) && /idle timeout/.test(flat(s)), 10_000);
		expect(flat(shown)).toMatch(/✖ 127\.0\.0\.1:\d+ accepted the request, then sent nothing for 500 ms \(idle timeout\)/);
		expect(flat(shown)).not.toMatch(/middle|kept/);
		expect(server.requests).toHaveLength(2);
		await until(() => storedMessages(home).find((m) => m.role === 'assistant' && m.state === 'failed'), 'the failed answer saved');
	});

	it('a stall mid-answer keeps the text, is not retried, and says it stopped in the middle', async () => {
		const {server, app} = await h.chat({env: {GLM_TUI_IDLE_TIMEOUT: '0.5'}});
		server.enqueue({reply: '第一句话。 Second sentence never ends', stallAfter: 4});
		await app.type('talk');
		app.write(keys.enter);
		const shown = await app.waitFor((s) => ready(s) && /idle timeout/.test(flat(s)), 10_000);
		expect(shown).toContain('第一句');
		expect(flat(shown)).toMatch(/sent nothing more for 500 ms in the middle of the answer \(idle timeout\); what arrived is kept/);
		await app.settle(700);
		expect(server.requests).toHaveLength(1);
	});

	it('a 200 that is not an answer is refused at once, its first words neutralized', async () => {
		const {server, app} = await h.chat();
		server.setDefault({notChat: 'Welcome\u001b]2;PWN\u0007\u001b[2J to \u001b[31mnginx!\n<more>'});
		await app.type('hi');
		app.write(keys.enter);
		const shown = await app.waitFor((s) => ready(s) && /not a GLM chat response/.test(flat(s)));
		// What arrived within a moment is quoted: on a busy machine that can be less than the first line.
		const quoted = /not a GLM chat response: "(Welcome[^"]*)"/.exec(flat(shown))?.[1] ?? '';
		expect('Welcome to nginx! <more>'.startsWith(quoted.replace(/…$/, '')), quoted).toBe(true);
		expect(app.title()).not.toContain('PWN');
		expect(server.requests).toHaveLength(1);
	});

	it('an unreadable event is said in a notice once the answer is complete', async () => {
		const {server, app} = await h.chat();
		server.enqueue({reply: 'every word arrived', badFrameAfter: 1});
		await app.type('hi');
		app.write(keys.enter);
		const shown = await app.waitFor((s) => s.includes('every word arrived') && /could not be read/.test(flat(s)));
		expect(flat(shown)).toContain('1 event of the answer could not be read (not JSON): the answer may have gaps.');
	});

	// The test server's mid-stream failures, as the transcript shows them: the text that came stays, marked.
	it.each([
		['an error frame', {errorFrameAfter: 3, code: '1305'}, /✖ GLM is overloaded right now \(1305\)/, 'failed'],
		[
			'a dropped connection',
			{dropAfter: 3},
			/✖ The connection to GLM broke off before the answer was complete; what arrived is kept/,
			'failed',
		],
		['finish_reason network_error', {finishReason: 'network_error'}, /✖ GLM stopped mid-answer \(service network error\)/, 'failed'],
		['finish_reason length', {finishReason: 'length'}, /▲ Cut off at the token limit\./, 'complete'],
	] as const)('%s mid-answer keeps what arrived and says what happened', async (_, fault, says, state) => {
		const {server, app, home} = await h.chat();
		server.enqueue({reply: 'Alpha beta gamma delta epsilon', ...fault});
		await app.type('go');
		app.write(keys.enter);
		const shown = await app.waitFor((s) => ready(s) && says.test(flat(s)));
		expect(shown).toContain('Alpha beta gamma');
		await until(
			() => storedMessages(home).find((m) => m.role === 'assistant' && m.state === state && m.content.startsWith('Alpha beta gamma')),
			`the answer saved as ${state}`,
		);
		expect(server.requests).toHaveLength(1);
	});

	it('finish_reason sensitive withdraws the text from the screen and the disk', async () => {
		const {server, app, home} = await h.chat();
		server.enqueue({reply: 'Something flagged here', finishReason: 'sensitive'});
		await app.type('go');
		app.write(keys.enter);
		const shown = await app.waitFor((s) => ready(s) && /⊘ Withdrawn/.test(s));
		expect(shown).not.toContain('Something flagged');
		const saved = await until(
			() => storedMessages(home).find((m) => m.role === 'assistant' && m.state === 'filtered'),
			'the answer saved as filtered',
		);
		expect(saved.content).toBe('');
	});

	it('warns about a plain http:// base URL that leaves this machine, at start, once', async () => {
		const server = await startGlmServer({host: '0.0.0.0'});
		try {
			const lan =
				Object.values(os.networkInterfaces())
					.flat()
					.find((each) => each && each.family === 'IPv4' && !each.internal)?.address ?? '0.0.0.0';
			const baseUrl = server.baseUrl.replace('0.0.0.0', lan);
			const app = await h.app({env: {ZHIPUAI_BASE_URL: baseUrl, ZHIPUAI_API_KEY: server.key}});
			const shown = await app.waitFor((s) => ready(s) && /plain http/.test(flat(s)), 15_000);
			expect(flat(shown)).toContain(
				`Warning: the base URL ${new URL(baseUrl).origin} is plain http: the signed key token and the conversation travel unencrypted`,
			);
			await app.inputReady();
			await app.type('hi');
			app.write(keys.enter);
			const answered = await app.waitFor((s) => ready(s) && s.includes('You said'));
			expect(flat(answered)).not.toMatch(/plain http/);
		} finally {
			await server.close();
		}
	});
});

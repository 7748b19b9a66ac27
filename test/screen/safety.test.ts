// Untrusted text never reaches the terminal raw: an answer (or reasoning, or a paste) carrying escape
// sequences cannot set the title, clear the screen, or otherwise take over the display.
import {describe, expect, it} from 'vitest';
import {chatLayoutProblems, keys, seedConversation, statusLine, storedMessages, until, useHarness} from '../support/screen-kit.js';

const h = useHarness();

const ready = (s: string) => /\bready\b/.test(statusLine(s.split('\n')));

const HOSTILE = [
	'before\u001B]0;pwned\u0007 middle \u001B[2J after',
	'\u001B[H\u001B[31mred?\u001B[0m \u001B]52;c;cHduZWQ=\u0007 clip',
	'\u009B2J c1 \u001BPdcs\u001B\\ zz-end\r\rCR',
].join('\n\n');

describe('untrusted text', () => {
	it('an answer with OSC title and clear-screen sequences leaves the title and the rest of the screen intact', async () => {
		const home = h.home();
		seedConversation(home, {count: 4, text: (index) => (index % 2 === 0 ? `earlier question ${index}` : `earlier answer ${index}`)});
		const {server, app} = await h.chat({home});
		expect(app.text()).toContain('earlier answer 3');
		const titleBefore = app.title();
		app.clearOutput();

		server.enqueue({reply: HOSTILE, reasoning: 'thinking \u001B]0;pwned-too\u0007 \u001B[2J hard', tokensPerSecond: 200});
		await app.type('be nasty');
		app.write(keys.enter);
		const shown = await app.waitFor((s) => ready(s) && s.includes('zz-end'));

		expect(app.title()).toBe(titleBefore);
		expect(shown).toContain('earlier question 0');
		expect(shown).toContain('earlier answer 3');
		expect(shown).toContain('be nasty');
		expect(shown).toMatch(/before.*middle.*after/);
		expect(shown).toContain('clip');
		expect(chatLayoutProblems(app.screen(), 100)).toEqual([]);

		// Show the reasoning too: still nothing gets through.
		app.write('\u0014');
		await app.waitFor((s) => s.includes('thinking') && s.includes('hard'));
		expect(app.title()).toBe(titleBefore);
		expect(app.text()).toContain('earlier answer 3');

		const raw = app.output();
		expect(raw).not.toContain('\u001B]0;');
		expect(raw).not.toContain('\u001B]52;');
		expect(raw).not.toContain('pwned\u0007');
		expect(raw).not.toContain('\u009B');
		expect(raw).not.toContain('\u001BP');

		// The answer is stored as received: sanitizing is for display only.
		const answer = await until(
			() => storedMessages(home).find((m) => m.role === 'assistant' && m.content.includes('pwned')),
			'the answer on disk',
		);
		expect(answer.content).toBe(HOSTILE);
	});

	it('a pasted escape sequence is neutralized in the composer', async () => {
		const {server, app} = await h.chat();
		const titleBefore = app.title();
		app.clearOutput();
		app.write(`${keys.pasteStart}x\u001B]0;pasted\u0007y\u001B[2Jz${keys.pasteEnd}`);
		await app.waitFor((s) => /› x.*y.*z/.test(s));
		expect(app.title()).toBe(titleBefore);
		expect(app.output()).not.toContain('\u001B]0;pasted');
		expect(chatLayoutProblems(app.screen(), 100)).toEqual([]);
		app.write(keys.enter);
		await until(() => server.requests.length === 1, 'the request');
		await app.waitFor((s) => ready(s) && s.includes('You said'));
		expect(app.title()).toBe(titleBefore);
	});
});

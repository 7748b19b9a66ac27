// Two glm-tui open at once on one data folder (two SSH sessions): what one writes shows in the other without
// a restart: new messages, a rename, a new conversation, a deletion.
import {describe, expect, it} from 'vitest';
import type {AppTerminal} from '../support/terminal.js';
import {keys, statusLine, useHarness} from '../support/screen-kit.js';

const h = useHarness();

const status = (s: string) => statusLine(s.split('\n'));
const ready = (s: string) => /\bready\b/.test(status(s));
const ctrlN = '\u000E';
const ctrlO = '\u000F';

async function enter(app: AppTerminal, text: string): Promise<void> {
	await app.type(text);
	await app.waitFor((s) => s.includes(text.slice(-10)));
	await app.settle(40);
	app.write(keys.enter);
}

describe('another glm-tui on the same conversations', () => {
	it('shows its new messages, rename, new conversation and deletion live', async () => {
		const {server, app: a, home, env} = await h.chat();
		const b = await h.app({home, env});
		await b.waitFor(ready, 15_000);
		await b.inputReady();

		// New messages.
		server.enqueue({reply: '来自另一个窗口的回答 answer from A'});
		await enter(a, 'question from A');
		await a.waitFor((s) => ready(s) && s.includes('answer from A'));
		const seen = await b.waitFor((s) => s.includes('answer from A') && s.includes('question from A'));
		expect(seen).toContain('来自另一个窗口的回答');

		// A rename.
		await enter(a, '/rename 共享 shared');
		await a.waitFor((s) => status(s).includes('共享 shared'));
		await b.waitFor((s) => status(s).includes('共享 shared'));

		// A new conversation.
		a.write(ctrlN);
		await a.waitFor('New conversation');
		await a.type('gamma');
		await a.settle(40);
		a.write(keys.enter);
		await a.waitFor((s) => status(s).includes('gamma'));
		b.write(ctrlO);
		await b.waitFor((s) => /Conversations \(2\)/.test(s) && s.includes('gamma'));
		b.write(keys.esc);
		await b.waitFor((s) => ready(s) && status(s).includes('共享 shared'));

		// A deletion of the conversation B shows.
		a.write(`\u001B[1;3D`);
		await a.waitFor((s) => ready(s) && status(s).includes('共享 shared'));
		await enter(a, '/delete');
		await a.waitFor(/Delete "共享 shared"/);
		await a.settle(40);
		a.write('y');
		await a.waitFor((s) => /Conversations \(1\)/.test(s));
		const after = await b.waitFor((s) => status(s).includes('"共享 shared" was deleted in another glm-tui.'));
		expect(after).not.toContain('answer from A');
		b.write(keys.ctrlL);
		await b.waitFor((s) => ready(s) && status(s).includes('gamma'));
	});
});

// Edit an earlier question and send it again, regenerate an answer: what followed is kept as an earlier
// version, Alt+P / Alt+N step between versions, the request is what is on screen, and a restart keeps them.
import {describe, expect, it} from 'vitest';
import {ESC, keys, readConversations, statusLine, until, useHarness} from '../support/screen-kit.js';

const h = useHarness();
const ready = (s: string) => /\bready\b/.test(statusLine(s.split('\n')));
const altP = `${ESC}p`;
const altN = `${ESC}n`;

describe('versions', () => {
	it('/edit 1 sends a new version; Alt+P shows the old one, which the next request then uses; kept after a restart', async () => {
		const {server, app, home, env} = await h.chat({columns: 80, rows: 30});
		server.enqueue({reply: 'Answer about Rust.'}, {reply: 'Answer about Go.'}, {reply: 'More about Go.'});
		await app.type('Tell me about Rust');
		app.write(keys.enter);
		await app.waitFor((s) => ready(s) && s.includes('Answer about Rust.'));

		await app.type('/edit 1');
		app.write(keys.enter);
		await app.waitFor(/Editing #1/);
		expect(app.text()).toContain('› Tell me about Rust');
		app.write(keys.ctrlU);
		await app.type('Tell me about Go');
		app.write(keys.enter);
		let screen = await app.waitFor((s) => ready(s) && s.includes('Answer about Go.'));
		expect(screen).not.toContain('Answer about Rust.');
		expect(screen).toMatch(/#1 {2}version 2\/2/);
		expect(server.requests.at(-1)!.body.messages.map((m: {content: string}) => m.content)).toEqual(['Tell me about Go']);

		app.write(altP);
		screen = await app.waitFor('Answer about Rust.');
		expect(screen).toMatch(/#1 {2}version 1\/2/);
		expect(screen).not.toContain('Answer about Go.');
		app.write(altN);
		await app.waitFor('Answer about Go.');
		// The question asked next goes on from the version on screen.
		await app.type('and more?');
		app.write(keys.enter);
		await app.waitFor((s) => ready(s) && s.includes('More about Go.'));
		expect(server.requests.at(-1)!.body.messages.map((m: {content: string}) => m.content)).toEqual([
			'Tell me about Go',
			'Answer about Go.',
			'and more?',
		]);
		// Nothing is lost on disk: the hidden version is kept with the conversation.
		await until(() => JSON.stringify(readConversations(home)).includes('Answer about Rust.'), 'the hidden version on disk');
		app.kill();
		await app.exited;

		const again = await h.app({home, env, columns: 80, rows: 30});
		await again.waitFor('More about Go.');
		again.write(altP);
		await again.waitFor('Answer about Rust.');
	});

	it('Ctrl+R keeps the answer it replaces as a version; Esc cancels an edit without a change', async () => {
		const {server, app} = await h.chat({columns: 80, rows: 24});
		server.enqueue({reply: 'First try.'}, {reply: 'Second try.'});
		await app.type('hello');
		app.write(keys.enter);
		await app.waitFor((s) => ready(s) && s.includes('First try.'));
		app.write(keys.ctrlR);
		await app.waitFor((s) => ready(s) && s.includes('Second try.'));
		expect(app.text()).toMatch(/version 2\/2/);
		app.write(altP);
		await app.waitFor('First try.');

		await app.type('/edit');
		app.write(keys.enter);
		await app.waitFor(/Editing #1/);
		app.write(keys.esc);
		await app.waitFor('Edit cancelled; nothing was changed.');
		expect(server.requests).toHaveLength(2);
	});
});

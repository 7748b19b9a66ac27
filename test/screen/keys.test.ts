// The global keys: help (F1, Ctrl+G), repaint (Ctrl+L), regenerate (Ctrl+R), copy (Ctrl+Y).
import {describe, expect, it} from 'vitest';
import {chatLayoutProblems, keys, statusLine, storedMessages, until, useHarness} from '../support/screen-kit.js';

const h = useHarness();

const ready = (s: string) => /\bready\b/.test(statusLine(s.split('\n')));

// The key contract of design.md: the help screen lists exactly these.
const CONTRACT = [
	'Enter',
	'Ctrl+J, Alt+Enter',
	'Esc',
	'Ctrl+C',
	'Ctrl+D',
	'PgUp / PgDn',
	'Shift+Up / Shift+Down',
	'Home / End',
	'Ctrl+N',
	'Ctrl+O',
	'Alt+Left / Alt+Right',
	'Ctrl+PgUp / Ctrl+PgDn',
	'Alt+1 … Alt+9',
	'Ctrl+R',
	'Ctrl+Y',
	'Ctrl+L',
	'F1, Ctrl+G',
];

describe('keys', () => {
	for (const [label, key] of [
		['F1', keys.f1],
		['Ctrl+G', keys.ctrlG],
	] as const) {
		it(`${label} opens the help listing the keys; Esc closes it`, async () => {
			const {app} = await h.chat();
			const chat = app.screen();
			app.write(key);
			const help = await app.waitFor('glm-tui keys');
			const lines = help.split('\n');
			for (const name of CONTRACT) {
				expect(
					lines.some((line) => line.trimStart().startsWith(name)),
					`help lists ${name}`,
				).toBe(true);
			}
			expect(help).not.toContain('› Message GLM');
			app.write(keys.esc);
			await app.waitFor((s) => s.includes('› Message GLM') && !s.includes('glm-tui keys'));
			expect(app.screen()).toEqual(chat);
		});
	}

	it('Ctrl+L repaints a screen that something else wrote over', async () => {
		const {server, app} = await h.chat();
		server.enqueue({reply: 'repaint me 重绘'});
		await app.type('hello');
		app.write(keys.enter);
		await app.waitFor((s) => ready(s) && s.includes('重绘'));
		await app.settle(100);
		const good = app.screen();
		const cursor = app.cursor();

		// Another program (wall, a background job) scribbles on the terminal behind the app's back.
		await new Promise<void>((resolve) =>
			app.term.write('\u001B[2;1HGARBAGE GARBAGE GARBAGE\u001B[20;10H*** broadcast ***\u001B[1;1H', resolve),
		);
		expect(app.text()).toContain('GARBAGE');

		app.write(keys.ctrlL);
		await app.waitFor((s) => !s.includes('GARBAGE') && !s.includes('broadcast') && s.includes('重绘'));
		await app.settle(100);
		expect(app.screen()).toEqual(good);
		expect(app.cursor()).toEqual(cursor);
		expect(chatLayoutProblems(app.screen(), 100)).toEqual([]);
	});

	it('Ctrl+R regenerates the last answer: same question sent again, one answer left on screen and disk', async () => {
		const {server, app, home} = await h.chat();
		server.enqueue({reply: 'first version 一'}, {reply: 'second version 二'});
		await app.type('regenerate me');
		app.write(keys.enter);
		await app.waitFor((s) => ready(s) && s.includes('first version 一'));

		app.write(keys.ctrlR);
		await until(() => server.requests.length === 2, 'the second request');
		const screen = await app.waitFor((s) => ready(s) && s.includes('second version 二'));
		expect(screen).not.toContain('first version');
		// Once in the transcript (the status line shows it too, as the conversation's name now).
		expect(screen.split(/^─+$/m)[0]!.match(/regenerate me/g)).toHaveLength(1);
		expect(server.requests[1]!.body.messages).toEqual(server.requests[0]!.body.messages);
		expect(server.requests[1]!.body.messages.at(-1)).toEqual({role: 'user', content: 'regenerate me'});

		const saved = await until(() => {
			const messages = storedMessages(home);
			return messages.length === 2 && messages[1]!.state === 'complete' ? messages : undefined;
		}, 'the regenerated answer saved');
		expect(saved.map((m) => [m.role, m.content])).toEqual([
			['user', 'regenerate me'],
			['assistant', 'second version 二'],
		]);
	});

	it('Ctrl+Y copies the last answer with OSC 52', async () => {
		const {server, app} = await h.chat();
		const answer = 'copy me 复制 🙂';
		server.enqueue({reply: answer});
		await app.type('give me something to copy');
		app.write(keys.enter);
		await app.waitFor((s) => ready(s) && s.includes('复制'));
		app.clearOutput();
		app.write(keys.ctrlY);
		await app.waitFor(/Copied/);
		const raw = app.output();
		expect(raw).toContain(`\u001B]52;c;${Buffer.from(answer, 'utf8').toString('base64')}\u0007`);
		// The app keeps working, and the notice goes away with the next key.
		await app.type('x');
		await app.waitFor((s) => s.includes('› x') && ready(s));
	});
});

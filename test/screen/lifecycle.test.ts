// Every way out gives the terminal back (normal screen, cursor shown, bracketed paste off) and saves what
// is in memory; a restart shows the previous conversation.
import {describe, expect, it} from 'vitest';
import type {AppTerminal} from '../support/terminal.js';
import {keys, readConversations, statusLine, storedMessages, until, useHarness} from '../support/screen-kit.js';

const h = useHarness();

const ready = (s: string) => /\bready\b/.test(statusLine(s.split('\n')));

async function expectRestored(app: AppTerminal): Promise<void> {
	await app.settle(50);
	expect(app.isAlternate()).toBe(false);
	expect(app.cursorVisible()).toBe(true);
	expect(app.bracketedPaste()).toBe(false);
	// Nothing of the chat screen leaked onto the user's normal screen.
	expect(app.text()).not.toContain('F1 help');
	expect(app.text()).not.toContain('›');
}

describe('quitting', () => {
	it('Ctrl+D on an empty composer quits with 0 and restores the screen (not while there is text)', async () => {
		const {app} = await h.chat();
		expect(app.isAlternate()).toBe(true);
		await app.type('draft');
		await app.waitFor('› draft');
		app.write(keys.ctrlD);
		await app.settle(300);
		expect(app.isAlternate()).toBe(true);
		app.write(keys.ctrlU);
		await app.waitFor((s) => !s.includes('› draft'));
		app.write(keys.ctrlD);
		expect(await app.exited).toBe(0);
		await expectRestored(app);
	});

	it('/quit quits with 0 and restores the screen', async () => {
		const {app} = await h.chat();
		await app.type('/quit');
		await app.waitFor('› /quit');
		app.write(keys.enter);
		expect(await app.exited).toBe(0);
		await expectRestored(app);
	});

	it('Ctrl+C clears a non-empty composer, then quits from the empty idle composer', async () => {
		const {app} = await h.chat();
		await app.type('some text');
		await app.waitFor('› some text');
		app.write(keys.ctrlC);
		await app.waitFor((s) => !s.includes('› some text') && s.includes('› Message GLM'));
		expect(app.isAlternate()).toBe(true);
		app.write(keys.ctrlC);
		expect(await app.exited).toBe(0);
		await expectRestored(app);
	});
});

describe('signals during a stream', () => {
	// SIGHUP (the terminal went away) lets the answers finish instead: test/screen/hangup.test.ts.
	// SIGQUIT (Ctrl+\ in a shell) quits like SIGTERM, with its own exit status.
	for (const [signal, status] of [
		['SIGTERM', 143],
		['SIGQUIT', 131],
	] as const) {
		it(`${signal} saves the partial answer as stopped and the draft, exits ${status} and restores the screen`, async () => {
			const {server, app, home} = await h.chat();
			server.enqueue({reply: '一二三四五六七八九十'.repeat(30), tokensPerSecond: 20});
			await app.type('count');
			app.write(keys.enter);
			await app.waitFor((s) => s.includes('● streaming') && s.includes('一二三'));
			await app.type('草稿 draft');
			await app.waitFor('› 草稿 draft');
			app.kill(signal);
			expect(await app.exited).toBe(status);
			await expectRestored(app);

			const messages = storedMessages(home);
			expect(messages.map((m) => [m.role, m.state])).toEqual([
				['user', 'complete'],
				['assistant', 'stopped'],
			]);
			expect(messages[1]!.content.startsWith('一二三')).toBe(true);
			expect(readConversations(home)[0]!.draft).toBe('草稿 draft');
		});
	}
});

describe('quitting during a stream', () => {
	it('Ctrl+D while an answer streams quits with 0 and saves the partial answer as stopped', async () => {
		const {server, app, home} = await h.chat();
		server.enqueue({reply: '一二三四五六七八九十'.repeat(30), tokensPerSecond: 20});
		await app.type('count');
		app.write(keys.enter);
		await app.waitFor((s) => s.includes('● streaming') && s.includes('一二三'));
		app.write(keys.ctrlD);
		expect(await app.exited).toBe(0);
		await expectRestored(app);
		const messages = storedMessages(home);
		expect(messages.map((m) => [m.role, m.state])).toEqual([
			['user', 'complete'],
			['assistant', 'stopped'],
		]);
	});
});

describe('restart', () => {
	it('shows the previous conversation with its messages', async () => {
		const {server, app, home, env} = await h.chat();
		server.enqueue({reply: '第一个回答 first answer'});
		await app.type('第一个问题 first question');
		app.write(keys.enter);
		await app.waitFor((s) => ready(s) && s.includes('first answer'));
		await app.type('/rename 记事本 notes');
		app.write(keys.enter);
		await app.waitFor('记事本 notes');
		await until(() => storedMessages(home).length === 2, 'both messages saved');
		app.write(keys.ctrlD);
		expect(await app.exited).toBe(0);

		const again = await h.app({home, env});
		const screen = await again.waitFor((s) => ready(s) && s.includes('first answer'), 15_000);
		expect(screen).toContain('第一个问题 first question');
		expect(screen).toContain('第一个回答 first answer');
		expect(statusLine(again.screen())).toContain('记事本 notes');
		// The conversation continues: the next request carries the history.
		await again.inputReady();
		server.enqueue({reply: 'second answer'});
		await again.type('second question');
		again.write(keys.enter);
		await again.waitFor((s) => ready(s) && s.includes('second answer'));
		expect(server.requests.at(-1)!.body.messages.map((m: {content: string}) => m.content)).toEqual([
			'第一个问题 first question',
			'第一个回答 first answer',
			'second question',
		]);
	});

	it('shows a stopped answer after a restart, marked stopped', async () => {
		const {server, app, home, env} = await h.chat();
		server.enqueue({reply: 'partial words '.repeat(100), tokensPerSecond: 20});
		await app.type('stop me');
		app.write(keys.enter);
		await app.waitFor((s) => s.includes('partial words'));
		app.write(keys.esc);
		await app.waitFor((s) => ready(s) && s.includes('stopped'));
		await until(() => storedMessages(home).some((m) => m.state === 'stopped'), 'the stopped answer saved');
		app.write(keys.ctrlD);
		expect(await app.exited).toBe(0);

		const again = await h.app({home, env});
		const screen = await again.waitFor((s) => ready(s) && s.includes('partial words'), 15_000);
		expect(screen).toContain('stop me');
		expect(screen).toContain('stopped');
	});
});

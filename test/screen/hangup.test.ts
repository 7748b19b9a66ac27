// The SSH link drops mid-answer (issue 14): glm-tui stops drawing and reading keys, lets every answer that is
// streaming run to its end, saves it, and exits by itself; a limit bounds the wait; SIGTERM still ends it now.
import fs from 'node:fs';
import path from 'node:path';
import {describe, expect, it} from 'vitest';
import type {Message} from '../../source/domain/types.js';
import type {GlmServer} from '../support/glm-server.js';
import {xdgEnv, type AppTerminal} from '../support/terminal.js';
import {ESC, configDir, delay, keys, readConversations, seedConversation, statusLine, until, useHarness} from '../support/screen-kit.js';

const h = useHarness();

const status = (s: string) => statusLine(s.split('\n'));
const altRight = `${ESC}[1;3C`;
const words = (tag: string, count: number) => Array.from({length: count}, (_, index) => `${tag}${index} `).join('');

function alive(pid: number): boolean {
	try {
		process.kill(pid, 0);
		return true;
	} catch {
		return false;
	}
}

/** The answers of each stored conversation, by conversation name. */
function answers(home: string): Record<string, Message[]> {
	return Object.fromEntries(readConversations(home).map((c) => [c.name, c.messages.filter((m) => m.role === 'assistant')]));
}

/**
 * Two conversations, each with an answer streaming: alpha's in the background, bravo's on screen. Returns
 * once both are visibly streaming.
 */
async function twoStreams(options: {
	alpha: Parameters<GlmServer['enqueue']>[0];
	bravo: Parameters<GlmServer['enqueue']>[0];
	limitMinutes?: number;
	/** Run as a job of an interactive bash, as over SSH: stderr to $HOME/stderr.log, exit code to $HOME/exit-code. */
	inShell?: boolean;
}) {
	const home = h.home();
	seedConversation(home, {name: 'alpha', count: 0});
	seedConversation(home, {name: 'bravo', count: 0});
	if (options.limitMinutes !== undefined) {
		fs.mkdirSync(configDir(home), {recursive: true, mode: 0o700});
		fs.writeFileSync(path.join(configDir(home), 'config.json'), JSON.stringify({detachedLimitMinutes: options.limitMinutes}), {
			mode: 0o600,
		});
	}
	let session: {server: GlmServer; app: AppTerminal; home: string; env: Record<string, string>};
	if (options.inShell) {
		const server = await h.server();
		const app = await h.app({home, server, shell: true});
		await app.waitFor(/^\$ /m);
		// sh ignores the hang-up so that it lives to write the app's exit code.
		app.write(`sh -c 'trap "" HUP; $GLM_TUI_COMMAND 2> "$HOME/stderr.log"; echo $? > "$HOME/exit-code"'\r`);
		await app.waitFor(/\bready\b/, 15_000);
		await app.inputReady();
		session = {server, app, home, env: {...xdgEnv(home), ZHIPUAI_BASE_URL: server.baseUrl, ZHIPUAI_API_KEY: server.key}};
	} else {
		session = await h.chat({home});
	}
	const {server, app} = session;
	await app.waitFor((s) => status(s).includes('alpha'));
	server.enqueue(options.alpha);
	await app.type('alpha question');
	app.write(keys.enter);
	await app.waitFor((s) => status(s).includes('● streaming') && /\ba1\b/.test(s));
	app.write(altRight);
	await app.waitFor((s) => status(s).includes('bravo') && !/\ba1\b/.test(s));
	server.enqueue(options.bravo);
	await app.type('bravo question');
	app.write(keys.enter);
	await app.waitFor((s) => status(s).includes('● streaming') && /\bb1\b/.test(s));
	return session;
}

/** Sends SIGHUP; returns the output the app wrote once the signal had been handled (what came after is none). */
async function hangUpBySignal(app: AppTerminal): Promise<{bytesAfterSignal: () => number}> {
	app.kill('SIGHUP');
	// A frame already on its way when the signal came may still land; after that, nothing.
	await app.settle(500);
	const mark = app.bytes();
	return {bytesAfterSignal: () => app.bytes() - mark};
}

describe('SSH drop (SIGHUP) mid-answer', () => {
	it('the open and the background answer both complete on disk exactly once; nothing is drawn after; exit 0 by itself', async () => {
		const alphaReply = words('a', 60);
		const bravoReply = words('b', 60);
		const {app, home, server} = await twoStreams({
			alpha: {reply: alphaReply, tokensPerSecond: 15},
			bravo: {reply: bravoReply, tokensPerSecond: 15},
		});
		const {bytesAfterSignal} = await hangUpBySignal(app);
		expect(alive(app.pid)).toBe(true);
		expect(await app.exited).toBe(0);
		expect(bytesAfterSignal()).toBe(0);
		// Not even the restore sequence: the terminal is not ours any more.
		expect(app.output()).not.toContain('\u001B[?1049l');

		const stored = answers(home);
		expect(stored['alpha']!.map((m) => [m.state, m.content, m.finishedDetached])).toEqual([['complete', alphaReply, true]]);
		expect(stored['bravo']!.map((m) => [m.state, m.content, m.finishedDetached])).toEqual([['complete', bravoReply, true]]);
		expect(stored['bravo']![0]).not.toHaveProperty('writer');
		expect(server.requests.length).toBe(2);
	});

	it('a real hang-up (the terminal closed: SIGHUP and EIO) also lets both answers finish, and the process exits by itself', async () => {
		const alphaReply = words('a', 50);
		const bravoReply = words('b', 50);
		const {app, home} = await twoStreams({
			alpha: {reply: alphaReply, tokensPerSecond: 15},
			bravo: {reply: bravoReply, tokensPerSecond: 15},
			inShell: true,
		});
		const codeFile = path.join(home, 'exit-code');
		// The terminal closes: bash gets SIGHUP, passes it on to its job and exits; the app's reads and writes fail.
		app.hangUp();
		await until(() => !alive(app.pid), 'the shell to go', 10_000);
		expect(fs.existsSync(codeFile)).toBe(false);
		const code = await until(() => fs.existsSync(codeFile) && fs.readFileSync(codeFile, 'utf8'), 'the app to exit by itself', 30_000);
		expect(code.trim()).toBe('0');
		// No EIO crash, no stack trace.
		expect(fs.readFileSync(path.join(home, 'stderr.log'), 'utf8')).toBe('');
		const stored = answers(home);
		expect(stored['alpha']!.map((m) => [m.state, m.content, m.finishedDetached])).toEqual([['complete', alphaReply, true]]);
		expect(stored['bravo']!.map((m) => [m.state, m.content, m.finishedDetached])).toEqual([['complete', bravoReply, true]]);
	});

	it('gives up after the configured limit: what arrived is saved as stopped, and it exits', async () => {
		// 0.05 minutes: three seconds. The answers stall and would never end.
		const {app, home} = await twoStreams({
			alpha: {reply: words('a', 40), stallAfter: 5},
			bravo: {reply: words('b', 40), stallAfter: 5},
			limitMinutes: 0.05,
		});
		const {bytesAfterSignal} = await hangUpBySignal(app);
		expect(await app.exited).toBe(0);
		expect(bytesAfterSignal()).toBe(0);
		const stored = answers(home);
		for (const name of ['alpha', 'bravo']) {
			expect(stored[name]!.map((m) => m.state)).toEqual(['stopped']);
			expect(stored[name]![0]!.content).toMatch(/^[ab]0 [ab]1 /);
		}
	});

	it('SIGTERM while detached saves now (stopped) and exits without writing to the terminal', async () => {
		const {app, home} = await twoStreams({
			alpha: {reply: words('a', 40), stallAfter: 5},
			bravo: {reply: words('b', 40), stallAfter: 5},
		});
		const {bytesAfterSignal} = await hangUpBySignal(app);
		await delay(300);
		expect(alive(app.pid)).toBe(true);
		app.kill('SIGTERM');
		expect(await app.exited).toBe(143);
		expect(bytesAfterSignal()).toBe(0);
		const stored = answers(home);
		expect(stored['alpha']!.map((m) => m.state)).toEqual(['stopped']);
		expect(stored['bravo']!.map((m) => m.state)).toEqual(['stopped']);
	});

	it('with no answer in flight it saves the draft and exits at once', async () => {
		const {app, home} = await h.chat();
		await app.type('草稿 draft');
		await app.waitFor('› 草稿 draft');
		const {bytesAfterSignal} = await hangUpBySignal(app);
		expect(await app.exited).toBe(0);
		expect(bytesAfterSignal()).toBe(0);
		expect(readConversations(home)[0]!.draft).toBe('草稿 draft');
	});
});

describe('the next glm-tui while a detached one finishes', () => {
	it('shows the answer growing as "finishing in another glm-tui", then finished, without asking again', async () => {
		const bravoReply = words('b', 90);
		const {app, home, env, server} = await twoStreams({
			alpha: {reply: words('a', 30), tokensPerSecond: 15},
			bravo: {reply: bravoReply, tokensPerSecond: 12},
		});
		await hangUpBySignal(app);
		// The user reconnects: the new glm-tui opens bravo, the conversation of the last session.
		const again = await h.app({home, env});
		const growing = await again.waitFor((s) => s.includes('finishing in another glm-tui') && /\bb\d+\b/.test(s), 15_000);
		expect(status(growing)).toContain('bravo');
		const shownFirst = Math.max(...[...growing.matchAll(/\bb(\d+)\b/g)].map((m) => Number(m[1])));
		// Asking now would be a second request for the same turn: refused, the text stays.
		await again.inputReady();
		await again.type('again?');
		again.write(keys.enter);
		await again.waitFor((s) => s.includes('Another glm-tui is still finishing') && s.includes('› again?'));
		// It grows with the other's saves, and ends.
		const ended = await again.waitFor((s) => /\bb89\b/.test(s) && s.includes('finished after the connection dropped'), 30_000);
		expect(shownFirst).toBeLessThan(89);
		expect(ended).not.toContain('finishing in another glm-tui');
		expect(await app.exited).toBe(0);
		// Nothing was asked twice.
		expect(server.requests.length).toBe(2);
		expect(answers(home)['bravo']!.map((m) => [m.state, m.content])).toEqual([['complete', bravoReply]]);

		// The mark stays until the conversation goes on.
		server.enqueue({reply: 'next answer'});
		again.write(keys.ctrlU);
		await again.type('next question');
		again.write(keys.enter);
		const next = await again.waitFor((s) => s.includes('next answer') && /\bready\b/.test(status(s)));
		expect(next).not.toContain('finished after the connection dropped');
		await until(() => answers(home)['bravo']!.length === 2, 'the next answer saved');
		expect(answers(home)['bravo']![0]!.finishedDetached).toBeUndefined();
	});
});

// Colour settings: NO_COLOR (no-color.org), FORCE_COLOR (as chalk reads it) and the theme setting, checked in
// the bytes the app writes and in the cells the terminal shows.
import {execFileSync} from 'node:child_process';
import {describe, expect, it} from 'vitest';
import {MARKDOWN_REPLY} from '../support/glm-server.js';
import {styledRows} from '../support/cells.js';
import {BIN, xdgEnv} from '../support/terminal.js';
import type {AppTerminal} from '../support/terminal.js';
import {keys, seedConversation, statusLine, useHarness} from '../support/screen-kit.js';

const h = useHarness();

/** Every SGR sequence the app wrote, as its parameter list. */
function sgrParameters(output: string): string[][] {
	return [...output.matchAll(/\u001B\[([\d;:]*)m/g)].map((match) => (match[1] === '' ? ['0'] : match[1]!.split(/[;:]/)));
}

/** The colour codes among them: 30-37, 38;..., 40-47, 48;..., 90-97, 100-107 (39 and 49, back to default, are not colours). */
function colourCodes(output: string): string[] {
	const found: string[] = [];
	for (const parameters of sgrParameters(output)) {
		for (let index = 0; index < parameters.length; index++) {
			const code = Number(parameters[index]);
			if (code === 38 || code === 48) {
				found.push(parameters.slice(index, index + 3).join(';'));
				index += parameters[index + 1] === '5' ? 2 : 4;
			} else if ((code >= 30 && code <= 37) || (code >= 40 && code <= 47) || (code >= 90 && code <= 97) || (code >= 100 && code <= 107)) {
				found.push(String(code));
			}
		}
	}
	return found;
}

const hasBold = (output: string) => sgrParameters(output).some((parameters) => parameters.includes('1'));
const ready = (s: string) => /\bready\b/.test(statusLine(s.split('\n')));

/** The chat with Markdown, code, a table and a streamed answer on screen, plus the help screen once. */
async function colourfulSession(env: Record<string, string | undefined>): Promise<AppTerminal> {
	const home = h.home();
	seedConversation(home, {count: 2, text: (index) => (index === 0 ? 'show me' : MARKDOWN_REPLY)});
	const {server, app} = await h.chat({home, env});
	server.enqueue({reply: `${MARKDOWN_REPLY}\n\n**done**`, tokensPerSecond: 200});
	await app.type('again');
	app.write(keys.enter);
	await app.waitFor((s) => s.includes('done') && ready(s), 15_000);
	app.write(keys.f1);
	await app.waitFor('Ctrl+L');
	app.write(keys.esc);
	await app.waitFor(ready);
	await app.settle(200);
	return app;
}

describe('colours', () => {
	it('NO_COLOR=1: no colour in any byte or cell of the chat; bold, dim and inverse stay', async () => {
		const app = await colourfulSession({NO_COLOR: '1'});
		// A shorter terminal too: the frame redrawn after it is the old, taller one first.
		await app.resize(80, 20);
		await app.waitFor(ready);
		await app.settle(300);
		const output = app.output();
		expect(colourCodes(output)).toEqual([]);
		expect(hasBold(output)).toBe(true);
		const cells = styledRows(app.term).join('\n');
		expect(cells).not.toMatch(/\{[^}]*(fg|bg)/);
		expect(cells).toMatch(/\{[^}]*bold/);
		expect(cells).toMatch(/\{[^}]*inverse/);
		// The code block is still there, just not coloured.
		expect(app.text()).toContain("console.log(greet('GLM'));");
	});

	it('FORCE_COLOR=0 takes colours out the same way; FORCE_COLOR=1 brings them back over NO_COLOR', async () => {
		const none = await colourfulSession({FORCE_COLOR: '0'});
		expect(colourCodes(none.output())).toEqual([]);
		expect(hasBold(none.output())).toBe(true);
		const forced = await colourfulSession({FORCE_COLOR: '1', NO_COLOR: '1'});
		expect(colourCodes(forced.output())).toContain('35');
	});

	it('without NO_COLOR the chat is coloured (the control for the tests above)', async () => {
		const app = await colourfulSession({});
		expect(colourCodes(app.output()).length).toBeGreaterThan(10);
	});

	it('theme light darkens the pale colours; theme none from the config; /theme switches at once and is saved', async () => {
		const home = h.home();
		seedConversation(home, {count: 2, text: (index) => (index === 0 ? 'show me' : MARKDOWN_REPLY)});
		execFileSync(process.execPath, [BIN, 'config', 'set', 'theme', 'light'], {env: {...process.env, ...xdgEnv(home)}});
		const {app} = await h.chat({home});
		await app.settle(300);
		const light = colourCodes(app.output());
		// Yellow (inline code) and cyan (bullets) become darker 256-colour shades on xterm-256color.
		expect(light).not.toContain('33');
		expect(light).not.toContain('36');
		expect(light).toContain('38;5;130');

		await app.type('/theme none');
		app.write(keys.enter);
		await app.waitFor('Theme: none');
		await app.settle(300);
		// Already drawn without colour; a repaint writes none either.
		expect(styledRows(app.term).join('\n')).not.toMatch(/\{[^}]*(fg|bg)/);
		app.clearOutput();
		app.write(keys.ctrlL);
		await app.settle(300);
		expect(colourCodes(app.output())).toEqual([]);
		expect(styledRows(app.term).join('\n')).not.toMatch(/\{[^}]*(fg|bg)/);
		const stored = execFileSync(process.execPath, [BIN, 'config', 'get', 'theme'], {
			env: {...process.env, ...xdgEnv(home)},
			encoding: 'utf8',
		});
		expect(stored.trim()).toBe('none');

		await app.type('/theme dark');
		app.write(keys.enter);
		await app.waitFor('Theme: dark');
		await app.settle(300);
		expect(styledRows(app.term).join('\n')).toMatch(/\{fgp3\}/);
	});

	it('config set theme refuses a theme it does not know', () => {
		const home = h.home();
		let failure: {status?: number; stderr?: string} = {};
		try {
			execFileSync(process.execPath, [BIN, 'config', 'set', 'theme', 'solarized'], {
				env: {...process.env, ...xdgEnv(home)},
				encoding: 'utf8',
				stdio: 'pipe',
			});
		} catch (error) {
			failure = error as typeof failure;
		}
		expect(failure.status).toBe(2);
		expect(failure.stderr).toContain('dark, light or none');
	});

	it('-p on a terminal with NO_COLOR=1 writes no colour', async () => {
		const server = await h.server();
		server.enqueue({reply: MARKDOWN_REPLY});
		const app = await h.app({server, args: ['-p', 'hi'], env: {NO_COLOR: '1'}});
		expect(await app.exited).toBe(0);
		await app.settle(100);
		expect(app.output()).toContain('标题 Heading');
		expect(colourCodes(app.output())).toEqual([]);
	});
});

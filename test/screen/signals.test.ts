// Job control: Ctrl+Z and SIGTSTP suspend (the shell gets its screen and line mode back) and `fg` / SIGCONT takes
// the terminal again. SIGQUIT and SIGTERM: lifecycle.test.ts.
import {describe, expect, it} from 'vitest';
import {statusLine, useHarness} from '../support/screen-kit.js';

const h = useHarness();

const ready = (s: string) => /\bready\b/.test(statusLine(s.split('\n')));
const ctrlZ = '\u001A';

describe('suspend and resume', () => {
	it('Ctrl+Z under a job-control shell gives the shell its screen; fg brings the chat back in raw mode, repainted', async () => {
		const server = await h.server();
		const shell = await h.app({shell: true, server});
		await shell.waitFor(/^\$ /m);
		shell.write('echo shell-before; $GLM_TUI_COMMAND\r');
		await shell.waitFor((s) => ready(s), 15_000);
		await shell.inputReady();
		await shell.type('草稿 draft');
		await shell.waitFor('› 草稿 draft');

		shell.clearOutput();
		shell.write(ctrlZ);
		await shell.waitFor((s) => /Stopped/.test(s));
		await shell.settle(50);
		expect(shell.isAlternate()).toBe(false);
		expect(shell.cursorVisible()).toBe(true);
		// (bash turns bracketed paste on again for its own prompt; glm-tui turned it off before leaving.)
		const output = shell.output();
		expect(output.indexOf('\u001B[?2004l')).toBeGreaterThanOrEqual(0);
		expect(output.indexOf('\u001B[?2004l')).toBeLessThan(output.indexOf('\u001B[?1049l'));
		expect(shell.text()).toContain('shell-before');
		expect(shell.text()).not.toContain('F1 help');
		// The shell reads lines again: what is typed is echoed by the terminal and run at Enter.
		shell.write('echo shell-after\r');
		await shell.waitFor((s) => /^shell-after$/m.test(s));

		shell.write('fg\r');
		await shell.waitFor((s) => ready(s) && s.includes('› 草稿 draft'));
		expect(shell.isAlternate()).toBe(true);
		expect(shell.bracketedPaste()).toBe(true);
		await shell.inputReady();
		await shell.type(' 更多');
		await shell.waitFor('› 草稿 draft 更多');
	});

	it('SIGTSTP without a job-control shell restores the terminal, then takes it back at once (nothing would continue it)', async () => {
		const {app} = await h.chat();
		await app.type('草稿');
		await app.waitFor('› 草稿');
		app.clearOutput();
		app.kill('SIGTSTP');
		await app.waitFor((s) => ready(s) && s.includes('› 草稿'));
		await app.settle(200);
		const output = app.output();
		// Left the alternate screen with the cursor shown and bracketed paste off, then came back and repainted.
		const left = output.indexOf('\u001B[?1049l');
		expect(left).toBeGreaterThanOrEqual(0);
		expect(output.slice(0, left)).toContain('\u001B[?2004l');
		expect(output.slice(0, left)).toContain('\u001B[?25h');
		expect(output.indexOf('\u001B[?1049h', left)).toBeGreaterThan(left);
		expect(app.isAlternate()).toBe(true);
		await app.inputReady();
		await app.type('更多');
		await app.waitFor('› 草稿更多');
	});

	it('SIGCONT after a stop it could not catch repaints the whole screen', async () => {
		const {app} = await h.chat();
		await app.type('草稿');
		await app.waitFor('› 草稿');
		app.kill('SIGSTOP');
		await app.settle(100);
		// Something else drew over the screen meanwhile.
		app.term.write('\u001B[2J\u001B[Hgarbage');
		await app.settle(50);
		app.kill('SIGCONT');
		await app.waitFor((s) => ready(s) && s.includes('› 草稿') && !s.includes('garbage'));
		await app.inputReady();
	});
});

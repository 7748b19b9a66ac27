import {spawn} from 'node:child_process';
import path from 'node:path';
import {fileURLToPath} from 'node:url';
import {describe, expect, it} from 'vitest';
import {enterAltScreen, enterSequence, leaveAltScreen, osc52Copy, restoreSequence, showCursor} from '../../source/terminal/screen.js';
import {disableBracketedPaste, enableBracketedPaste} from '../../source/terminal/stdin-filter.js';

const fixture = path.join(path.dirname(fileURLToPath(import.meta.url)), 'fixtures/restore-child.ts');

type Outcome = {code: number | null; signal: NodeJS.Signals | null; stdout: string; stderr: string};

async function runChild(mode: string, signal?: NodeJS.Signals): Promise<Outcome> {
	const child = spawn(process.execPath, ['--import', 'tsx', fixture, mode], {stdio: ['ignore', 'pipe', 'pipe']});
	let stdout = '';
	let stderr = '';
	child.stdout.on('data', (data: Buffer) => {
		stdout += data.toString();
	});
	child.stderr.on('data', (data: Buffer) => {
		stderr += data.toString();
		if (signal && stderr.includes('ready\n')) {
			child.kill(signal);
		}
	});
	return new Promise((resolve) => {
		child.on('close', (code, exitSignal) => {
			resolve({code, signal: exitSignal, stdout, stderr});
		});
	});
}

const count = (haystack: string, needle: string): number => haystack.split(needle).length - 1;

describe('terminal sequences', () => {
	it('enters the alternate screen with bracketed paste and restores everything', () => {
		expect(enterAltScreen).toBe('\u001B[?1049h');
		expect(enterSequence).toBe(enterAltScreen + enableBracketedPaste);
		expect(restoreSequence).toContain(leaveAltScreen);
		expect(restoreSequence).toContain(showCursor);
		expect(restoreSequence).toContain(disableBracketedPaste);
		expect(restoreSequence.startsWith('\u001B[0m')).toBe(true);
		expect(restoreSequence.endsWith(leaveAltScreen)).toBe(true);
	});
});

describe('installTerminalRestore', () => {
	it('restores once on a normal exit', async () => {
		const outcome = await runChild('exit');
		expect(outcome.code).toBe(0);
		expect(count(outcome.stdout, restoreSequence)).toBe(1);
		expect(outcome.stderr).not.toContain('saved');
	});

	for (const [signal, code] of [
		['SIGINT', 130],
		['SIGTERM', 143],
		['SIGHUP', 129],
	] as const) {
		it(`restores once, saves, and exits with ${code} on ${signal}`, async () => {
			const outcome = await runChild('wait', signal);
			expect(outcome.code).toBe(code);
			expect(count(outcome.stdout, restoreSequence)).toBe(1);
			expect(outcome.stdout.indexOf(restoreSequence)).toBeGreaterThan(outcome.stdout.indexOf(enterSequence));
			expect(outcome.stderr).toContain(`saved:${signal}`);
		});
	}

	it('restores once, saves and reports an uncaught exception', async () => {
		const outcome = await runChild('throw');
		expect(outcome.code).toBe(1);
		expect(count(outcome.stdout, restoreSequence)).toBe(1);
		expect(outcome.stderr).toContain('saved:error');
		expect(outcome.stderr).toContain('Error: boom');
	});

	it('restores once and reports an unhandled rejection', async () => {
		const outcome = await runChild('reject');
		expect(outcome.code).toBe(1);
		expect(count(outcome.stdout, restoreSequence)).toBe(1);
		expect(outcome.stderr).toContain('rejected');
	});
});

describe('osc52Copy', () => {
	const payload = Buffer.from('héllo 中文').toString('base64');

	it('builds a plain OSC 52 sequence outside multiplexers', () => {
		expect(osc52Copy('héllo 中文', {env: {}})).toBe(`\u001B]52;c;${payload}\u0007`);
	});

	it('inside tmux sends it plain and through DCS passthrough with the inner ESC doubled', () => {
		expect(osc52Copy('héllo 中文', {env: {TMUX: '/tmp/tmux-1000/default,1,0'}})).toBe(
			`\u001B]52;c;${payload}\u0007\u001BPtmux;\u001B\u001B]52;c;${payload}\u0007\u001B\\`,
		);
	});

	it('inside GNU screen splits the passthrough into chunks', () => {
		const long = 'x'.repeat(200);
		const sequence = osc52Copy(long, {env: {STY: '1234.pts-0.host'}});
		expect(sequence.startsWith('\u001BP\u001B]52;c;')).toBe(true);
		expect(sequence.endsWith('\u0007\u001B\\')).toBe(true);
		const joined = sequence.slice('\u001BP\u001B]52;c;'.length, -'\u0007\u001B\\'.length).split('\u001B\\\u001BP').join('');
		expect(Buffer.from(joined, 'base64').toString()).toBe(long);
	});

	it('encodes an empty string', () => {
		expect(osc52Copy('', {env: {}})).toBe('\u001B]52;c;\u0007');
	});

	it('puts no control sequence on the clipboard: escapes and controls are neutralized, tabs and newlines kept', () => {
		const answer = 'ok\u001B[2J\u001B]2;PWN\u0007 \u009B31m red\r\n\tcode\u0008\u202Eend';
		const copied = Buffer.from(/^\u001B\]52;c;([A-Za-z0-9+/=]*)\u0007$/.exec(osc52Copy(answer, {env: {}}))![1]!, 'base64').toString();
		expect(copied).toBe('ok  red\n\tcodeend');
	});
});

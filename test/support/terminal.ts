// Runs the built glm-tui in a real pseudo-terminal and keeps a headless xterm in step with what it writes,
// so tests can assert what a person would see: the screen, the buffer in use, the cursor, the bytes.
import {execFile} from 'node:child_process';
import {mkdtempSync, readFileSync} from 'node:fs';
import {tmpdir} from 'node:os';
import path from 'node:path';
import {fileURLToPath} from 'node:url';
import pty from 'node-pty';
import xterm from '@xterm/headless';
import {Unicode11Addon} from '@xterm/addon-unicode11';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
// GLM_TUI_BIN runs another build (a snapshot of dist/, so a rebuild during the run cannot pull the files
// from under the tests).
export const BIN = process.env['GLM_TUI_BIN'] || path.join(root, 'bin/glm-tui.cjs');

export interface AppTerminal {
	term: xterm.Terminal;
	/** Visible rows as text, trailing spaces trimmed. */
	screen(): string[];
	text(): string;
	write(data: string): void;
	/** Sends keys one read at a time, as a person types them. */
	type(text: string, delayMs?: number): Promise<void>;
	waitFor(match: string | RegExp | ((screen: string) => boolean), timeoutMs?: number): Promise<string>;
	resize(columns: number, rows: number): Promise<void>;
	/** Resizes at once, with the app's output maybe still in flight: as a window dragged by a person. */
	resizeNow(columns: number, rows: number): void;
	/** Bytes the app has written to the terminal so far. */
	bytes(): number;
	isAlternate(): boolean;
	/** Whether the terminal cursor is shown (DECTCEM, `ESC[?25h` / `ESC[?25l`). */
	cursorVisible(): boolean;
	/** Whether bracketed paste (`ESC[?2004h`) is on. */
	bracketedPaste(): boolean;
	cursor(): {x: number; y: number};
	title(): string;
	exited: Promise<number>;
	/** The app's process id (under `shell`, the shell's). */
	pid: number;
	kill(signal?: string): void;
	/** Closes the terminal itself, as an SSH drop does: the app gets SIGHUP and EIO, and nothing it writes arrives. */
	hangUp(): void;
	/** Waits until the terminal has processed everything written so far. */
	settle(ms?: number): Promise<void>;
	/**
	 * Waits until the app has put the terminal in raw mode (echo off). Until then the line discipline echoes
	 * typed keys onto the screen itself and buffers them until Enter, so tests type only after this.
	 */
	inputReady(timeoutMs?: number): Promise<void>;
	/** Everything the app has written, decoded, since start (or since the last clearOutput). */
	output(): string;
	/** CPU time (user + system) the app has used so far, in milliseconds, from /proc. */
	cpuMs(): number;
	clearOutput(): void;
}

export interface StartOptions {
	args?: string[];
	env?: Record<string, string | undefined>;
	columns?: number;
	rows?: number;
	home?: string;
	/**
	 * Start an interactive bash (no rc files, prompt `$ `) instead of glm-tui, for job control tests: the
	 * test types the command (`GLM_TUI_COMMAND` in its environment runs glm-tui).
	 */
	shell?: boolean;
}

export function tempHome(): string {
	return mkdtempSync(path.join(tmpdir(), 'glm-tui-home-'));
}

export function xdgEnv(home: string): Record<string, string> {
	return {
		HOME: home,
		XDG_CONFIG_HOME: path.join(home, '.config'),
		XDG_DATA_HOME: path.join(home, '.local/share'),
		// One code cache for every test, as for a user's every start: each test's glm-tui starts as it does on
		// the second day, not on the first. test/screen/code-cache.test.ts gives each of its starts its own.
		XDG_CACHE_HOME: path.join(tmpdir(), 'glm-tui-test-cache'),
	};
}

export async function startApp(options: StartOptions = {}): Promise<AppTerminal> {
	const columns = options.columns ?? 100;
	const rows = options.rows ?? 30;
	const home = options.home ?? tempHome();
	const env: Record<string, string> = {};
	for (const [key, value] of Object.entries(process.env)) {
		if (value !== undefined && !/^(CI|ZHIPUAI_|ZAI_|HTTPS?_PROXY|NO_PROXY)/i.test(key)) env[key] = value;
	}
	Object.assign(env, xdgEnv(home), {TERM: 'xterm-256color', LANG: 'C.UTF-8'});
	for (const [key, value] of Object.entries(options.env ?? {})) {
		if (value === undefined) delete env[key];
		else env[key] = value;
	}

	const term = new xterm.Terminal({cols: columns, rows, allowProposedApi: true, scrollback: 0});
	const unicode = new Unicode11Addon();
	term.loadAddon(unicode);
	term.unicode.activeVersion = '11';
	let title = '';
	term.onTitleChange((value) => {
		title = value;
	});

	if (options.shell) Object.assign(env, {PS1: '$ ', GLM_TUI_COMMAND: `${process.execPath} ${BIN}`});
	// node-pty always sets TERM (to `name`): a test of an unset TERM runs the app through `env -u TERM`.
	const unsetTerm = options.env !== undefined && 'TERM' in options.env && options.env['TERM'] === undefined;
	const [file, args] = options.shell
		? ['bash', ['--norc', '--noprofile', '-i']]
		: unsetTerm
			? ['/usr/bin/env', ['-u', 'TERM', process.execPath, BIN, ...(options.args ?? [])]]
			: [process.execPath, [BIN, ...(options.args ?? [])]];
	const child = pty.spawn(file, args, {
		// node-pty sets TERM to this name, whatever env says.
		name: env['TERM'] ?? 'xterm-256color',
		cols: columns,
		rows,
		cwd: home,
		env,
	});
	let bytes = 0;
	let output: string[] = [];
	let pending = Promise.resolve();
	child.onData((data) => {
		bytes += Buffer.byteLength(data);
		output.push(data);
		pending = pending.then(() => new Promise<void>((resolve) => term.write(data, resolve)));
	});
	const exited = new Promise<number>((resolve) => {
		child.onExit(({exitCode}) => resolve(exitCode));
	});

	const screen = () => {
		const buffer = term.buffer.active;
		const lines: string[] = [];
		for (let row = 0; row < term.rows; row++) lines.push(buffer.getLine(buffer.viewportY + row)?.translateToString(true) ?? '');
		return lines;
	};
	const settle = async (ms = 30) => {
		await new Promise((resolve) => setTimeout(resolve, ms));
		await pending;
	};

	return {
		term,
		screen,
		text: () => screen().join('\n'),
		write: (data) => child.write(data),
		async type(text, delayMs = 5) {
			for (const char of text) {
				child.write(char);
				await new Promise((resolve) => setTimeout(resolve, delayMs));
			}
		},
		async waitFor(match, timeoutMs = 8_000) {
			const test =
				typeof match === 'function' ? match : typeof match === 'string' ? (s: string) => s.includes(match) : (s: string) => match.test(s);
			const deadline = Date.now() + timeoutMs;
			for (;;) {
				await settle(20);
				const text = screen().join('\n');
				if (test(text)) return text;
				if (Date.now() > deadline) {
					throw new Error(`Timed out waiting for ${String(match)}. Screen:\n${text}`);
				}
			}
		},
		async resize(c, r) {
			await pending;
			term.resize(c, r);
			child.resize(c, r);
			await settle(50);
		},
		resizeNow(c, r) {
			term.resize(c, r);
			child.resize(c, r);
		},
		bytes: () => bytes,
		isAlternate: () => term.buffer.active.type === 'alternate',
		cursorVisible: () => !(term as unknown as {_core: {coreService: {isCursorHidden: boolean}}})._core.coreService.isCursorHidden,
		bracketedPaste: () => term.modes.bracketedPasteMode,
		cursor: () => ({x: term.buffer.active.cursorX, y: term.buffer.active.cursorY}),
		title: () => title,
		exited,
		pid: child.pid,
		hangUp: () => {
			(child as unknown as {destroy(): void}).destroy();
		},
		kill: (signal) => {
			try {
				child.kill(signal);
			} catch {
				// Already gone.
			}
		},
		settle,
		async inputReady(timeoutMs = 8_000) {
			const deadline = Date.now() + timeoutMs;
			for (;;) {
				// UnixTerminal has ptsName; IPty does not declare it.
				if (await isRaw((child as unknown as {ptsName: string}).ptsName)) return;
				if (Date.now() > deadline) throw new Error('Timed out waiting for the app to put the terminal in raw mode');
				await new Promise((resolve) => setTimeout(resolve, 20));
			}
		},
		output: () => {
			const joined = output.join('');
			output = [joined];
			return joined;
		},
		cpuMs: () => {
			const fields = readFileSync(`/proc/${child.pid}/stat`, 'utf8').split(') ').pop()!.split(' ');
			// utime and stime are fields 14 and 15 of stat, counted in clock ticks (100 a second on Linux).
			return ((Number(fields[11]) + Number(fields[12])) * 1000) / 100;
		},
		clearOutput: () => {
			output = [];
		},
	};
}

// stty reads the line discipline's settings of the pty's slave side, which the app changes with setRawMode.
function isRaw(pts: string): Promise<boolean> {
	return new Promise((resolve) => {
		execFile('stty', ['-F', pts, '-a'], (error, stdout) => {
			resolve(!error && /(^|\s)-icanon(\s|$)/.test(stdout) && /(^|\s)-echo(\s|$)/.test(stdout));
		});
	});
}

// Runs the built glm-tui as a script would: spawn with pipes (no terminal), a private HOME and XDG dirs,
// and an environment cleaned of anything on the developer's machine that could change what it does.
import {spawn, type ChildProcessWithoutNullStreams} from 'node:child_process';
import {mkdtempSync, rmSync} from 'node:fs';
import {tmpdir} from 'node:os';
import path from 'node:path';
import {fileURLToPath} from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
// GLM_TUI_TEST_BIN runs another build (e.g. a copy, while someone rebuilds dist/ in this tree); default: ours.
export const CLI_BIN = process.env['GLM_TUI_TEST_BIN'] || path.join(root, 'bin/glm-tui.cjs');

export interface CliHome {
	home: string;
	configDir: string;
	configFile: string;
	dataDir: string;
	env: Record<string, string>;
	remove(): void;
}

/** A fresh HOME with its own XDG config and data directories (created by glm-tui on first use). */
export function cliHome(): CliHome {
	const home = mkdtempSync(path.join(tmpdir(), 'glm-tui-cli-'));
	const config = path.join(home, '.config');
	const data = path.join(home, '.local', 'share');
	return {
		home,
		configDir: path.join(config, 'glm-tui'),
		configFile: path.join(config, 'glm-tui', 'config.json'),
		dataDir: path.join(data, 'glm-tui'),
		env: {HOME: home, XDG_CONFIG_HOME: config, XDG_DATA_HOME: data},
		remove: () => rmSync(home, {recursive: true, force: true}),
	};
}

export interface CliRun {
	code: number | null;
	signal: NodeJS.Signals | null;
	stdout: string;
	stderr: string;
	/** Milliseconds from spawn to exit. */
	ms: number;
}

export interface CliOptions {
	/** Variables to set; `undefined` removes one. Applied after the cleaning. */
	env?: Record<string, string | undefined>;
	/** Written to stdin, which is then closed. Without it stdin is an empty, closed pipe. */
	stdin?: string;
	cwd?: string;
	/** Kill the process (and fail the run) after this long. */
	timeoutMs?: number;
	/** Close the reading end of stderr at once, as `2> >(head -c0)` would. */
	closeStderr?: boolean;
	/** Called on every stdout chunk with everything read so far, e.g. to send a signal mid-answer. */
	onStdout?: (soFar: string, child: ChildProcessWithoutNullStreams) => void;
}

// Variables of the machine running the tests that glm-tui (or ink) reads.
const INHERITED_NOISE = /^(CI|CONTINUOUS_INTEGRATION|ZHIPUAI_.*|ZAI_.*|HTTPS?_PROXY|ALL_PROXY|NO_PROXY|FORCE_COLOR|NO_COLOR)$/i;

export function cliEnv(extra: Record<string, string | undefined> = {}): NodeJS.ProcessEnv {
	const env: NodeJS.ProcessEnv = {};
	for (const [key, value] of Object.entries(process.env)) {
		if (value !== undefined && !INHERITED_NOISE.test(key)) env[key] = value;
	}
	env['LANG'] = 'C.UTF-8';
	for (const [key, value] of Object.entries(extra)) {
		if (value === undefined) delete env[key];
		else env[key] = value;
	}
	return env;
}

export function runCli(args: string[], options: CliOptions = {}): Promise<CliRun> {
	const started = Date.now();
	const child = spawn(process.execPath, [CLI_BIN, ...args], {
		env: cliEnv(options.env),
		cwd: options.cwd ?? root,
		stdio: ['pipe', 'pipe', 'pipe'],
	});
	const out: Buffer[] = [];
	const err: Buffer[] = [];
	child.stdout.on('data', (chunk: Buffer) => {
		out.push(chunk);
		options.onStdout?.(Buffer.concat(out).toString('utf8'), child);
	});
	child.stderr.on('data', (chunk: Buffer) => err.push(chunk));
	if (options.closeStderr) child.stderr.destroy();
	// The child may exit before reading stdin (e.g. -p): EPIPE is not a failure of the test.
	child.stdin.on('error', () => {});
	child.stdin.end(options.stdin ?? '');
	const timeoutMs = options.timeoutMs ?? 15_000;
	return new Promise((resolve, reject) => {
		const timer = setTimeout(() => {
			child.kill('SIGKILL');
			reject(new Error(`glm-tui ${args.join(' ')} did not exit within ${timeoutMs} ms. stderr: ${Buffer.concat(err).toString('utf8')}`));
		}, timeoutMs);
		child.on('error', (error) => {
			clearTimeout(timer);
			reject(error);
		});
		child.on('close', (code, signal) => {
			clearTimeout(timer);
			resolve({
				code,
				signal,
				stdout: Buffer.concat(out).toString('utf8'),
				stderr: Buffer.concat(err).toString('utf8'),
				ms: Date.now() - started,
			});
		});
	});
}

/** Any ESC or other C0/C1 control character except tab, line feed and carriage return. */
export const CONTROL_CHARS = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F]/;

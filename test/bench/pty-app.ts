// The benchmark's own terminal: runs a process in node-pty, mirrors its output into a headless xterm, and
// keeps, for every chunk it reads, the arrival time, the byte and frame counts so far and (when asked) the
// process's CPU time, so a window of the run can be cut out afterwards.
import fs from 'node:fs';
import {execFileSync} from 'node:child_process';
import {performance} from 'node:perf_hooks';
import pty from 'node-pty';
import xterm from '@xterm/headless';
import {Unicode11Addon} from '@xterm/addon-unicode11';

export const BSU = '\u001B[?2026h';
export const ESU = '\u001B[?2026l';

export const now = (): number => performance.now();

export const CLK_TCK = (() => {
	try {
		const value = Number(execFileSync('getconf', ['CLK_TCK'], {encoding: 'utf8'}).trim());
		return Number.isFinite(value) && value > 0 ? value : 100;
	} catch {
		return 100;
	}
})();

/** user+sys CPU time of a process in milliseconds (/proc/<pid>/stat, clock-tick resolution). */
export function cpuMs(pid: number): number | undefined {
	try {
		const stat = fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
		const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
		// After the name: state is field 3, utime 14 and stime 15 (1-based) of the whole line.
		return ((Number(fields[11]) + Number(fields[12])) * 1000) / CLK_TCK;
	} catch {
		return undefined;
	}
}

/** A line of /proc/<pid>/status in kB (VmHWM, VmRSS, ...). */
export function statusKb(pid: number, field: string): number | undefined {
	try {
		const status = fs.readFileSync(`/proc/${pid}/status`, 'utf8');
		const match = new RegExp(`^${field}:\\s+(\\d+) kB`, 'm').exec(status);
		return match ? Number(match[1]) : undefined;
	} catch {
		return undefined;
	}
}

export interface Chunk {
	/** Arrival time (performance.now()). */
	t: number;
	/** Bytes and frame-begin sequences received up to and including this chunk. */
	bytes: number;
	frames: number;
	/** Process CPU ms read when the chunk arrived, while sampling is on. */
	cpu?: number;
}

export interface Hit {
	/** Arrival time of the chunk after which the screen first matched. */
	t: number;
	/** Index of that chunk in `chunks`. */
	index: number;
}

type Predicate = (screen: string[]) => boolean;

interface Waiter {
	test: Predicate;
	resolve: (hit: Hit) => void;
	reject: (error: Error) => void;
	timer: NodeJS.Timeout;
}

export interface SpawnOptions {
	file: string;
	args: string[];
	env: Record<string, string>;
	cwd: string;
	columns: number;
	rows: number;
}

export class PtyApp {
	readonly term: xterm.Terminal;
	readonly chunks: Chunk[] = [];
	readonly spawnedAt: number;
	readonly pid: number;
	readonly exited: Promise<number>;
	bytes = 0;
	frames = 0;
	/** Sample the process's CPU time on every chunk. */
	sampling = false;
	/** Keep the raw output (for counting and debugging) while true. */
	recording = false;
	recorded = '';
	private readonly child: pty.IPty;
	private waiters: Waiter[] = [];
	private frameEnds: Array<() => void> = [];
	private carry = '';
	private exitCode: number | undefined;
	exitedAt: number | undefined;

	constructor(options: SpawnOptions) {
		this.term = new xterm.Terminal({cols: options.columns, rows: options.rows, allowProposedApi: true, scrollback: 0});
		const unicode = new Unicode11Addon();
		this.term.loadAddon(unicode);
		this.term.unicode.activeVersion = '11';
		this.spawnedAt = now();
		this.child = pty.spawn(options.file, options.args, {
			name: 'xterm-256color',
			cols: options.columns,
			rows: options.rows,
			cwd: options.cwd,
			env: options.env,
		});
		this.pid = this.child.pid;
		this.child.onData((data) => this.onData(data));
		this.exited = new Promise((resolve) => {
			this.child.onExit(({exitCode}) => {
				this.exitedAt = now();
				this.exitCode = exitCode;
				resolve(exitCode);
			});
		});
	}

	private onData(data: string): void {
		const t = now();
		this.bytes += Buffer.byteLength(data);
		// A begin sequence may be cut between two reads: look at the tail of the previous one too.
		const text = this.carry + data;
		let at = text.indexOf(BSU);
		while (at !== -1) {
			this.frames++;
			at = text.indexOf(BSU, at + BSU.length);
		}
		if (this.frameEnds.length > 0 && text.includes(ESU)) for (const resolve of this.frameEnds.splice(0)) resolve();
		this.carry = text.slice(-(BSU.length - 1)).includes('\u001B') ? text.slice(-(BSU.length - 1)) : '';
		const chunk: Chunk = {t, bytes: this.bytes, frames: this.frames};
		if (this.sampling) chunk.cpu = cpuMs(this.pid);
		if (this.recording) this.recorded += data;
		const index = this.chunks.push(chunk) - 1;
		this.term.write(data, () => this.check({t, index}));
	}

	private check(hit: Hit): void {
		if (this.waiters.length === 0) return;
		const screen = this.screen();
		for (const waiter of [...this.waiters]) {
			if (!waiter.test(screen)) continue;
			clearTimeout(waiter.timer);
			this.waiters = this.waiters.filter((each) => each !== waiter);
			waiter.resolve(hit);
		}
	}

	screen(): string[] {
		const buffer = this.term.buffer.active;
		const lines: string[] = [];
		for (let row = 0; row < this.term.rows; row++) lines.push(buffer.getLine(buffer.viewportY + row)?.translateToString(true) ?? '');
		return lines;
	}

	/** The status line: the lowest row holding "F1 help" (below it there may be stray echo), else "". */
	statusLine(screen = this.screen()): string {
		for (let row = screen.length - 1; row >= 0; row--) if (screen[row]!.includes('F1 help')) return screen[row]!;
		return '';
	}

	/**
	 * Resolves with the chunk after which `test` first holds. Checked after every chunk the terminal has
	 * parsed, and once right away against the current screen (then `t` is now and `index` the last chunk).
	 */
	waitFor(test: Predicate, timeoutMs: number, what: string): Promise<Hit> {
		return new Promise((resolve, reject) => {
			const timer = setTimeout(() => {
				this.waiters = this.waiters.filter((each) => each !== waiter);
				reject(new Error(`timed out after ${timeoutMs} ms waiting for ${what}; screen:\n${this.screen().join('\n')}`));
			}, timeoutMs);
			const waiter: Waiter = {test, resolve, reject, timer};
			this.waiters.push(waiter);
		});
	}

	/** Resolves when the next frame ends (a synchronized-update end sequence arrives), or after `timeoutMs`. */
	nextFrameEnd(timeoutMs: number): Promise<boolean> {
		return new Promise((resolve) => {
			const timer = setTimeout(() => {
				this.frameEnds = this.frameEnds.filter((each) => each !== done);
				resolve(false);
			}, timeoutMs);
			const done = () => {
				clearTimeout(timer);
				resolve(true);
			};
			this.frameEnds.push(done);
		});
	}

	/** Resolves once no output arrived for `quietMs`. */
	async idle(quietMs: number, timeoutMs = 10_000): Promise<void> {
		const deadline = now() + timeoutMs;
		for (;;) {
			const last = this.chunks.at(-1)?.t ?? this.spawnedAt;
			const wait = last + quietMs - now();
			if (wait <= 0) return;
			if (now() > deadline) throw new Error('the app never went quiet');
			await sleep(Math.min(wait + 1, 100));
		}
	}

	write(data: string): void {
		this.child.write(data);
	}

	get alive(): boolean {
		return this.exitCode === undefined;
	}

	kill(signal = 'SIGKILL'): void {
		try {
			this.child.kill(signal);
		} catch {
			// Already gone.
		}
	}

	/** Asks the app to quit (Ctrl+D on an empty composer), then kills it if it has not after `graceMs`. */
	async quit(graceMs = 3000): Promise<void> {
		if (!this.alive) return;
		this.write('\u0015');
		this.write('\u0004');
		const timer = setTimeout(() => this.kill(), graceMs);
		await this.exited;
		clearTimeout(timer);
		this.term.dispose();
	}
}

export function sleep(ms: number): Promise<void> {
	return new Promise((resolve) => setTimeout(resolve, ms));
}

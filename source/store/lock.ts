// A lock file per conversation, so two glm-tui processes (two SSH sessions) take turns on read-merge-write.
// Synchronous on purpose: conf is synchronous, the exit paths (SIGHUP) must save synchronously, and the lock
// is held for one read and one write, a few milliseconds.
import fs from 'node:fs';
import os from 'node:os';
import {randomBytes} from 'node:crypto';
import {StoreError, isUnwritable} from './errors.js';
import {writeNewFile} from './verified-write.js';
import {isAlive} from './process-alive.js';

export interface LockOptions {
	/** Give up after this long. */
	timeoutMs?: number;
	/** A lock older than this is left over from a process that died mid-save. */
	staleMs?: number;
}

const DEFAULT_TIMEOUT_MS = 3000;
const DEFAULT_STALE_MS = 10_000;
const UNREADABLE_STALE_MS = 1000;

interface LockContent {
	pid: number;
	host: string;
	token: string;
}

export function withLock<T>(lockFile: string, run: () => T, options: LockOptions = {}): T {
	const token = acquire(lockFile, options);
	try {
		return run();
	} finally {
		release(lockFile, token);
	}
}

/**
 * For reading: with the lock when it can be taken, else without it, when the folder cannot be written at all
 * (read-only, full). A reader needs no lock to see a whole file, since every write is a rename; the lock only
 * keeps its side jobs (migrating, moving a corrupt file aside) from racing another process, and those writes
 * fail on their own in such a folder.
 */
export function withReadLock<T>(lockFile: string, run: () => T, options: LockOptions = {}): T {
	let token: string;
	try {
		token = acquire(lockFile, options);
	} catch (error) {
		if (!isUnwritable(error)) throw error;
		return run();
	}
	try {
		return run();
	} finally {
		release(lockFile, token);
	}
}

function acquire(lockFile: string, {timeoutMs = DEFAULT_TIMEOUT_MS, staleMs = DEFAULT_STALE_MS}: LockOptions): string {
	// The token tells our lock from one another process took after breaking ours as stale: the pid and random bits
	// (Math.random is seeded from the system per process) are enough, and crypto, whose module costs ~4 ms of
	// start-up, is not needed to open the first conversation.
	const content: LockContent = {pid: process.pid, host: os.hostname(), token: lockToken()};
	const deadline = Date.now() + timeoutMs;
	for (let attempt = 0; ; attempt++) {
		try {
			// `wx` is O_CREAT|O_EXCL: exactly one process can create the file. Written whole or removed again: an
			// empty lock left by a full disk would look like a live one to everyone for `staleMs`. Not fsynced: a
			// lock outlives no crash that matters (a dead holder's lock is broken).
			writeNewFile(lockFile, JSON.stringify(content), {fsync: false});
			return content.token;
		} catch (error) {
			if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
		}
		if (isStale(lockFile, staleMs)) {
			breakLock(lockFile, staleMs);
			continue;
		}
		if (Date.now() >= deadline) {
			throw new StoreError('locked', `Another glm-tui is writing this conversation (lock ${lockFile}); try again.`, {
				file: lockFile,
			});
		}
		// Randomised so two waiters do not retry in lockstep; short, since the holder needs milliseconds.
		sleep(Math.min(2 + attempt * 2, 20) * (0.5 + Math.random()));
	}
}

function lockToken(): string {
	const random = () =>
		Math.floor(Math.random() * 0x1_0000_0000)
			.toString(16)
			.padStart(8, '0');
	return `${process.pid.toString(16)}-${random()}${random()}`;
}

function release(lockFile: string, token: string): void {
	// Only remove our own lock: if we were so slow that another process broke it as stale and took it,
	// deleting theirs would let a third one in.
	if (readLock(lockFile)?.token === token) fs.rmSync(lockFile, {force: true});
}

function isStale(lockFile: string, staleMs: number): boolean {
	let mtimeMs: number;
	try {
		mtimeMs = fs.statSync(lockFile).mtimeMs;
	} catch {
		return false; // released meanwhile: the next attempt takes it
	}
	if (Date.now() - mtimeMs > staleMs) return true;
	// A holder on this machine that no longer exists (kill -9) need not be waited out. Nor one that is this very
	// process: a lock is taken and released within one synchronous call, so a lock of ours found here was left by
	// a save whose release failed (its folder moved or unwritable), and waiting would only fail this save too.
	const holder = readLock(lockFile);
	// A lock is written in microseconds after it is created: one still unreadable a second later lost its holder
	// in between (kill -9), and no one could ever tell whose it was.
	if (holder === undefined) return Date.now() - mtimeMs > UNREADABLE_STALE_MS;
	return holder.host === os.hostname() && (holder.pid === process.pid || !isAlive(holder.pid));
}

function breakLock(lockFile: string, staleMs: number): void {
	// Rename first: only one of several processes that all saw the stale lock gets it, the others see ENOENT.
	const aside = `${lockFile}.stale-${process.pid}-${randomBytes(4).toString('hex')}`;
	try {
		fs.renameSync(lockFile, aside);
	} catch {
		return;
	}
	// Between our check and the rename, another process may have broken the stale lock and taken a fresh
	// one: if what we moved is live, put it back (link fails if yet another lock exists, which is fine).
	if (!isStale(aside, staleMs)) {
		try {
			fs.linkSync(aside, lockFile);
		} catch {
			// a newer lock is in place
		}
	}
	fs.rmSync(aside, {force: true});
}

function readLock(lockFile: string): LockContent | undefined {
	try {
		const value = JSON.parse(fs.readFileSync(lockFile, 'utf8')) as Partial<LockContent>;
		if (typeof value.pid === 'number' && typeof value.host === 'string' && typeof value.token === 'string') {
			return value as LockContent;
		}
	} catch {
		// missing, or still being written by its creator
	}
	return undefined;
}

const sleeper = new Int32Array(new SharedArrayBuffer(4));
function sleep(ms: number): void {
	Atomics.wait(sleeper, 0, 0, ms);
}

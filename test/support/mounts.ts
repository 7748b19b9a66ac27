// Real file-system faults for tests: a small tmpfs that fills up, and a read-only bind mount. Both need
// root (we are root on the developers' machines and in CI); where mounting is refused, `mountRefused` says
// why, and the tests that need it are skipped with that reason printed (they have injected-fault twins).
import {execFileSync} from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

let probed: string | undefined | null = null;

/** Why this process cannot mount file systems, or undefined when it can. Probed once. */
export function mountRefused(): string | undefined {
	if (probed !== null) return probed;
	const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'glm-tui-mount-probe-'));
	try {
		execFileSync('mount', ['-t', 'tmpfs', '-o', 'size=16k', 'tmpfs', dir], {stdio: 'pipe'});
		execFileSync('umount', [dir], {stdio: 'pipe'});
		probed = undefined;
	} catch (error) {
		const stderr = String((error as {stderr?: Buffer}).stderr ?? '').trim();
		probed = `mount -t tmpfs is not permitted here (${stderr || (error as Error).message})`;
	} finally {
		fs.rmSync(dir, {recursive: true, force: true});
	}
	return probed;
}

/** Prints the reason a real-mount test is skipped, so a skip is never silent. */
export function warnSkipped(what: string, reason: string): void {
	process.stderr.write(`\n*** SKIPPED ${what}: ${reason}. The injected-fault tests still run. ***\n\n`);
}

export interface SmallDisk {
	dir: string;
	/** Takes up free space until at most `leaveBytes` are left (a filler file). */
	fill(leaveBytes?: number): void;
	/** Gives the space back. */
	free(): void;
	unmount(): void;
}

export function mountSmallDisk(sizeBytes: number): SmallDisk {
	const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'glm-tui-disk-'));
	execFileSync('mount', ['-t', 'tmpfs', '-o', `size=${sizeBytes},mode=0755`, 'tmpfs', dir], {stdio: 'pipe'});
	const filler = path.join(dir, 'filler');
	return {
		dir,
		fill(leaveBytes = 0) {
			const fd = fs.openSync(filler, 'a');
			try {
				const {bavail, bsize} = fs.statfsSync(dir);
				const toWrite = Math.max(0, bavail * bsize - leaveBytes);
				const chunk = Buffer.alloc(4096, 120);
				for (let written = 0; written < toWrite;) {
					try {
						written += fs.writeSync(fd, chunk, 0, Math.min(chunk.length, toWrite - written));
					} catch (error) {
						if ((error as NodeJS.ErrnoException).code === 'ENOSPC') break;
						throw error;
					}
				}
			} finally {
				fs.closeSync(fd);
			}
		},
		free() {
			fs.rmSync(filler, {force: true});
		},
		unmount() {
			execFileSync('umount', ['-l', dir], {stdio: 'pipe'});
			fs.rmSync(dir, {recursive: true, force: true});
		},
	};
}

/** Makes `dir` read-only in place (a read-only bind mount over itself) until `undo()`. */
export function makeReadOnly(dir: string): {undo(): void} {
	execFileSync('mount', ['--bind', dir, dir], {stdio: 'pipe'});
	try {
		execFileSync('mount', ['-o', 'remount,ro,bind', dir], {stdio: 'pipe'});
	} catch (error) {
		execFileSync('umount', [dir], {stdio: 'pipe'});
		throw error;
	}
	let mounted = true;
	return {
		undo() {
			if (!mounted) return;
			mounted = false;
			execFileSync('umount', [dir], {stdio: 'pipe'});
		},
	};
}

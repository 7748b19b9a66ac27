// Writing a file so that it is either whole or not there. conf writes through `atomically`, which ignores the
// byte count write(2) returns: on a nearly full disk the first write is short, the next is never made, and
// the cut-off temporary file is renamed over the good one. Here every byte is accounted for (a short write
// goes on where it stopped, and the disk's ENOSPC comes from the next one), the size is checked and the data
// fsynced before the rename, and any failure removes the temporary file and leaves the old file untouched.
//
// fs is used through its default export, looked up at each call, so tests can inject short writes and errors.
import fs from 'node:fs';
import {randomBytes} from 'node:crypto';

export interface VerifiedWriteOptions {
	/** File mode of a new file; 0600 by default (every glm-tui file is private). */
	mode?: number;
	/**
	 * Flush the data to the disk before the rename (default). Only a cache that is rebuilt when lost (the
	 * summary index) skips it: it is one fsync per save less.
	 */
	fsync?: boolean;
}

/** Replaces `file` with `data` atomically: a reader, a crash or a full disk sees the old content or the new. */
export function writeFileVerified(file: string, data: string | Uint8Array, {mode = 0o600, fsync = true}: VerifiedWriteOptions = {}): void {
	const target = realTarget(file);
	// `<name>.tmp-<digits><hex>`, the shape the conversation store's clean-up of abandoned temporaries knows.
	const temporary = `${target}.tmp-${process.pid}${randomBytes(4).toString('hex')}`;
	writeNewFile(temporary, data, {mode, fsync});
	try {
		fs.renameSync(temporary, target);
	} catch (error) {
		removeQuietly(temporary);
		throw error;
	}
}

/**
 * Creates `file`, which must not exist yet (EEXIST otherwise), with all of `data` in it and fsynced; on any
 * failure nothing is left behind. For files that are never replaced: lock files, copies moved aside, rescues.
 */
export function writeNewFile(file: string, data: string | Uint8Array, {mode = 0o600, fsync = true}: VerifiedWriteOptions = {}): void {
	const bytes = typeof data === 'string' ? Buffer.from(data, 'utf8') : data;
	const fd = fs.openSync(file, 'wx', mode);
	try {
		writeAll(fd, bytes);
		// The byte counts say what write(2) accepted; the size says what the file holds. Equal, or it is not saved.
		const {size} = fs.fstatSync(fd);
		if (size !== bytes.length) throw shortWrite(file, size, bytes.length);
		if (fsync) fs.fsyncSync(fd);
	} catch (error) {
		closeQuietly(fd);
		removeQuietly(file);
		throw error;
	}
	try {
		fs.closeSync(fd);
	} catch (error) {
		// Some file systems (NFS) report a failed write-back only at close.
		removeQuietly(file);
		throw error;
	}
}

function writeAll(fd: number, bytes: Uint8Array): void {
	let written = 0;
	while (written < bytes.length) {
		const count = fs.writeSync(fd, bytes, written, bytes.length - written);
		// write(2) returns 0 only when nothing more can be written; treat it as what it means here.
		if (!(count > 0)) throw noSpace(written, bytes.length);
		written += count;
	}
}

// A symlinked file (settings kept in a dotfiles repository) is replaced at its target, as conf did.
function realTarget(file: string): string {
	try {
		return fs.realpathSync(file);
	} catch {
		return file;
	}
}

function shortWrite(file: string, size: number, expected: number): NodeJS.ErrnoException {
	return Object.assign(new Error(`EIO: short write, ${size} of ${expected} bytes reached ${file}`), {code: 'EIO', path: file});
}

function noSpace(written: number, expected: number): NodeJS.ErrnoException {
	return Object.assign(new Error(`ENOSPC: no space left on device, write stopped after ${written} of ${expected} bytes`), {code: 'ENOSPC'});
}

function closeQuietly(fd: number): void {
	try {
		fs.closeSync(fd);
	} catch {
		// already failing: the first error is the one to report
	}
}

function removeQuietly(file: string): void {
	try {
		fs.rmSync(file, {force: true});
	} catch {
		// a read-only or vanished folder: nothing we can do, and nothing was renamed over the old file
	}
}

// V8's compiled form of glm-tui's bundle, kept between runs. Compiling the ~900 KB bundle takes ~30 ms of every
// start; from the cache it takes a few. The cache is only ever an
// optimisation: whatever goes wrong reading or writing it, glm-tui compiles the bundle as if it were not there.
import fs from 'node:fs';
import path from 'node:path';
import {ensurePrivateDir} from '../store/paths.js';

const PREFIX = 'code-';
const SUFFIX = '.bin';

/**
 * V8 refuses a cache made by another V8 version or with other flags, but of the source it checks only the length:
 * the build's content hash in the name keeps a cache from ever running another build's code.
 */
export function codeCacheFile(cacheDir: string, buildId: string): string {
	return path.join(cacheDir, `${PREFIX}${buildId}-${process.version}-${process.arch}${SUFFIX}`);
}

export function readCodeCache(file: string): Buffer | undefined {
	try {
		return fs.readFileSync(file);
	} catch {
		return undefined;
	}
}

/**
 * Written whole under another name and renamed, so a glm-tui starting meanwhile reads the old cache or the new
 * one, never half of one. The caches of other builds and Node versions go: one is all a user needs.
 */
export function writeCodeCache(file: string, data: Buffer): void {
	const directory = path.dirname(file);
	const partial = `${file}.${process.pid}.partial`;
	try {
		ensurePrivateDir(directory);
		fs.writeFileSync(partial, data, {mode: 0o600, flag: 'wx'});
		fs.renameSync(partial, file);
	} catch {
		// A full disk, a read-only home: the next start compiles again.
		removeQuietly(partial);
		return;
	}
	try {
		for (const name of fs.readdirSync(directory)) {
			if (name.startsWith(PREFIX) && name.endsWith(SUFFIX) && path.join(directory, name) !== file)
				removeQuietly(path.join(directory, name));
		}
	} catch {
		// Left for the next write to clear.
	}
}

function removeQuietly(file: string): void {
	try {
		fs.rmSync(file, {force: true});
	} catch {
		// Not ours to remove: harmless.
	}
}

// Where glm-tui keeps its files. The environment is read on every call, never at import, so tests (and a
// caller with its own env object) can point XDG_* somewhere else at any time.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

export type Env = Readonly<Record<string, string | undefined>>;

export const APP_DIR_NAME = 'glm-tui';

export interface StorePaths {
	configDir: string;
	/** The settings file (conf store `config`). */
	configFile: string;
	dataDir: string;
	conversationsDir: string;
	/** Summaries of every conversation, so start-up need not parse them all. */
	indexFile: string;
	/** What can be thrown away and made again: the compiled app (source/launch/code-cache.ts). */
	cacheDir: string;
}

export function storePaths(env: Env = process.env): StorePaths {
	const home = env['HOME'] || os.homedir();
	const configDir = path.join(xdgBase(env['XDG_CONFIG_HOME'], path.join(home, '.config')), APP_DIR_NAME);
	const dataDir = path.join(xdgBase(env['XDG_DATA_HOME'], path.join(home, '.local', 'share')), APP_DIR_NAME);
	const cacheDir = path.join(xdgBase(env['XDG_CACHE_HOME'], path.join(home, '.cache')), APP_DIR_NAME);
	return {
		configDir,
		configFile: path.join(configDir, 'config.json'),
		dataDir,
		conversationsDir: path.join(dataDir, 'conversations'),
		indexFile: path.join(dataDir, 'index.json'),
		cacheDir,
	};
}

// The XDG spec says a relative value is invalid and must be ignored, not resolved against the cwd.
function xdgBase(value: string | undefined, fallback: string): string {
	return value && path.isAbsolute(value) ? value : fallback;
}

/**
 * Creates `dir` (and missing parents) readable by the owner only. conf would create it 0755 on first write,
 * and these directories hold the API key and every conversation, so this runs before any conf store opens.
 * An existing glm-tui directory that others can read is tightened too; only glm-tui's own directories are
 * passed here, never ~/.config itself.
 */
export function ensurePrivateDir(dir: string): void {
	fs.mkdirSync(dir, {recursive: true, mode: 0o700});
	const {mode} = fs.statSync(dir);
	if ((mode & 0o077) === 0) return;
	try {
		fs.chmodSync(dir, 0o700);
	} catch {
		// Not ours to change (another owner, read-only mount): the files inside are still 0600.
	}
}

/** A file glm-tui wrote earlier with looser permissions (or a copy) still holds secrets: tighten it. */
export function ensurePrivateFile(file: string): void {
	try {
		const {mode} = fs.statSync(file);
		if ((mode & 0o077) !== 0) fs.chmodSync(file, mode & 0o700);
	} catch {
		// Missing (written later with 0600) or not ours.
	}
}

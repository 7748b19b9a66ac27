import fs from 'node:fs';
import path from 'node:path';
import {afterEach, beforeEach, describe, expect, it} from 'vitest';
import {ensurePrivateDir, storePaths} from '../../source/store/paths.js';
import {makeTempHome, mode, type TempHome} from './helpers.js';

let home: TempHome;
beforeEach(() => {
	home = makeTempHome();
});
afterEach(() => home.cleanup());

describe('storePaths', () => {
	it('follows XDG_CONFIG_HOME, XDG_DATA_HOME and XDG_CACHE_HOME', () => {
		const paths = storePaths(home.env);
		expect(paths.configFile).toBe(path.join(home.env.XDG_CONFIG_HOME, 'glm-tui', 'config.json'));
		expect(paths.conversationsDir).toBe(home.conversationsDir);
		expect(paths.indexFile).toBe(home.indexFile);
		expect(storePaths({...home.env, XDG_CACHE_HOME: '/var/cache/someone'}).cacheDir).toBe('/var/cache/someone/glm-tui');
	});

	it('falls back to ~/.config and ~/.local/share, ignoring empty and relative XDG values', () => {
		const paths = storePaths({HOME: '/home/someone', XDG_CONFIG_HOME: '', XDG_DATA_HOME: 'relative/data', XDG_CACHE_HOME: 'cache'});
		expect(paths.configDir).toBe('/home/someone/.config/glm-tui');
		expect(paths.dataDir).toBe('/home/someone/.local/share/glm-tui');
		expect(paths.cacheDir).toBe('/home/someone/.cache/glm-tui');
	});

	it('reads process.env when called, not when imported', () => {
		const saved = process.env['XDG_DATA_HOME'];
		try {
			process.env['XDG_DATA_HOME'] = path.join(home.root, 'first');
			expect(storePaths().dataDir).toBe(path.join(home.root, 'first', 'glm-tui'));
			process.env['XDG_DATA_HOME'] = path.join(home.root, 'second');
			expect(storePaths().dataDir).toBe(path.join(home.root, 'second', 'glm-tui'));
		} finally {
			if (saved === undefined) delete process.env['XDG_DATA_HOME'];
			else process.env['XDG_DATA_HOME'] = saved;
		}
	});
});

describe('ensurePrivateDir', () => {
	it('creates missing directories 0700 and tightens an existing 0755 one', () => {
		const dir = path.join(home.root, 'a', 'glm-tui');
		ensurePrivateDir(dir);
		expect(mode(dir)).toBe(0o700);
		fs.chmodSync(dir, 0o755);
		ensurePrivateDir(dir);
		expect(mode(dir)).toBe(0o700);
	});
});

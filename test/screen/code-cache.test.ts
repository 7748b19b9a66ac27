// The code cache (source/launch/code-cache.ts): made by the first start, used as it is by the next ones, and never
// a reason not to start — damaged, left by another build, or impossible to write.
import fs from 'node:fs';
import path from 'node:path';
import {describe, expect, it} from 'vitest';
import {runCli} from '../support/cli.js';
import {keys, seedConversation, until, useHarness} from '../support/screen-kit.js';
import {xdgEnv} from '../support/terminal.js';

const h = useHarness();

function cacheFiles(cacheHome: string): string[] {
	const directory = path.join(cacheHome, 'glm-tui');
	return fs.existsSync(directory) ? fs.readdirSync(directory).map((name) => path.join(directory, name)) : [];
}

/** The chat started and shown with the seeded conversation, then quit with Ctrl+D. */
async function startAndQuit(home: string, cacheHome: string, wait: () => Promise<unknown> = async () => undefined): Promise<void> {
	const {app} = await h.chat({home, env: {XDG_CACHE_HOME: cacheHome}});
	await app.waitFor('the seeded answer');
	await wait();
	app.write(keys.ctrlD);
	expect(await app.exited).toBe(0);
}

function seededHome(): string {
	const home = h.home();
	seedConversation(home, {count: 2, text: (index) => (index === 0 ? 'a question' : 'the seeded answer')});
	return home;
}

const written = (cacheHome: string) => () => until(() => cacheFiles(cacheHome).find((file) => file.endsWith('.bin')), 'the code cache');

describe('code cache', () => {
	it('the first start writes it privately; the next starts use it as it is', async () => {
		const home = seededHome();
		const cacheHome = path.join(home, 'cache');
		await startAndQuit(home, cacheHome, written(cacheHome));
		const [file, ...others] = cacheFiles(cacheHome);
		expect(others).toEqual([]);
		expect(path.basename(file!)).toMatch(new RegExp(`^code-[0-9a-f]{16}-${process.version}-${process.arch}\\.bin$`));
		expect(fs.statSync(file!).mode & 0o777).toBe(0o600);
		expect(fs.statSync(path.dirname(file!)).mode & 0o777).toBe(0o700);
		expect(fs.statSync(file!).size).toBeGreaterThan(100_000);

		// V8 takes it only from a process with the same flags: rewritten at every start, it would be refused.
		const before = fs.statSync(file!);
		await startAndQuit(home, cacheHome, () => new Promise((resolve) => setTimeout(resolve, 1_000)));
		const after = fs.statSync(file!);
		expect([after.ino, after.mtimeMs, after.size]).toEqual([before.ino, before.mtimeMs, before.size]);

		// One-shot runs read it and leave it alone.
		const server = await h.server();
		server.enqueue({reply: 'one-shot answer'});
		const run = await runCli(['-p', 'hello'], {
			env: {...xdgEnv(home), XDG_CACHE_HOME: cacheHome, ZHIPUAI_BASE_URL: server.baseUrl, ZHIPUAI_API_KEY: server.key},
		});
		expect(run.stdout).toContain('one-shot answer');
		expect(fs.statSync(file!).mtimeMs).toBe(before.mtimeMs);
	});

	it('a damaged cache, or one of another build, is replaced and the chat starts as usual', async () => {
		const home = seededHome();
		const cacheHome = path.join(home, 'cache');
		await startAndQuit(home, cacheHome, written(cacheHome));
		const [file] = cacheFiles(cacheHome);
		const good = fs.readFileSync(file!);
		const older = path.join(cacheHome, 'glm-tui', 'code-0123456789abcdef-v20.0.0-x64.bin');
		fs.writeFileSync(older, good);

		for (const damaged of [good.subarray(0, good.length / 2), Buffer.alloc(good.length, 0x5a), Buffer.alloc(0)]) {
			fs.writeFileSync(file!, damaged);
			// Made again whole: a cache's size changes a little from one start to the next.
			await startAndQuit(home, cacheHome, () => until(() => fs.statSync(file!).size > good.length * 0.9, 'the cache made again'));
			expect(fs.readFileSync(file!).equals(damaged)).toBe(false);
		}
		expect(fs.existsSync(older)).toBe(false);
	});

	it('a cache folder that cannot be written costs nothing but the cache', async () => {
		const home = seededHome();
		// A file where the folder should be: nothing can be created under it, not even as root.
		const cacheHome = path.join(home, 'not-a-folder');
		fs.writeFileSync(cacheHome, 'in the way');
		const {app} = await h.chat({home, env: {XDG_CACHE_HOME: cacheHome}});
		await app.waitFor('the seeded answer');
		await new Promise((resolve) => setTimeout(resolve, 500));
		expect(app.screen().join('\n')).not.toMatch(/error|ENOTDIR|EEXIST/i);
		app.write(keys.ctrlD);
		expect(await app.exited).toBe(0);
		expect(fs.readFileSync(cacheHome, 'utf8')).toBe('in the way');
	});
});

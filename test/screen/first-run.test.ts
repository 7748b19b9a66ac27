// First run: the key screen, masked entry, malformed keys refused, a good key saved privately; an env key
// skips all that and never touches the disk.
import fs from 'node:fs';
import path from 'node:path';
import {describe, expect, it} from 'vitest';
import {configDir, filesContaining, keys, storedMessages, until, useHarness} from '../support/screen-kit.js';

const h = useHarness();

describe('first run without a key', () => {
	it('explains where to get a key, masks it, refuses malformed keys and saves a good one privately', async () => {
		const server = await h.server();
		const home = h.home();
		const app = await h.app({server, home, withKey: false});
		const intro = await app.waitFor('API key:', 15_000);
		expect(intro).toContain('Welcome to glm-tui');
		expect(intro).toMatch(/open\.bigmodel\.cn\/usercenter\/apikeys/);
		expect(intro).toContain('<id>.<secret>');
		await app.inputReady();

		const configFile = path.join(configDir(home), 'config.json');
		const [id, secret] = server.key.split('.') as [string, string];

		// A key without a dot.
		await app.type('abc');
		await app.waitFor((s) => /API key: \*{3}(\s|$)/m.test(s));
		expect(app.text()).not.toContain('abc');
		app.write(keys.enter);
		await app.waitFor('no dot');
		expect(fs.existsSync(configFile) ? fs.readFileSync(configFile, 'utf8') : '').not.toContain('abc');

		// A key with two dots.
		app.write(keys.ctrlU);
		await app.waitFor((s) => !s.includes('no dot') && /API key:\s*$/m.test(s));
		await app.type('a.b.c');
		await app.waitFor((s) => /API key: \*{5}(\s|$)/m.test(s));
		app.write(keys.enter);
		await app.waitFor('2 dots');
		expect(app.text()).not.toContain('a.b.c');
		expect(fs.existsSync(configFile) ? fs.readFileSync(configFile, 'utf8') : '').not.toMatch(/apiKey/);

		// The real key, typed as a person would: never visible, not even a piece of it.
		app.write(keys.ctrlU);
		await app.waitFor((s) => !s.includes('2 dots') && /API key:\s*$/m.test(s));
		await app.type(server.key, 2);
		const masked = await app.waitFor((s) => s.includes('*'.repeat(server.key.length)));
		expect(masked).not.toContain(secret.slice(0, 8));
		expect(masked).not.toContain(id.slice(0, 8));
		app.write(keys.enter);

		await app.waitFor((s) => s.includes('› Message GLM') && !s.includes('API key:'));
		expect(app.text()).not.toContain(secret.slice(0, 8));
		const saved = JSON.parse(fs.readFileSync(configFile, 'utf8')) as {apiKey?: string};
		expect(saved.apiKey).toBe(server.key);
		expect(fs.statSync(configFile).mode & 0o777).toBe(0o600);
		expect(fs.statSync(configDir(home)).mode & 0o777).toBe(0o700);

		// And the chat works with it.
		server.enqueue({reply: '钥匙可以用。'});
		await app.type('hi');
		app.write(keys.enter);
		await app.waitFor((s) => s.includes('钥匙可以用。') && /ready/.test(s));
		expect(server.requests.at(-1)?.authError).toBeUndefined();
	});

	it('an env key skips the key screen and is never written to disk', async () => {
		const server = await h.server();
		const home = h.home();
		const app = await h.app({server, home});
		const first = await app.waitFor(/ready/, 15_000);
		expect(first).not.toContain('API key:');
		expect(first).not.toContain('Welcome to glm-tui');
		await app.inputReady();

		server.enqueue({reply: 'env key works'});
		await app.type('hello');
		app.write(keys.enter);
		await app.waitFor((s) => s.includes('env key works') && /ready/.test(s));
		await until(() => storedMessages(home).some((m) => m.content === 'env key works'), 'the answer on disk');
		app.write(keys.ctrlD);
		expect(await app.exited).toBe(0);

		const secret = server.key.split('.')[1]!;
		expect(filesContaining(home, secret)).toEqual([]);
		expect(filesContaining(home, server.key)).toEqual([]);
	});
});

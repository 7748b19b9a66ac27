// Narrow screens: what the status line, the first-run key screen and the help keep at 40 columns.
import {describe, expect, it} from 'vitest';
import {keys, seedConversation, statusLine, useHarness} from '../support/screen-kit.js';
import {KEY_URLS} from '../../source/ui/key-intro.js';

const h = useHarness();

describe('at 40x12', () => {
	it('the status line keeps the whole state word and the number, and drops the token count first', async () => {
		const home = h.home();
		seedConversation(home, {name: '部署脚本的问题和数据库迁移方案', count: 2});
		const {server, app} = await h.chat({home, columns: 40, rows: 12});
		server.enqueue({tokens: 60, tokensPerSecond: 20});
		await app.type('go');
		app.write(keys.enter);
		const streaming = statusLine((await app.waitFor('● streaming')).split('\n'));
		expect(streaming).toMatch(/^ 1:部署/);
		expect(streaming).toContain('● streaming');
		const ready = statusLine((await app.waitFor((s) => /\bready\b/.test(statusLine(s.split('\n'))), 15_000)).split('\n'));
		// The answer's usage is known now, and there is no room for it.
		expect(ready).toMatch(/^ 1:部署/);
		expect(ready).not.toContain('tok');
		expect(ready).not.toContain('glm-4.6');
		// Wide again, everything comes back.
		await app.resize(120, 30);
		await app.waitFor((s) => / 1:部署脚本的问题和数据库迁移方案 +glm-4\.6 ready .*tok │ F1 help/.test(s));
	});

	it('the key screen shows its title whole and each URL on lines of its own', async () => {
		const server = await h.server();
		const app = await h.app({server, withKey: false, columns: 40, rows: 12});
		const screen = (await app.waitFor('API key:', 15_000)).split('\n');
		expect(screen[0]!.trim()).toBe('Welcome to glm-tui');
		// The second URL fits in 38 cells: one row, nothing else on it. The first is wider than the screen: it
		// wraps, and its rows hold nothing but the URL.
		expect(screen.map((row) => row.trim())).toContain(KEY_URLS[1]);
		const first = screen.findIndex((row) => row.trim().startsWith('https://open.'));
		expect(first).toBeGreaterThan(0);
		expect(screen[first]!.trim() + screen[first + 1]!.trim()).toBe(KEY_URLS[0]);
		expect(screen.some((row) => row.includes('API key:'))).toBe(true);
		expect(screen.some((row) => row.includes('Enter saves'))).toBe(true);
	});

	it('help scrolls with Home and End and lists //', async () => {
		const {app} = await h.chat({columns: 40, rows: 12});
		app.write(keys.f1);
		await app.waitFor('glm-tui keys');
		expect(app.text()).not.toContain('//text');
		app.write(keys.end);
		await app.waitFor('//text');
		app.write(keys.home);
		await app.waitFor((s) => !s.includes('//text') && /^ *Enter\b/m.test(s));
	});
});

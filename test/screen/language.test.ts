// `/lang zh|en|auto` switches the interface at once, is saved, and wins over the locale at the next start.
import fs from 'node:fs';
import path from 'node:path';
import {describe, expect, it} from 'vitest';
import {configDir, keys, useHarness} from '../support/screen-kit.js';

const h = useHarness();
const english = {LANG: 'en_US.UTF-8', LC_ALL: undefined, LC_MESSAGES: undefined};

describe('/lang', () => {
	it('switches the help and notices at once, saves the choice, and the next start speaks it', async () => {
		const {app, home, env} = await h.chat({env: english, columns: 80, rows: 24});
		await app.type('/lang');
		app.write(keys.enter);
		await app.waitFor('Language: English (auto: from the locale). Usage: /lang zh | en | auto');
		await app.type('/lang zh');
		app.write(keys.enter);
		await app.waitFor('界面语言：中文，已保存。');
		const settings = () => JSON.parse(fs.readFileSync(path.join(configDir(home), 'config.json'), 'utf8')) as {language?: string};
		expect(settings().language).toBe('zh');
		app.write(keys.f1);
		await app.waitFor('glm-tui 按键 · Esc 关闭');
		app.write(keys.esc);
		await app.waitFor((s) => !s.includes('glm-tui 按键'));
		await app.type('/lang fr');
		app.write(keys.enter);
		await app.waitFor('用法：/lang zh | en | auto');
		app.kill();
		await app.exited;

		const again = await h.app({home, env: {...env, ...english}, columns: 80, rows: 24});
		await again.waitFor(/ready|就绪/);
		again.write(keys.f1);
		await again.waitFor('glm-tui 按键 · Esc 关闭');
		again.write(keys.esc);
		await again.waitFor((s) => !s.includes('glm-tui 按键'));
		await again.type('/lang auto');
		again.write(keys.enter);
		await again.waitFor('Language: English (auto: from the locale), saved.');
		expect(settings().language).toBe('auto');
	});
});

// The chat screen in Chinese fits as the English one does: Chinese characters take two cells, so the status line,
// the key screen, the help and the picker are checked in both languages at 40x12 and 80x24, for the same things.
import {describe, expect, it} from 'vitest';
import stringWidth from 'string-width';
import {chatLayoutProblems, keys, statusLine, useHarness} from '../support/screen-kit.js';

const h = useHarness();
const locales = {
	en: {LANG: 'en_US.UTF-8', LC_ALL: undefined, LC_MESSAGES: undefined},
	zh: {LANG: 'zh_CN.UTF-8', LC_ALL: undefined, LC_MESSAGES: undefined},
};
const words = {
	en: {
		ready: 'ready',
		help: 'F1 help',
		welcome: 'Welcome to glm-tui',
		label: 'API key:',
		hint: 'Enter saves',
		helpTitle: 'glm-tui keys',
		picker: 'Conversations',
		filter: 'Filter:',
		pickerKeys: 'Up/Down',
	},
	zh: {
		ready: '就绪',
		help: 'F1 帮助',
		welcome: '欢迎使用 glm-tui',
		label: 'API 密钥：',
		hint: 'Enter 保存',
		helpTitle: 'glm-tui 按键',
		picker: '对话',
		filter: '筛选：',
		pickerKeys: 'Up/Down 选择',
	},
};

const sizes = [
	{columns: 40, rows: 12},
	{columns: 80, rows: 24},
];

/** No row is wider than the terminal, and none was wrapped by it (a wrapped row would push the status line). */
function fits(screen: string, columns: number): void {
	for (const row of screen.split('\n')) expect(stringWidth(row), row).toBeLessThanOrEqual(columns);
}

describe.each(['en', 'zh'] as const)('the screen in %s', (language) => {
	const said = words[language];
	for (const {columns, rows} of sizes) {
		it(`${columns}x${rows}: status line, help and picker fit`, async () => {
			const {server, app} = await h.chat({env: locales[language], columns, rows, ready: said.ready});
			server.enqueue({reply: '这是一个很长的中文回答，用来检查宽字符换行是否正确。'.repeat(4)});
			await app.type('运维笔记：检查磁盘空间');
			app.write(keys.enter);
			await app.waitFor((s) => statusLine(s.split('\n')).includes(said.ready) && s.includes('宽字符'));
			let screen = app.text();
			fits(screen, columns);
			expect(chatLayoutProblems(screen.split('\n'), columns)).toEqual([]);
			const status = statusLine(screen.split('\n'));
			// The position, the state and (where there is room) the help key are always there; the name gives way.
			expect(status).toMatch(/^ 1/);
			expect(status).toContain(said.ready);
			if (columns >= 40) expect(status).toContain(said.help);

			app.write(keys.f1);
			screen = await app.waitFor(said.helpTitle);
			fits(screen, columns);
			expect(screen.split('\n')[0]).toContain(said.helpTitle);
			expect(screen).toContain('Ctrl+J');
			app.write(keys.esc);
			await app.waitFor((s) => !s.includes(said.helpTitle));

			app.write('\u000F');
			screen = await app.waitFor(said.filter);
			fits(screen, columns);
			const lines = screen.split('\n');
			expect(lines[0]).toContain(said.picker);
			expect(lines[1]).toContain(said.filter);
			expect(screen).toContain('运维笔记');
			// The keys line is the picker's last row, cut with an ellipsis rather than wrapped.
			expect(lines.filter((line) => line.includes(said.pickerKeys))).toHaveLength(1);
		});

		it(`${columns}x${rows}: the key screen keeps its title, field and hint`, async () => {
			const app = await h.app({env: locales[language], columns, rows});
			const screen = await app.waitFor(said.label);
			fits(screen, columns);
			const lines = screen.split('\n');
			expect(lines[0]).toContain(said.welcome);
			expect(screen).toContain(said.hint);
			expect(screen).toContain('z.ai/manage-apikey');
		});
	}
});

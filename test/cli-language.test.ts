// The command line in the user's language: LANG=zh_CN.UTF-8 gives Chinese help, usage errors and config output;
// LC_ALL=C wins over LANG; `config set language` wins over both; machine-readable output is the same in both.
import {describe, expect, test} from 'vitest';
import {writeFileSync} from 'node:fs';
import path from 'node:path';
import {cliHome, runCli} from './support/cli.js';

const zh = {LANG: 'zh_CN.UTF-8', LC_ALL: undefined, LC_MESSAGES: undefined};

async function inHome<T>(
	run: (glm: (args: string[], env?: Record<string, string | undefined>) => ReturnType<typeof runCli>) => Promise<T>,
): Promise<T> {
	const home = cliHome();
	try {
		return await run((args, env = {}) => runCli(args, {cwd: home.home, env: {...home.env, ...env}}));
	} finally {
		home.remove();
	}
}

describe('the language of the command line', () => {
	test('a zh locale gives Chinese --help, help CMD and usage errors; English stays English', async () => {
		await inHome(async (glm) => {
			const help = await glm(['--help'], zh);
			expect(help.stdout).toContain('用法');
			expect(help.stdout).toContain('问题（单次提问模式）');
			expect((await glm(['help', 'config'], zh)).stdout).toContain('所有对话和单次提问共用的设置');
			const unknown = await glm(['bogus'], zh);
			expect(unknown.code).toBe(2);
			expect(unknown.stderr).toBe('glm-tui: 未知命令“bogus”。要提问请用：glm-tui -p "bogus"\n');
			expect((await glm(['--help'], {LANG: 'en_US.UTF-8', LC_ALL: undefined, LC_MESSAGES: undefined})).stdout).toContain('Usage\n');
		});
	});

	test('glm-tui trash speaks Chinese too', async () => {
		await inHome(async (glm) => {
			expect((await glm(['trash'], zh)).stdout).toBe('回收站是空的。删除的对话会在这里保留 30 天。\n');
			const wrong = await glm(['trash', 'burn'], zh);
			expect(wrong.code).toBe(2);
			expect(wrong.stderr).toBe('glm-tui: 未知的回收站操作“burn”。用法：glm-tui trash [restore N|NAME | empty]\n');
			expect((await glm(['trash', 'restore', 'x'], zh)).stderr).toContain('回收站里没有与“x”匹配的对话');
		});
	});

	test('LC_ALL=C wins over LANG=zh_CN.UTF-8', async () => {
		await inHome(async (glm) => {
			const run = await glm(['bogus'], {...zh, LC_ALL: 'C'});
			expect(run.stderr).toContain('Unknown command "bogus"');
		});
	});

	test('config set language en wins over the locale; auto follows it again; config get says where it comes from', async () => {
		await inHome(async (glm) => {
			expect((await glm(['config', 'get', 'language'], zh)).stdout).toBe('zh\n');
			expect((await glm(['config', 'get'], zh)).stdout).toMatch(/language:\s+zh\s+\[系统语言环境\]/);
			expect((await glm(['config', 'set', 'language', 'en'], zh)).code).toBe(0);
			expect((await glm(['bogus'], zh)).stderr).toContain('Unknown command');
			expect((await glm(['config', 'get'], zh)).stdout).toMatch(/language:\s+en\s+\[config file\]/);
			await glm(['config', 'set', 'language', 'auto'], zh);
			expect((await glm(['bogus'], zh)).stderr).toContain('未知命令');
			const wrong = await glm(['config', 'set', 'language', 'fr'], zh);
			expect(wrong.code).toBe(2);
			expect(wrong.stderr).toContain('language 只能是 zh、en 或 auto');
		});
	});

	test('config output and errors in Chinese', async () => {
		await inHome(async (glm) => {
			expect((await glm(['config', 'set', 'model', 'glm-4.5-air'], zh)).stdout).toBe('已保存 model = glm-4.5-air\n');
			expect((await glm(['config', 'get'], zh)).stdout).toMatch(/model:\s+glm-4\.5-air\s+\[配置文件\]/);
			expect((await glm(['config', 'set', 'temperature', '7'], zh)).stderr).toContain('temperature 是 (0, 1] 之间的数');
		});
	});

	test('list --json is the same in both languages', async () => {
		await inHome(async (glm) => {
			const english = await glm(['list', '--json'], {LANG: 'C.UTF-8', LC_ALL: undefined, LC_MESSAGES: undefined});
			const chinese = await glm(['list', '--json'], zh);
			expect(chinese.stdout).toBe(english.stdout);
			expect(chinese.code).toBe(english.code);
		});
	});

	test('import and list speak Chinese in a zh locale', async () => {
		const home = cliHome();
		try {
			const file = path.join(home.home, 'chat.json');
			writeFileSync(
				file,
				JSON.stringify([
					{role: 'user', content: '你好'},
					{role: 'assistant', content: '你好！'},
				]),
			);
			const env = {...home.env, ...zh};
			expect((await runCli(['list'], {cwd: home.home, env})).stdout).toBe('还没有对话。用 glm-tui 开始一个。\n');
			const imported = await runCli(['import', file], {cwd: home.home, env});
			expect(imported.stdout).toMatch(/^已导入 2 条消息到“chat”（第 1 个，id /);
			expect((await runCli(['list'], {cwd: home.home, env})).stdout).toMatch(/^\s+1 {2}chat {2}（.*，2 条消息，/);
			expect((await runCli(['export', 'nothing'], {cwd: home.home, env})).stderr).toContain('没有名为“nothing”的对话');
		} finally {
			home.remove();
		}
	});

	test('one-shot stderr in Chinese: no key', async () => {
		await inHome(async (glm) => {
			const run = await glm(['-p', '你好'], zh);
			expect(run.code).toBe(2);
			expect(run.stderr).toContain('没有 API 密钥');
			expect(run.stdout).toBe('');
		});
	});
});

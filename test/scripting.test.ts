// glm-tui as a command-line tool in scripts: stdin with -p, files, saved conversations, --json, defaults from
// the settings, and the conventions (usage errors, help, completion). The built binary with pipes, against the
// test server; asserts stdout, stderr, exit codes, what reached the server and what is on disk.
import {execFileSync, spawnSync} from 'node:child_process';
import {readdirSync, readFileSync, writeFileSync} from 'node:fs';
import path from 'node:path';
import {describe} from 'vitest';
import {cliTest} from './support/cli-test.js';
import type {GlmServer} from './support/glm-server.js';

const test = cliTest;

const lastUserMessage = (server: GlmServer) => {
	const messages = server.requests.at(-1)?.body.messages as Array<{role: string; content: string}>;
	return messages.at(-1)?.content;
};

describe('the question from stdin, -p and files', () => {
	test('piped text and -p go together: the text fenced, then the request', async ({glm, server, expect}) => {
		const diff = 'diff --git a/x b/x\n+added ```fence``` inside\n';
		const run = await glm(['-p', 'review this'], {stdin: diff});
		expect(run.code).toBe(0);
		expect(lastUserMessage(server)).toBe(`\`\`\`\`\n${diff}\`\`\`\`\n\nreview this`);
	});

	test('-p - and a bare -p read the question itself from stdin', async ({glm, server, expect}) => {
		expect((await glm(['-p', '-'], {stdin: '分区满了'})).code).toBe(0);
		expect(lastUserMessage(server)).toBe('分区满了');
		expect((await glm(['-p'], {stdin: 'hi'})).code).toBe(0);
		expect(lastUserMessage(server)).toBe('hi');
		expect((await glm(['-p', '-v'], {stdin: 'with a flag after'})).code).toBe(0);
		expect(lastUserMessage(server)).toBe('with a flag after');
	});

	test('-f attaches text files with their names; a binary or missing file is refused before any request', async ({
		glm,
		server,
		home,
		expect,
	}) => {
		writeFileSync(path.join(home.home, 'nginx.conf'), 'server {\n\tlisten 80;\n}\n');
		writeFileSync(path.join(home.home, 'app.log'), '错误: disk full\n');
		const run = await glm(['-f', 'nginx.conf', '--file', 'app.log', '-p', '哪里错了？']);
		expect(run.code).toBe(0);
		expect(lastUserMessage(server)).toBe(
			'nginx.conf:\n```conf\nserver {\n\tlisten 80;\n}\n```\n\napp.log:\n```log\n错误: disk full\n```\n\n哪里错了？',
		);

		writeFileSync(path.join(home.home, 'core.bin'), Buffer.from([0x7f, 0x45, 0x4c, 0x46, 0, 1, 2]));
		const binary = await glm(['-f', 'core.bin', '-p', 'x']);
		expect(binary.code).toBe(2);
		expect(binary.stderr).toContain('core.bin is not a text file');
		const missing = await glm(['-f', 'nope.txt', '-p', 'x']);
		expect(missing.code).toBe(2);
		expect(missing.stderr).toContain('Cannot read nope.txt: no such file');
		writeFileSync(path.join(home.home, 'big.log'), 'x'.repeat(300 * 1024));
		const big = await glm(['-f', 'big.log', '-p', 'x']);
		expect(big.code).toBe(2);
		expect(big.stderr).toMatch(/big\.log is 300 KB; files up to 256 KB can be attached/);
		expect(server.requests).toHaveLength(1);
	});
});

describe('saved conversations from the shell', () => {
	test('--new starts one, -c N and -c NAME continue it with its history; every turn is saved', async ({glm, server, home, expect}) => {
		expect((await glm(['--new', '运维 notes', '-p', 'first'])).code).toBe(0);
		expect((await glm(['-c', '1', '-p', 'second'])).code).toBe(0);
		const second = server.requests.at(-1)?.body.messages as Array<{role: string; content: string}>;
		expect(second.map((each) => each.role)).toEqual(['user', 'assistant', 'user']);
		expect(second[0]?.content).toBe('first');
		expect((await glm(['-c', '运维 notes', '-p', 'third'])).code).toBe(0);
		expect((server.requests.at(-1)?.body.messages as unknown[]).length).toBe(5);

		const folder = path.join(home.dataDir, 'conversations');
		const files = readdirSync(folder).filter((name) => name.endsWith('.json'));
		expect(files).toHaveLength(1);
		const saved = JSON.parse(readFileSync(path.join(folder, files[0]!), 'utf8')) as {
			name: string;
			messages: Array<{role: string; state: string}>;
		};
		expect(saved.name).toBe('运维 notes');
		expect(saved.messages.map((each) => `${each.role}:${each.state}`)).toEqual([
			'user:complete',
			'assistant:complete',
			'user:complete',
			'assistant:complete',
			'user:complete',
			'assistant:complete',
		]);
	});

	test('a failed answer is saved as failed; an unknown or ambiguous conversation is a usage error', async ({glm, server, home, expect}) => {
		expect((await glm(['--new', 'a', '-p', 'q'])).code).toBe(0);
		server.enqueue({status: 400, code: '1301'});
		const refused = await glm(['-c', 'a', '-p', 'bad']);
		expect(refused.code).toBe(5);
		const list = await glm(['list', '--json']);
		expect(JSON.parse(list.stdout)[0]).toMatchObject({messageCount: 4});
		// The refused turn is marked and not sent again as context.
		expect((await glm(['-c', 'a', '-p', 'next'])).code).toBe(0);
		const contents = server.requests.at(-1)!.body.messages.map((each: {content: string}) => each.content);
		expect(contents).toContain('q');
		expect(contents).not.toContain('bad');

		const unknown = await glm(['-c', '7', '-p', 'x']);
		expect(unknown.code).toBe(2);
		expect(unknown.stderr).toContain('There is no conversation 7');
		expect((await glm(['--new', 'twin', '-p', 'x'])).code).toBe(0);
		// Names are unique now: a second `--new Twin` is suffixed...
		expect((await glm(['--new', 'Twin', '-p', 'x'])).code).toBe(0);
		expect((JSON.parse((await glm(['list', '--json'])).stdout) as Array<{name: string}>).map((each) => each.name)).toContain('Twin (2)');
		// ...so two of one name come only from an older glm-tui or a copy made by hand.
		const conversations = path.join(home.dataDir, 'conversations');
		const twin = JSON.parse(readFileSync(path.join(conversations, 'twin.json'), 'utf8')) as Record<string, unknown>;
		writeFileSync(path.join(conversations, 'twin-copy.json'), JSON.stringify({...twin, name: 'Twin'}));
		const ambiguous = await glm(['-c', 'TWIN', '-p', 'x']);
		expect(ambiguous.code).toBe(2);
		expect(ambiguous.stderr).toMatch(/2 conversations match "TWIN": \d (twin|Twin), \d (twin|Twin)\. Give the number\./);
	});
});

describe('--json', () => {
	test('prints one JSON object with the answer, reasoning, usage and finish reason', async ({glm, server, expect}) => {
		server.enqueue({reply: 'Line 1\n第二行', reasoning: 'think', finishReason: 'length'});
		const run = await glm(['-p', 'q', '--json']);
		expect(run.code).toBe(0);
		expect(run.stdout.trimEnd().split('\n')).toHaveLength(1);
		const result = JSON.parse(run.stdout);
		expect(result).toMatchObject({answer: 'Line 1\n第二行', reasoning: 'think', finish_reason: 'length', model: 'glm-4.6'});
		expect(result.usage).toMatchObject({prompt_tokens: expect.any(Number), completion_tokens: expect.any(Number)});
	});

	test('a failure is still one JSON object, with the error, and the exit code of the failure', async ({glm, server, expect}) => {
		server.enqueue({status: 429, code: '1113'});
		const run = await glm(['-p', 'q', '--json']);
		expect(run.code).toBe(4);
		expect(JSON.parse(run.stdout)).toMatchObject({answer: '', error: {kind: 'balance'}});
	});

	test('without -p or list/export it is a usage error', async ({glm, expect}) => {
		const run = await glm(['--json'], {env: {}});
		expect(run.code).toBe(2);
	});
});

describe('defaults in the settings', () => {
	test('config set system, temperature and thinking are sent with a one-shot question; config get says where each comes from', async ({
		glm,
		server,
		expect,
	}) => {
		expect((await glm(['config', 'set', 'system', 'You are terse.'])).code).toBe(0);
		expect((await glm(['config', 'set', 'temperature', '0.3'])).code).toBe(0);
		expect((await glm(['config', 'set', 'thinking', 'off'])).code).toBe(0);
		expect((await glm(['-p', 'q'])).code).toBe(0);
		expect(server.requests.at(-1)?.body).toMatchObject({
			temperature: 0.3,
			thinking: {type: 'disabled'},
			messages: [
				{role: 'system', content: 'You are terse.'},
				{role: 'user', content: 'q'},
			],
		});
		expect((await glm(['-p', 'q', '-s', 'Flag wins', '-t', '0.9'])).code).toBe(0);
		expect(server.requests.at(-1)?.body).toMatchObject({temperature: 0.9, messages: [{role: 'system', content: 'Flag wins'}, {}]});

		const get = await glm(['config', 'get']);
		expect(get.stdout).toMatch(/^system: +You are terse\. +\[config file\]$/m);
		expect(get.stdout).toMatch(/^base-url: +http:\/\/127\.0\.0\.1:\d+\/api\/paas\/v4 +\[env ZHIPUAI_BASE_URL\]$/m);
		expect(get.stdout).toMatch(/^model: +glm-4\.6 +\[default\]$/m);
		const bad = await glm(['config', 'set', 'temperature', '2']);
		expect(bad.code).toBe(2);
		expect(bad.stderr).toContain('temperature is a number in (0, 1]');
	});
});

describe('conventions', () => {
	test('a base URL without a scheme is a usage error (exit 2) naming where it came from, with an example', async ({glm, expect}) => {
		const fromEnv = await glm(['-p', 'hi'], {env: {ZHIPUAI_BASE_URL: '127.0.0.1:8080/api/paas/v4'}});
		expect(fromEnv.code).toBe(2);
		expect(fromEnv.stderr).toBe(
			'glm-tui: ZHIPUAI_BASE_URL "127.0.0.1:8080/api/paas/v4" is not an http(s) URL. Give the whole address with its scheme, e.g. https://api.z.ai/api/paas/v4\n',
		);
		const fromFlag = await glm(['--base-url', 'not-a-url', '-p', 'hi']);
		expect(fromFlag.code).toBe(2);
		expect(fromFlag.stderr).toContain('--base-url "not-a-url"');
	});

	test('help, help COMMAND and models', async ({glm, expect}) => {
		const help = await glm(['help']);
		expect(help.stdout).toContain('glm-tui export NAME|N');
		expect(help.stdout).toContain('130 Ctrl+C · 141 reader closed');
		expect((await glm(['help', 'import'])).stdout).toMatch(/^Usage\n {2}glm-tui import FILE/);
		expect((await glm(['help', 'nope'])).code).toBe(2);
		const models = await glm(['models']);
		expect(models.stdout).toMatch(/^glm-4\.6 +200K +\(default\)$/m);
		expect(models.stdout).toMatch(/^glm-4-long +1M$/m);
	});

	test('completion scripts for bash, zsh and fish are valid scripts of their shell and list every command', async ({glm, expect}) => {
		for (const shell of ['bash', 'zsh', 'fish']) {
			const run = await glm(['completion', shell]);
			expect(run.code).toBe(0);
			for (const command of ['config', 'list', 'export', 'import', 'models', 'completion']) expect(run.stdout).toContain(command);
			expect(run.stdout).toMatch(/--continue|-l continue/);
			const syntax = spawnSync(shell, ['-n'], {input: run.stdout});
			if (syntax.error) continue; // that shell is not installed here: its script is checked where it is
			expect(syntax.status, `${shell} -n: ${syntax.stderr}`).toBe(0);
		}
		// bash really completes with it.
		const script = (await glm(['completion', 'bash'])).stdout;
		const words = execFileSync('bash', ['-c', `${script}\nCOMP_WORDS=(glm-tui ex); COMP_CWORD=1; _glm_tui; echo "\${COMPREPLY[@]}"`])
			.toString()
			.trim();
		expect(words).toBe('export');
		expect((await glm(['completion', 'tcsh'])).code).toBe(2);
	});
});

// The subcommands end to end: `config ...`, `list`, `import`, `export`, run as the built glm-tui with pipes and
// a private HOME. Asserts what a person or script sees: output, exit code, and the files left on disk.
import {existsSync, mkdirSync, readFileSync, statSync, writeFileSync} from 'node:fs';
import path from 'node:path';
import {test as base, describe} from 'vitest';
import {TEST_KEY, startGlmServer, type GlmServer} from './support/glm-server.js';
import {cliHome, runCli, type CliHome, type CliOptions, type CliRun} from './support/cli.js';
import {openConversationStore, type ConversationStore} from '../source/store/conversations.js';
import type {Conversation} from '../source/domain/types.js';

const [KEY_ID, KEY_SECRET] = TEST_KEY.split('.') as [string, string];
/** How glm-tui shows TEST_KEY: the id's first and last four characters. */
const MASKED = 'test…6789';

interface Fixtures {
	home: CliHome;
	/** Runs glm-tui in `home` (also its working directory) with no key and no base URL in the environment. */
	glm: (args: string[], options?: CliOptions) => Promise<CliRun>;
}

const test = base.extend<Fixtures>({
	// eslint-disable-next-line no-empty-pattern
	home: async ({}, use) => {
		const home = cliHome();
		await use(home);
		home.remove();
	},
	glm: async ({home}, use) => {
		const runs: Array<{args: string[]; run: CliRun}> = [];
		await use(async (args, options = {}) => {
			const run = await runCli(args, {cwd: home.home, ...options, env: {...home.env, ...options.env}});
			runs.push({args, run});
			return run;
		});
		for (const {args, run} of runs) {
			if ((run.stdout + run.stderr).includes(KEY_SECRET)) throw new Error(`glm-tui ${args.join(' ')} printed the key's secret`);
		}
	},
});

function savedSettings(home: CliHome): Record<string, unknown> | undefined {
	if (!existsSync(home.configFile)) return undefined;
	return JSON.parse(readFileSync(home.configFile, 'utf8')) as Record<string, unknown>;
}

/** Settings as an earlier `glm-tui config set` would have left them (for tests about something else). */
function saveSettings(home: CliHome, settings: Record<string, unknown>): void {
	mkdirSync(home.configDir, {recursive: true, mode: 0o700});
	writeFileSync(home.configFile, JSON.stringify(settings), {mode: 0o600});
}

const mode = (file: string) => statSync(file).mode & 0o777;

interface SeedSpec {
	name: string;
	system?: string;
	temperature?: number;
	thinking?: 'enabled' | 'disabled';
	draft?: string;
}

/**
 * Conversations with every kind of message field, written through the store the app uses; creation times a
 * day apart in the given order. `more` runs on the store afterwards.
 */
function seedStore(home: CliHome, specs: SeedSpec[], more?: (store: ConversationStore) => void): Conversation[] {
	const store = openConversationStore({env: home.env});
	const start = Date.UTC(2025, 0, 1) + store.list().length * 86_400_000;
	const made = specs.map((spec, n) => {
		const {name, ...settings} = spec;
		const conversation = store.create({name, model: 'glm-4.6', ...settings});
		const day = start + n * 86_400_000;
		conversation.createdAt = new Date(day).toISOString();
		const at = (seconds: number) => new Date(day + seconds * 1000).toISOString();
		conversation.messages = [
			{id: `${n}a`, role: 'user', content: 'Q 一 \u001B[31mred\u001B[0m\ttab', state: 'complete', time: at(1)},
			{
				id: `${n}b`,
				role: 'assistant',
				content: 'A stopped',
				reasoning: 'thinking…\nline 2',
				state: 'stopped',
				time: at(2),
				updatedAt: at(3),
				model: 'glm-4.6',
				usage: {promptTokens: 5, completionTokens: 6, totalTokens: 11, reasoningTokens: 2},
			},
			{id: `${n}c`, role: 'user', content: 'Q 二', state: 'complete', time: at(4)},
			{
				id: `${n}d`,
				role: 'assistant',
				content: '',
				state: 'failed',
				error: 'The network dropped.',
				finishReason: 'network_error',
				time: at(5),
				model: 'glm-4.6',
			},
		];
		return store.save(conversation);
	});
	more?.(store);
	return made;
}

async function withServer<T>(run: (server: GlmServer) => Promise<T>): Promise<T> {
	const server = await startGlmServer();
	try {
		return await run(server);
	} finally {
		await server.close();
	}
}

describe('glm-tui config', () => {
	test('set key reads the key from stdin, saves it 0600 in a 0700 directory and prints it masked', async ({glm, home, expect}) => {
		const run = await glm(['config', 'set', 'key'], {stdin: `${TEST_KEY}\n`});
		expect(run.code).toBe(0);
		expect(run.stderr).toBe('');
		expect(run.stdout).toBe(`Saved key ${MASKED} to ${home.configFile} (mode 600).\n`);
		expect(run.stdout).not.toContain(KEY_ID);
		expect(savedSettings(home)).toEqual({apiKey: TEST_KEY});
		expect(mode(home.configFile)).toBe(0o600);
		expect(mode(home.configDir)).toBe(0o700);
	});

	test('set key trims what was piped in (CRLF, spaces)', async ({glm, home, expect}) => {
		const run = await glm(['config', 'set', 'key'], {stdin: `  ${TEST_KEY}\r\n`});
		expect(run.code).toBe(0);
		expect(savedSettings(home)?.['apiKey']).toBe(TEST_KEY);
	});

	test('set key refuses a key on the command line and saves nothing', async ({glm, home, expect}) => {
		const run = await glm(['config', 'set', 'key', 'cmdlineid.cmdlinesecret']);
		expect(run.code).toBe(2);
		expect(run.stdout).toBe('');
		expect(run.stderr).toMatch(/command line/);
		expect(run.stderr).not.toContain('cmdlinesecret');
		expect(savedSettings(home)?.['apiKey']).toBeUndefined();
	});

	test.for(['abc', 'a.b.c', 'some id.secret', ''])(
		'set key refuses the malformed key %j from stdin and saves nothing',
		async (key, {glm, home, expect}) => {
			const run = await glm(['config', 'set', 'key'], {stdin: `${key}\n`});
			expect(run.code).toBe(2);
			expect(run.stdout).toBe('');
			expect(run.stderr.trim().split('\n')).toHaveLength(1);
			expect(run.stderr).toMatch(/^glm-tui: .*key/i);
			expect(savedSettings(home)?.['apiKey']).toBeUndefined();
		},
	);

	test('a malformed key does not replace the saved one', async ({glm, home, expect}) => {
		saveSettings(home, {apiKey: TEST_KEY});
		const run = await glm(['config', 'set', 'key'], {stdin: 'oops'});
		expect(run.code).toBe(2);
		expect(savedSettings(home)?.['apiKey']).toBe(TEST_KEY);
	});

	test('get with nothing saved', async ({glm, expect}) => {
		const run = await glm(['config', 'get']);
		expect(run.code).toBe(0);
		// What is in effect, and where it comes from: here the defaults.
		expect(run.stdout).toMatch(
			/^key: +\(not set\) +\[not set\]\nbase-url: +https:\/\/open\.bigmodel\.cn\/api\/paas\/v4 +\[default\]\nmodel: +glm-4\.6 +\[default\]\n/,
		);
		expect(run.stdout).toMatch(/\nidle-timeout: +30 +\[default\]\n/);
	});

	test('set idle-timeout takes seconds and refuses anything else', async ({glm, home, expect}) => {
		const run = await glm(['config', 'set', 'idle-timeout', '12.5']);
		expect(run.code).toBe(0);
		expect(savedSettings(home)?.['idleTimeout']).toBe(12.5);
		expect((await glm(['config', 'get', 'idle-timeout'])).stdout).toBe('12.5\n');
		expect((await glm(['config', 'get', 'idle-timeout'], {env: {GLM_TUI_IDLE_TIMEOUT: '3'}})).stdout).toBe('3\n');
		const bad = await glm(['config', 'set', 'idle-timeout', 'ten']);
		expect(bad.code).toBe(2);
		expect(bad.stderr).toMatch(/idle-timeout takes a number of seconds/);
		expect(savedSettings(home)?.['idleTimeout']).toBe(12.5);
	});

	test('get shows the saved key masked, never the secret', async ({glm, home, expect}) => {
		saveSettings(home, {apiKey: TEST_KEY, model: 'glm-4.5-air'});
		const all = await glm(['config', 'get']);
		expect(all.code).toBe(0);
		// Names padded to one column (the longest is detached-limit).
		expect(all.stdout).toContain(`key:${' '.repeat(12)}${MASKED}  [config file]\n`);
		expect(all.stdout).toContain(`model:${' '.repeat(10)}glm-4.5-air  [config file]\n`);
		const one = await glm(['config', 'get', 'key']);
		expect(one.stdout).toBe(`${MASKED}\n`);
	});

	test('set base-url refuses something that is not a URL', async ({glm, home, expect}) => {
		const run = await glm(['config', 'set', 'base-url', 'notaurl']);
		expect(run.code).toBe(2);
		expect(run.stderr).toMatch(/"notaurl" is not an http\(s\) URL/);
		expect(savedSettings(home)?.['baseUrl']).toBeUndefined();
	});

	test('set base-url and model are saved and shown by get', async ({glm, home, expect}) => {
		expect((await glm(['config', 'set', 'base-url', 'https://api.z.ai/api/paas/v4'])).code).toBe(0);
		expect((await glm(['config', 'set', 'model', 'glm-4.5-air'])).code).toBe(0);
		expect(savedSettings(home)).toEqual({baseUrl: 'https://api.z.ai/api/paas/v4', model: 'glm-4.5-air'});
		const run = await glm(['config', 'get', 'base-url']);
		expect(run.stdout).toBe('https://api.z.ai/api/paas/v4\n');
	});

	test('detached-limit (minutes an answer may still take after an SSH drop) is saved as a number', async ({glm, home, expect}) => {
		expect((await glm(['config', 'get', 'detached-limit'])).stdout).toBe('10\n');
		expect((await glm(['config', 'set', 'detached-limit', '0.5'])).code).toBe(0);
		expect(savedSettings(home)).toEqual({detachedLimitMinutes: 0.5});
		expect((await glm(['config', 'get', 'detached-limit'])).stdout).toBe('0.5\n');
		const bad = await glm(['config', 'set', 'detached-limit', 'soon']);
		expect(bad.code).toBe(2);
		expect(bad.stderr).toContain('detached-limit is a number of minutes');
		expect(savedSettings(home)).toEqual({detachedLimitMinutes: 0.5});
	});

	test('unset removes a setting', async ({glm, home, expect}) => {
		saveSettings(home, {apiKey: TEST_KEY, model: 'glm-4.5-air'});
		const run = await glm(['config', 'unset', 'key']);
		expect(run.code).toBe(0);
		expect(savedSettings(home)).toEqual({model: 'glm-4.5-air'});
	});

	test('path prints where the settings live', async ({glm, home, expect}) => {
		const run = await glm(['config', 'path']);
		expect(run.code).toBe(0);
		expect(run.stdout).toBe(`${home.configFile}\n`);
	});

	test('an unknown setting or action is a usage error', async ({glm, expect}) => {
		const setting = await glm(['config', 'set', 'colour', 'blue']);
		expect(setting.code).toBe(2);
		expect(setting.stderr).toContain('colour');
		const action = await glm(['config', 'frob']);
		expect(action.code).toBe(2);
		expect(action.stderr).toMatch(/Usage: glm-tui config/);
	});
});

describe('the key and base URL a one-shot run uses', () => {
	test('a key from the environment is used but never written to disk', async ({glm, home, expect}) => {
		await withServer(async (server) => {
			const run = await glm(['-p', 'hi'], {env: {ZHIPUAI_API_KEY: TEST_KEY, ZHIPUAI_BASE_URL: server.baseUrl}});
			expect(run.code).toBe(0);
			expect(server.requests).toHaveLength(1);
			expect(server.requests[0]?.token?.payload.api_key).toBe(KEY_ID);
		});
		expect(savedSettings(home)?.['apiKey']).toBeUndefined();
		const get = await glm(['config', 'get', 'key']);
		expect(get.stdout).toBe('(not set)\n');
	});

	test('the saved key is used when no key is in the environment', async ({glm, expect}) => {
		await glm(['config', 'set', 'key'], {stdin: TEST_KEY});
		await withServer(async (server) => {
			const run = await glm(['-p', 'hi'], {env: {ZHIPUAI_BASE_URL: server.baseUrl}});
			expect(run.code).toBe(0);
			expect(server.requests).toHaveLength(1);
			expect(server.requests[0]?.authError).toBeUndefined();
			expect(server.requests[0]?.token?.payload.api_key).toBe(KEY_ID);
		});
	});

	test('a key in the environment wins over the saved one', async ({glm, home, expect}) => {
		saveSettings(home, {apiKey: 'savedid.savedsecret'});
		await withServer(async (server) => {
			const run = await glm(['-p', 'hi'], {env: {ZHIPUAI_API_KEY: TEST_KEY, ZHIPUAI_BASE_URL: server.baseUrl}});
			expect(run.code).toBe(0);
			expect(server.requests[0]?.token?.payload.api_key).toBe(KEY_ID);
		});
		expect(savedSettings(home)?.['apiKey']).toBe('savedid.savedsecret');
	});

	test('the saved base URL and model are used', async ({glm, home, expect}) => {
		await withServer(async (server) => {
			saveSettings(home, {baseUrl: server.baseUrl, model: 'glm-4-flash'});
			const run = await glm(['-p', 'hi'], {env: {ZHIPUAI_API_KEY: TEST_KEY}});
			expect(run.code).toBe(0);
			expect(server.requests).toHaveLength(1);
			expect(server.requests[0]?.body.model).toBe('glm-4-flash');
		});
	});

	test('ZHIPUAI_BASE_URL wins over the saved base URL', async ({glm, home, expect}) => {
		await withServer(async (saved) => {
			await withServer(async (fromEnv) => {
				saveSettings(home, {baseUrl: saved.baseUrl});
				const run = await glm(['-p', 'hi'], {env: {ZHIPUAI_API_KEY: TEST_KEY, ZHIPUAI_BASE_URL: fromEnv.baseUrl}});
				expect(run.code).toBe(0);
				expect(fromEnv.requests).toHaveLength(1);
				expect(saved.requests).toHaveLength(0);
			});
		});
	});
});

// The seed blog's history.json: JSON objects separated by commas, no brackets, a trailing comma.
const SEED_MESSAGES = [
	{role: 'user', content: '你好，GLM！请解释一下 "CAP 定理"。'},
	{
		role: 'assistant',
		content:
			'CAP 定理说：\n1. 一致性 (Consistency)\n2. 可用性 (Availability)\n\n```python\nprint("hello, 世界")\n```\nA backslash \\ and a tab\there.',
	},
	{role: 'user', content: 'Thanks — and \'single\' "double" quotes too.\n第二行'},
	{role: 'assistant', content: '不客气！😀'},
];
const SEED_FILE = `${SEED_MESSAGES.map((message) => JSON.stringify(message)).join(',\n')},\n`;

describe('glm-tui trash', () => {
	test('lists deleted conversations, restores by number or name (another name when taken, said), empties and says what went', async ({
		glm,
		home,
		expect,
	}) => {
		const empty = await glm(['trash']);
		expect(empty.code).toBe(0);
		expect(empty.stdout).toMatch(/^The trash is empty\. Deleted conversations stay there for 30 days\./);

		const store = openConversationStore({env: home.env});
		const seed = (name: string, texts: string[]) => {
			const conversation = store.create({name, model: 'glm-4.6'});
			conversation.messages = texts.map((content, index) => ({
				id: `m${name.length}x${index}`,
				role: index % 2 === 0 ? ('user' as const) : ('assistant' as const),
				content,
				state: 'complete' as const,
				time: new Date(Date.UTC(2026, 0, 1, 0, 0, index)).toISOString(),
			}));
			return store.save(conversation);
		};
		const ops = seed('运维 notes', ['磁盘满了', 'du -sh', 'thanks', 'ok']);
		const bad = seed('evil name', ['q']);
		store.remove(ops.id);
		store.remove(bad.id);
		// A name edited by hand in the file: listed neutralized.
		const trashed = store.trash().find((each) => each.id === bad.id)!;
		writeFileSync(trashed.file, readFileSync(trashed.file, 'utf8').replace('"evil name"', JSON.stringify('evil \u001B]52;c;x\u0007 name')));

		const list = await glm(['trash']);
		expect(list.code).toBe(0);
		const rows = list.stdout.split('\n');
		expect(rows[0]).toMatch(/^\s+1\s+evil .*name\s+\(.*1 message, deleted \d{4}-\d\d-\d\d \d\d:\d\d\)$/);
		expect(rows[1]).toMatch(/^\s+2\s+运维 notes\s+\(.*4 messages, deleted /);
		expect(list.stdout).not.toMatch(/\u001B|\u0007/);
		const json = JSON.parse((await glm(['trash', '--json'])).stdout) as Array<{name: string; messageCount: number}>;
		expect(json.map((each) => [each.name, each.messageCount])).toEqual([
			['evil \u001B]52;c;x\u0007 name', 1],
			['运维 notes', 4],
		]);

		// A new conversation took the name meanwhile: the restored one gets another, and the output says so.
		seed('运维 notes', ['new one']);
		const restored = await glm(['trash', 'restore', '运维 notes']);
		expect(restored.code).toBe(0);
		expect(restored.stdout).toMatch(
			/^Restored "运维 notes" as "运维 notes \(2\)" \(a conversation of that name exists\): .*, 4 messages\.$/m,
		);
		const back = store.list().find((each) => each.name === '运维 notes (2)')!;
		expect(store.load(back.id).messages.map((m) => m.content)).toEqual(['磁盘满了', 'du -sh', 'thanks', 'ok']);
		expect(store.list().find((each) => each.name === '运维 notes')!.messageCount).toBe(1);

		const missing = await glm(['trash', 'restore', '7']);
		expect(missing.code).toBe(2);
		expect(missing.stderr).toMatch(/Nothing in the trash matches "7"/);

		const emptied = await glm(['trash', 'empty']);
		expect(emptied.code).toBe(0);
		expect(emptied.stdout).toMatch(/^Removed 1 conversation from the trash for good:\n\s+evil .*name/);
		expect((await glm(['trash'])).stdout).toMatch(/^The trash is empty/);
		expect((await glm(['trash', 'empty'])).stdout).toBe('The trash was already empty.\n');
		expect((await glm(['help', 'trash'])).stdout).toContain('glm-tui trash restore N|NAME');
	});
});

describe('glm-tui list / import / export', () => {
	test('list on an empty store', async ({glm, expect}) => {
		const run = await glm(['list']);
		expect(run.code).toBe(0);
		expect(run.stdout).toMatch(/^No conversations yet/);
		expect(run.stderr).toBe('');
		const json = await glm(['list', '--json']);
		expect(JSON.parse(json.stdout)).toEqual([]);
	});

	test('a seed-style history.json is imported, listed and exported verbatim', async ({glm, home, expect}) => {
		const file = path.join(home.home, 'history.json');
		writeFileSync(file, SEED_FILE);

		const imported = await glm(['import', file]);
		expect(imported.code).toBe(0);
		expect(imported.stdout).toMatch(/Imported 4 messages into "history"/);

		const list = await glm(['list']);
		expect(list.code).toBe(0);
		expect(list.stdout).toMatch(/^\s*1\s+history\s+\(.*4 messages/);

		const markdown = await glm(['export', 'history']);
		expect(markdown.code).toBe(0);
		expect(markdown.stdout).toMatch(/^# history\n/);
		for (const message of SEED_MESSAGES) expect(markdown.stdout).toContain(message.content);

		const json = await glm(['export', 'history', '--json', '-o', 'out.json']);
		expect(json.code).toBe(0);
		expect(json.stdout).toBe('');
		const out = path.join(home.home, 'out.json');
		expect(json.stderr).toContain(out);
		const exported = JSON.parse(readFileSync(out, 'utf8')) as {name: string; messages: Array<{role: string; content: string}>};
		expect(exported.name).toBe('history');
		expect(exported.messages.map(({role, content}) => ({role, content}))).toEqual(SEED_MESSAGES);
	});

	test('a JSON array is imported under the name given, its system message kept apart', async ({glm, home, expect}) => {
		const file = path.join(home.home, 'chat.json');
		const messages = [
			{role: 'system', content: 'Be brief.'},
			{role: 'user', content: 'Q "one"'},
			{role: 'assistant', content: 'A\none'},
		];
		writeFileSync(file, JSON.stringify(messages));
		const run = await glm(['import', file, '--name', '数组 test']);
		expect(run.code).toBe(0);
		expect(run.stdout).toMatch(/Imported 2 messages into "数组 test"/);
		const json = await glm(['export', '数组 test', '--json']);
		expect(json.code).toBe(0);
		const exported = JSON.parse(json.stdout) as {system?: string; messages: Array<{role: string; content: string}>};
		expect(exported.system).toBe('Be brief.');
		expect(exported.messages.map(({role, content}) => ({role, content}))).toEqual(messages.slice(1));
	});

	test.for([
		['garbage', 'this is {not json', /Not a conversation: not JSON/],
		['a wrong role', '[{"role":"robot","content":"hi"}]', /Message 1: role must be user, assistant or system/],
		['a missing content', '{"role":"user"},', /Message 1: content must be text/],
		['nothing', '   \n', /empty/],
	] as const)(
		'import of %s exits 2 with a message naming the problem, and imports nothing',
		async ([, text, problem], {glm, home, expect}) => {
			const file = path.join(home.home, 'bad.json');
			writeFileSync(file, text);
			const run = await glm(['import', file]);
			expect(run.code).toBe(2);
			expect(run.stdout).toBe('');
			expect(run.stderr).toMatch(problem);
			expect(run.stderr).toContain('bad.json');
			const list = await glm(['list']);
			expect(list.stdout).toMatch(/^No conversations yet/);
		},
	);

	test('import of a missing file exits 2 naming it', async ({glm, expect}) => {
		const run = await glm(['import', 'no-such-file.json']);
		expect(run.code).toBe(2);
		expect(run.stderr).toContain('no-such-file.json');
	});

	test('export of an unknown name exits 2', async ({glm, expect}) => {
		const run = await glm(['export', 'nothing-here']);
		expect(run.code).toBe(2);
		expect(run.stdout).toBe('');
		expect(run.stderr).toMatch(/No conversation named "nothing-here"/);
	});

	test('export --json → import in another home is the identity: name, settings, states, reasoning, usage, times, ids', async ({
		glm,
		home,
		expect,
	}) => {
		const seeded = seedStore(home, [
			{name: '论文润色 ✍', system: 'Be brief.\nSecond line', temperature: 0.3, thinking: 'disabled', draft: 'unsent 草稿'},
		]);
		const exported = await glm(['export', '1', '--json']);
		expect(exported.code).toBe(0);
		const other = cliHome();
		try {
			const file = path.join(other.home, 'in.json');
			writeFileSync(file, exported.stdout);
			const imported = await runCli(['import', file], {cwd: other.home, env: other.env});
			expect(imported.stderr).toBe('');
			expect(imported.stdout).toMatch(/^Imported 4 messages into "论文润色 ✍" \(number 1, id /);
			const again = await runCli(['export', '1', '--json'], {cwd: other.home, env: other.env});
			expect(JSON.parse(again.stdout)).toEqual(JSON.parse(exported.stdout));
			expect(JSON.parse(again.stdout)).toMatchObject({...seeded[0], messages: seeded[0]!.messages});
		} finally {
			other.remove();
		}
		// Into the same home: the id and name are taken, so both change, and it is said.
		const file = path.join(home.home, 'again.json');
		writeFileSync(file, exported.stdout);
		const twice = await glm(['import', file]);
		expect(twice.code).toBe(0);
		expect(twice.stdout).toContain('into "论文润色 ✍ (2)" (number 2');
		expect(twice.stdout).toContain('Another conversation is named "论文润色 ✍": this one is "论文润色 ✍ (2)".');
	});

	test('the Markdown export imports back with its messages and settings', async ({glm, home, expect}) => {
		seedStore(home, [{name: 'md', temperature: 0.7, thinking: 'enabled', system: 'Sys'}]);
		const markdown = await glm(['export', 'md', '-o', 'md.md']);
		expect(markdown.code).toBe(0);
		const imported = await glm(['import', 'md.md', '--name', 'md back']);
		expect(imported.code).toBe(0);
		const back = JSON.parse((await glm(['export', 'md back', '--json'])).stdout) as Record<string, unknown>;
		const original = JSON.parse((await glm(['export', 'md', '--json'])).stdout) as Record<string, unknown>;
		for (const key of ['model', 'system', 'temperature', 'thinking', 'createdAt']) expect(back[key], key).toEqual(original[key]);
		const strip = (doc: Record<string, unknown>) =>
			(doc['messages'] as Array<Record<string, unknown>>).map(({role, content, state, reasoning}) => ({role, content, state, reasoning}));
		expect(strip(back)).toEqual(strip(original));
	});

	test('one number everywhere: list and export N agree, 12 is reachable, digits never match an id', async ({glm, home, expect}) => {
		seedStore(
			home,
			Array.from({length: 12}, (_, index) => ({name: `chat ${index + 1}`})),
		);
		// Written last, so ordering by update time would put it first.
		seedStore(home, [], (store) => {
			const third = store.load(store.list()[2]!.id);
			third.messages.push({id: 'late', role: 'user', content: 'late', state: 'complete', time: '2030-01-01T00:00:00.000Z'});
			third.updatedAt = '2030-01-01T00:00:00.000Z';
			store.save(third);
		});
		const list = await glm(['list']);
		const rows = list.stdout.trim().split('\n');
		expect(rows).toHaveLength(12);
		rows.forEach((row, index) => expect(row).toMatch(new RegExp(`^\\s*${index + 1}  chat ${index + 1}  `)));
		const twelve = await glm(['export', '12']);
		expect(twelve.stdout).toMatch(/^# chat 12\n/);
		const three = await glm(['export', '3']);
		expect(three.stdout).toMatch(/^# chat 3\n/);
		expect((await glm(['export', '13'])).stderr).toMatch(/No conversation named "13"/);
	});

	test('an ambiguous name lists the candidates with their numbers instead of picking one', async ({glm, home, expect}) => {
		seedStore(home, [{name: 'deploy notes'}, {name: 'other'}, {name: 'deploy plan'}]);
		const run = await glm(['export', 'deploy']);
		expect(run.code).toBe(2);
		expect(run.stdout).toBe('');
		expect(run.stderr).toMatch(/2 conversations match "deploy": 1 deploy notes, 3 deploy plan\. Give the number\./);
		expect((await glm(['export', 'deploy plan'])).stdout).toMatch(/^# deploy plan\n/);
	});

	test("an import error never carries the file's control characters to the terminal", async ({glm, home, expect}) => {
		const evil = '\u001B]2;PWN\u0007\u001B[2J';
		for (const [name, text] of [
			['raw.json', evil],
			['role.json', `[{"role":"${evil}","content":"x"}]`],
			['broken.json', `{"a": "${evil}`],
		]) {
			const file = path.join(home.home, name!);
			writeFileSync(file, text!);
			const run = await glm(['import', file]);
			expect(run.code).toBe(2);
			expect(run.stderr).not.toMatch(/[\u0000-\u0009\u000B-\u001F\u007F-\u009F]/);
		}
		const named = path.join(home.home, `x${evil}.json`);
		writeFileSync(named, '');
		const run = await glm(['import', named]);
		expect(run.stderr).not.toMatch(/[\u0000-\u0009\u000B-\u001F\u007F-\u009F]/);
	});

	test('a name glm-tui would not make (control characters, too long) is imported cleaned, not refused', async ({glm, home, expect}) => {
		const file = path.join(home.home, 'odd.json');
		writeFileSync(
			file,
			JSON.stringify({
				format: 'glm-tui conversation',
				version: 1,
				name: `bad\u001B[2Jname\t${'x'.repeat(300)}`,
				model: 'glm-4.6',
				createdAt: '2025-01-01T00:00:00.000Z',
				updatedAt: '2025-01-01T00:00:00.000Z',
				messages: [{role: 'user', content: 'q'}],
			}),
		);
		const run = await glm(['import', file]);
		expect(run.code).toBe(0);
		const [listed] = JSON.parse((await glm(['list', '--json'])).stdout) as Array<{name: string}>;
		expect(listed!.name).toMatch(/^badname x+$/);
		expect([...listed!.name]).toHaveLength(200);
	});

	test('OpenAI-style content parts and tool messages import, with what was left out said', async ({glm, home, expect}) => {
		const file = path.join(home.home, 'openai.json');
		writeFileSync(
			file,
			JSON.stringify({
				messages: [
					{
						role: 'user',
						content: [
							{type: 'text', text: 'hello'},
							{type: 'image_url', image_url: {url: 'x'}},
						],
					},
					{role: 'assistant', content: null, tool_calls: [{id: '1'}]},
					{role: 'tool', tool_call_id: '1', content: '42'},
					{role: 'assistant', content: 'It is 42.'},
				],
			}),
		);
		const run = await glm(['import', file]);
		expect(run.code).toBe(0);
		expect(run.stdout).toMatch(/Imported 2 messages into "openai"/);
		expect(run.stdout).toMatch(/Left out 2 tool messages/);
		expect(run.stdout).toMatch(/Left out 1 non-text part \(image_url\)/);
	});

	test('an unknown command exits 2 and suggests -p', async ({glm, expect}) => {
		const run = await glm(['frobnicate']);
		expect(run.code).toBe(2);
		expect(run.stderr).toMatch(/Unknown command "frobnicate".*glm-tui -p/);
	});
});

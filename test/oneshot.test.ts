// One-shot mode end to end: the built glm-tui, spawned with pipes as a script would run it, against the
// GLM-compatible test server. Asserts only what a script sees: stdout, stderr, the exit code, and the requests
// that reached the server.
import net from 'node:net';
import os from 'node:os';
import {readFileSync} from 'node:fs';
import {describe} from 'vitest';
import {cliTest} from './support/cli-test.js';
import {MARKDOWN_REPLY, TEST_KEY, defaultReply, startGlmServer, tokenize} from './support/glm-server.js';
import {CONTROL_CHARS} from './support/cli.js';

const [KEY_ID, KEY_SECRET] = TEST_KEY.split('.') as [string, string];
const VERSION = (JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8')) as {version: string}).version;

const test = cliTest;

/** Non-empty lines of a text. */
const lines = (text: string) => text.split('\n').filter((line) => line.trim() !== '');

/** A port on 127.0.0.1 that nothing listens on. */
async function closedPort(): Promise<number> {
	const probe = net.createServer();
	await new Promise<void>((resolve) => probe.listen(0, '127.0.0.1', resolve));
	const {port} = probe.address() as net.AddressInfo;
	await new Promise((resolve) => probe.close(resolve));
	return port;
}

describe('glm-tui -p: the answer', () => {
	test('streams the answer to stdout and exits 0', async ({glm, server, expect}) => {
		const run = await glm(['-p', '你好']);
		expect(run.code).toBe(0);
		expect(run.stdout).toBe(`${defaultReply('你好')}\n`);
		expect(run.stderr).toBe('');
		expect(server.requests).toHaveLength(1);
		const [request] = server.requests;
		expect(request?.path).toBe('/api/paas/v4/chat/completions');
		expect(request?.body).toMatchObject({model: 'glm-4.6', stream: true, messages: [{role: 'user', content: '你好'}]});
		// Nothing the user did not ask for.
		expect(request?.body).not.toHaveProperty('temperature');
		expect(request?.body).not.toHaveProperty('thinking');
	});

	test('prints an explicit reply byte for byte, adding the final newline it lacks', async ({glm, server, expect}) => {
		const reply = 'Line one, "quoted".\n第二行：中文 🚀\n\tindented';
		server.enqueue({reply});
		const run = await glm(['-p', 'q1']);
		expect(run.code).toBe(0);
		expect(run.stdout).toBe(`${reply}\n`);
	});

	test('an answer that ends with a newline gets no second one', async ({glm, server, expect}) => {
		server.enqueue({reply: 'ends with a newline\n'});
		const run = await glm(['-p', 'q2']);
		expect(run.stdout).toBe('ends with a newline\n');
	});

	test('reads the question from stdin when stdin is a pipe', async ({glm, server, expect}) => {
		const question = 'Review this diff:\n-old line\n+新的一行\n';
		const run = await glm([], {stdin: question});
		expect(run.code).toBe(0);
		expect(run.stdout).toBe(`${defaultReply(question)}\n`);
		expect(server.requests).toHaveLength(1);
		expect(server.requests[0]?.body.messages).toEqual([{role: 'user', content: question}]);
	});

	test('an empty question from stdin is a usage error and sends nothing', async ({glm, server, expect}) => {
		const run = await glm([], {stdin: '  \n'});
		expect(run.code).toBe(2);
		expect(run.stderr).toMatch(/question is empty/i);
		expect(server.requests).toHaveLength(0);
	});

	test('--system, --model, --temperature and --thinking on reach the wire', async ({glm, server, expect}) => {
		const run = await glm([
			'-p',
			'hi',
			'--system',
			'Answer in one line.',
			'--model',
			'glm-4.5-air',
			'--temperature',
			'0.3',
			'--thinking',
			'on',
			'--no-reasoning',
		]);
		expect(run.code).toBe(0);
		expect(server.requests).toHaveLength(1);
		expect(server.requests[0]?.body).toMatchObject({
			model: 'glm-4.5-air',
			temperature: 0.3,
			thinking: {type: 'enabled'},
			messages: [
				{role: 'system', content: 'Answer in one line.'},
				{role: 'user', content: 'hi'},
			],
		});
	});

	test('the short flags -s -m -t and --thinking off work too', async ({glm, server, expect}) => {
		const run = await glm(['-p', 'hi', '-s', 'sys', '-m', 'glm-4-flash', '-t', '1', '--thinking', 'off']);
		expect(run.code).toBe(0);
		expect(server.requests[0]?.body).toMatchObject({
			model: 'glm-4-flash',
			thinking: {type: 'disabled'},
			messages: [
				{role: 'system', content: 'sys'},
				{role: 'user', content: 'hi'},
			],
		});
		// GLM's range is (0, 1]; 1 itself is sent as a value GLM accepts.
		const temperature = server.requests[0]?.body.temperature as number;
		expect(temperature).toBeGreaterThan(0);
		expect(temperature).toBeLessThanOrEqual(1);
	});

	test('signs a JWT with millisecond exp and timestamp; the secret never travels', async ({glm, server, expect}) => {
		const before = Date.now();
		const run = await glm(['-p', 'hi']);
		expect(run.code).toBe(0);
		const [request] = server.requests;
		expect(request?.authError).toBeUndefined();
		expect(request?.token?.header).toMatchObject({alg: 'HS256', sign_type: 'SIGN'});
		const payload = request?.token?.payload as {api_key: string; exp: number; timestamp: number};
		expect(payload.api_key).toBe(KEY_ID);
		expect(payload).not.toHaveProperty('iat');
		// Milliseconds since the epoch, signed around now, valid for a while.
		expect(payload.timestamp).toBeGreaterThanOrEqual(before - 5_000);
		expect(payload.timestamp).toBeLessThanOrEqual(Date.now() + 5_000);
		expect(payload.exp).toBeGreaterThan(payload.timestamp + 60_000);
		expect(payload.exp).toBeLessThan(payload.timestamp + 24 * 3600_000);
		expect(JSON.stringify(request?.headers)).not.toContain(KEY_SECRET);
		expect(JSON.stringify(request?.body)).not.toContain(KEY_SECRET);
	});
});

describe('glm-tui -p: the key', () => {
	test.for(['abc', 'a.b.c', 'myid.secret part'])(
		'a malformed key %j exits 2 with one line on stderr and sends nothing',
		async (key, {glm, server, expect}) => {
			const run = await glm(['-p', 'hi'], {env: {ZHIPUAI_API_KEY: key}});
			expect(run.code).toBe(2);
			expect(run.stdout).toBe('');
			expect(lines(run.stderr)).toHaveLength(1);
			expect(run.stderr).toMatch(/^glm-tui: The API key .*<id>\.<secret>/);
			if (key.length > 5) expect(run.stderr).not.toContain(key);
			expect(server.requests).toHaveLength(0);
		},
	);

	test('no key at all exits 2, naming ZHIPUAI_API_KEY and `glm-tui config set key`', async ({glm, server, expect}) => {
		const run = await glm(['-p', 'hi'], {env: {ZHIPUAI_API_KEY: undefined}});
		expect(run.code).toBe(2);
		expect(run.stdout).toBe('');
		expect(lines(run.stderr)).toHaveLength(1);
		expect(run.stderr).toContain('ZHIPUAI_API_KEY');
		expect(run.stderr).toContain('glm-tui config set key');
		expect(server.requests).toHaveLength(0);
	});

	test('a blank ZHIPUAI_API_KEY counts as no key', async ({glm, server, expect}) => {
		const run = await glm(['-p', 'hi'], {env: {ZHIPUAI_API_KEY: '   '}});
		expect(run.code).toBe(2);
		expect(run.stderr).toContain('ZHIPUAI_API_KEY');
		expect(server.requests).toHaveLength(0);
	});

	test('ZAI_API_KEY and ZAI_BASE_URL are honoured', async ({glm, server, expect}) => {
		const run = await glm(['-p', 'hi'], {
			env: {ZHIPUAI_API_KEY: undefined, ZHIPUAI_BASE_URL: undefined, ZAI_API_KEY: TEST_KEY, ZAI_BASE_URL: server.baseUrl},
		});
		expect(run.code).toBe(0);
		expect(run.stdout).toBe(`${defaultReply('hi')}\n`);
		expect(server.requests).toHaveLength(1);
		expect(server.requests[0]?.token?.payload.api_key).toBe(KEY_ID);
	});

	test('ZHIPUAI_API_KEY wins over ZAI_API_KEY', async ({glm, server, expect}) => {
		const run = await glm(['-p', 'hi'], {env: {ZAI_API_KEY: 'other.othersecret'}});
		expect(run.code).toBe(0);
		expect(server.requests[0]?.token?.payload.api_key).toBe(KEY_ID);
	});

	test('--base-url beats ZHIPUAI_BASE_URL, and a trailing slash is harmless', async ({glm, server, expect}) => {
		const other = await startGlmServer();
		try {
			const run = await glm(['-p', 'hi', '--base-url', `${server.baseUrl}/`], {env: {ZHIPUAI_BASE_URL: other.baseUrl}});
			expect(run.code).toBe(0);
			expect(server.requests.map((each) => each.path)).toEqual(['/api/paas/v4/chat/completions']);
			expect(other.requests).toHaveLength(0);
		} finally {
			await other.close();
		}
	});

	test('a base URL without a chat endpoint exits 9, naming the host and the base URL', async ({glm, server, expect}) => {
		const wrong = server.baseUrl.replace('/api/paas/v4', '/v1');
		const run = await glm(['-p', 'hi', '--base-url', wrong]);
		expect(run.code).toBe(9);
		expect(lines(run.stderr)).toHaveLength(1);
		expect(run.stderr).toContain(new URL(server.baseUrl).host);
		expect(run.stderr).toMatch(/base URL/);
		expect(server.requests.map((each) => each.path)).toEqual(['/v1/chat/completions']);
	});

	test('the coding-plan base URL is used as given', async ({glm, server, expect}) => {
		const run = await glm(['-p', 'hi', '--base-url', server.baseUrl.replace('/api/paas/v4', '/api/coding/paas/v4')]);
		expect(run.code).toBe(0);
		expect(server.requests[0]?.path).toBe('/api/coding/paas/v4/chat/completions');
	});
});

describe('glm-tui -p: failures and their exit codes', () => {
	test.for(['1211', '1261', '1000', '1113', '1305'])(
		'%s: stderr gives shell advice, no chat-screen keys',
		async (code, {glm, server, expect}) => {
			server.enqueue(...Array.from({length: 8}, () => ({code})));
			const run = await glm(['-p', 'hi']);
			expect(run.code).not.toBe(0);
			expect(run.stderr).toContain(code);
			expect(run.stderr).not.toMatch(/Ctrl\+|\/model|\/key/);
		},
	);

	test('1113 (no balance) exits 4 after exactly one request', async ({glm, server, expect}) => {
		server.enqueue({code: '1113'});
		const run = await glm(['-p', 'hi']);
		expect(run.code).toBe(4);
		expect(run.stdout).toBe('');
		expect(lines(run.stderr)).toHaveLength(1);
		expect(run.stderr).toMatch(/balance.*1113|1113.*balance/i);
		expect(server.requests).toHaveLength(1);
	});

	test('1305 twice, then an answer: three requests, the answer printed, exit 0', async ({glm, server, expect}) => {
		server.enqueue({code: '1305'}, {code: '1305'}, {reply: 'Finally, 答案。'});
		const run = await glm(['-p', 'hi']);
		expect(run.code).toBe(0);
		expect(run.stdout).toBe('Finally, 答案。\n');
		// Retries are quiet without --verbose.
		expect(run.stderr).toBe('');
		expect(server.requests).toHaveLength(3);
		// The client waits between attempts (backoff of about 0.5 s, then 1 s).
		const [first, second, third] = server.requests;
		expect(second!.at - first!.at).toBeGreaterThanOrEqual(300);
		expect(third!.at - second!.at).toBeGreaterThanOrEqual(600);
	});

	test('--verbose reports retries on stderr, never on stdout', async ({glm, server, expect}) => {
		server.enqueue({code: '1302'}, {reply: 'ok'});
		const run = await glm(['-p', 'hi', '--verbose']);
		expect(run.code).toBe(0);
		expect(run.stdout).toBe('ok\n');
		expect(run.stderr).toMatch(/1302.*Retrying in \d/);
		expect(server.requests).toHaveLength(2);
	});

	test('a rejected key (401, 1002) exits 3 after exactly two requests: one retry with a fresh token', async ({glm, server, expect}) => {
		server.enqueue({code: '1002'}, {code: '1002'}, {reply: 'must not be reached'});
		const run = await glm(['-p', 'hi']);
		expect(run.code).toBe(3);
		expect(run.stdout).toBe('');
		expect(lines(run.stderr)).toHaveLength(1);
		expect(run.stderr).toMatch(/rejected the API key/);
		expect(run.stderr).toContain('glm-tui config set key');
		expect(server.requests).toHaveLength(2);
		expect(server.requests.map((each) => each.status)).toEqual([401, 401]);
		expect(server.requests[1]?.headers.authorization).not.toBe(server.requests[0]?.headers.authorization);
	});

	test('a rejected key that works with a fresh token: exit 0 after two requests', async ({glm, server, expect}) => {
		server.enqueue({code: '1003'}, {reply: 'second time lucky'});
		const run = await glm(['-p', 'hi']);
		expect(run.code).toBe(0);
		expect(run.stdout).toBe('second time lucky\n');
		expect(server.requests).toHaveLength(2);
	});

	test('1301 (content filter on the question) exits 5 after one request', async ({glm, server, expect}) => {
		server.enqueue({code: '1301'});
		const run = await glm(['-p', 'hi']);
		expect(run.code).toBe(5);
		expect(run.stdout).toBe('');
		expect(run.stderr).toMatch(/unsafe or sensitive.*1301/);
		expect(server.requests).toHaveLength(1);
	});

	test('in Chinese, 1301 / 1261 / 1308 are explained in Chinese and quote the service, with the same exit codes', async ({
		glm,
		server,
		expect,
	}) => {
		const zh = {env: {LANG: 'zh_CN.UTF-8', LC_ALL: undefined, LC_MESSAGES: undefined}};
		server.enqueue({code: '1301'}, {code: '1261'}, {code: '1308'});
		const filtered = await glm(['-p', 'hi'], zh);
		expect(filtered.code).toBe(5);
		expect(filtered.stderr).toContain('GLM 认为你的消息含有不安全或敏感内容');
		expect(filtered.stderr).toContain('GLM 的说明：“系统检测到输入或生成内容可能包含不安全或敏感内容');
		const tooLong = await glm(['-p', 'hi'], zh);
		expect(tooLong.stderr).toContain('对话太长');
		expect(tooLong.stderr).toContain('缩短提问');
		expect(tooLong.stderr).toContain('Prompt 超长');
		expect(tooLong.stderr).not.toContain('Ctrl+N');
		const quota = await glm(['-p', 'hi'], zh);
		expect(quota.code).toBe(4);
		expect(quota.stderr).toMatch(/额度已用完.*已达到 5 小时的使用上限。您的限额将在 \S.* 重置/s);
		for (const run of [filtered, tooLong, quota]) expect(run.stderr).not.toMatch(/[A-Za-z]{4,} [a-z]{3,} [a-z]{3,}/);
	});

	test('in Chinese, an unreachable server and a dropped stream are said in Chinese', async ({glm, server, expect}) => {
		const zh = {LANG: 'zh_CN.UTF-8', LC_ALL: undefined, LC_MESSAGES: undefined};
		const refused = await glm(['-p', 'hi'], {env: {...zh, ZHIPUAI_BASE_URL: 'http://127.0.0.1:9/api/paas/v4'}});
		expect(refused.stderr).toContain('无法连接 127.0.0.1:9：连接被拒绝（ECONNREFUSED）。请检查网络连接');
		server.enqueue({reply: '前半部分的回答，后面的永远不会到达。', dropAfter: 3});
		const dropped = await glm(['-p', 'hi'], {env: zh});
		expect(dropped.code).toBe(7);
		expect(dropped.stderr).toContain('回答完成之前与 GLM 的连接中断了；已收到的部分已保留。');
	});

	test('--web asks with the web_search tool; the sources go to stderr (neutralized), or to "sources" with --json', async ({
		glm,
		server,
		expect,
	}) => {
		const webResults: Array<Record<string, string>> = [
			{title: 'Weather \u001B]52;c;eA==\u0007today', link: 'https://weather.example/bj', media: 'Weather Net'},
			{title: '北京天气', link: 'https://tianqi.example/bj'},
		];
		server.enqueue({reply: 'Sunny.', webResults}, {reply: 'Sunny.', webResults}, {reply: 'plain'});
		const run = await glm(['-p', 'weather?', '--web']);
		expect(run.code).toBe(0);
		expect(run.stdout).toBe('Sunny.\n');
		expect(server.requests.at(-1)!.body.tools).toEqual([{type: 'web_search', web_search: {enable: true, search_result: true}}]);
		expect(run.stderr).toContain('glm-tui: sources (GLM web search):\n  1. Weather');
		expect(run.stderr).toContain('· Weather Net — https://weather.example/bj\n  2. 北京天气 — https://tianqi.example/bj\n');
		expect(run.stderr).not.toContain('\u001B]52');
		const json = await glm(['-p', 'weather?', '--web', '--json']);
		expect(JSON.parse(json.stdout).sources).toEqual([
			{title: webResults[0]!.title, link: 'https://weather.example/bj', media: 'Weather Net'},
			{title: '北京天气', link: 'https://tianqi.example/bj'},
		]);
		const plain = await glm(['-p', 'no search']);
		expect(server.requests.at(-1)!.body.tools).toBeUndefined();
		expect(plain.stderr).not.toContain('sources');
	});

	test('an unknown model (1211) exits 9', async ({glm, server, expect}) => {
		const run = await glm(['-p', 'hi', '-m', 'gpt-4o']);
		expect(run.code).toBe(9);
		expect(run.stderr).toContain('gpt-4o');
		expect(server.requests).toHaveLength(1);
	});

	test('a dropped stream keeps the partial answer on stdout and exits 7', async ({glm, server, expect}) => {
		const reply = 'First part of the answer, 然后中文，and then more text that never arrives.';
		server.enqueue({reply, dropAfter: 6});
		const run = await glm(['-p', 'hi']);
		expect(run.code).toBe(7);
		expect(run.stdout).toBe(`${tokenize(reply).slice(0, 6).join('')}\n`);
		expect(run.stderr).toMatch(/broke off/);
		// Text already printed cannot be taken back, so the client must not retry and print it twice.
		expect(server.requests).toHaveLength(1);
	});

	test('an error frame mid-answer keeps the partial answer and exits with the code of the error', async ({glm, server, expect}) => {
		const reply = 'One two three four five six seven';
		server.enqueue({reply, errorFrameAfter: 3, code: '1301'});
		const run = await glm(['-p', 'hi']);
		expect(run.code).toBe(5);
		expect(run.stdout).toBe(`${tokenize(reply).slice(0, 3).join('')}\n`);
		expect(server.requests).toHaveLength(1);
	});

	test('finish_reason length: the answer, a note on stderr, exit 0', async ({glm, server, expect}) => {
		server.enqueue({reply: 'Cut short', finishReason: 'length'});
		const run = await glm(['-p', 'hi']);
		expect(run.code).toBe(0);
		expect(run.stdout).toBe('Cut short\n');
		expect(lines(run.stderr)).toHaveLength(1);
		expect(run.stderr).toMatch(/token limit.*length/);
	});

	test('finish_reason sensitive exits 5 with a note on stderr', async ({glm, server, expect}) => {
		server.enqueue({reply: 'Something flagged', finishReason: 'sensitive'});
		const run = await glm(['-p', 'hi']);
		expect(run.code).toBe(5);
		expect(run.stderr).toMatch(/content filter.*sensitive/);
	});

	test('finish_reason network_error exits 7', async ({glm, server, expect}) => {
		server.enqueue({reply: 'Half', finishReason: 'network_error'});
		const run = await glm(['-p', 'hi']);
		expect(run.code).toBe(7);
		expect(run.stdout).toBe('Half\n');
		expect(run.stderr).toMatch(/mid-answer/);
	});

	// Connection errors are retried 3 times with the SDK backoff (0.5 + 1 + 2 s, minus jitter) and the client has no
	// switch to shorten that, so this one test takes about 4 s.
	test('an unreachable server exits 6 with a message naming the host', {timeout: 20_000}, async ({glm, server, expect}) => {
		const port = await closedPort();
		const run = await glm(['-p', 'hi'], {env: {ZHIPUAI_BASE_URL: `http://127.0.0.1:${port}/api/paas/v4`}});
		expect(run.code).toBe(6);
		expect(run.stdout).toBe('');
		expect(lines(run.stderr)).toHaveLength(1);
		expect(run.stderr).toContain(`127.0.0.1:${port}`);
		expect(run.stderr).toMatch(/connection refused/);
		expect(server.requests).toHaveLength(0);
	});

	test('headers then silence: GLM_TUI_IDLE_TIMEOUT gives up soon, once retried, saying nothing arrived (exit 6)', async ({
		glm,
		server,
		expect,
	}) => {
		server.setDefault({stallAfter: 0});
		const run = await glm(['-p', 'hi'], {env: {GLM_TUI_IDLE_TIMEOUT: '0.3'}});
		expect(run.code).toBe(6);
		expect(run.stdout).toBe('');
		expect(lines(run.stderr)).toHaveLength(1);
		expect(run.stderr).toMatch(/accepted the request, then sent nothing for 300 ms \(idle timeout\)/);
		expect(run.stderr).not.toMatch(/middle/);
		expect(server.requests).toHaveLength(2);
	});

	test('--idle-timeout: a stall mid-answer keeps the text, is not retried, and says so (exit 6)', async ({glm, server, expect}) => {
		server.enqueue({reply: 'one two three four five six', stallAfter: 2});
		const run = await glm(['-p', 'hi', '--idle-timeout', '0.3']);
		expect(run.code).toBe(6);
		expect(run.stdout).toBe('one two \n');
		expect(run.stderr).toMatch(/in the middle of the answer \(idle timeout\); what arrived is kept/);
		expect(server.requests).toHaveLength(1);
	});

	test('a bad --idle-timeout or GLM_TUI_IDLE_TIMEOUT is refused before anything is sent', async ({glm, server, expect}) => {
		const flag = await glm(['-p', 'hi', '--idle-timeout', 'soon']);
		expect(flag.code).toBe(2);
		expect(flag.stderr).toMatch(/--idle-timeout takes a number of seconds/);
		const env = await glm(['-p', 'hi'], {env: {GLM_TUI_IDLE_TIMEOUT: '-1'}});
		expect(env.code).not.toBe(0);
		expect(env.stderr).toMatch(/GLM_TUI_IDLE_TIMEOUT must be a number of seconds/);
		expect(server.requests).toHaveLength(0);
	});

	test('a 200 that is not a GLM answer exits at once, quoting its start neutralized', async ({glm, server, expect}) => {
		server.setDefault({notChat: 'Welcome\u001b]2;PWN\u0007\u001b[2J to nginx!'});
		const run = await glm(['-p', 'hi']);
		expect(run.code).toBe(1);
		// What arrived within a moment is quoted: on a busy machine that can be less than the whole line.
		const quoted = /not a GLM chat response: "(Welcome[^"]*)"/.exec(run.stderr)?.[1] ?? '';
		expect('Welcome to nginx!'.startsWith(quoted), quoted).toBe(true);
		expect(run.stderr).not.toMatch(CONTROL_CHARS);
		expect(server.requests).toHaveLength(1);
	});

	test('an unreadable event is said on stderr once the answer is out', async ({glm, server, expect}) => {
		server.enqueue({reply: 'all of it', badFrameAfter: 1});
		const run = await glm(['-p', 'hi']);
		expect(run.code).toBe(0);
		expect(run.stdout).toBe('all of it\n');
		expect(lines(run.stderr)).toEqual(['glm-tui: 1 event of the answer could not be read (not JSON): the answer may have gaps.']);
	});

	test('a GLM message with escape sequences reaches stderr neutralized', async ({glm, server, expect}) => {
		server.enqueue({
			status: 500,
			code: '500',
			message: 'boom\u001b]2;PWN\u0007\u001b[2J\u009b31m \u202eevil',
			headers: {'x-should-retry': 'false'},
		});
		const run = await glm(['-p', 'hi']);
		expect(run.code).toBe(8);
		expect(run.stderr).toContain('boom');
		expect(run.stderr).not.toMatch(CONTROL_CHARS);
		expect(run.stderr).not.toMatch(/\u202e|PWN/);
	});

	test('a plain http:// base URL to a host that is not this machine warns once on stderr; loopback does not', async ({glm, expect}) => {
		// A non-loopback address of this machine: "not local" by its address, and still reachable here.
		const own = await startGlmServer({host: '0.0.0.0'});
		try {
			const lan =
				Object.values(os.networkInterfaces())
					.flat()
					.find((each) => each && each.family === 'IPv4' && !each.internal)?.address ?? '0.0.0.0';
			const baseUrl = own.baseUrl.replace('0.0.0.0', lan);
			const run = await glm(['-p', 'hi'], {env: {ZHIPUAI_BASE_URL: baseUrl}});
			expect(run.code).toBe(0);
			expect(lines(run.stderr)).toHaveLength(1);
			expect(run.stderr).toMatch(
				new RegExp(
					`^glm-tui: warning: the base URL http://${lan.replaceAll('.', '\\.')}:\\d+ is plain http: .*token and the conversation .*unencrypted`,
				),
			);
			expect(own.requests).toHaveLength(1);
			const local = await glm(['-p', 'hi'], {env: {ZHIPUAI_BASE_URL: own.baseUrl.replace('0.0.0.0', 'localhost')}});
			expect(local.stderr).toBe('');
		} finally {
			await own.close();
		}
	});

	test('an error body quoting the key does not leak the secret', async ({glm, server, expect}) => {
		server.enqueue({status: 400, code: '1214', message: `bad request for key ${TEST_KEY}`});
		const run = await glm(['-p', 'hi']);
		expect(run.code).toBe(9);
		expect(run.stderr).toContain(KEY_ID);
		// (the fixture asserts the secret itself is absent)
	});

	test('Ctrl+C mid-answer keeps what arrived and exits 130', async ({glm, server, expect}) => {
		server.enqueue({reply: 'Alpha beta gamma delta epsilon', stallAfter: 2});
		let sent = false;
		const run = await glm(['-p', 'hi'], {
			onStdout: (soFar, child) => {
				if (!sent && soFar === 'Alpha beta ') {
					sent = true;
					child.kill('SIGINT');
				}
			},
		});
		expect(sent).toBe(true);
		expect(run.code).toBe(130);
		expect(run.stdout).toBe('Alpha beta \n');
		expect(run.stderr).toMatch(/Stopped/);
	});

	test('a reader that closes the pipe early ends glm-tui quietly (141), without a stack trace', async ({glm, server, expect}) => {
		server.enqueue({tokens: 100_000, tokensPerSecond: 2000});
		const run = await glm(['-p', 'hi'], {
			onStdout: (_soFar, child) => {
				child.stdout.destroy();
			},
		});
		expect(run.code).toBe(141);
		expect(run.stderr).toBe('');
		expect(server.requests).toHaveLength(1);
	});

	test('a closed stderr loses only the notes: the answer is complete and the exit code 0', async ({glm, server, expect}) => {
		server.enqueue({reasoning: 'Reasoning nobody reads. '.repeat(50), reply: 'Still answered.'});
		const run = await glm(['-p', 'hi', '--verbose'], {closeStderr: true});
		expect(run.code).toBe(0);
		expect(run.stdout).toBe('Still answered.\n');
	});
});

describe('glm-tui -p: reasoning and output hygiene', () => {
	test('reasoning goes to stderr, never to stdout', async ({glm, server, expect}) => {
		server.enqueue({reasoning: '先想一想 THINKING', reply: 'The answer.'});
		const run = await glm(['-p', 'hi']);
		expect(run.code).toBe(0);
		expect(run.stdout).toBe('The answer.\n');
		expect(run.stderr).toContain('先想一想 THINKING');
	});

	test('--no-reasoning omits it', async ({glm, server, expect}) => {
		server.enqueue({reasoning: '先想一想 THINKING', reply: 'The answer.'});
		const run = await glm(['-p', 'hi', '--no-reasoning']);
		expect(run.code).toBe(0);
		expect(run.stdout).toBe('The answer.\n');
		expect(run.stderr).toBe('');
	});

	const Z1 = {reasoning: 'Z1 reasoning 推理', thinkTags: true, reply: 'Z1 answer.'};

	test('<think> tags in the content (GLM-Z1) are split out of stdout onto stderr', async ({glm, server, expect}) => {
		server.enqueue(Z1);
		const run = await glm(['-p', 'hi', '-m', 'glm-z1-air']);
		expect(run.code).toBe(0);
		expect(run.stdout).toBe('Z1 answer.\n');
		expect(run.stderr).toContain('Z1 reasoning 推理');
		expect(run.stderr).not.toContain('think>');
	});

	test('--no-reasoning drops <think> reasoning too', async ({glm, server, expect}) => {
		server.enqueue(Z1);
		const run = await glm(['-p', 'hi', '-m', 'glm-z1-air', '--no-reasoning']);
		expect(run.code).toBe(0);
		expect(run.stdout).toBe('Z1 answer.\n');
		expect(run.stderr).toBe('');
	});

	test('--verbose prints token usage on stderr', async ({glm, server, expect}) => {
		const reply = 'Usage counted, 一二三.';
		server.enqueue({reply});
		const run = await glm(['-p', 'count me', '--verbose']);
		expect(run.code).toBe(0);
		expect(run.stdout).toBe(`${reply}\n`);
		const prompt = tokenize('count me').length;
		const completion = tokenize(reply).length;
		expect(run.stderr).toContain(`tokens: ${prompt} prompt + ${completion} completion = ${prompt + completion}`);
	});

	test('output to a pipe holds no escape sequences when the answer has none', async ({glm, server, expect}) => {
		server.enqueue({reasoning: 'Reasoning, dimmed only on a terminal.', reply: MARKDOWN_REPLY});
		const run = await glm(['-p', 'hi', '--verbose']);
		expect(run.code).toBe(0);
		// Markdown is not rendered for a pipe: the model's text as it is.
		expect(run.stdout).toBe(`${MARKDOWN_REPLY}\n`);
		expect(run.stdout).not.toMatch(CONTROL_CHARS);
		expect(run.stderr).toContain('Reasoning, dimmed only on a terminal.');
		expect(run.stderr).not.toMatch(CONTROL_CHARS);
	});
});

describe('glm-tui: arguments', () => {
	test('--help prints usage and exits 0 without a key', async ({glm, server, expect}) => {
		const run = await glm(['--help'], {env: {ZHIPUAI_API_KEY: undefined}});
		expect(run.code).toBe(0);
		expect(run.stdout).toContain('Usage');
		expect(run.stdout).toContain('-p, --prompt');
		expect(run.stderr).toBe('');
		expect(server.requests).toHaveLength(0);
	});

	test('--version prints the version and exits 0', async ({glm, expect}) => {
		const run = await glm(['--version']);
		expect(run.code).toBe(0);
		expect(run.stdout).toBe(`${VERSION}\n`);
		const short = await glm(['-V']);
		expect(short.stdout).toBe(`${VERSION}\n`);
	});

	test('an unknown flag exits 2 with a message naming it', async ({glm, server, expect}) => {
		const run = await glm(['-p', 'hi', '--bogus']);
		expect(run.code).toBe(2);
		expect(run.stdout).toBe('');
		expect(run.stderr).toContain('--bogus');
		expect(run.stderr).toContain('--help');
		expect(server.requests).toHaveLength(0);
	});

	test.for(['--temperature 5', '-t 0', '--temperature=-0.5', '-t warm', '--temperature -0.5'])(
		'%s exits 2 and sends nothing',
		async (flag, {glm, server, expect}) => {
			const run = await glm(['-p', 'hi', ...flag.split(' ')]);
			expect(run.code).toBe(2);
			expect(lines(run.stderr)).toHaveLength(1);
			expect(run.stderr).toMatch(/temperature/);
			expect(server.requests).toHaveLength(0);
		},
	);

	test('--thinking with a value other than on/off exits 2', async ({glm, server, expect}) => {
		const run = await glm(['-p', 'hi', '--thinking', 'maybe']);
		expect(run.code).toBe(2);
		expect(run.stderr).toMatch(/--thinking takes on or off/);
		expect(server.requests).toHaveLength(0);
	});
});

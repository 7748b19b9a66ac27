// A GLM-compatible chat server on 127.0.0.1 for the tests and for trying the app without a real key.
// It follows shared/glm-api.md, not our client: the client is also run against an independent stand-in, so
// anything this server accepts that GLM would not (or the reverse) hides a bug.
//
// Which behaviour a request gets: only requests that pass routing, authentication and body validation take
// one from the queue (enqueue), else the default (setDefault), else {}. Rejected requests leave the queue
// alone, so a client bug in signing shows up as a real 401 instead of eating the scenario a test set up.
//
// Magic words (option `magic: true`, on in the CLI, off by default so tests stay explicit) are read from the
// LAST user message and override the behaviour: see MAGIC_HELP.
import http from 'node:http';
import type {Socket} from 'node:net';
import {randomBytes} from 'node:crypto';
import jwt from 'jsonwebtoken';
import {mulberry32} from './random.js';

export const TEST_KEY = 'testid0123456789.testsecret0123456789abcd';

export interface Behaviour {
	/** Content to stream; default: a deterministic answer quoting the last user message. */
	reply?: string;
	/** Streamed first as delta.reasoning_content. A request with thinking enabled gets a default one. */
	reasoning?: string;
	/** Put the reasoning inside content as <think>...</think> instead (GLM-Z1 style). */
	thinkTags?: boolean;
	/** Exactly this many content deltas (the reply, or a built-in text, repeated); each counts as one token. */
	tokens?: number;
	/** How response bytes are cut into writes; default 'awkward' (seeded random 1..40 bytes, frames glued). */
	split?: 'awkward' | 'byte' | 'whole' | number;
	/** Seed of the awkward cuts; default: mixed from the server's seed and the request's index. */
	seed?: number;
	delayMs?: number;
	tokensPerSecond?: number;
	/**
	 * An HTTP error with a GLM error body instead of an answer. `status` alone picks a fitting code; `code`
	 * alone (without errorFrameAfter) takes the status of glm-api.md's table.
	 */
	status?: number;
	code?: string;
	message?: string;
	/** Extra response headers, e.g. x-should-retry. */
	headers?: Record<string, string>;
	/** The last chunk's finish_reason; default 'stop' ('length' when the request's max_tokens cuts the reply). */
	finishReason?: string;
	/**
	 * The next three count deltas (reasoning and content alike) and fire after the last one when there are
	 * fewer. errorFrameAfter sends `data: {"error":{code,message}}` (code default 500) and ends the response.
	 */
	errorFrameAfter?: number;
	/** Destroy the socket without [DONE]. */
	dropAfter?: number;
	/**
	 * A `data:` line whose JSON is cut off, after this many deltas; the stream goes on (a gateway that mangles
	 * a frame). Not something GLM sends: a fault to inject.
	 */
	badFrameAfter?: number;
	/**
	 * A 200 whose body is this text instead of an answer, with `contentType` (default text/plain): a captive
	 * portal, a misconfigured gateway, a base URL that points at some other service.
	 */
	notChat?: string;
	contentType?: string;
	/** Stop sending but keep the socket open. */
	stallAfter?: number;
	/** Read the request and never send headers. */
	hang?: boolean;
	crlf?: boolean;
	/** Interleave SSE comment lines (": keep-alive"). */
	comments?: boolean;
	/**
	 * The results a request with the web_search tool (enable and search_result true) gets in the response's
	 * top-level `web_search` array; default: three made from the question. Fields as the service's
	 * (docs.bigmodel.cn, Web Search API): title, link, media, icon, content, refer, publish_date.
	 */
	webResults?: Array<Record<string, string>>;
	/** Refuse a request that asks for the web_search tool, as an account without it is refused (1220). */
	refuseWebSearch?: boolean;
}

export interface RecordedRequest {
	method: string;
	path: string;
	headers: Record<string, string | string[] | undefined>;
	/** Parsed JSON, or the raw text when it does not parse. */
	body: any;
	/** The bearer token decoded (not verified) when it is a JWT. */
	token?: {header: any; payload: any};
	/** The GLM code when authentication was rejected. */
	authError?: string;
	at: number;
	/** HTTP status sent, once headers went out. */
	status?: number;
	/** How the exchange ended, for logs: 'done', 'dropped', 'stalled', 'client closed', ... */
	note?: string;
	/** Sizes of the body's writes, in order: where the cuts fell. */
	writes?: number[];
}

export interface GlmServer {
	baseUrl: string;
	key: string;
	requests: RecordedRequest[];
	enqueue(...behaviours: Behaviour[]): void;
	setDefault(b: Behaviour): void;
	reset(): void;
	close(): Promise<void>;
}

export interface GlmServerOptions {
	key?: string;
	port?: number;
	host?: string;
	/** Also accept `Bearer <id>.<secret>` (GLM does; our client must not rely on it). */
	acceptRawKey?: boolean;
	/** Read magic words from the last user message. */
	magic?: boolean;
	/** Called once per request when its response is over (finished, dropped or closed). */
	onResponse?: (request: RecordedRequest) => void;
	/** Seed of the awkward cuts; default SERVER_SEED. A benchmark fixes it to compare runs. */
	seed?: number;
}

export const BASE_PATH = '/api/paas/v4';
const BASE_PATHS = [BASE_PATH, '/api/coding/paas/v4'];

export const MODELS = [
	'glm-5.1',
	'glm-5-turbo',
	'glm-5',
	'glm-4.7',
	'glm-4.7-flash',
	'glm-4.7-flashx',
	'glm-4.6',
	'glm-4.5',
	'glm-4.5-air',
	'glm-4.5-x',
	'glm-4.5-airx',
	'glm-4.5-flash',
	'glm-5v-turbo',
	'glm-4.6v',
	'glm-4.5v',
	'glm-4-plus',
	'glm-4-air-250414',
	'glm-4-airx',
	'glm-4-long',
	'glm-4-flash-250414',
	'glm-4-flash',
	'glm-z1-air',
	'glm-z1-flash',
];

// GLM answers 1211 for any model it does not serve, glm-looking or not: only the list of glm-api.md passes.
export function isKnownModel(name: string): boolean {
	return MODELS.includes(name.toLowerCase());
}

/**
 * Seed of this process's awkward cuts: GLM_SERVER_SEED replays a run, else a new one each run, so the tests meet
 * other cut points every time. Each request mixes in its index. test/support/setup.ts prints it when a test fails.
 */
export const SERVER_SEED = seedFromEnv(process.env['GLM_SERVER_SEED']) ?? Math.floor(Math.random() * 2 ** 31);
(globalThis as {__glmServerSeed?: number}).__glmServerSeed = SERVER_SEED;

function seedFromEnv(value: string | undefined): number | undefined {
	const n = Number(value);
	return value !== undefined && value.trim() !== '' && Number.isInteger(n) ? n : undefined;
}

function requestSeed(base: number, index: number): number {
	return (Math.imul(base ^ 0x9e3779b9, 0x85ebca6b) + Math.imul(index, 0xc2b2ae35)) >>> 0;
}

const MESSAGES: Record<string, [zh: string, en: string]> = {
	'1000': ['身份验证失败。', 'Authentication failed.'],
	'1001': [
		'Header中未收到Authorization参数，无法进行身份验证。',
		'Authorization parameter not received in header, unable to authenticate.',
	],
	'1002': [
		'Authorization Token非法，请确认Authorization Token正确传递。',
		'Invalid Authorization Token, please make sure it is passed correctly.',
	],
	'1003': ['Authorization Token已过期。', 'Authorization Token has expired.'],
	'1004': ['Authorization Token验证失败。', 'Authorization Token verification failed.'],
	'1112': ['当前账号已被锁定，请联系平台客服。', 'Your account has been locked, please contact customer service.'],
	'1113': ['您的账户已欠费，请充值后重试。', 'Your account is in arrears, please recharge and try again.'],
	'1121': ['账户因违规已被锁定，请联系平台客服。', 'Your account has been locked for a violation, please contact customer service.'],
	'1210': ['API 调用参数有误，请检查文档。', 'Incorrect API call parameters, please check the documentation.'],
	'1211': ['模型不存在，请检查模型代码。', 'Unknown Model, please check the model code.'],
	'1213': ['未正常接收到prompt参数。', 'The prompt parameter was not received.'],
	'1214': ['输入参数有误。', 'Invalid input parameters.'],
	// The code table's text (docs.z.ai/api-reference/api-code), with the API named.
	'1220': ['您无权访问web_search。', 'You do not have permission to access web_search.'],
	'1215': ['参数值不合法。', 'Invalid parameter value.'],
	'1261': ['Prompt 超长。', 'Prompt exceeds max length.'],
	'1301': [
		'系统检测到输入或生成内容可能包含不安全或敏感内容，请您避免输入易产生敏感内容的提示语，感谢您的配合。',
		'The system detected that the input or generated content may contain unsafe or sensitive content. Please avoid prompts that may produce sensitive content.',
	],
	'1302': [
		'您当前使用该API的并发数过高，请降低并发，或联系客服增加限额。',
		'High concurrency usage of this API, please reduce concurrency or contact customer service to increase limits.',
	],
	'1303': [
		'您当前使用该API的频率过高，请降低频率，或联系客服增加限额。',
		'High frequency usage of this API, please reduce frequency or contact customer service to increase limits.',
	],
	'1304': ['该API的今日调用次数已达到上限，如有更多需求，请联系客服购买。', 'Daily call limit for this API has been reached.'],
	'1305': ['当前API请求过多，请稍后重试。', 'Too many API requests at the moment, please try again later.'],
	'1308': ['已达到 5 小时的使用上限。您的限额将在 {reset} 重置。', 'Usage limit reached for 5 hour. Your limit will reset at {reset}.'],
	'1310': ['已达到每周使用上限。您的限额将在 {reset} 重置。', 'Weekly usage limit reached. Your limit will reset at {reset}.'],
	'1312': ['该模型当前访问量过大，请您稍后再试。', 'The model is currently experiencing high traffic, please try again later.'],
	'500': ['服务内部错误，请稍后重试。', 'Internal server error, please try again later.'],
};

const RATE_LIMITED = ['1112', '1113', '1121', '1302', '1303', '1304', '1305', '1308', '1310', '1312'];

export function statusForCode(code: string): number {
	if (/^100[0-4]$/.test(code)) return 401;
	if (RATE_LIMITED.includes(code)) return 429;
	if (/^12\d\d$/.test(code) || code === '1301') return 400;
	// Lets glm:error=503 produce a bare HTTP status with that code.
	const n = Number(code);
	if (Number.isInteger(n) && n >= 400 && n <= 599) return n;
	return 400;
}

function codeForStatus(status: number): string {
	return ({400: '1214', 401: '1000', 429: '1302', 503: '1305'} as Record<number, string>)[status] ?? '500';
}

function messageFor(code: string, en: boolean): string {
	const pair = MESSAGES[code];
	const reset = new Date(Date.now() + 2 * 3600_000).toISOString().slice(0, 19).replace('T', ' ');
	if (!pair) return en ? `Error ${code}.` : `错误 ${code}。`;
	return pair[en ? 1 : 0].replace('{reset}', reset);
}

// One piece per CJK character, per word with its trailing spaces (long runs cut at 12 code points), or per
// whitespace run: close enough to model tokens, and the pieces always join back to the text.
const WIDE = '\\p{Script=Han}\\p{Script=Hiragana}\\p{Script=Katakana}\\p{Script=Hangul}';
const TOKEN = new RegExp(`[${WIDE}]|[^\\s${WIDE}]{1,12}\\s*|\\s+`, 'gu');

export function tokenize(text: string): string[] {
	return text.match(TOKEN) ?? [];
}

const VOCABULARY = tokenize('The quick brown fox 跳过了懒狗。🦊 Streaming 测试 tokens, one by one.\n');

export const DEFAULT_REASONING = '用户发来了一条消息，我先想一想怎么回答。The user wants a short, friendly answer.';

export const MARKDOWN_REPLY = [
	'# 标题 Heading',
	'',
	'Some **bold**, *italic* and `inline code`, 中文与 English 混排 🚀.',
	'',
	'- 第一项 first item',
	'- second item',
	'  - 嵌套 nested',
	'',
	'| 名称 | Value | 说明 |',
	'|---|---:|---|',
	'| 宽度 | 42 | 中文 and English |',
	'| emoji | 7 | 👍🏽 |',
	'',
	'```ts',
	'const greet = (name: string): string => `你好, ${name}!`;',
	"console.log(greet('GLM'));",
	'```',
	'',
	'> 引用 A quote.',
].join('\n');

export const MAGIC_HELP = [
	'glm:help             list these words',
	'glm:error=CODE       HTTP error with that GLM code (1113 -> 429, 1301 -> 400, 1003 -> 401, 500, ...)',
	'glm:tokens=N         answer with exactly N content tokens',
	'glm:finish=REASON    end with that finish_reason (length, sensitive, network_error, ...)',
	'glm:drop=N           drop the connection after N tokens',
	'glm:stall=N          stop sending after N tokens, keep the connection open',
	'glm:errorframe=N     send a data: {"error":...} frame after N tokens (code from glm:error, else 500)',
	'glm:hang             accept the request and never answer',
	'glm:badframe=N       an unreadable data: line (cut-off JSON) after N tokens, then the rest',
	'glm:notchat          a 200 whose body is a plain-text page, not an answer',
	'glm:slow[=N]         stream at N tokens/s (default 50)',
	'glm:think            stream reasoning_content first',
	'glm:z1               reasoning inside <think>...</think> in the content',
	'glm:markdown         an answer with heading, list, table and fenced code',
	'glm:split=MODE       awkward (default), byte, whole or a byte count',
	'glm:crlf, glm:comments   CRLF line endings / ": keep-alive" comment lines',
].join('\n');

function magicBehaviour(text: string): Behaviour {
	const b: Behaviour = {};
	for (const [, word = '', value] of text.matchAll(/glm:([a-z0-9]+)(?:=([\w.-]+))?/gi)) {
		const n = value === undefined ? NaN : Number(value);
		const count = Number.isInteger(n) && n >= 0 ? n : undefined;
		switch (word.toLowerCase()) {
			case 'help':
				b.reply = `Magic words:\n\n\`\`\`\n${MAGIC_HELP}\n\`\`\``;
				break;
			case 'error':
				b.code = value ?? '500';
				break;
			case 'tokens':
				b.tokens = count;
				break;
			case 'finish':
				b.finishReason = value;
				break;
			case 'drop':
				b.dropAfter = count;
				break;
			case 'stall':
				b.stallAfter = count;
				break;
			case 'errorframe':
				b.errorFrameAfter = count ?? 0;
				break;
			case 'hang':
				b.hang = true;
				break;
			case 'badframe':
				b.badFrameAfter = count ?? 0;
				break;
			case 'notchat':
				b.notChat = 'Welcome to nginx! If you see this page, the web server is working.\n';
				break;
			case 'slow':
				b.tokensPerSecond = count || 50;
				break;
			case 'think':
				b.reasoning = DEFAULT_REASONING;
				break;
			case 'z1':
				b.reasoning = DEFAULT_REASONING;
				b.thinkTags = true;
				break;
			case 'markdown':
				b.reply = MARKDOWN_REPLY;
				break;
			case 'split':
				b.split = count ?? (value as Behaviour['split']);
				break;
			case 'crlf':
				b.crlf = true;
				break;
			case 'comments':
				b.comments = true;
				break;
		}
	}
	return b;
}

function textOf(content: unknown): string {
	if (typeof content === 'string') return content;
	if (Array.isArray(content)) {
		return content.map((part) => (typeof part?.text === 'string' ? part.text : '')).join('');
	}
	return '';
}

function lastUserText(body: any): string {
	const users = (body.messages as any[]).filter((m) => m?.role === 'user');
	return textOf(users.at(-1)?.content);
}

export function defaultReply(lastUser: string): string {
	const chars = Array.from(lastUser);
	const quoted = chars.length > 200 ? chars.slice(0, 200).join('') + '…' : lastUser;
	return `你好！这是 GLM 测试服务器的回答。👋\n\nYou said: «${quoted}»`;
}

function promptTokens(body: any): number {
	let n = 0;
	for (const m of body.messages as any[]) n += tokenize(textOf(m.content) + textOf(m.reasoning_content)).length;
	return n;
}

// Time stamp (Beijing time, as GLM's ids) plus 16 hex digits.
function newId(): string {
	const stamp = new Date(Date.now() + 8 * 3600_000).toISOString().replace(/\D/g, '').slice(0, 14);
	return stamp + randomBytes(8).toString('hex');
}

interface Rejection {
	code: string;
	detail?: [zh: string, en: string];
}

function checkAuth(header: string | undefined, key: string, acceptRawKey: boolean, record: RecordedRequest): Rejection | undefined {
	if (!header?.trim()) return {code: '1001'};
	const match = /^Bearer\s+(\S+)\s*$/i.exec(header);
	if (!match) return {code: '1002', detail: ['缺少 Bearer 前缀', 'expected "Bearer <token>"']};
	const token = match[1]!;
	const dot = key.indexOf('.');
	const id = key.slice(0, dot);
	const secret = key.slice(dot + 1);
	if (token === key) {
		return acceptRawKey
			? undefined
			: {
					code: '1002',
					detail: [
						'本测试服务器只接受签名的 token，不接受原始 API key',
						'this test server accepts only a signed token, not the raw API key',
					],
				};
	}
	const decoded = jwt.decode(token, {complete: true});
	if (!decoded || typeof decoded.payload !== 'object') return {code: '1002', detail: ['不是 JWT', 'not a JWT']};
	record.token = {header: decoded.header, payload: decoded.payload};
	const head = decoded.header as unknown as Record<string, unknown>;
	const extra = Object.keys(head).filter((k) => !['alg', 'sign_type', 'typ'].includes(k));
	if (head['alg'] !== 'HS256' || head['sign_type'] !== 'SIGN' || extra.length > 0) {
		return {
			code: '1004',
			detail: ['header 必须是 {"alg":"HS256","sign_type":"SIGN"}', 'header must be {"alg":"HS256","sign_type":"SIGN"}'],
		};
	}
	const payload = decoded.payload as Record<string, unknown>;
	if (payload['api_key'] !== id) return {code: '1000', detail: ['api_key 不存在', 'unknown api_key']};
	try {
		jwt.verify(token, secret, {algorithms: ['HS256'], ignoreExpiration: true, complete: true});
	} catch {
		return {code: '1004', detail: ['签名错误', 'bad signature']};
	}
	// jsonwebtoken reads exp as seconds, so millisecond expiry is checked here.
	const {exp, timestamp} = payload;
	if (typeof exp !== 'number' || typeof timestamp !== 'number') {
		return {code: '1004', detail: ['exp 和 timestamp 必须是数字（毫秒）', 'exp and timestamp must be numbers (milliseconds)']};
	}
	if (exp < 1e12) return {code: '1003', detail: [`exp=${exp} 像是秒，应为毫秒`, `exp=${exp} looks like seconds; it must be milliseconds`]};
	if (timestamp < 1e12)
		return {
			code: '1004',
			detail: [`timestamp=${timestamp} 像是秒，应为毫秒`, `timestamp=${timestamp} looks like seconds; it must be milliseconds`],
		};
	if (exp <= Date.now()) return {code: '1003'};
	return undefined;
}

const ROLES = ['system', 'user', 'assistant', 'tool'];

function validate(body: unknown): Rejection | undefined {
	const bad = (zh: string, en: string, code = '1214'): Rejection => ({code, detail: [zh, en]});
	if (typeof body === 'string') return bad('请求体不是合法的 JSON', 'the request body is not valid JSON');
	if (!body || typeof body !== 'object' || Array.isArray(body))
		return bad('请求体必须是 JSON 对象', 'the request body must be a JSON object');
	const b = body as Record<string, any>;
	if (typeof b['model'] !== 'string' || !b['model'].trim()) return bad('model 不能为空', 'model is required');
	// The service's own text, which does not name the model.
	if (!isKnownModel(b['model'])) return {code: '1211'};
	const messages = b['messages'];
	if (!Array.isArray(messages) || messages.length === 0) return bad('messages 必须是非空数组', 'messages must be a non-empty array');
	for (const [i, m] of messages.entries()) {
		if (!m || typeof m !== 'object' || !ROLES.includes(m.role)) {
			return bad(`messages[${i}].role 无效`, `messages[${i}].role must be one of ${ROLES.join(', ')}`);
		}
		const contentOk = typeof m.content === 'string' || Array.isArray(m.content) || (m.role === 'assistant' && m.content == null);
		if (!contentOk) return bad(`messages[${i}].content 无效`, `messages[${i}].content must be a string`);
	}
	if (messages.every((m) => m.role === 'system')) return bad('不能只有 system 消息', 'messages must not be system-only');
	const t = b['temperature'];
	if (t !== undefined && !(typeof t === 'number' && t > 0 && t <= 1))
		return bad('temperature 取值范围 (0, 1]', 'temperature must be in (0, 1]');
	const p = b['top_p'];
	if (p !== undefined && !(typeof p === 'number' && p >= 0.01 && p <= 1))
		return bad('top_p 取值范围 [0.01, 1]', 'top_p must be in [0.01, 1]');
	const max = b['max_tokens'];
	if (max !== undefined && !(Number.isInteger(max) && max >= 1))
		return bad('max_tokens 必须是正整数', 'max_tokens must be a positive integer');
	const stop = b['stop'];
	const stopOk =
		stop === undefined || typeof stop === 'string' || (Array.isArray(stop) && stop.length <= 1 && stop.every((s) => typeof s === 'string'));
	if (!stopOk) return bad('stop 最多一个字符串', 'stop takes at most one string');
	if (b['stream'] !== undefined && typeof b['stream'] !== 'boolean') return bad('stream 必须是布尔值', 'stream must be a boolean');
	const tools = b['tools'];
	if (tools !== undefined) {
		if (!Array.isArray(tools)) return bad('tools 必须是数组', 'tools must be an array');
		for (const tool of tools) {
			if (tool?.type === 'web_search' && (typeof tool.web_search !== 'object' || typeof tool.web_search?.enable !== 'boolean')) {
				return bad('web_search 工具需要 web_search 对象', 'web_search tool requires web_search object');
			}
		}
	}
	const thinking = b['thinking'];
	if (thinking !== undefined && !['enabled', 'disabled'].includes(thinking?.type)) {
		return bad('thinking.type 必须是 enabled 或 disabled', 'thinking.type must be enabled or disabled', '1210');
	}
	return undefined;
}

interface Delta {
	reasoning: boolean;
	text: string;
}

/** The web_search tool of the request when it is on, else undefined. */
function webSearchTool(body: any): {search_result?: boolean} | undefined {
	const tool = Array.isArray(body.tools) ? body.tools.find((each: any) => each?.type === 'web_search') : undefined;
	return tool?.web_search?.enable === true ? tool.web_search : undefined;
}

/** The `web_search` array of the response, when the request asked for results. */
function webResults(b: Behaviour, body: any): Array<Record<string, string>> | undefined {
	const tool = webSearchTool(body);
	if (!tool || tool.search_result !== true) return undefined;
	const question = lastUserText(body).slice(0, 40);
	return (
		b.webResults ??
		[1, 2, 3].map((n) => ({
			title: `${question} — 结果 ${n}`,
			link: `https://example.com/search/${n}?q=${encodeURIComponent(question)}`,
			media: `例子网 ${n}`,
			icon: `https://example.com/favicon-${n}.ico`,
			content: `关于“${question}”的第 ${n} 条摘要。`,
			refer: `ref_${n}`,
			publish_date: '2026-12-01',
		}))
	);
}

interface Plan {
	deltas: Delta[];
	finishReason: string;
	usage: Record<string, unknown>;
}

function plan(b: Behaviour, body: any): Plan {
	const reasoning = b.reasoning ?? (body.thinking?.type === 'enabled' || b.thinkTags ? DEFAULT_REASONING : undefined);
	let content: string[];
	if (b.tokens !== undefined) {
		const source = b.reply ? tokenize(b.reply) : VOCABULARY;
		content = Array.from({length: b.tokens}, (_, i) => source[i % source.length]!);
	} else {
		content = tokenize(b.reply ?? defaultReply(lastUserText(body)));
	}
	let deltas: Delta[];
	if (reasoning !== undefined && b.thinkTags) {
		deltas = ['<think>', ...tokenize(reasoning), '</think>', ...content].map((text) => ({reasoning: false, text}));
	} else {
		deltas = [...tokenize(reasoning ?? '').map((text) => ({reasoning: true, text})), ...content.map((text) => ({reasoning: false, text}))];
	}
	let finishReason = b.finishReason ?? 'stop';
	const max = body.max_tokens;
	if (typeof max === 'number' && deltas.length > max) {
		deltas = deltas.slice(0, max);
		finishReason = b.finishReason ?? 'length';
	}
	const prompt = promptTokens(body);
	const reasoningTokens = deltas.filter((d) => d.reasoning).length;
	const usage: Record<string, unknown> = {
		prompt_tokens: prompt,
		completion_tokens: deltas.length,
		total_tokens: prompt + deltas.length,
		prompt_tokens_details: {cached_tokens: 0},
	};
	if (reasoningTokens > 0) usage['completion_tokens_details'] = {reasoning_tokens: reasoningTokens};
	return {deltas, finishReason, usage};
}

// Cuts response bytes into writes, one write per turn of the event loop: pieces written in the same turn
// reach the client as one read, so the cuts would be invisible. In awkward mode the first 4 KB go out in
// 1..40 byte pieces and the rest mixes small and large ones (a 5,000-token answer stays fast), and the tail of
// a batch is sometimes held back and glued to the next: frames arrive split (even inside a UTF-8 character)
// and joined.
class Writer {
	private pending: Buffer = Buffer.alloc(0);
	private queue: Buffer[] = [];
	private idle: (() => void)[] = [];
	private scheduled?: NodeJS.Immediate;
	private sent = 0;
	private stopped = false;

	constructor(
		private readonly res: http.ServerResponse,
		private readonly split: Behaviour['split'],
		private readonly random: () => number,
		private readonly writes: number[] = [],
	) {}

	/** `hold` allows keeping the tail back until the next write or flush. */
	write(text: string, hold: boolean): void {
		const buf = this.pending.length ? Buffer.concat([this.pending, Buffer.from(text)]) : Buffer.from(text);
		this.pending = Buffer.alloc(0);
		const pieces = this.cut(buf);
		if (hold && this.split === 'awkward' && pieces.length > 0 && this.random() < 0.5) this.pending = pieces.pop()!;
		this.queue.push(...pieces);
		this.schedule();
	}

	/** Calls back once everything queued has been handed to the socket; `all` also sends the held tail. */
	whenIdle(callback: () => void, all = false): void {
		if (all && this.pending.length) {
			this.queue.push(this.pending);
			this.pending = Buffer.alloc(0);
		}
		this.idle.push(callback);
		this.schedule();
	}

	stop(): void {
		this.stopped = true;
		if (this.scheduled) clearImmediate(this.scheduled);
	}

	private schedule(): void {
		if (!this.scheduled && !this.stopped) this.scheduled = setImmediate(this.pump);
	}

	private readonly pump = (): void => {
		this.scheduled = undefined;
		if (this.stopped) return;
		const piece = this.queue.shift();
		if (this.queue.length > 0) {
			this.writes.push(piece!.length);
			this.res.write(piece!);
			this.scheduled = setImmediate(this.pump);
			return;
		}
		const waiting = this.idle;
		this.idle = [];
		const done = () => {
			for (const callback of waiting) if (!this.stopped) callback();
		};
		if (piece) {
			this.writes.push(piece.length);
			this.res.write(piece, done);
		} else if (waiting.length) done();
	};

	private cut(buf: Buffer): Buffer[] {
		const split = this.split;
		if (split === 'whole' || buf.length === 0) return buf.length ? [buf] : [];
		const pieces: Buffer[] = [];
		for (let at = 0; at < buf.length;) {
			const size = split === 'byte' ? 1 : typeof split === 'number' ? Math.max(1, Math.floor(split)) : this.awkwardSize();
			pieces.push(buf.subarray(at, at + size));
			at += size;
			this.sent += size;
		}
		return pieces;
	}

	private awkwardSize(): number {
		const large = this.sent > 4096 && this.random() < 0.5;
		return 1 + Math.floor(this.random() * (large ? 4096 : 40));
	}
}

interface Exchange {
	res: http.ServerResponse;
	record: RecordedRequest;
	english: boolean;
	requestId: string;
	/** Set when the response is over or the client went away: stops timers. */
	closed: boolean;
	timer?: NodeJS.Timeout;
	writer?: Writer;
}

function sendJson(x: Exchange, status: number, body: unknown, headers: Record<string, string> = {}, writer?: Writer): void {
	x.record.status = status;
	x.res.writeHead(status, {'Content-Type': 'application/json; charset=UTF-8', ...headers});
	const text = JSON.stringify(body);
	if (!writer) {
		x.res.end(text);
		return;
	}
	writer.write(text, false);
	writer.whenIdle(() => x.res.end());
}

function sendError(
	x: Exchange,
	code: string,
	options: {status?: number; message?: string; detail?: [string, string]; headers?: Record<string, string>; writer?: Writer} = {},
): void {
	let message = options.message ?? messageFor(code, x.english);
	if (options.detail) message += x.english ? ` (${options.detail[1]})` : `（${options.detail[0]}）`;
	const body: Record<string, unknown> = {error: {code, message}, request_id: x.requestId};
	if (code === '1301') body['contentFilter'] = [{role: 'user', level: 1}];
	sendJson(x, options.status ?? statusForCode(code), body, options.headers, options.writer);
}

function intervalOf(b: Behaviour): number {
	if (b.delayMs !== undefined) return Math.max(0, b.delayMs);
	if (b.tokensPerSecond) return 1000 / b.tokensPerSecond;
	return 0;
}

// Where the stream stops early: the smallest of errorFrameAfter / dropAfter / stallAfter, capped at the
// number of deltas so a large N means "just before the final chunk".
function stopOf(b: Behaviour, count: number): {at: number; kind: 'error' | 'drop' | 'stall'} | undefined {
	const stops = (
		[
			['error', b.errorFrameAfter],
			['drop', b.dropAfter],
			['stall', b.stallAfter],
		] as const
	)
		.filter(([, n]) => n !== undefined)
		.map(([kind, n]) => ({kind, at: Math.min(Math.max(0, n!), count)}));
	stops.sort((a, b) => a.at - b.at);
	return stops[0];
}

function respondStream(x: Exchange, b: Behaviour, p: Plan, body: any, writer: Writer): void {
	const {res} = x;
	const nl = b.crlf ? '\r\n' : '\n';
	const id = newId();
	const created = Math.floor(Date.now() / 1000);
	const model = body.model;
	const frame = (data: unknown) => `data: ${typeof data === 'string' ? data : JSON.stringify(data)}${nl}${nl}`;
	const comment = `: keep-alive${nl}${nl}`;
	const chunk = (d: Delta) =>
		frame({
			id,
			created,
			model,
			choices: [{index: 0, delta: d.reasoning ? {role: 'assistant', reasoning_content: d.text} : {role: 'assistant', content: d.text}}],
		});
	// Cut off inside a string, as a gateway that truncates a line would leave it.
	const bad = () =>
		frame(JSON.stringify({id, created, model, choices: [{index: 0, delta: {role: 'assistant', content: 'lost words'}}]}).slice(0, -30));
	const last = () =>
		frame({
			id,
			created,
			model,
			choices: [{index: 0, finish_reason: p.finishReason, delta: {role: 'assistant', content: ''}}],
			usage: p.usage,
		});

	x.record.status = 200;
	res.writeHead(200, {'Content-Type': 'text/event-stream;charset=UTF-8', 'Cache-Control': 'no-cache', ...b.headers});
	res.flushHeaders();
	// The search results come once, at the top level of the first chunk, before any text.
	const results = webResults(b, body);
	const searched = results
		? frame({id, created, model, choices: [{index: 0, delta: {role: 'assistant', content: ''}}], web_search: results})
		: '';

	const count = p.deltas.length;
	const stop = stopOf(b, count);
	const end = stop?.at ?? count;
	const interval = intervalOf(b);
	const start = Date.now();
	let i = 0;

	const tick = (): void => {
		x.timer = undefined;
		if (x.closed) return;
		// Unpaced, deltas go out in batches so a long answer neither blocks the loop nor floods memory.
		const due = interval > 0 ? Math.floor((Date.now() - start) / interval) + 1 : i + 256;
		let out = (i === 0 ? searched : '') + (i === 0 && b.comments ? comment : '');
		while (i < end && i < due) {
			if (i === b.badFrameAfter) out += bad();
			out += chunk(p.deltas[i]!);
			i++;
			if (b.comments && i % 5 === 0) out += comment;
		}
		if (i < end) {
			writer.write(out, true);
			if (interval > 0) x.timer = setTimeout(tick, Math.max(0, start + i * interval - Date.now()));
			else writer.whenIdle(tick);
			return;
		}
		if (b.badFrameAfter !== undefined && b.badFrameAfter >= end && i === end) out += bad();
		if (!stop) {
			writer.write(out + last() + frame('[DONE]'), false);
			writer.whenIdle(() => {
				x.record.note = `done: ${count} deltas, ${p.finishReason}`;
				res.end();
			});
		} else if (stop.kind === 'error') {
			const code = b.code ?? '500';
			writer.write(out + frame({error: {code, message: b.message ?? messageFor(code, x.english)}}), false);
			writer.whenIdle(() => {
				x.record.note = `error frame ${code} after ${i} deltas`;
				res.end();
			});
		} else if (stop.kind === 'drop') {
			writer.write(out, true);
			writer.whenIdle(() => {
				x.record.note = `dropped after ${i} deltas`;
				res.socket?.destroy();
			}, true);
		} else {
			writer.write(out, true);
			writer.whenIdle(() => {
				x.record.note = `stalled after ${i} deltas`;
			}, true);
		}
	};
	tick();
}

function respondJson(x: Exchange, b: Behaviour, p: Plan, body: any, writer: Writer): void {
	const stop = stopOf(b, p.deltas.length);
	const reply = (): void => {
		if (x.closed) return;
		if (stop?.kind === 'drop') {
			x.record.note = 'dropped';
			x.res.socket?.destroy();
			return;
		}
		if (stop?.kind === 'stall') {
			x.record.note = 'stalled';
			return;
		}
		if (stop?.kind === 'error') {
			sendError(x, b.code ?? '500', {message: b.message, headers: b.headers, writer});
			return;
		}
		const content = p.deltas
			.filter((d) => !d.reasoning)
			.map((d) => d.text)
			.join('');
		const reasoning = p.deltas
			.filter((d) => d.reasoning)
			.map((d) => d.text)
			.join('');
		const message: Record<string, unknown> = {role: 'assistant', content};
		if (reasoning) message['reasoning_content'] = reasoning;
		const id = newId();
		x.record.note = `done: ${p.deltas.length} tokens, ${p.finishReason}`;
		sendJson(
			x,
			200,
			{
				id,
				request_id: typeof body.request_id === 'string' ? body.request_id : id,
				created: Math.floor(Date.now() / 1000),
				model: body.model,
				object: 'chat.completion',
				choices: [{index: 0, finish_reason: p.finishReason, message}],
				usage: p.usage,
				...(webResults(b, body) ? {web_search: webResults(b, body)} : {}),
			},
			b.headers,
			writer,
		);
	};
	const wait = intervalOf(b) * (stop?.at ?? p.deltas.length);
	if (wait > 0) x.timer = setTimeout(reply, wait);
	else reply();
}

async function readBody(req: http.IncomingMessage): Promise<string> {
	const chunks: Buffer[] = [];
	try {
		for await (const c of req) chunks.push(c as Buffer);
	} catch {
		// The client went away mid-request; what arrived is still recorded.
	}
	return Buffer.concat(chunks).toString('utf8');
}

export async function startGlmServer(options: GlmServerOptions = {}): Promise<GlmServer> {
	const key = options.key ?? TEST_KEY;
	if (key.split('.').length !== 2) throw new Error('the key must be "<id>.<secret>"');
	const host = options.host ?? '127.0.0.1';
	const seed = options.seed ?? SERVER_SEED;
	let queue: Behaviour[] = [];
	let fallback: Behaviour = {};
	const requests: RecordedRequest[] = [];
	const sockets = new Set<Socket>();

	const handle = async (req: http.IncomingMessage, res: http.ServerResponse): Promise<void> => {
		res.on('error', () => {});
		const raw = await readBody(req);
		let body: any = raw;
		try {
			body = JSON.parse(raw);
		} catch {
			// Kept raw: validation reports it.
		}
		const path = new URL(req.url ?? '/', 'http://127.0.0.1').pathname;
		const record: RecordedRequest = {method: req.method ?? '', path, headers: {...req.headers}, body, at: Date.now()};
		requests.push(record);
		const x: Exchange = {
			res,
			record,
			closed: false,
			english: /^\s*en/i.test(String(req.headers['accept-language'] ?? '')),
			requestId: typeof body?.request_id === 'string' ? body.request_id : newId(),
		};
		res.on('close', () => {
			x.closed = true;
			clearTimeout(x.timer);
			x.writer?.stop();
			if (!record.note) record.note = 'client closed';
			else if (!res.writableFinished && record.note.startsWith('stalled')) record.note += ', then closed';
			options.onResponse?.(record);
		});

		const isChat = req.method === 'POST' && BASE_PATHS.some((base) => path.replace(/\/+$/, '') === `${base}/chat/completions`);
		if (!isChat) {
			record.note = 'not found';
			sendJson(x, 404, {error: {code: '404', message: `Not Found: ${req.method} ${path}`}, request_id: x.requestId});
			return;
		}
		const authorization = req.headers.authorization;
		const denied = checkAuth(authorization, key, options.acceptRawKey ?? false, record);
		if (denied) {
			record.authError = denied.code;
			record.note = `auth ${denied.code}`;
			sendError(x, denied.code, {detail: denied.detail});
			return;
		}
		const invalid = validate(body);
		if (invalid) {
			record.note = `invalid ${invalid.code}`;
			sendError(x, invalid.code, {detail: invalid.detail});
			return;
		}

		let b: Behaviour = queue.shift() ?? fallback;
		if (options.magic) b = {...b, ...magicBehaviour(lastUserText(body))};
		record.writes = [];
		const writer = new Writer(res, b.split ?? 'awkward', mulberry32(b.seed ?? requestSeed(seed, requests.length)), record.writes);
		x.writer = writer;
		if (b.hang) {
			record.note = 'hang';
			return;
		}
		if (b.notChat !== undefined) {
			record.note = 'not a chat answer';
			record.status = 200;
			res.writeHead(200, {'Content-Type': b.contentType ?? 'text/plain; charset=UTF-8', ...b.headers});
			writer.write(b.notChat, false);
			writer.whenIdle(() => res.end());
			return;
		}
		if (b.status !== undefined || (b.code !== undefined && b.errorFrameAfter === undefined)) {
			const code = b.code ?? codeForStatus(b.status!);
			record.note = `error ${code}`;
			sendError(x, code, {status: b.status, message: b.message, headers: b.headers, writer});
			return;
		}
		if (b.refuseWebSearch && webSearchTool(body)) {
			record.note = 'web search refused 1220';
			sendError(x, '1220');
			return;
		}
		const p = plan(b, body);
		if (body.stream === true) respondStream(x, b, p, body, writer);
		else respondJson(x, b, p, body, writer);
	};

	const server = http.createServer((req, res) => {
		handle(req, res).catch((error: unknown) => {
			// A bug here must fail the test that hit it, not hang it.
			console.error('glm test server:', error);
			res.destroy();
		});
	});
	server.on('connection', (socket) => {
		socket.setNoDelay(true);
		sockets.add(socket);
		socket.on('close', () => sockets.delete(socket));
	});
	await new Promise<void>((resolve, reject) => {
		server.once('error', reject);
		server.listen(options.port ?? 0, host, () => resolve());
	});
	const address = server.address();
	const port = typeof address === 'object' && address ? address.port : 0;
	const urlHost = host.includes(':') ? `[${host}]` : host;

	return {
		baseUrl: `http://${urlHost}:${port}${BASE_PATH}`,
		key,
		requests,
		enqueue: (...behaviours) => {
			queue.push(...behaviours);
		},
		setDefault: (b) => {
			fallback = b;
		},
		reset: () => {
			queue = [];
			fallback = {};
			requests.length = 0;
		},
		close: () =>
			new Promise<void>((resolve) => {
				for (const socket of sockets) socket.destroy();
				server.close(() => resolve());
			}),
	};
}

// `npm run bench`: runs the built glm-tui in a 100x30 pseudo-terminal against the test server on 127.0.0.1
// and prints one table (medians of several runs, ratios taken within each run) plus bench.json in the repo
// root. Not a test: it fails only when it cannot measure, never because a figure misses its target.
//
// Environment: GLM_BENCH_RUNS (default 3), GLM_BENCH_NODE_ARGS (extra node flags for the app, e.g.
// "--cpu-prof --cpu-prof-dir=/tmp/prof"), GLM_BENCH_QUICK=1 (one run, shorter answers: for working on this),
// GLM_BENCH_DUMP=dir (each answer's raw terminal output), GLM_BENCH_BIN (another build of the app, e.g. an
// unminified one for readable profiles).
import {timing} from './fs-timing.js';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import http from 'node:http';
import {execFileSync, execFile} from 'node:child_process';
import {fileURLToPath} from 'node:url';
import {startGlmServer, type Behaviour, type GlmServer} from '../support/glm-server.js';
import {openConversationStore} from '../../source/store/conversations.js';
import {openSettings} from '../../source/store/settings.js';
import {parseApiKey, signToken} from '../../source/glm/token.js';
import type {Message} from '../../source/domain/types.js';
import {answerText, seedMessages, typedText} from './content.js';
import {PtyApp, CLK_TCK, cpuMs, now, statusKb, type Hit} from './pty-app.js';
import {mulberry32} from '../support/random.js';
import {microBench} from './micro.js';

// Ink reads CI at import time in the app; the app gets a clean environment below, this is for clarity.
delete process.env['CI'];

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const BIN = process.env['GLM_BENCH_BIN'] ?? path.join(root, 'bin/glm-tui.cjs');
const COLUMNS = 100;
const ROWS = 30;
const QUICK = process.env['GLM_BENCH_QUICK'] === '1';
const RUNS = Math.max(1, Number(process.env['GLM_BENCH_RUNS'] ?? (QUICK ? 1 : 3)) || 3);
const EXTRA_NODE_ARGS = (process.env['GLM_BENCH_NODE_ARGS'] ?? '').split(/\s+/).filter(Boolean);
/** A directory to write each streamed answer's raw terminal output to, for looking at where bytes go. */
const DUMP = process.env['GLM_BENCH_DUMP'];

const SMALL = {name: 'bench-10', count: 10, marker: 'SMALLTAIL7'};
const BIG = {name: 'bench-5000', count: 5000, marker: 'BIGTAIL9'};
const MODEL = 'glm-4.6';
/** The long answer: 2,000 tokens at a steady rate (fast enough to keep the bench short, slow enough to be frame-bound). */
const LONG_TOKENS = QUICK ? 500 : 2000;
const LONG_RATE = 100;
/** The realistic-rate answer for CPU per 1,000 tokens. */
const SLOW_TOKENS = QUICK ? 150 : 500;
const SLOW_RATE = 50;
const FAST_TOKENS = 2000;
/** Extra short answers at the realistic rate, for more samples of the tail latency. */
/**
 * The tail is one event per answer and falls anywhere in the app's read and frame cycle, so one sample says
 * little (a 100 ms cycle spreads it over 0-100 ms): short answers after the long ones give the median enough
 * samples to mean something. Their lengths vary as real answers' do, 10 to 29 tokens: answers of one fixed
 * length end in the same phase of the cycle every time and measure one point of the distribution again and again.
 */
const TAIL_EXTRA = QUICK ? 2 : 10;
const shortAnswerTokens = (() => {
	const random = mulberry32(2026);
	return () => 10 + Math.floor(random() * 20);
})();
/** The bare reader's stream, shorter than the app's: it only gives the floor for the ratio. */
const BARE_TOKENS = QUICK ? 150 : 250;
/** Stop adding runs (keeping at least one) when another would end past this: the bench must stay under 5 minutes. */
const BUDGET_S = 270;
const TYPED = 200;
/** Launches per run that only measure start-up (the 10-message session's own launch is one more). */
const START_ONLY = QUICK ? 1 : 3;
const SAVE_RUNS = 7;

const log = (text: string) => process.stderr.write(`[bench ${((now() - startedAt) / 1000).toFixed(1).padStart(5)}s] ${text}\n`);
const startedAt = now();
const loadBefore = os.loadavg();

// ---- build ------------------------------------------------------------------------------------------

function newestMtime(entry: string): number {
	const stat = fs.statSync(entry, {throwIfNoEntry: false});
	if (!stat) return 0;
	if (!stat.isDirectory()) return stat.mtimeMs;
	let newest = stat.mtimeMs;
	for (const name of fs.readdirSync(entry)) newest = Math.max(newest, newestMtime(path.join(entry, name)));
	return newest;
}

function ensureBuilt(): void {
	const built = fs.statSync(path.join(root, 'dist/app.cjs'), {throwIfNoEntry: false})?.mtimeMs ?? 0;
	const inputs = Math.max(...['source', 'scripts/build.mjs', 'package-lock.json'].map((each) => newestMtime(path.join(root, each))));
	if (built > inputs) {
		log('dist/ is up to date');
		return;
	}
	log(built ? 'dist/ is older than source/: building' : 'no dist/: building');
	execFileSync(process.execPath, [path.join(root, 'scripts/build.mjs')], {cwd: root, stdio: 'inherit'});
}

// ---- homes and the app --------------------------------------------------------------------------------

const tempRoot = fs.mkdtempSync(path.join(os.tmpdir(), 'glm-tui-bench-'));
let homes = 0;

/**
 * Every launch has a home of its own but one code cache (source/launch/code-cache.ts), as a user's every start
 * has after the first; `firstStart` launches get a cache folder of their own, as the first start after an install.
 */
const sharedCodeCache = path.join(tempRoot, 'code-cache');
let firstStarts = 0;

function homeEnv(home: string, firstStart = false): Record<string, string> {
	return {
		HOME: home,
		XDG_CONFIG_HOME: path.join(home, '.config'),
		XDG_DATA_HOME: path.join(home, '.local/share'),
		XDG_CACHE_HOME: firstStart ? path.join(tempRoot, `first-start-${++firstStarts}`) : sharedCodeCache,
	};
}

/** A home with the two conversations (created 10 first, so Alt+1 / Alt+2), opening `open` first. */
function seedHome(open: 'small' | 'big'): {home: string; ids: {small: string; big: string}} {
	const home = path.join(tempRoot, `home-${++homes}`);
	fs.mkdirSync(home, {recursive: true});
	const env = homeEnv(home);
	const store = openConversationStore({env});
	const ids = {small: '', big: ''};
	for (const [key, spec, seed] of [
		['small', SMALL, 1],
		['big', BIG, 2],
	] as const) {
		const conversation = store.create({name: spec.name, model: MODEL});
		conversation.messages = seedMessages(spec.count, seed, MODEL, spec.marker);
		store.save(conversation);
		ids[key] = conversation.id;
	}
	openSettings(env).set('lastConversation', ids[open]);
	return {home, ids};
}

/**
 * The bench's own environment, less what would change the app's behaviour, and NODE_EXTRA_CA_CERTS: Node reads
 * that bundle before any JavaScript runs (~50 ms per process on the machines here, whatever the program), so
 * with it the start-up figures measure the machine's certificates more than glm-tui. Both the app and the
 * `node -e 0` baseline start with this environment: the ratio compares like with like.
 */
function inheritedEnv(): Record<string, string> {
	const env: Record<string, string> = {};
	for (const [key, value] of Object.entries(process.env)) {
		if (
			value !== undefined &&
			!/^(CI|CONTINUOUS_INTEGRATION|HTTPS?_PROXY|NO_PROXY|ALL_PROXY|NODE_OPTIONS|NODE_EXTRA_CA_CERTS)$|^(ZHIPUAI|ZAI)_/i.test(key)
		)
			env[key] = value;
	}
	return env;
}

function appEnv(home: string, server: GlmServer, firstStart = false): Record<string, string> {
	return {
		...inheritedEnv(),
		...homeEnv(home, firstStart),
		TERM: 'xterm-256color',
		LANG: 'C.UTF-8',
		ZHIPUAI_API_KEY: server.key,
		ZHIPUAI_BASE_URL: server.baseUrl,
	};
}

function spawnApp(home: string, server: GlmServer, firstStart = false): PtyApp {
	return new PtyApp({
		file: process.execPath,
		args: [...EXTRA_NODE_ARGS, BIN],
		env: appEnv(home, server, firstStart),
		cwd: home,
		columns: COLUMNS,
		rows: ROWS,
	});
}

const statusHas = (app: PtyApp, text: string) => (screen: string[]) => app.statusLine(screen).includes(text);
const firstFrame = (app: PtyApp, name: string) => (screen: string[]) => {
	const status = app.statusLine(screen);
	return status.includes('F1 help') && status.includes(name);
};

// ---- the server, with the time of each response's first and last byte --------------------------------

interface ResponseTimes {
	/** The request's last byte in (before the server parses and checks it). */
	requestEndAt?: number;
	headAt: number;
	firstWriteAt?: number;
	lastWriteAt?: number;
	endAt?: number;
}

const responses: ResponseTimes[] = [];

function observeResponses(): void {
	const times = new WeakMap<object, ResponseTimes>();
	const proto = http.ServerResponse.prototype as unknown as Record<'writeHead' | 'write' | 'end', (...args: unknown[]) => unknown>;
	const writeHead = proto.writeHead;
	const write = proto.write;
	const end = proto.end;
	// A response's request: the server's 'request' event hands both over.
	const requestEnds = new WeakMap<object, number>();
	const server = http.Server.prototype as unknown as {emit: (event: string, ...args: unknown[]) => boolean};
	const emit = server.emit;
	server.emit = function (this: unknown, event: string, ...args: unknown[]) {
		if (event === 'request') {
			const [request, response] = args as [http.IncomingMessage, object];
			request.once('end', () => requestEnds.set(response, now()));
		}
		return emit.call(this, event, ...args);
	};
	proto.writeHead = function (this: object, ...args: unknown[]) {
		const entry: ResponseTimes = {headAt: now(), requestEndAt: requestEnds.get(this)};
		times.set(this, entry);
		responses.push(entry);
		return writeHead.apply(this, args);
	};
	proto.write = function (this: object, ...args: unknown[]) {
		const entry = times.get(this);
		if (entry) {
			entry.firstWriteAt ??= now();
			entry.lastWriteAt = now();
		}
		return write.apply(this, args);
	};
	// end() sends the chunked-encoding terminator: the response's last byte.
	proto.end = function (this: object, ...args: unknown[]) {
		const entry = times.get(this);
		if (entry) entry.endAt = now();
		return end.apply(this, args);
	};
}

// ---- measurements ---------------------------------------------------------------------------------------

let markers = 0;
const nextMarker = () => `QZ${String(++markers).padStart(4, '0')}END`;

interface StreamResult {
	tokens: number;
	/** Enter to the screen showing the whole answer with the status back to `ready`. */
	totalMs: number;
	bytes: number;
	bytesPerToken: number;
	framesTotal: number;
	/** CPU of the app from Enter to `ready`. */
	cpuMs: number;
	cpuPer1k: number;
	/** Server's last byte to the answer's last token on screen. */
	tailMs: number;
	/** Server's last byte to the status back to `ready`. */
	readyTailMs: number;
	/** Between the first and the last chunk the app wrote while the server was sending. */
	streamFrames: number;
	streamCpuMs: number;
	frameCostMs: number;
	/** Enter to the request's last byte at the server. */
	sendMs: number;
}

async function stream(app: PtyApp, server: GlmServer, behaviour: Behaviour, tokens: number, marker: string): Promise<StreamResult> {
	await app.idle(150);
	server.enqueue(behaviour);
	const limit = (behaviour.tokensPerSecond ? (tokens / behaviour.tokensPerSecond) * 1000 : 0) + 30_000;
	const onScreen = app.waitFor((screen) => screen.some((line) => line.includes(marker)), limit, `answer marker ${marker}`);
	const ready = app.waitFor(
		(screen) => screen.some((line) => line.includes(marker)) && app.statusLine(screen).includes('ready'),
		limit,
		`ready after ${marker}`,
	);
	app.sampling = true;
	const responsesBefore = responses.length;
	const first = app.chunks.length;
	const bytes0 = app.bytes;
	const frames0 = app.frames;
	const cpu0 = cpuMs(app.pid)!;
	app.recording = DUMP !== undefined;
	app.recorded = '';
	const sentAt = now();
	app.write('\r');
	const markerHit = await onScreen;
	const readyHit = await ready;
	app.sampling = false;
	if (DUMP) {
		fs.mkdirSync(DUMP, {recursive: true});
		fs.writeFileSync(path.join(DUMP, `${marker}.out`), app.recorded);
		app.recording = false;
	}
	const response = responses[responsesBefore];
	if (!response?.endAt || response.firstWriteAt === undefined) throw new Error('the server did not answer');
	const end = app.chunks[readyHit.index]!;
	const cpu1 = end.cpu ?? cpuMs(app.pid)!;
	// Frame cost: chunks that arrived while the server was still sending (so neither the save before the
	// request nor the one after the answer is counted), from the first to the last.
	const window = app.chunks
		.slice(first, readyHit.index + 1)
		.filter((c) => c.t > response.firstWriteAt! && c.t <= response.endAt! && c.cpu !== undefined);
	const a = window[0];
	const b = window.at(-1);
	const streamFrames = a && b ? b.frames - a.frames : 0;
	const streamCpuMs = a && b ? b.cpu! - a.cpu! : 0;
	const bytes = end.bytes - bytes0;
	const cpu = cpu1 - cpu0;
	return {
		tokens,
		totalMs: readyHit.t - sentAt,
		bytes,
		bytesPerToken: bytes / tokens,
		framesTotal: end.frames - frames0,
		cpuMs: cpu,
		cpuPer1k: (cpu / tokens) * 1000,
		tailMs: markerHit.t - response.endAt,
		readyTailMs: readyHit.t - response.endAt,
		streamFrames,
		streamCpuMs,
		frameCostMs: streamFrames > 0 ? streamCpuMs / streamFrames : NaN,
		sendMs: (response.requestEndAt ?? response.headAt) - sentAt,
	};
}

/** Tail latencies of TAIL_EXTRA short answers of random length at `rate` tokens/s. */
async function shortAnswerTails(app: PtyApp, server: GlmServer, rate: number): Promise<number[]> {
	const tails: number[] = [];
	for (let index = 0; index < TAIL_EXTRA; index++) {
		app.write(`short ${index}`);
		const marker = nextMarker();
		const tokens = shortAnswerTokens();
		tails.push(
			(await stream(app, server, {reply: answerText(tokens, marker), tokensPerSecond: rate, split: 'whole'}, tokens, marker)).tailMs,
		);
	}
	return tails;
}

async function typeText(app: PtyApp, text: string): Promise<{bytes: number; keys: number; frames: number; ms: number}> {
	await app.idle(150);
	const bytes0 = app.bytes;
	const frames0 = app.frames;
	const t0 = now();
	const keys = [...text];
	for (const key of keys) {
		// One key at a time, the next once the previous one is on screen: every keystroke gets its frame, as
		// when a person types.
		const frame = app.nextFrameEnd(300);
		app.write(key);
		await frame;
	}
	await app.idle(150);
	const tail = keys.slice(-6).join('');
	if (!app.screen().join('').includes(tail)) log(`warning: the typed text's end "${tail}" is not on screen`);
	return {bytes: app.bytes - bytes0, keys: keys.length, frames: app.frames - frames0, ms: now() - t0};
}

async function startUp(app: PtyApp, name: string): Promise<number> {
	const hit = await app.waitFor(firstFrame(app, name), 30_000, `first frame of ${name}`);
	return hit.t - app.spawnedAt;
}

async function nodeBaseline(): Promise<number> {
	const child = new PtyApp({
		file: process.execPath,
		args: ['-e', '0'],
		env: {...inheritedEnv(), TERM: 'xterm-256color'},
		cwd: tempRoot,
		columns: COLUMNS,
		rows: ROWS,
	});
	await child.exited;
	child.term.dispose();
	return child.exitedAt! - child.spawnedAt;
}

/** CPU of a bare node:http client reading the same answer at the same rate (bare-reader.mjs): the floor. */
async function bareReader(server: GlmServer, behaviour: Behaviour, tokens: number): Promise<number> {
	server.enqueue(behaviour);
	const token = signToken(parseApiKey(server.key), Date.now(), 600_000);
	const output = await new Promise<string>((resolve, reject) => {
		execFile(process.execPath, [path.join(root, 'test/bench/bare-reader.mjs'), server.baseUrl, token], (error, stdout) =>
			error ? reject(error) : resolve(stdout),
		);
	});
	const result = JSON.parse(output) as {cpuMs: number; status: number};
	if (result.status !== 200) throw new Error(`the bare reader got HTTP ${result.status}`);
	return (result.cpuMs / tokens) * 1000;
}

async function switchTo(app: PtyApp, key: string, test: (screen: string[]) => boolean, what: string): Promise<number> {
	await app.idle(150);
	const shown = app.waitFor(test, 30_000, what);
	const t0 = now();
	app.write(key);
	const hit: Hit = await shown;
	return hit.t - t0;
}

interface Run {
	nodeMs: number[];
	/** Start-ups with the 10-message conversation: a start-only launch and the small session's. */
	startSmallMs: number[];
	/** The same without a code cache: the first start after an install or an upgrade. */
	startFirstMs: number[];
	/** VmRSS once the start-up frame is drawn and the app is idle, 10 and 5,000 messages. */
	rssStartSmallKb: number;
	rssStartBigKb: number;
	startBigMs: number;
	typing: {bytes: number; keys: number; frames: number; ms: number};
	long10: StreamResult;
	long5000: StreamResult;
	fast10: StreamResult;
	slow10: StreamResult;
	/** CPU per 1,000 tokens of bare-reader.mjs on the slow answer's stream. */
	bare50Per1k: number;
	/** Tail latencies at the realistic rate: the slow answer's and those of short ones after it. */
	tails50: number[];
	/** Tail latencies in the 5,000-message conversation: the long answer's and those of short ones after it. */
	tails5000: number[];
	switchColdMs: number;
	switchWarmMs: number;
	rssBigKb: number;
	rssSmallKb: number;
}

/** The 10-message conversation: start-up, typing, the long, fast and slow answers, then switching to 5,000. */
async function smallSession(server: GlmServer, run: Partial<Run>): Promise<void> {
	const {home} = seedHome('small');
	const app = spawnApp(home, server);
	try {
		run.startSmallMs!.push(await startUp(app, SMALL.name));
		await app.idle(300);
		run.rssStartSmallKb = statusKb(app.pid, 'VmRSS') ?? NaN;
		run.typing = await typeText(app, typedText(TYPED));
		let marker = nextMarker();
		run.long10 = await stream(
			app,
			server,
			{reply: answerText(LONG_TOKENS, marker), tokensPerSecond: LONG_RATE, split: 'whole'},
			LONG_TOKENS,
			marker,
		);
		log(
			`  10 msgs, ${LONG_TOKENS} tokens at ${LONG_RATE}/s: ${run.long10.bytesPerToken.toFixed(1)} B/token, ${run.long10.frameCostMs.toFixed(2)} ms/frame`,
		);

		app.write('fast answer please');
		marker = nextMarker();
		run.fast10 = await stream(app, server, {reply: answerText(FAST_TOKENS, marker), split: 'whole'}, FAST_TOKENS, marker);
		log(
			`  10 msgs, ${FAST_TOKENS} tokens unpaced: ${run.fast10.cpuPer1k.toFixed(0)} ms CPU/1k tokens, ${run.fast10.totalMs.toFixed(0)} ms`,
		);

		app.write('a slower one');
		marker = nextMarker();
		run.slow10 = await stream(
			app,
			server,
			{reply: answerText(SLOW_TOKENS, marker), tokensPerSecond: SLOW_RATE, split: 'whole'},
			SLOW_TOKENS,
			marker,
		);
		log(
			`  10 msgs, ${SLOW_TOKENS} tokens at ${SLOW_RATE}/s: ${run.slow10.cpuPer1k.toFixed(0)} ms CPU/1k tokens, tail ${run.slow10.tailMs.toFixed(0)} ms`,
		);
		run.bare50Per1k = await bareReader(
			server,
			{reply: answerText(BARE_TOKENS, nextMarker()), tokensPerSecond: SLOW_RATE, split: 'whole'},
			BARE_TOKENS,
		);
		log(`  bare node:http reader, ${BARE_TOKENS} tokens at ${SLOW_RATE}/s: ${run.bare50Per1k.toFixed(0)} ms CPU/1k tokens`);
		run.rssSmallKb = statusKb(app.pid, 'VmHWM') ?? NaN;
		run.tails50 = [run.slow10.tailMs, ...(await shortAnswerTails(app, server, SLOW_RATE))];
		log(`  tail latency at ${SLOW_RATE}/s: ${run.tails50.map((ms) => ms.toFixed(0)).join(', ')} ms`);

		const big = (screen: string[]) => screen.some((line) => line.includes(BIG.marker)) && app.statusLine(screen).includes(`2:${BIG.name}`);
		run.switchColdMs = await switchTo(app, '\u001B2', big, 'the 5,000-message conversation');
		await switchTo(app, '\u001B1', statusHas(app, `1:${SMALL.name}`), 'the 10-message conversation');
		run.switchWarmMs = await switchTo(app, '\u001B2', big, 'the 5,000-message conversation again');
		log(`  switch to 5,000 msgs: ${run.switchColdMs.toFixed(0)} ms first, ${run.switchWarmMs.toFixed(0)} ms again`);
	} finally {
		await app.quit();
	}
}

/** The 5,000-message conversation opened at start: start-up, the long answer, peak RSS. */
async function bigSession(server: GlmServer, run: Partial<Run>): Promise<void> {
	const {home} = seedHome('big');
	const app = spawnApp(home, server);
	try {
		run.startBigMs = await startUp(app, BIG.name);
		await app.idle(300);
		run.rssStartBigKb = statusKb(app.pid, 'VmRSS') ?? NaN;
		// The same question typed the same way as in the 10-message session: the frame cost ratio compares
		// conversation sizes, not a process whose drawing code the typing has warmed up with one that is cold.
		await typeText(app, typedText(TYPED));
		const marker = nextMarker();
		run.long5000 = await stream(
			app,
			server,
			{reply: answerText(LONG_TOKENS, marker), tokensPerSecond: LONG_RATE, split: 'whole'},
			LONG_TOKENS,
			marker,
		);
		run.rssBigKb = statusKb(app.pid, 'VmHWM') ?? NaN;
		log(
			`  5,000 msgs, ${LONG_TOKENS} tokens at ${LONG_RATE}/s: ${run.long5000.bytesPerToken.toFixed(1)} B/token, ${run.long5000.frameCostMs.toFixed(2)} ms/frame, RSS ${(run.rssBigKb / 1024).toFixed(0)} MB`,
		);
		run.tails5000 = [run.long5000.tailMs, ...(await shortAnswerTails(app, server, LONG_RATE))];
		log(`  tail latency, 5,000 msgs at ${LONG_RATE}/s: ${run.tails5000.map((ms) => ms.toFixed(0)).join(', ')} ms`);
	} finally {
		await app.quit();
	}
}

/** Start-up alone: launch, first frame, quit. */
async function startOnly(server: GlmServer, firstStart = false): Promise<number> {
	const {home} = seedHome('small');
	const app = spawnApp(home, server, firstStart);
	try {
		const ms = await startUp(app, SMALL.name);
		await app.idle(200);
		return ms;
	} finally {
		await app.quit();
	}
}

/** store.save of a 5,000-message conversation with one more message, and the list() the app runs after it. */
function saveBench(): {saveMs: number[]; listMs: number[]; fsMs: Array<Record<string, number>>; fileBytes: number} {
	const {home, ids} = seedHome('big');
	const store = openConversationStore({env: homeEnv(home)});
	let conversation = store.load(ids.big);
	const saveMs: number[] = [];
	const listMs: number[] = [];
	const fsMs: Array<Record<string, number>> = [];
	for (let index = 0; index < SAVE_RUNS; index++) {
		const message: Message = {
			id: `bench${String(index).padStart(11, '0')}`,
			role: index % 2 === 0 ? 'user' : 'assistant',
			content: typedText(200),
			state: 'complete',
			time: new Date().toISOString(),
		};
		conversation.messages.push(message);
		conversation.updatedAt = new Date().toISOString();
		timing.ms = {};
		timing.on = true;
		const t0 = now();
		conversation = store.save(conversation);
		const t1 = now();
		timing.on = false;
		fsMs.push(timing.ms);
		store.list();
		const t2 = now();
		saveMs.push(t1 - t0);
		listMs.push(t2 - t1);
	}
	const fileBytes = fs.statSync(path.join(store.dir, `${ids.big}.json`)).size;
	return {saveMs, listMs, fsMs, fileBytes};
}

// ---- report ---------------------------------------------------------------------------------------------

function median(values: number[]): number {
	const sorted = values.filter((each) => Number.isFinite(each)).sort((a, b) => a - b);
	if (sorted.length === 0) return NaN;
	const middle = Math.floor(sorted.length / 2);
	return sorted.length % 2 ? sorted[middle]! : (sorted[middle - 1]! + sorted[middle]!) / 2;
}

/** Each value, or for a figure pooled from many samples their spread: the middle half and the extremes. */
function samples(values: number[], digits: number): string {
	if (values.length <= 6) return values.map((value) => format(value, digits)).join(' / ');
	const sorted = values.filter((each) => Number.isFinite(each)).sort((a, b) => a - b);
	const at = (fraction: number) => format(sorted[Math.round(fraction * (sorted.length - 1))]!, digits);
	return `${values.length} samples: ${at(0)} .. [${at(0.25)} .. ${at(0.75)}] .. ${at(1)}`;
}

interface Metric {
	key: string;
	label: string;
	value: number;
	unit: string;
	digits: number;
	runs: number[];
	target?: number;
	stretch?: number;
	how: string;
}

function format(value: number, digits: number): string {
	if (!Number.isFinite(value)) return 'n/a';
	return value.toLocaleString('en-US', {minimumFractionDigits: digits, maximumFractionDigits: digits});
}

async function main(): Promise<void> {
	ensureBuilt();
	observeResponses();
	const server = await startGlmServer({seed: 1});
	const runs: Run[] = [];
	let firstRunAt = now();
	try {
		// Warm-up, not counted: the first launch after a build reads everything from disk.
		await nodeBaseline();
		await startOnly(server);
		for (let index = 0; index < RUNS; index++) {
			const elapsed = (now() - startedAt) / 1000;
			const perRun = index === 0 ? 0 : (now() - firstRunAt) / 1000 / index;
			if (index > 0 && elapsed + perRun > BUDGET_S) {
				log(`stopping after ${index} run(s): another would end past ${BUDGET_S} s`);
				break;
			}
			if (index === 0) firstRunAt = now();
			log(`run ${index + 1} of ${RUNS}`);
			const run: Partial<Run> = {nodeMs: [], startSmallMs: [], startFirstMs: []};
			// Single launches move by 100 ms with the machine's load: several of each, taken in turns.
			for (let launch = 0; launch < START_ONLY; launch++) {
				run.nodeMs!.push(await nodeBaseline());
				run.startSmallMs!.push(await startOnly(server));
				run.startFirstMs!.push(await startOnly(server, true));
			}
			run.nodeMs!.push(await nodeBaseline());
			await smallSession(server, run);
			run.nodeMs!.push(await nodeBaseline());
			await bigSession(server, run);
			log(
				`  start-up: ${run.startSmallMs!.map((ms) => ms.toFixed(0)).join(', ')} ms (10 msgs), first after an install ${run.startFirstMs!.map((ms) => ms.toFixed(0)).join(', ')} ms, ${run.startBigMs!.toFixed(0)} ms (5,000 msgs); node -e 0: ${run.nodeMs!.map((ms) => ms.toFixed(0)).join(', ')} ms`,
			);
			runs.push(run as Run);
		}
	} finally {
		await server.close();
	}
	log('store save');
	const save = saveBench();
	log('pure modules on 1 MB inputs');
	const micro = await microBench();
	const loadAfter = os.loadavg();
	const seconds = (now() - startedAt) / 1000;

	const each = <T>(pick: (run: Run) => T) => runs.map(pick);
	const metric = (
		key: string,
		label: string,
		values: number[],
		unit: string,
		digits: number,
		how: string,
		target?: number,
		stretch?: number,
	): Metric => ({
		key,
		label,
		value: median(values),
		unit,
		digits,
		runs: values,
		how,
		...(target === undefined ? {} : {target}),
		...(stretch === undefined ? {} : {stretch}),
	});
	const metrics: Metric[] = [
		metric(
			'startup.app',
			'start-up, glm-tui (10 msgs)',
			runs.flatMap((r) => r.startSmallMs),
			'ms',
			0,
			'spawn -> first frame with "F1 help" + name',
			undefined,
			300,
		),
		metric(
			'startup.first',
			'start-up, first after an install',
			runs.flatMap((r) => r.startFirstMs),
			'ms',
			0,
			'same, without a code cache',
		),
		metric(
			'startup.app5000',
			'start-up, glm-tui (5,000 msgs)',
			each((r) => r.startBigMs),
			'ms',
			0,
			'same, 5,000-message conversation open',
		),
		metric(
			'startup.node',
			'start-up, node -e 0',
			runs.flatMap((r) => r.nodeMs),
			'ms',
			0,
			'spawn -> exit, same pty and environment as the app, between the launches',
		),
		metric(
			'startup.ratio',
			'start-up ratio',
			each((r) => median(r.startSmallMs) / median(r.nodeMs)),
			'x',
			2,
			'glm-tui / node -e 0, medians within each run',
			6,
		),
		metric(
			'startup.firstRatio',
			'start-up ratio, first after an install',
			each((r) => median(r.startFirstMs) / median(r.nodeMs)),
			'x',
			2,
			'the same without a code cache',
			8,
		),
		metric(
			'bytes.token10',
			`bytes/token, 10 msgs (${LONG_TOKENS} tok @${LONG_RATE}/s)`,
			each((r) => r.long10.bytesPerToken),
			'B',
			1,
			'pty bytes Enter -> ready / tokens',
			60,
			40,
		),
		metric(
			'bytes.token5000',
			`bytes/token, 5,000 msgs (${LONG_TOKENS} tok @${LONG_RATE}/s)`,
			each((r) => r.long5000.bytesPerToken),
			'B',
			1,
			'same',
			60,
			40,
		),
		metric(
			'bytes.tokenRatio',
			'bytes/token ratio 5,000 / 10',
			each((r) => r.long5000.bytesPerToken / r.long10.bytesPerToken),
			'x',
			2,
			'per run',
			1.2,
		),
		metric(
			'bytes.token10slow',
			`bytes/token, 10 msgs (${SLOW_TOKENS} tok @${SLOW_RATE}/s)`,
			each((r) => r.slow10.bytesPerToken),
			'B',
			1,
			'same, realistic rate',
			60,
			40,
		),
		metric(
			'bytes.keystroke',
			`bytes/keystroke (${TYPED} chars)`,
			each((r) => r.typing.bytes / r.typing.keys),
			'B',
			1,
			'pty bytes / keys, each key waits for its frame',
			120,
		),
		metric(
			'frame.cost10',
			'frame cost, 10 msgs',
			each((r) => r.long10.frameCostMs),
			'ms',
			2,
			'CPU (/proc utime+stime) / frames (BSU count) while server sends',
		),
		metric(
			'frame.cost5000',
			'frame cost, 5,000 msgs',
			each((r) => r.long5000.frameCostMs),
			'ms',
			2,
			'same',
		),
		metric(
			'frame.ratio',
			'frame cost ratio 5,000 / 10',
			each((r) => r.long5000.frameCostMs / r.long10.frameCostMs),
			'x',
			2,
			'per run',
			1.3,
		),
		metric(
			'frame.rate10',
			'frames/s while streaming, 10 msgs',
			each((r) => r.long10.framesTotal / (r.long10.totalMs / 1000)),
			'/s',
			1,
			'BSU count / (Enter -> ready)',
		),
		metric(
			'switch.cold',
			'switch to 5,000 msgs (first)',
			each((r) => r.switchColdMs),
			'ms',
			0,
			'Alt+2 -> its last message + name on screen',
			150,
		),
		metric(
			'switch.warm',
			'switch to 5,000 msgs (again)',
			each((r) => r.switchWarmMs),
			'ms',
			0,
			'same, already loaded',
		),
		metric(
			'save.store',
			'save, 5,000 msgs (store.save)',
			save.saveMs.slice(1),
			'ms',
			1,
			`one message more, ${SAVE_RUNS - 1} saves after one warm-up`,
			40,
		),
		metric(
			'save.fsync',
			'  of which fsync',
			save.fsMs.slice(1).map((m) => m['fsyncSync'] ?? 0),
			'ms',
			1,
			'time in fs.fsyncSync during store.save',
		),
		metric(
			'save.write',
			'  of which open/write/close/rename',
			save.fsMs
				.slice(1)
				.map(
					(m) => (m['openSync'] ?? 0) + (m['writeSync'] ?? 0) + (m['writeFileSync'] ?? 0) + (m['closeSync'] ?? 0) + (m['renameSync'] ?? 0),
				),
			'ms',
			1,
			`the file is ${(save.fileBytes / 2 ** 20).toFixed(1)} MB`,
		),
		metric(
			'save.read',
			'  of which read/stat',
			save.fsMs.slice(1).map((m) => (m['readFileSync'] ?? 0) + (m['statSync'] ?? 0)),
			'ms',
			1,
			'reads and stats during store.save',
		),
		metric(
			'save.persist',
			"save + list (the app's persist)",
			save.saveMs.slice(1).map((ms, i) => ms + save.listMs[i + 1]!),
			'ms',
			1,
			'store.save + store.list, as ChatController.persist',
		),
		metric(
			'send.5000',
			'send, 5,000 msgs (Enter -> request in)',
			each((r) => r.long5000.sendMs),
			'ms',
			0,
			"persist + build request + sign + HTTP, to the request's last byte at the server",
		),
		metric(
			'send.first10',
			'first send, 10 msgs (Enter -> request in)',
			each((r) => r.long10.sendMs),
			'ms',
			0,
			"the session's first request (client loaded then)",
		),
		metric(
			'send.10',
			'later sends, 10 msgs (Enter -> request in)',
			runs.flatMap((r) => [r.fast10.sendMs, r.slow10.sendMs]),
			'ms',
			0,
			'second and third request',
		),
		metric(
			'rss.5000',
			'peak RSS, 5,000 msgs open',
			each((r) => r.rssBigKb / 1024),
			'MB',
			0,
			'VmHWM after the long answer',
			150,
		),
		metric(
			'rss.10',
			'peak RSS, 10 msgs',
			each((r) => r.rssSmallKb / 1024),
			'MB',
			0,
			'VmHWM after three answers',
		),
		metric(
			'rss.start5000',
			'RSS after start-up, 5,000 msgs',
			each((r) => r.rssStartBigKb / 1024),
			'MB',
			0,
			'VmRSS, idle after the first frame',
		),
		metric(
			'rss.start10',
			'RSS after start-up, 10 msgs',
			each((r) => r.rssStartSmallKb / 1024),
			'MB',
			0,
			'same',
		),
		metric(
			'tail.10',
			`tail latency, 10 msgs (@${SLOW_RATE}/s)`,
			runs.flatMap((r) => r.tails50),
			'ms',
			0,
			`server last byte -> last token on screen; ${SLOW_TOKENS}-token and 10-29-token answers`,
			50,
		),
		metric(
			'tail.10long',
			`tail latency, 10 msgs (@${LONG_RATE}/s)`,
			each((r) => r.long10.tailMs),
			'ms',
			0,
			'one sample per run, too few for a target: the two rows around it pool more',
		),
		metric(
			'tail.5000',
			`tail latency, 5,000 msgs (@${LONG_RATE}/s)`,
			runs.flatMap((r) => r.tails5000),
			'ms',
			0,
			`${LONG_TOKENS}-token and 10-29-token answers`,
			70,
		),
		metric(
			'tail.fast',
			'tail latency, 10 msgs (unpaced)',
			each((r) => r.fast10.tailMs),
			'ms',
			0,
			'same',
		),
		metric(
			'cpu.fast',
			`CPU/1k tokens, unpaced (${FAST_TOKENS} tok)`,
			each((r) => r.fast10.cpuPer1k),
			'ms',
			0,
			'app utime+stime Enter -> ready, per 1k',
		),
		metric(
			'cpu.slow',
			`CPU/1k tokens @${SLOW_RATE}/s (${SLOW_TOKENS} tok)`,
			each((r) => r.slow10.cpuPer1k),
			'ms',
			0,
			'same',
			600,
			400,
		),
		metric(
			'cpu.bare',
			`  bare node:http reader, same rate`,
			each((r) => r.bare50Per1k),
			'ms',
			0,
			`the floor: a process that only reads an answer (bare-reader.mjs), ${BARE_TOKENS} tokens`,
		),
		metric(
			'cpu.bareRatio',
			`  glm-tui / bare reader`,
			each((r) => r.slow10.cpuPer1k / r.bare50Per1k),
			'x',
			2,
			'per run',
		),
		metric(
			'cpu.long10',
			`CPU/1k tokens @${LONG_RATE}/s, 10 msgs`,
			each((r) => r.long10.cpuPer1k),
			'ms',
			0,
			'same',
		),
		metric(
			'cpu.long5000',
			`CPU/1k tokens @${LONG_RATE}/s, 5,000 msgs`,
			each((r) => r.long5000.cpuPer1k),
			'ms',
			0,
			'same',
		),
		...micro.map((row) => metric(row.key, row.label, row.values, row.unit, row.digits, row.how, row.target)),
	];

	const result = (value: number, limit: number | undefined) =>
		limit === undefined ? '' : !Number.isFinite(value) ? 'n/a' : value <= limit ? 'PASS' : 'MISS';
	const rows = metrics.map((m) => [
		m.label,
		`${format(m.value, m.digits)} ${m.unit}`,
		m.target === undefined ? '' : `<= ${format(m.target, m.unit === 'x' ? 1 : 0)} ${m.unit}`,
		result(m.value, m.target),
		m.stretch === undefined ? '' : `<= ${m.stretch} ${m.unit} ${result(m.value, m.stretch)}`,
		samples(m.runs, m.digits),
		m.how,
	]);
	const header = ['metric', 'median', 'target', 'result', 'stretch', 'values (per run or pooled)', 'how'];
	const widths = header.map((title, column) => Math.max(title.length, ...rows.map((row) => row[column]!.length)));
	const line = (cells: string[]) =>
		cells
			.map((cell, column) => (column === 1 ? cell.padStart(widths[column]!) : cell.padEnd(widths[column]!)))
			.join('  ')
			.trimEnd();
	const git = (...args: string[]) => {
		try {
			return execFileSync('git', args, {cwd: root, encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore']}).trim();
		} catch {
			return '';
		}
	};
	const commit = git('rev-parse', '--short', 'HEAD');
	const dirty = git('status', '--porcelain', '--', 'source').length > 0;
	const cpus = os.cpus();
	const machine = {
		nproc: cpus.length,
		cpu: cpus[0]?.model ?? 'unknown',
		memoryMb: Math.round(os.totalmem() / 2 ** 20),
		node: process.version,
		platform: `${os.platform()} ${os.release()}`,
		clkTck: CLK_TCK,
		loadAverage: {before: loadBefore, after: loadAfter},
	};
	const done = runs.length;
	const out = [
		`glm-tui bench${commit ? ` @${commit}${dirty ? '+changes in source/' : ''}` : ''}: ${COLUMNS}x${ROWS} pty, ${done} run(s), medians; ${machine.nproc} CPUs (${machine.cpu}), node ${machine.node}, load ${loadBefore.map((v) => v.toFixed(2)).join(' ')} -> ${loadAfter.map((v) => v.toFixed(2)).join(' ')}; ${seconds.toFixed(0)} s`,
		'',
		line(header),
		line(widths.map((width) => '-'.repeat(width))),
		...rows.map(line),
		'',
		`CPU: /proc/<pid>/stat utime+stime at ${CLK_TCK} ticks/s, read as each chunk arrives; frames: count of ESC[?2026h (ink wraps every frame).`,
		'Frame cost counts only chunks that arrived while the server was sending (saves before and after excluded).',
		'Bytes: everything the app wrote to the pty from Enter to the frame showing the whole answer with "ready"; nothing subtracted.',
		"Tail: from the test server's end() (the chunked terminator, the last byte) to the chunk that put the answer's last token on screen.",
		'Reference (brief): gemini-cli ~1.7 KB written and ~4 s CPU per 1,000 tokens at 50 tok/s, 1.3 s start.',
	];
	process.stdout.write(`${out.join('\n')}\n`);

	const json = {
		date: new Date().toISOString(),
		commit: commit || null,
		sourceChanged: dirty,
		durationSeconds: Math.round(seconds),
		machine,
		setup: {
			columns: COLUMNS,
			rows: ROWS,
			runs: done,
			longTokens: LONG_TOKENS,
			longRate: LONG_RATE,
			slowTokens: SLOW_TOKENS,
			slowRate: SLOW_RATE,
			fastTokens: FAST_TOKENS,
			typed: TYPED,
			quick: QUICK,
			nodeArgs: EXTRA_NODE_ARGS,
		},
		metrics: Object.fromEntries(
			metrics.map((m) => [
				m.key,
				{
					label: m.label,
					value: Number.isFinite(m.value) ? m.value : null,
					unit: m.unit,
					...(m.target === undefined ? {} : {target: m.target, pass: Number.isFinite(m.value) && m.value <= m.target}),
					...(m.stretch === undefined ? {} : {stretch: m.stretch, stretchPass: Number.isFinite(m.value) && m.value <= m.stretch}),
					runs: m.runs,
					method: m.how,
				},
			]),
		),
		raw: runs,
		save,
	};
	fs.writeFileSync(path.join(root, 'bench.json'), `${JSON.stringify(json, null, '\t')}\n`);
	log(`wrote bench.json (${seconds.toFixed(0)} s)`);
}

try {
	await main();
} finally {
	fs.rmSync(tempRoot, {recursive: true, force: true});
}
process.exit(0);

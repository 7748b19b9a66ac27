// `node --import tsx test/bench/ab-answer.ts`: two builds of the app side by side, for comparing the per-token
// and per-frame cost of a change on a shared, noisy machine. Both run at once in their own pty and home, warmed
// up alike; then, round after round, each streams the same answer in turn (the order swapped every round), so
// both see the same load. Prints, per build, the medians of CPU per 1,000 tokens (every thread's scheduler run
// time, /proc/<pid>/task/*/schedstat), CPU per frame and the tail latency (the server's last byte to the last
// token on screen).
//
// Environment: OLD and NEW (bin/glm-tui.cjs of each build; NEW defaults to this checkout's), ROUNDS (8),
// TOKENS (500), RATE tokens/s (50), COUNT messages in the conversation (10), WARM tokens streamed unpaced first
// (2000), SHORT extra 10-29-token answers per round for more tail samples (0).
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import http from 'node:http';
import {startGlmServer, type GlmServer} from '../support/glm-server.js';
import {openConversationStore} from '../../source/store/conversations.js';
import {openSettings} from '../../source/store/settings.js';
import {answerText, seedMessages} from './content.js';
import {PtyApp, now} from './pty-app.js';
import {mulberry32} from '../support/random.js';

delete process.env['CI'];
const number = (name: string, fallback: number) => Number(process.env[name] ?? fallback);
const rounds = number('ROUNDS', 8);
const tokens = number('TOKENS', 500);
const rate = number('RATE', 50);
const count = number('COUNT', 10);
const warm = number('WARM', 2000);
const shorts = number('SHORT', 0);
const builds = [
	{label: 'old', bin: path.resolve(process.env['OLD'] ?? '/tmp/Q/old/bin/glm-tui.cjs')},
	{label: 'new', bin: path.resolve(process.env['NEW'] ?? 'bin/glm-tui.cjs')},
];

// The server's last byte of each response (end() sends the chunked terminator).
let lastEnd = 0;
const proto = http.ServerResponse.prototype as unknown as {end: (...args: unknown[]) => unknown};
const end = proto.end;
proto.end = function (this: unknown, ...args: unknown[]) {
	lastEnd = now();
	return end.apply(this, args);
};

function threadCpu(pid: number): number {
	let total = 0;
	for (const task of fs.readdirSync(`/proc/${pid}/task`)) {
		try {
			total += Number(fs.readFileSync(`/proc/${pid}/task/${task}/schedstat`, 'utf8').split(' ')[0]) / 1e6;
		} catch {
			// The thread ended.
		}
	}
	return total;
}

function median(values: number[]): number {
	const sorted = [...values].sort((a, b) => a - b);
	const middle = Math.floor(sorted.length / 2);
	return sorted.length % 2 ? sorted[middle]! : (sorted[middle - 1]! + sorted[middle]!) / 2;
}

const server: GlmServer = await startGlmServer({seed: 1});
const homes: string[] = [];
const apps = builds.map(({bin}) => {
	const home = fs.mkdtempSync(path.join(os.tmpdir(), 'glm-tui-ab-'));
	homes.push(home);
	const env = {HOME: home, XDG_CONFIG_HOME: path.join(home, '.config'), XDG_DATA_HOME: path.join(home, '.local/share')};
	const store = openConversationStore({env});
	const conversation = store.create({name: 'ab', model: 'glm-4.6'});
	conversation.messages = seedMessages(count, 1, 'glm-4.6', 'SEEDEND');
	store.save(conversation);
	openSettings(env).set('lastConversation', conversation.id);
	return new PtyApp({
		file: process.execPath,
		args: [...(process.env['NODE_ARGS'] ?? '').split(/\s+/).filter(Boolean), bin],
		env: {
			...(process.env as Record<string, string>),
			...env,
			TERM: 'xterm-256color',
			LANG: 'C.UTF-8',
			ZHIPUAI_API_KEY: server.key,
			ZHIPUAI_BASE_URL: server.baseUrl,
		},
		cwd: home,
		columns: 100,
		rows: 30,
	});
});

let markers = 0;
async function answer(app: PtyApp, size: number, perSecond: number | undefined) {
	const marker = `AB${String(++markers).padStart(4, '0')}END`;
	app.write(`question ${markers}`);
	await app.idle(300);
	server.enqueue({reply: answerText(size, marker), ...(perSecond ? {tokensPerSecond: perSecond} : {}), split: 'whole'});
	const onScreen = app.waitFor((screen) => screen.some((line) => line.includes(marker)), 120_000, marker);
	const ready = app.waitFor(
		(screen) => screen.some((line) => line.includes(marker)) && app.statusLine(screen).includes('ready'),
		120_000,
		`${marker} ready`,
	);
	const cpu0 = threadCpu(app.pid);
	const frames0 = app.frames;
	const bytes0 = app.bytes;
	app.write('\r');
	const hit = await onScreen;
	await ready;
	const tail = hit.t - lastEnd;
	const cpu = threadCpu(app.pid) - cpu0;
	return {
		cpuPer1k: (cpu / size) * 1000,
		perFrame: cpu / (app.frames - frames0),
		frames: app.frames - frames0,
		tail,
		bytes: app.bytes - bytes0,
	};
}

const results = builds.map(() => ({cpuPer1k: [] as number[], perFrame: [] as number[], tails: [] as number[], frames: [] as number[]}));
const shortSize = (() => {
	const random = mulberry32(2026);
	return () => 10 + Math.floor(random() * 20);
})();
try {
	for (const app of apps) await app.waitFor((screen) => app.statusLine(screen).includes('F1 help'), 20_000, 'the first frame');
	for (const app of apps) if (warm > 0) await answer(app, warm, undefined);
	for (const app of apps) await answer(app, 300, 100);
	for (let round = 0; round < rounds; round++) {
		const order = round % 2 === 0 ? [0, 1] : [1, 0];
		const line: string[] = [];
		for (const index of order) {
			const result = await answer(apps[index]!, tokens, rate);
			const into = results[index]!;
			into.cpuPer1k.push(result.cpuPer1k);
			into.perFrame.push(result.perFrame);
			into.tails.push(result.tail);
			into.frames.push(result.frames);
			for (let extra = 0; extra < shorts; extra++) into.tails.push((await answer(apps[index]!, shortSize(), rate)).tail);
			line.push(
				`${builds[index]!.label} ${result.cpuPer1k.toFixed(0)} ms/1k ${result.perFrame.toFixed(2)} ms/frame tail ${result.tail.toFixed(0)}`,
			);
		}
		console.log(`round ${round + 1}: ${line.join(' | ')}`);
	}
	for (const [index, {label}] of builds.entries()) {
		const r = results[index]!;
		console.log(
			`${label}: CPU/1k ${median(r.cpuPer1k).toFixed(0)} ms (n=${r.cpuPer1k.length}), ${median(r.perFrame).toFixed(2)} ms/frame, ` +
				`${median(r.frames).toFixed(0)} frames, tail ${median(r.tails).toFixed(0)} ms (n=${r.tails.length})`,
		);
	}
} finally {
	for (const app of apps) await app.quit(2000);
	await server.close();
	for (const home of homes) fs.rmSync(home, {recursive: true, force: true});
}
process.exit(0);

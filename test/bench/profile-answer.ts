// `node --import tsx test/bench/profile-answer.ts`: one answer streamed into the built app, measured the
// precise way, for working on CPU per token. The bench's CPU figures come from /proc utime+stime (clock
// ticks, noisy over a few seconds); this reads every thread's scheduler run time (/proc/<pid>/task/*/schedstat,
// nanoseconds) and prints it per thread, so the main thread's share and V8's background threads' show apart.
//
// Environment: TOKENS (500), RATE tokens/s (50), WARM tokens streamed first at 100/s so the app is warmed
// up as in the bench (1000), COUNT messages in the conversation (10), NODE_ARGS for the app (e.g.
// "--cpu-prof --cpu-prof-dir=/tmp/prof"; the script prints when the measured answer starts, to cut the
// profile there), BIN (another build of the app).
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import {startGlmServer} from '../support/glm-server.js';
import {openConversationStore} from '../../source/store/conversations.js';
import {openSettings} from '../../source/store/settings.js';
import {answerText, seedMessages} from './content.js';
import {PtyApp, now} from './pty-app.js';

const number = (name: string, fallback: number) => Number(process.env[name] ?? fallback);
const tokens = number('TOKENS', 500);
const rate = number('RATE', 50);
const warm = number('WARM', 1000);

const home = fs.mkdtempSync(path.join(os.tmpdir(), 'glm-tui-profile-'));
const env = {HOME: home, XDG_CONFIG_HOME: path.join(home, '.config'), XDG_DATA_HOME: path.join(home, '.local/share')};
const store = openConversationStore({env});
const conversation = store.create({name: 'profile', model: 'glm-4.6'});
conversation.messages = seedMessages(number('COUNT', 10), 1, 'glm-4.6', 'SEEDEND');
store.save(conversation);
openSettings(env).set('lastConversation', conversation.id);

/** Nanosecond-precise CPU of each thread of `pid`, in ms. */
function threadCpu(pid: number): Map<string, number> {
	const result = new Map<string, number>();
	for (const task of fs.readdirSync(`/proc/${pid}/task`)) {
		try {
			const name = fs.readFileSync(`/proc/${pid}/task/${task}/comm`, 'utf8').trim();
			const ns = Number(fs.readFileSync(`/proc/${pid}/task/${task}/schedstat`, 'utf8').split(' ')[0]);
			result.set(`${task} ${task === String(pid) ? 'main' : name}`, ns / 1e6);
		} catch {
			// The thread ended.
		}
	}
	return result;
}

/** Times the main thread went to sleep and was woken: on a VM, each wake-up costs more than a token's work. */
function wakeUps(pid: number): number {
	const status = fs.readFileSync(`/proc/${pid}/task/${pid}/status`, 'utf8');
	return Number(/^voluntary_ctxt_switches:\s+(\d+)/m.exec(status)?.[1] ?? 0);
}

const server = await startGlmServer({seed: 1});
const app = new PtyApp({
	file: process.execPath,
	args: [...(process.env['NODE_ARGS'] ?? '').split(/\s+/).filter(Boolean), process.env['BIN'] ?? 'bin/glm-tui.cjs'],
	env: {
		...(process.env as Record<string, string>),
		...env,
		TERM: 'xterm-256color',
		LANG: 'C.UTF-8',
		ZHIPUAI_API_KEY: server.key,
		ZHIPUAI_BASE_URL: server.baseUrl,
	},
	cwd: process.cwd(),
	columns: 100,
	rows: 30,
});
try {
	await app.waitFor((screen) => app.statusLine(screen).includes('F1 help'), 15_000, 'the first frame');
	const answer = async (marker: string, count: number, perSecond: number) => {
		// Not the marker itself: the composer would show it and match at once.
		app.write(`question ${marker.length}`);
		await app.idle(300);
		server.enqueue({reply: answerText(count, marker), tokensPerSecond: perSecond, split: 'whole'});
		app.write('\r');
		await app.waitFor(
			(screen) => screen.some((line) => line.includes(marker)) && app.statusLine(screen).includes('ready'),
			120_000,
			marker,
		);
	};
	if (warm > 0) await answer('WARMEND', warm, 100);
	await app.idle(500);
	console.log(`measured answer starts ${(now() - app.spawnedAt).toFixed(0)} ms after launch`);
	const before = threadCpu(app.pid);
	const sleepsBefore = wakeUps(app.pid);
	const bytes = app.bytes;
	const frames = app.frames;
	await answer('MEASUREDEND', tokens, rate);
	const after = threadCpu(app.pid);
	const sleeps = wakeUps(app.pid) - sleepsBefore;
	let total = 0;
	for (const [thread, ms] of after) {
		const used = ms - (before.get(thread) ?? 0);
		total += used;
		if (used >= 1) console.log(`  ${thread.padEnd(22)} ${used.toFixed(0).padStart(5)} ms`);
	}
	console.log(
		`${tokens} tokens at ${rate}/s: ${total.toFixed(0)} ms CPU = ${((total / tokens) * 1000).toFixed(0)} ms per 1,000 tokens; ` +
			`${((app.bytes - bytes) / tokens).toFixed(1)} B/token; ${app.frames - frames} frames; ${sleeps} main-thread wake-ups`,
	);
} finally {
	await app.quit(2000);
	await server.close();
	fs.rmSync(home, {recursive: true, force: true});
}

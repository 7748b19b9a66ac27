// Shared plumbing for the screen tests in test/screen/: one GLM test server and one app per test, both torn
// down after it; reading what the app left on disk; seeding conversations before it starts; and reading the
// layout of the chat screen (status line, composer, separator) from the visible rows.
import fs from 'node:fs';
import path from 'node:path';
import {afterEach} from 'vitest';
import type {Conversation, Message} from '../../source/domain/types.js';
import {openConversationStore} from '../../source/store/conversations.js';
import {startGlmServer, type GlmServer} from './glm-server.js';
import {startApp, tempHome, xdgEnv, type AppTerminal, type StartOptions} from './terminal.js';

export const ESC = '\u001B';
export const keys = {
	enter: '\r',
	esc: ESC,
	ctrlC: '\u0003',
	ctrlD: '\u0004',
	ctrlG: '\u0007',
	ctrlJ: '\n',
	ctrlL: '\u000C',
	ctrlR: '\u0012',
	ctrlU: '\u0015',
	ctrlY: '\u0019',
	backspace: '\u007F',
	up: `${ESC}[A`,
	down: `${ESC}[B`,
	right: `${ESC}[C`,
	left: `${ESC}[D`,
	shiftUp: `${ESC}[1;2A`,
	shiftDown: `${ESC}[1;2B`,
	pageUp: `${ESC}[5~`,
	pageDown: `${ESC}[6~`,
	home: `${ESC}[H`,
	end: `${ESC}[F`,
	f1: `${ESC}OP`,
	pasteStart: `${ESC}[200~`,
	pasteEnd: `${ESC}[201~`,
} as const;

export interface Session {
	server: GlmServer;
	app: AppTerminal;
	home: string;
	env: Record<string, string>;
}

export interface Harness {
	server(): Promise<GlmServer>;
	/** Starts the app; `server` adds ZHIPUAI_BASE_URL (and the key unless `withKey` is false). */
	app(options?: StartOptions & {server?: GlmServer; withKey?: boolean}): Promise<AppTerminal>;
	/** Server + app with an env key, waiting for the chat to be ready. */
	chat(options?: StartOptions & {ready?: string | RegExp}): Promise<Session>;
	home(): string;
}

/** Registers an afterEach that kills every app and closes every server the test started. */
export function useHarness(): Harness {
	const apps: AppTerminal[] = [];
	const servers: GlmServer[] = [];
	const homes: string[] = [];

	afterEach(async () => {
		const running = apps.splice(0);
		for (const app of running) app.kill('SIGKILL');
		await Promise.all(running.map((app) => Promise.race([app.exited, delay(2_000)])));
		await Promise.all(servers.splice(0).map((server) => server.close()));
		for (const home of homes.splice(0)) fs.rmSync(home, {recursive: true, force: true});
	});

	const harness: Harness = {
		async server() {
			const server = await startGlmServer();
			servers.push(server);
			return server;
		},
		home() {
			const home = tempHome();
			homes.push(home);
			return home;
		},
		async app(options = {}) {
			const {server, withKey = true, ...rest} = options;
			const home = rest.home ?? harness.home();
			const env: Record<string, string | undefined> = {...rest.env};
			if (server) {
				env['ZHIPUAI_BASE_URL'] ??= server.baseUrl;
				if (withKey) env['ZHIPUAI_API_KEY'] ??= server.key;
			}
			const app = await startApp({...rest, home, env});
			apps.push(app);
			return app;
		},
		async chat(options = {}) {
			const server = await harness.server();
			const home = options.home ?? harness.home();
			const app = await harness.app({...options, home, server});
			await app.waitFor(options.ready ?? /ready/, 15_000);
			await app.inputReady();
			return {server, app, home, env: {...xdgEnv(home), ZHIPUAI_BASE_URL: server.baseUrl, ZHIPUAI_API_KEY: server.key}};
		},
	};
	return harness;
}

/** Waits until the app has written nothing for `quietMs` and the terminal has taken it all in. */
export async function untilQuiet(app: AppTerminal, quietMs = 400): Promise<void> {
	let bytes = app.bytes();
	for (;;) {
		await app.settle(quietMs);
		if (app.bytes() === bytes) return;
		bytes = app.bytes();
	}
}

export function delay(ms: number): Promise<void> {
	return new Promise((resolve) => setTimeout(resolve, ms));
}

/** Polls `check` until it returns something truthy (for files and server records, not the screen). */
export async function until<T>(check: () => T | undefined | false | null, what: string, timeoutMs = 8_000): Promise<T> {
	const deadline = Date.now() + timeoutMs;
	for (;;) {
		let value: T | undefined | false | null;
		try {
			value = check();
		} catch {
			value = undefined;
		}
		if (value) return value;
		if (Date.now() > deadline) throw new Error(`Timed out waiting for ${what}`);
		await delay(25);
	}
}

// ---- files ------------------------------------------------------------------------------------------

export function configDir(home: string): string {
	return path.join(home, '.config', 'glm-tui');
}

export function conversationsDir(home: string): string {
	return path.join(home, '.local', 'share', 'glm-tui', 'conversations');
}

/**
 * Every conversation file as stored (corrupt copies and temporary files left out), with the answers saved
 * beside it while they stream (`<id>.live.json`) in place of the file's copies.
 */
export function readConversations(home: string): Conversation[] {
	const dir = conversationsDir(home);
	if (!fs.existsSync(dir)) return [];
	const read = <T>(name: string): T | undefined => {
		try {
			return JSON.parse(fs.readFileSync(path.join(dir, name), 'utf8')) as T;
		} catch {
			// Caught mid-write by a poll, or gone: the next poll reads it whole.
			return undefined;
		}
	};
	return fs
		.readdirSync(dir)
		.filter((name) => /^[a-z0-9][a-z0-9_-]*\.json$/.test(name))
		.flatMap((name) => {
			const conversation = read<Conversation>(name);
			if (!conversation) return [];
			const live = read<{createdAt: string; messages: Message[]}>(name.replace(/\.json$/, '.live.json'));
			for (const answer of live?.createdAt === conversation.createdAt ? live.messages : []) {
				const index = conversation.messages.findIndex((each) => each.id === answer.id);
				if (index < 0) conversation.messages.push(answer);
				else if (conversation.messages[index]!.state === 'streaming') conversation.messages[index] = answer;
			}
			return [conversation];
		});
}

/** All messages of all stored conversations, in file order. */
export function storedMessages(home: string): Message[] {
	return readConversations(home).flatMap((conversation) => conversation.messages ?? []);
}

/** Every file under `dir` whose content contains `needle`. */
export function filesContaining(dir: string, needle: string): string[] {
	const found: string[] = [];
	const walk = (at: string) => {
		for (const entry of fs.readdirSync(at, {withFileTypes: true})) {
			const full = path.join(at, entry.name);
			if (entry.isDirectory()) walk(full);
			else if (entry.isFile() && fs.readFileSync(full).includes(needle)) found.push(full);
		}
	};
	if (fs.existsSync(dir)) walk(dir);
	return found;
}

/**
 * Seeds a conversation of `count` messages (alternating question / answer) before the app starts, through
 * the store the app itself uses.
 */
export function seedConversation(
	home: string,
	options: {name?: string; count: number; model?: string; text?: (index: number) => string},
): Conversation {
	const store = openConversationStore({env: xdgEnv(home)});
	const conversation = store.create({name: options.name ?? 'seeded', model: options.model ?? 'glm-4.6'});
	const start = Date.parse('2025-01-01T00:00:00Z');
	const text = options.text ?? ((index: number) => (index % 2 === 0 ? `question ${index}` : `answer ${index}: 这是第 ${index} 条回答。`));
	conversation.messages = Array.from({length: options.count}, (_, index): Message => ({
		id: `seed${String(index).padStart(8, '0')}`,
		role: index % 2 === 0 ? 'user' : 'assistant',
		content: text(index),
		state: 'complete',
		time: new Date(start + index * 1000).toISOString(),
	}));
	return store.save(conversation);
}

// ---- layout -------------------------------------------------------------------------------------------

/**
 * The chat screen's rows from the bottom: the root is one row shorter than the terminal, so the last
 * terminal row stays empty and the status line is the row above it. Returns its index, or -1.
 */
export function statusRowIndex(screen: string[]): number {
	for (let row = screen.length - 1; row >= 0; row--)
		if (/F1 help|F1 帮助|ready|就绪|streaming|输出中|waiting|等待中|retry \d|次重试/.test(screen[row]!)) return row;
	return -1;
}

export function statusLine(screen: string[]): string {
	return screen[statusRowIndex(screen)] ?? '';
}

/** Index of the composer's first row (the one starting with the prompt), or -1. */
export function composerRowIndex(screen: string[]): number {
	for (let row = screen.length - 1; row >= 0; row--) if (screen[row]!.startsWith('› ')) return row;
	return -1;
}

/** The layout every chat frame must have; returns the problems found (empty when all is well). */
export function chatLayoutProblems(screen: string[], columns: number): string[] {
	const problems: string[] = [];
	const rows = screen.length;
	if (screen[rows - 1] !== '')
		problems.push(`the last row should be empty (root is one row shorter), got ${JSON.stringify(screen[rows - 1])}`);
	const status = statusRowIndex(screen);
	if (status !== rows - 2) problems.push(`status line should be row ${rows - 2}, found at ${status}`);
	if (composerRowIndex(screen) === -1) problems.push('no composer prompt "› " visible');
	const separators = screen.filter((line) => /^─+$/.test(line));
	if (rows - 1 >= 6) {
		if (separators.length !== 1) problems.push(`expected exactly one separator row, found ${separators.length}`);
		else if (separators[0]!.length !== columns) problems.push(`separator is ${separators[0]!.length} cells wide, terminal has ${columns}`);
	}
	if (screen.filter((line) => /F1 help|F1 帮助/.test(line)).length > 1) problems.push('status line appears more than once');
	return problems;
}

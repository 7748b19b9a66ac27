// Key fuzzing of the real binary: seeded random keys, escape sequences (known and not), pastes, wheel reports and
// resizes, some in one read, some spaced out, while answers stream. Afterwards the app is alive, drew no error, the
// screen is exactly what a repaint draws, every question GLM received is on disk (or in the trash, for a deleted
// conversation), and it quits cleanly. The seed is in the test's name: GLM_TEST_SEED=<seed> replays it.
import fs from 'node:fs';
import path from 'node:path';
import {describe, expect, it} from 'vitest';
import {mulberry32} from '../support/random.js';
import {styledRows, screenDifference} from '../support/cells.js';
import type {AppTerminal} from '../support/terminal.js';
import {ESC, delay, keys, readConversations, statusLine, useHarness, untilQuiet} from '../support/screen-kit.js';

const h = useHarness();

// No brackets: one in a question can only be the rest of an escape sequence typed as text.
const letters = [...'abcdefghijklmnopqrstuvwxyz0123456789 .,:-_', ...'中文问题分区满了汉字', '😀', 'é', '👍🏽', '⚠️', '❤️'];
// Ctrl+C, Ctrl+D (quit), Ctrl+Z (suspend) and Ctrl+\ (SIGQUIT) are left out: they end or stop the process.
const controls = [...'abefghijklnoprtuvwxy'].map((letter) => String.fromCharCode(letter.charCodeAt(0) - 96));
const sequences = [
	keys.enter,
	keys.enter,
	keys.ctrlJ,
	keys.backspace,
	keys.esc,
	'\t',
	`${ESC}[Z`,
	keys.up,
	keys.down,
	`${ESC}[C`,
	`${ESC}[D`,
	keys.shiftUp,
	keys.shiftDown,
	keys.pageUp,
	keys.pageDown,
	keys.home,
	keys.end,
	`${ESC}[3~`,
	keys.f1,
	`${ESC}OQ`,
	`${ESC}[15~`,
	`${ESC}[24~`,
	`${ESC}[1;5C`,
	`${ESC}[1;3D`,
	`${ESC}p`,
	`${ESC}n`,
	`${ESC}\r`,
	`${ESC}[<64;10;5M`,
	`${ESC}[<65;10;5M`,
	`${ESC}[99~`,
	`${ESC}[?1;2c`,
	`${ESC}]11;rgb:0000/0000/0000${ESC}\\`,
	`${ESC}[I`,
	`${ESC}[O`,
];

function pick<T>(random: () => number, items: readonly T[]): T {
	return items[Math.floor(random() * items.length)]!;
}

function randomKey(random: () => number): string {
	const roll = random();
	if (roll < 0.55) return pick(random, letters);
	if (roll < 0.65) return pick(random, controls);
	if (roll < 0.97) return pick(random, sequences);
	const text = Array.from({length: 1 + Math.floor(random() * 300)}, () => (random() < 0.05 ? '\n' : pick(random, letters))).join('');
	return `${keys.pasteStart}${text}${keys.pasteEnd}`;
}

const quiet = (app: AppTerminal, quietMs = 500): Promise<void> => untilQuiet(app, quietMs);

/** The last user message of every chat request GLM received. */
function questionsSent(requests: Array<{path: string; body: any}>): string[] {
	return requests
		.filter((request) => request.path.endsWith('/chat/completions') && Array.isArray(request.body?.messages))
		.map((request) => [...request.body.messages].reverse().find((each: {role: string}) => each.role === 'user')?.content as string)
		.filter((content) => typeof content === 'string');
}

function trashedText(home: string): string {
	const dir = path.join(home, '.local', 'share', 'glm-tui', 'trash');
	if (!fs.existsSync(dir)) return '';
	return fs
		.readdirSync(dir)
		.map((name) => fs.readFileSync(path.join(dir, name), 'utf8'))
		.join('\n');
}

describe('key fuzzing', () => {
	const seeds = process.env['GLM_TEST_SEED'] ? [Number(process.env['GLM_TEST_SEED'])] : [Math.floor(Math.random() * 2 ** 31)];
	for (const seed of seeds) {
		it(`random keys, pastes, wheel and resizes: alive, no error drawn, repaint-exact, nothing sent is lost (seed ${seed})`, async () => {
			const random = mulberry32(seed);
			const {server, app, home} = await h.chat();
			server.setDefault({tokensPerSecond: 400});
			const log: string[] = [];
			for (let step = 0; step < 400; step++) {
				if (random() < 0.03) {
					const columns = 20 + Math.floor(random() * 100);
					const rows = 6 + Math.floor(random() * 34);
					log.push(`${columns}x${rows}`);
					app.resizeNow(columns, rows);
				} else {
					// Sometimes several keys in one read, as over a slow link.
					const count = random() < 0.2 ? 2 + Math.floor(random() * 5) : 1;
					app.write(Array.from({length: count}, () => randomKey(random)).join(''));
				}
				if (random() < 0.3) await delay(Math.floor(random() * 40));
			}
			const where = `seed ${seed}, sizes ${log.join(' -> ')}`;
			// Back to the chat screen from any dialog, and wait for answers in flight to end.
			for (let press = 0; press < 3; press++) {
				app.write(keys.esc);
				await delay(150);
			}
			await app.waitFor((screen) => /\bready\b/.test(statusLine(screen.split('\n'))), 15_000);
			await quiet(app);

			expect(app.output(), where).not.toMatch(/TypeError|ReferenceError|RangeError|SyntaxError|Unhandled|\bat [\w.<>]+ \(/);
			const shown = {rows: styledRows(app.term), cursor: app.cursor()};
			app.write(keys.ctrlL);
			await quiet(app);
			const repainted = {rows: styledRows(app.term), cursor: app.cursor()};
			expect(shown.rows, `${where}\n${screenDifference(shown.rows, repainted.rows)}`).toEqual(repainted.rows);
			expect(shown.cursor, where).toEqual(repainted.cursor);

			// Every question that went out is kept: in a conversation, or in the trash when one was deleted.
			const kept = readConversations(home).flatMap((conversation) => [
				...conversation.messages.map((message) => message.content),
				JSON.stringify(conversation),
			]);
			const trash = trashedText(home);
			for (const question of questionsSent(server.requests)) {
				expect(question, `${where}: an escape sequence was typed as text`).not.toMatch(/[[\]\u001B]/);
				const found =
					kept.some((text) => text === question || text.includes(JSON.stringify(question).slice(1, -1))) ||
					trash.includes(JSON.stringify(question).slice(1, -1));
				expect(found, `${where}: question not on disk: ${JSON.stringify(question).slice(0, 200)}`).toBe(true);
			}

			// Quits cleanly: Ctrl+C clears the input, then quits.
			app.write(keys.ctrlC);
			await delay(200);
			app.write(keys.ctrlC);
			expect(await Promise.race([app.exited, delay(8_000).then(() => 'still running')]), where).toBe(0);
		}, 90_000);
	}
});

// Conversations as a person uses them: create, switch with every key, rename, delete, background streams,
// per-conversation settings and drafts, restarts, hostile names, corrupt files, two processes on one file,
// the context cut and /export. Each test asserts what the screen shows and what is on disk.
import fs from 'node:fs';
import path from 'node:path';
import {describe, expect, it} from 'vitest';
import type {Conversation, Message} from '../../source/domain/types.js';
import {openConversationStore} from '../../source/store/conversations.js';
import type {AppTerminal} from '../support/terminal.js';
import {xdgEnv} from '../support/terminal.js';
import type {GlmServer} from '../support/glm-server.js';
import {ESC, chatLayoutProblems, conversationsDir, keys, readConversations, statusLine, until, useHarness} from '../support/screen-kit.js';

const h = useHarness();

const key = {
	ctrlN: '\u000E',
	ctrlO: '\u000F',
	ctrlR: '\u0012',
	ctrlU: '\u0015',
	ctrlX: '\u0018',
	altLeft: `${ESC}[1;3D`,
	altRight: `${ESC}[1;3C`,
	ctrlPgUp: `${ESC}[5;5~`,
	ctrlPgDn: `${ESC}[6;5~`,
	alt: (n: number) => `${ESC}${n}`,
};

const CJK_NAME = '论文润色 ✍';

const status = (s: string | string[]) => statusLine(Array.isArray(s) ? s : s.split('\n'));
const ready = (s: string) => /\bready\b/.test(status(s));
/** The chat screen (not a dialog: the status line shows under those too) is up, not in a dialog. */
const inChat = (s: string) => s.split('\n').some((line) => /^─+$/.test(line));
/** The chat screen of conversation `position` named `name`, idle. */
const at = (position: number, name: string) => (s: string) => inChat(s) && status(s).includes(` ${position}:${name} `) && ready(s);

/** Rows above the separator: what the transcript shows. */
function transcript(screen: string): string {
	const rows = screen.split('\n');
	const separator = rows.findIndex((line) => /^─+$/.test(line));
	return rows.slice(0, separator === -1 ? rows.length : separator).join('\n');
}

function dataDir(home: string): string {
	return path.join(home, '.local', 'share', 'glm-tui');
}

function fileOf(home: string, id: string): string {
	return path.join(conversationsDir(home), `${id}.json`);
}

function readFile(home: string, id: string): Conversation {
	return JSON.parse(fs.readFileSync(fileOf(home, id), 'utf8')) as Conversation;
}

function byName(home: string, name: string): Conversation | undefined {
	return readConversations(home).find((each) => each.name === name);
}

function mode(file: string): number {
	return fs.statSync(file).mode & 0o777;
}

/** Every regular file under `dir`, as paths relative to it. */
function allFiles(dir: string): string[] {
	const found: string[] = [];
	const walk = (at: string) => {
		for (const entry of fs.readdirSync(at, {withFileTypes: true})) {
			const full = path.join(at, entry.name);
			if (entry.isDirectory()) walk(full);
			else found.push(path.relative(dir, full));
		}
	};
	if (fs.existsSync(dir)) walk(dir);
	return found.sort();
}

interface Seed {
	name: string;
	/** Alternating question, answer. */
	messages: string[];
	model?: string;
}

/**
 * Seeds conversations before the app starts, through the store the app uses, in the given order (creation
 * times one day apart, so positions 1, 2, 3 are deterministic).
 */
function seed(home: string, seeds: Seed[]): Conversation[] {
	const store = openConversationStore({env: xdgEnv(home)});
	return seeds.map((spec, n) => {
		const conversation = store.create({name: spec.name, model: spec.model ?? 'glm-4.6'});
		const day = Date.UTC(2025, 0, 1) + n * 86_400_000;
		conversation.createdAt = new Date(day).toISOString();
		conversation.messages = spec.messages.map((content, index): Message => ({
			id: `s${n}m${String(index).padStart(6, '0')}`,
			role: index % 2 === 0 ? 'user' : 'assistant',
			content,
			state: 'complete',
			time: new Date(day + index * 1000).toISOString(),
		}));
		return store.save(conversation);
	});
}

const THREE: Seed[] = [
	{name: CJK_NAME, messages: ['请润色摘要 polish-request', '润色后的摘要 polished-abstract']},
	{name: 'deploy-notes', messages: ['how do I roll back helm', 'helm rollback release-name 3']},
	{name: 'chat 3', messages: ['what eats zebra grass', 'lions eat zebras, zebras eat grass']},
];

/**
 * Presses a key once the frame on screen has settled, as a person does: these tests are about what each key
 * does. Keys that arrive together in one read are covered by the "keys arriving in one read" tests.
 */
async function press(app: AppTerminal, sequence: string): Promise<void> {
	await app.settle(40);
	app.write(sequence);
}

/** Starts the app on `home` and waits until the screen satisfies `shows`. */
async function chatShowing(home: string, shows: (s: string) => boolean, columns = 100, rows = 30) {
	const session = await h.chat({home, ready: /F1 help/, columns, rows});
	await session.app.waitFor(shows, 15_000);
	return session;
}

/** Types `text` and presses Enter, waiting for the echo first so the Enter cannot overtake it. */
async function enter(app: AppTerminal, text: string): Promise<void> {
	await app.type(text);
	await app.waitFor((s) => s.includes(text.slice(-12)));
	await press(app, keys.enter);
}

/** Sends `text`, expecting `reply`, and waits until the answer is shown and the app is idle. */
async function ask(app: AppTerminal, server: GlmServer, text: string, reply: string): Promise<void> {
	server.enqueue({reply});
	await app.type(text);
	await press(app, keys.enter);
	await app.waitFor((s) => ready(s) && transcript(s).includes(reply), 10_000);
}

/** Ctrl+N, then either accepts the offered name or types `name` (which replaces the offer). */
async function newConversation(app: AppTerminal, name?: string): Promise<void> {
	await press(app, key.ctrlN);
	await app.waitFor('New conversation');
	if (name !== undefined) {
		await app.type(name);
		await app.waitFor((s) => s.includes(`Name: ${name}`) && !/Name: .*chat \d/.test(s));
	}
	await press(app, keys.enter);
	await app.waitFor((s) => !s.includes('New conversation'));
}

async function openPicker(app: AppTerminal): Promise<string> {
	await press(app, key.ctrlO);
	return app.waitFor(/Conversations \(\d+\)/);
}

/** The picker's rows (name lines), from the screen. */
function pickerRows(screen: string): string[] {
	return screen.split('\n').filter((line) => /^[› ]\s*\d+ [◆●* ] /.test(line));
}

function selectedRow(screen: string): string | undefined {
	return pickerRows(screen).find((line) => line.startsWith('›'));
}

function pickerCount(screen: string): number {
	return Number(/Conversations \((\d+)\)/.exec(screen)?.[1] ?? NaN);
}

describe('creating conversations', () => {
	it('Ctrl+N creates named (CJK + emoji, ASCII) and default-named conversations, each with its own messages, private on disk', async () => {
		const {server, app, home} = await h.chat();
		await app.waitFor(at(1, 'chat'));

		await newConversation(app, CJK_NAME);
		await app.waitFor(at(2, CJK_NAME));
		await ask(app, server, '请润色这段摘要', '润色完成 polished');

		await newConversation(app, 'deploy-notes');
		await app.waitFor(at(3, 'deploy-notes'));
		// A new conversation starts empty: nothing of the previous one is shown.
		expect(transcript(app.text())).not.toContain('润色完成');
		await ask(app, server, 'deploy steps?', 'kubectl apply first');

		await press(app, key.ctrlN);
		const prompt = await app.waitFor('New conversation');
		// The default is offered (dimmed) in the empty field: Enter takes it, typing replaces it.
		expect(prompt).toContain('Name: chat 4');
		await press(app, keys.enter);
		await app.waitFor(at(4, 'chat 4'));
		await ask(app, server, 'third question', 'third answer');
		// Still called by the offered name, it is named after its first question.
		await app.waitFor(at(4, 'third question'));
		expect(transcript(app.text())).not.toContain('kubectl apply first');
		expect(chatLayoutProblems(app.screen(), 100)).toEqual([]);

		// On disk: one file per conversation, each with its own two messages, mode 0600, directories 0700.
		const stored = await until(() => {
			const all = readConversations(home);
			// Three with a question and its answer: the answer is written just after it is shown.
			const answered = all.filter((each) => each.messages.length === 2).length === 3;
			return all.length === 4 && answered && all.every((each) => each.messages.every((m) => m.state === 'complete')) ? all : undefined;
		}, 'four conversations saved');
		const contents = (name: string) => stored.find((each) => each.name === name)?.messages.map((m) => m.content);
		expect(contents(CJK_NAME)).toEqual(['请润色这段摘要', '润色完成 polished']);
		expect(contents('deploy-notes')).toEqual(['deploy steps?', 'kubectl apply first']);
		expect(contents('third question')).toEqual(['third question', 'third answer']);
		expect(contents('chat')).toEqual([]);
		for (const conversation of stored) {
			expect(conversation.id).toMatch(/^[a-z0-9][a-z0-9_-]*$/);
			expect(mode(fileOf(home, conversation.id)), `${conversation.id}.json mode`).toBe(0o600);
		}
		expect(mode(conversationsDir(home))).toBe(0o700);
		expect(mode(dataDir(home))).toBe(0o700);
		expect(mode(path.join(home, '.config', 'glm-tui'))).toBe(0o700);
		// Every request carried only its own conversation's question.
		expect(server.requests.map((r) => r.body.messages.map((m: {content: string}) => m.content))).toEqual([
			['请润色这段摘要'],
			['deploy steps?'],
			['third question'],
		]);
	});
});

describe('forking', () => {
	it('/fork copies the conversation (all, or up to #N) into a new one and opens it; clashing names get a suffix; the fork asks with its own history', async () => {
		const home = h.home();
		const [first] = seed(home, THREE);
		const {server, app} = await chatShowing(home, at(1, CJK_NAME));

		// Up to message #1 only, with a name.
		await enter(app, '/fork 1 分支 A');
		await app.waitFor((s) => s.includes('Forked 1 message into "分支 A".') && transcript(s).includes('polish-request'));
		expect(transcript(app.text())).toContain('polish-request');
		expect(transcript(app.text())).not.toContain('polished-abstract');

		// The whole conversation, default name; then the same default name again, which gets a suffix.
		await press(app, key.alt(1));
		await app.waitFor(at(1, CJK_NAME));
		await enter(app, '/fork');
		await app.waitFor((s) => s.includes(`Forked 2 messages into "${CJK_NAME} (fork)".`) && transcript(s).includes('polished-abstract'));
		expect(transcript(app.text())).toContain('polished-abstract');
		await press(app, key.alt(1));
		await app.waitFor(at(1, CJK_NAME));
		await enter(app, '/fork');
		await app.waitFor((s) => s.includes(`Forked 2 messages into "${CJK_NAME} (fork) `));

		// A message number past the end is refused and the text stays in the composer.
		await enter(app, '/fork 9');
		await app.waitFor((s) => s.includes('There is no message #9'));

		const stored = await until(() => {
			const all = readConversations(home);
			return all.length === 6 ? all : undefined;
		}, 'three forks saved');
		const forks = stored.filter((each) => each.id !== first!.id && each.name.includes('fork'));
		expect(forks.map((each) => each.name).sort()).toHaveLength(2);
		expect(new Set(forks.map((each) => each.name)).size).toBe(2);
		for (const fork of forks)
			expect(fork.messages.map((m) => m.content)).toEqual(['请润色摘要 polish-request', '润色后的摘要 polished-abstract']);
		expect(byName(home, '分支 A')?.messages.map((m) => m.content)).toEqual(['请润色摘要 polish-request']);
		// The original is untouched.
		expect(readFile(home, first!.id).messages).toHaveLength(2);

		// A question in the short fork carries only the copied history.
		await press(app, key.ctrlU);
		await press(app, key.ctrlO);
		await app.waitFor(/Conversations \(6\)/);
		await app.type('分支');
		await app.settle(60);
		await press(app, keys.enter);
		await app.waitFor((s) => status(s).includes(':分支 A '));
		await ask(app, server, 'follow-up', 'fork answered');
		expect(server.requests.at(-1)!.body.messages.map((m: {content: string}) => m.content)).toEqual([
			'请润色摘要 polish-request',
			'follow-up',
		]);
	});
});

describe('switching', () => {
	it('Alt+Left/Right, Ctrl+PgUp/PgDn and Alt+1..3 each show that conversation’s own messages and name', async () => {
		const home = h.home();
		seed(home, THREE);
		const {app} = await chatShowing(home, at(1, CJK_NAME));

		const shows = (position: number) => {
			const [name, own] = [THREE[position - 1]!.name, THREE[position - 1]!.messages[1]!];
			const others = THREE.filter((_, index) => index !== position - 1).map((each) => each.messages[1]!);
			return (s: string) => at(position, name)(s) && transcript(s).includes(own) && others.every((text) => !transcript(s).includes(text));
		};
		await app.waitFor(shows(1));

		const steps: Array<[label: string, sequence: string, position: number]> = [
			['Alt+Right', key.altRight, 2],
			['Alt+Right', key.altRight, 3],
			['Alt+Right (wraps)', key.altRight, 1],
			['Alt+Left (wraps)', key.altLeft, 3],
			['Alt+Left', key.altLeft, 2],
			['Ctrl+PgDn', key.ctrlPgDn, 3],
			['Ctrl+PgDn (wraps)', key.ctrlPgDn, 1],
			['Ctrl+PgUp (wraps)', key.ctrlPgUp, 3],
			['Ctrl+PgUp', key.ctrlPgUp, 2],
			['Alt+1', key.alt(1), 1],
			['Alt+3', key.alt(3), 3],
			['Alt+2', key.alt(2), 2],
		];
		for (const [label, sequence, position] of steps) {
			await press(app, sequence);
			try {
				await app.waitFor(shows(position), 5_000);
			} catch (error) {
				throw new Error(`${label} should show conversation ${position}: ${(error as Error).message}`);
			}
			expect(chatLayoutProblems(app.screen(), 100), label).toEqual([]);
		}
		// Nothing typed into the composer by the chords.
		expect(app.screen().some((line) => line.startsWith('› Message GLM'))).toBe(true);
	});

	it('the picker filters by name, then by message content; Up/Down and Enter open the chosen one', async () => {
		const home = h.home();
		seed(home, THREE);
		const {app} = await chatShowing(home, at(1, CJK_NAME));

		let picker = await openPicker(app);
		expect(pickerCount(picker)).toBe(3);
		expect(pickerRows(picker).map((row) => row.replace(/\s+\d+ msg.*$/, ''))).toEqual([
			`› 1 ◆ ${CJK_NAME}`,
			'  2   deploy-notes',
			'  3   chat 3',
		]);

		// A filter matching a name.
		await app.type('deploy');
		picker = await app.waitFor((s) => pickerCount(s) === 1);
		expect(pickerRows(picker)).toHaveLength(1);
		expect(selectedRow(picker)).toContain('deploy-notes');
		// A CJK filter matching a name.
		await press(app, key.ctrlU);
		await app.waitFor((s) => pickerCount(s) === 3);
		await app.type('润色');
		picker = await app.waitFor((s) => pickerCount(s) === 1);
		expect(selectedRow(picker)).toContain(CJK_NAME);

		// A filter matching only what was said in a conversation, not its name.
		await press(app, key.ctrlU);
		await app.waitFor((s) => pickerCount(s) === 3);
		await app.type('zebra');
		picker = await app.waitFor((s) => pickerCount(s) === 1);
		expect(selectedRow(picker)).toContain('chat 3');
		await press(app, keys.enter);
		await app.waitFor((s) => at(3, 'chat 3')(s) && transcript(s).includes('lions eat zebras'));

		// Without a filter: Down, Down, Up, Enter.
		await openPicker(app);
		picker = await app.waitFor((s) => selectedRow(s)?.includes('chat 3') ?? false);
		await press(app, keys.up);
		await app.waitFor((s) => selectedRow(s)?.includes('deploy-notes') ?? false);
		await press(app, keys.up);
		await app.waitFor((s) => selectedRow(s)?.includes(CJK_NAME) ?? false);
		await press(app, keys.down);
		await app.waitFor((s) => selectedRow(s)?.includes('deploy-notes') ?? false);
		await press(app, keys.enter);
		const opened = await app.waitFor((s) => at(2, 'deploy-notes')(s) && transcript(s).includes('helm rollback release-name 3'));
		expect(transcript(opened)).not.toContain('lions eat zebras');
		expect(opened).not.toContain('Conversations (');
	});
});

describe('many conversations', () => {
	it('the picker scrolls to the selected one among 40; Ctrl+PgUp wraps to the last', async () => {
		const home = h.home();
		seed(
			home,
			Array.from({length: 40}, (_, index) => ({
				name: `topic ${String(index + 1).padStart(2, '0')}`,
				messages: [`q${index + 1}`, `answer number ${index + 1}`],
			})),
		);
		const {app} = await chatShowing(home, at(1, 'topic 01'));
		await press(app, key.ctrlPgUp);
		await app.waitFor((s) => at(40, 'topic 40')(s) && transcript(s).includes('answer number 40'));
		let picker = await openPicker(app);
		expect(pickerCount(picker)).toBe(40);
		// The active conversation is selected and visible, at the bottom of the list.
		expect(selectedRow(picker)).toMatch(/^›40 ◆ topic 40/);
		const shown = pickerRows(picker);
		expect(shown.at(-1)).toMatch(/^›40/);
		const top = shown[0]!;
		// One press at a time, as a person taps the key. The highlight moves up over a list that holds still
		// until it reaches the top row; then the list scrolls.
		await press(app, keys.up);
		picker = await app.waitFor((s) => selectedRow(s)?.includes('topic 39') ?? false);
		expect(pickerRows(picker)[0], 'the list holds still while the highlight moves').toBe(top);
		for (let at = 38; at >= 9; at--) {
			await press(app, keys.up);
			picker = await app.waitFor((s) => selectedRow(s)?.includes(`topic ${String(at).padStart(2, '0')}`) ?? false);
		}
		expect(pickerRows(picker)[0], 'scrolled: the selection is the top row').toMatch(/^› 9 {3}topic 09/);
		await press(app, keys.down);
		picker = await app.waitFor((s) => selectedRow(s)?.includes('topic 10') ?? false);
		expect(pickerRows(picker)[0]).toMatch(/^ {2}9 {3}topic 09/);
		await press(app, keys.up);
		await app.waitFor((s) => selectedRow(s)?.includes('topic 09') ?? false);
		await press(app, keys.enter);
		await app.waitFor((s) => at(9, 'topic 09')(s) && transcript(s).includes('answer number 9'));
		await press(app, key.alt(9));
		await app.settle(100);
		expect(status(app.screen())).toContain(' 9:topic 09 ');
		await press(app, key.alt(3));
		await app.waitFor((s) => at(3, 'topic 03')(s) && transcript(s).includes('answer number 3'));
	});
});

describe('keys arriving in one read', () => {
	// A held-down key over a slow SSH link (or tmux send-keys) delivers several presses in one read.
	it('several Up presses in one read move the picker selection as many steps', async () => {
		const home = h.home();
		seed(
			home,
			Array.from({length: 12}, (_, index) => ({
				name: `topic ${String(index + 1).padStart(2, '0')}`,
				messages: [`q${index + 1}`, `a${index + 1}`],
			})),
		);
		const {app} = await chatShowing(home, at(1, 'topic 01'));
		await press(app, key.ctrlPgUp);
		await app.waitFor(at(12, 'topic 12'));
		await openPicker(app);
		await app.waitFor((s) => selectedRow(s)?.includes('topic 12') ?? false);
		await press(app, keys.up.repeat(5));
		const moved = await app.waitFor((s) => !(selectedRow(s)?.includes('topic 12') ?? true));
		await app.settle(300);
		expect(selectedRow(app.screen().join('\n')), `after 5 Up in one read (first frame: ${selectedRow(moved)})`).toMatch(/topic 07/);
		await press(app, keys.down.repeat(3));
		await app.settle(300);
		expect(selectedRow(app.screen().join('\n')), 'after 3 Down in one read').toMatch(/topic 10/);
	});

	it('Ctrl+O and a filter typed in one read: the letters go to the filter, not the hidden composer', async () => {
		const home = h.home();
		seed(home, THREE);
		const {app} = await chatShowing(home, at(1, CJK_NAME));
		app.write(`${key.ctrlO}deploy`);
		await app.waitFor(/Conversations \(\d+\)/);
		await app.settle(300);
		const picker = app.text();
		expect(picker, 'the filter holds what was typed').toContain('Filter: deploy');
		expect(pickerCount(picker)).toBe(1);
		await press(app, keys.esc);
		const chat = await app.waitFor((s) => inChat(s));
		expect(chat, 'nothing typed into the composer').toContain('› Message GLM');
	});

	it('Ctrl+O, a filter and Enter in one read open the match; the filter text is never sent to GLM', async () => {
		const home = h.home();
		seed(home, THREE);
		const {server, app} = await chatShowing(home, at(1, CJK_NAME));
		// tmux send-keys C-o zebra Enter, or quick typing on a busy machine.
		app.write(`${key.ctrlO}zebra\r`);
		await app.waitFor((s) => /Conversations \(\d+\)/.test(s) || at(3, 'chat 3')(s) || /streaming|waiting/.test(status(s)));
		await app.settle(800);
		expect(
			server.requests.map((r) => r.body.messages.at(-1).content),
			'requests sent to GLM',
		).toEqual([]);
		expect(
			readConversations(home)
				.flatMap((each) => each.messages)
				.some((m) => m.content === 'zebra'),
			'zebra stored as a message',
		).toBe(false);
		await app.waitFor((s) => at(3, 'chat 3')(s) && transcript(s).includes('lions eat zebras'), 3_000);
	});

	it('Ctrl+N and a name typed in one read: the name field gets the letters', async () => {
		const {app} = await h.chat();
		await app.waitFor(at(1, 'chat'));
		app.write(`${key.ctrlN}${key.ctrlU}quick`);
		await app.waitFor('New conversation');
		await app.settle(300);
		expect(app.text()).toContain('Name: quick');
		await press(app, keys.esc);
		const chat = await app.waitFor((s) => inChat(s));
		expect(chat, 'nothing typed into the composer').toContain('› Message GLM');
	});
});

describe('renaming', () => {
	it('Ctrl+R in the picker and /rename change the name shown and stored; the id and file stay', async () => {
		const home = h.home();
		const [first, second] = seed(home, THREE);
		const {app} = await chatShowing(home, at(1, CJK_NAME));

		await openPicker(app);
		await press(app, keys.down);
		await app.waitFor((s) => selectedRow(s)?.includes('deploy-notes') ?? false);
		await press(app, key.ctrlR);
		await app.waitFor((s) => s.includes('Rename conversation') && s.includes('Name: deploy-notes'));
		await press(app, key.ctrlU);
		await app.waitFor((s) => /Name: \s*$/m.test(s));
		await app.type('发布 notes v2');
		await app.waitFor('Name: 发布 notes v2');
		await press(app, keys.enter);
		// Back in the picker, which shows the new name.
		const picker = await app.waitFor((s) => /Conversations \(3\)/.test(s) && s.includes('发布 notes v2'));
		expect(picker).not.toMatch(/deploy-notes\s/);
		await until(() => readFile(home, second!.id).name === '发布 notes v2', 'the rename saved');
		expect(fs.existsSync(fileOf(home, second!.id))).toBe(true);
		await press(app, keys.enter);
		await app.waitFor((s) => at(2, '发布 notes v2')(s) && transcript(s).includes('helm rollback'));

		// /rename on the active conversation.
		await press(app, key.alt(1));
		await app.waitFor(at(1, CJK_NAME));
		await enter(app, '/rename 论文 final ✅');
		await app.waitFor((s) => status(s).includes(' 1:论文 final ✅ '));
		await until(() => readFile(home, first!.id).name === '论文 final ✅', 'the /rename saved');
		const afterRename = await openPicker(app);
		expect(afterRename).toContain('论文 final ✅');
		expect(afterRename).not.toContain(CJK_NAME);

		// An empty name and a 300-character one are refused with a message; the stored name stays.
		await press(app, keys.esc);
		await app.waitFor((s) => inChat(s));
		await enter(app, '/rename');
		await app.waitFor((s) => s.includes('Rename conversation') && s.includes('Name: 论文 final ✅'));
		await press(app, key.ctrlU);
		await app.waitFor((s) => /Name: \s*$/m.test(s));
		await press(app, keys.enter);
		await app.waitFor('The name is empty.');
		await press(app, keys.esc);
		await app.waitFor(at(1, '论文 final ✅'));
		app.write(`${keys.pasteStart}/rename ${'长'.repeat(300)}${keys.pasteEnd}`);
		await app.waitFor('› /rename 长长');
		await press(app, keys.enter);
		await app.waitFor(/longer than 200 characters/);
		expect(readFile(home, first!.id).name).toBe('论文 final ✅');

		// Same ids, same files, no new ones; the messages are untouched.
		expect(
			fs
				.readdirSync(conversationsDir(home))
				.filter((name) => name.endsWith('.json'))
				.sort(),
		).toEqual([first!.id, second!.id, readConversations(home).find((each) => each.name === 'chat 3')!.id].map((id) => `${id}.json`).sort());
		expect(readFile(home, first!.id).messages.map((m) => m.content)).toEqual(THREE[0]!.messages);
		expect(readFile(home, second!.id).id).toBe(second!.id);
	});
});

describe('deleting', () => {
	it('Ctrl+X asks first: another key keeps it, y deletes it (file gone, count drops, the app moves on); /delete asks too', async () => {
		const home = h.home();
		const [first, second, third] = seed(home, THREE);
		const {app} = await chatShowing(home, at(1, CJK_NAME));
		await press(app, key.alt(2));
		await app.waitFor(at(2, 'deploy-notes'));

		// Ctrl+X, then n: kept.
		let picker = await openPicker(app);
		expect(selectedRow(picker)).toContain('deploy-notes');
		await press(app, key.ctrlX);
		picker = await app.waitFor(/Delete "deploy-notes" and its 2 messages\? y deletes/);
		await press(app, 'n');
		picker = await app.waitFor((s) => !s.includes('Delete "deploy-notes"'));
		expect(pickerCount(picker)).toBe(3);
		// The n did not land in the filter.
		expect(picker).toMatch(/Filter: \s*type to filter/);
		expect(fs.existsSync(fileOf(home, second!.id))).toBe(true);

		// Ctrl+X, then Esc: kept too.
		await press(app, key.ctrlX);
		await app.waitFor(/Delete "deploy-notes"/);
		await press(app, keys.esc);
		picker = await app.waitFor((s) => !s.includes('Delete "deploy-notes"'));
		expect(pickerCount(picker)).toBe(3);
		expect(fs.existsSync(fileOf(home, second!.id))).toBe(true);

		// Ctrl+X, then y: deleted, the active conversation was it, so the app shows another one.
		await press(app, key.ctrlX);
		await app.waitFor(/Delete "deploy-notes"/);
		await press(app, 'y');
		picker = await app.waitFor((s) => pickerCount(s) === 2);
		expect(pickerRows(picker).join('\n')).not.toContain('deploy-notes');
		expect(status(picker)).toContain('Deleted "deploy-notes" (in the trash for 30 days): /undo brings it back.');
		await until(() => !fs.existsSync(fileOf(home, second!.id)), 'the file removed');
		await press(app, keys.esc);
		await app.waitFor((s) => !s.includes('Conversations (') && transcript(s).includes('polished-abstract'));
		// The next key clears the "Deleted" notice and the status line shows where the app went.
		await press(app, keys.ctrlL);
		const after = await app.waitFor((s) => ready(s));
		expect(status(after)).not.toContain('deploy-notes');
		expect(transcript(after)).not.toContain('helm rollback');
		expect(status(after)).toMatch(/ [12]:(论文润色 ✍|chat 3) /);
		const index = JSON.parse(fs.readFileSync(path.join(dataDir(home), 'index.json'), 'utf8'));
		expect(JSON.stringify(index)).not.toContain(second!.id);

		// /delete asks the same question about the active conversation.
		await press(app, key.alt(2));
		await app.waitFor((s) => at(2, 'chat 3')(s) && transcript(s).includes('lions eat zebras'));
		await enter(app, '/delete');
		await app.waitFor(/Delete "chat 3" and its 2 messages\? y deletes/);
		await press(app, 'x');
		await app.waitFor((s) => !s.includes('Delete "chat 3"'));
		expect(fs.existsSync(fileOf(home, third!.id))).toBe(true);
		await press(app, keys.esc);
		await app.waitFor(at(2, 'chat 3'));
		await enter(app, '/delete');
		await app.waitFor(/Delete "chat 3"/);
		await press(app, 'y');
		await app.waitFor((s) => pickerCount(s) === 1 && !pickerRows(s).join('\n').includes('chat 3'));
		await until(() => !fs.existsSync(fileOf(home, third!.id)), 'the file removed');
		await press(app, keys.esc);
		await app.waitFor(
			(s) =>
				inChat(s) &&
				s.includes('Deleted "chat 3" (in the trash for 30 days): /undo brings it back.') &&
				transcript(s).includes('polished-abstract'),
		);
		await press(app, keys.ctrlL);
		await app.waitFor((s) => at(1, CJK_NAME)(s) && transcript(s).includes('polished-abstract'));
		expect(readConversations(home).map((each) => each.id)).toEqual([first!.id]);
	});
});

describe('deleting, more', () => {
	it('Ctrl+X in the picker, y, then /undo: the conversation is back, every message, its name and place; /undo again has nothing to undo', async () => {
		const home = h.home();
		const long = Array.from({length: 40}, (_, index) => (index % 2 === 0 ? `问题 ${index} question` : `回答 ${index} answer`));
		const [, second] = seed(home, [
			{name: 'alpha', messages: ['alpha q', 'alpha a']},
			{name: '运维 notes', messages: long},
		]);
		const before = readFile(home, second!.id);
		const {app} = await chatShowing(home, at(1, 'alpha'));
		await openPicker(app);
		await press(app, keys.down);
		await app.waitFor((s) => selectedRow(s)?.includes('运维 notes') ?? false);
		await press(app, key.ctrlX);
		await app.waitFor(/Delete "运维 notes" and its 40 messages\? y deletes/);
		await press(app, 'y');
		await app.waitFor((s) => pickerCount(s) === 1);
		await press(app, keys.esc);
		await app.waitFor((s) => inChat(s) && s.includes('/undo brings it back'));
		expect(fs.existsSync(fileOf(home, second!.id))).toBe(false);
		const trashed = fs.readdirSync(path.join(dataDir(home), 'trash'));
		expect(trashed).toEqual([expect.stringMatching(new RegExp(`^${second!.id}-\\d{13}\\.json$`))]);

		await enter(app, '/undo');
		await app.waitFor((s) => s.includes('Restored "运维 notes", 40 messages.') && transcript(s).includes('回答 39 answer'));
		await press(app, keys.ctrlL);
		await app.waitFor(at(2, '运维 notes'));
		expect(readFile(home, second!.id).messages).toEqual(before.messages);
		expect(fs.readdirSync(path.join(dataDir(home), 'trash'))).toEqual([]);
		await press(app, keys.home);
		await app.waitFor((s) => transcript(s).includes('问题 0 question'));

		await enter(app, '/undo');
		await app.waitFor('Nothing to undo');
	});

	it('deleting a conversation whose answer is still streaming stops it; the file does not come back', async () => {
		const home = h.home();
		const [a, b] = seed(home, [
			{name: 'alpha', messages: []},
			{name: 'bravo', messages: ['bravo q', 'bravo a']},
		]);
		const {server, app} = await chatShowing(home, at(1, 'alpha'));
		server.enqueue({reply: Array.from({length: 90}, (_, index) => `z${index}`).join(' '), tokensPerSecond: 30});
		await app.type('long one');
		await press(app, keys.enter);
		await app.waitFor((s) => status(s).includes('● streaming') && /\bz1\b/.test(s));
		await press(app, key.alt(2));
		await app.waitFor((s) => at(2, 'bravo')(s) && /\b1●/.test(status(s)));

		const picker = await openPicker(app);
		expect(pickerRows(picker).find((row) => row.includes('alpha'))).toMatch(/^\s+1 ● alpha/);
		await press(app, keys.up);
		await app.waitFor((s) => selectedRow(s)?.includes('alpha') ?? false);
		await press(app, key.ctrlX);
		await app.waitFor(/Delete "alpha"/);
		await press(app, 'y');
		await app.waitFor((s) => pickerCount(s) === 1);
		await press(app, keys.esc);
		await app.waitFor((s) => inChat(s) && transcript(s).includes('bravo a'));
		await press(app, keys.ctrlL);
		const after = await app.waitFor(at(1, 'bravo'));
		expect(status(after)).not.toMatch(/●|\*/);
		// The request was cut off (not answered to the end), and once it is over the file stays gone.
		const note = await until(() => server.requests[0]?.note, 'the request over', 8_000);
		expect(note).toBe('client closed');
		await app.settle(300);
		expect(fs.existsSync(fileOf(home, a!.id))).toBe(false);
		expect(readConversations(home).map((each) => each.id)).toEqual([b!.id]);
		expect(status(app.screen())).not.toMatch(/\d[●*]/);
	});

	it('deleting the only conversation leaves a fresh, empty one', async () => {
		const home = h.home();
		const [only] = seed(home, [{name: 'lonely', messages: ['q', 'a']}]);
		const {app} = await chatShowing(home, at(1, 'lonely'));
		await enter(app, '/delete');
		await app.waitFor(/Delete "lonely"/);
		await press(app, 'y');
		await app.waitFor((s) => pickerCount(s) === 1 && !pickerRows(s).join('\n').includes('lonely'));
		await press(app, keys.esc);
		await app.waitFor((s) => inChat(s) && s.includes('Type a message and press Enter'));
		await press(app, keys.ctrlL);
		await app.waitFor(at(1, 'chat'));
		const stored = readConversations(home);
		expect(stored.map((each) => each.name)).toEqual(['chat']);
		expect(fs.existsSync(fileOf(home, only!.id))).toBe(false);
	});
});

describe('background streams', () => {
	it('an answer keeps streaming in a conversation left behind: ● while it streams, * when it ends, complete on return', async () => {
		const home = h.home();
		const [a, b] = seed(home, [
			{name: 'alpha', messages: []},
			{name: 'bravo', messages: ['bravo question', 'bravo answer']},
		]);
		const {server, app} = await chatShowing(home, at(1, 'alpha'));
		const bBefore = fs.readFileSync(fileOf(home, b!.id));
		// 60 tokens at 30 a second: about two seconds.
		const words = Array.from({length: 60}, (_, index) => `w${index}`);
		server.enqueue({reply: words.join(' '), tokensPerSecond: 30});
		await app.type('count slowly');
		await press(app, keys.enter);
		await app.waitFor((s) => status(s).includes('● streaming') && /\bw1\b/.test(s));

		await press(app, key.altRight);
		const away = await app.waitFor((s) => at(2, 'bravo')(s) && transcript(s).includes('bravo answer'));
		expect(transcript(away)).not.toMatch(/\bw\d+\b/);
		expect(status(away)).toMatch(/\b1●/);
		// When the answer ends, the marker turns into "unread".
		const unread = await app.waitFor((s) => /\b1\*/.test(status(s)), 10_000);
		expect(status(unread)).not.toContain('1●');
		expect(transcript(unread)).not.toMatch(/\bw\d+\b/);

		await press(app, key.altLeft);
		const back = await app.waitFor((s) => at(1, 'alpha')(s) && /\bw59\b/.test(transcript(s)));
		expect(status(back)).not.toMatch(/\b1\*/);
		expect(transcript(back)).toContain('count slowly');

		const saved = await until(() => {
			const messages = readFile(home, a!.id).messages;
			return messages.length === 2 && messages[1]!.state === 'complete' ? messages : undefined;
		}, 'the answer saved');
		expect(saved[1]!.content).toBe(words.join(' '));
		expect(fs.readFileSync(fileOf(home, b!.id)).equals(bBefore)).toBe(true);
	});
});

describe('per-conversation settings and drafts', () => {
	it('model, system prompt, temperature, thinking and the draft belong to each conversation and survive a restart', async () => {
		const home = h.home();
		const [, a, b] = seed(home, [
			{name: 'home', messages: []},
			{name: 'alpha', messages: []},
			{name: 'bravo', messages: []},
		]);
		const {server, app, env} = await chatShowing(home, at(1, 'home'));

		await press(app, key.alt(2));
		await app.waitFor(at(2, 'alpha'));
		await enter(app, '/model glm-4.5-air');
		await app.waitFor('Model for "alpha": glm-4.5-air');
		await enter(app, '/system be brief');
		await app.waitFor('System prompt set');
		await enter(app, '/temperature 0.3');
		await app.waitFor('Temperature: 0.3');
		await enter(app, '/thinking on');
		await app.waitFor('Thinking: on');

		await press(app, key.alt(3));
		await app.waitFor((s) => status(s).includes(' 3:bravo '));
		await enter(app, '/model glm-4-flash');
		await app.waitFor('Model for "bravo": glm-4-flash');
		await enter(app, '/system be verbose');
		await app.waitFor('System prompt set');
		await enter(app, '/temperature 0.9');
		await app.waitFor('Temperature: 0.9');
		await enter(app, '/thinking off');
		await app.waitFor('Thinking: off');

		await press(app, key.alt(2));
		await app.waitFor((s) => at(2, 'alpha')(s) && status(s).includes('glm-4.5-air'));
		await ask(app, server, 'alpha asks', 'alpha answered');
		await press(app, key.alt(3));
		await app.waitFor((s) => at(3, 'bravo')(s) && status(s).includes('glm-4-flash'));
		await ask(app, server, 'bravo asks', 'bravo answered');

		const [ra, rb] = server.requests.map((r) => r.body);
		expect(ra).toMatchObject({model: 'glm-4.5-air', temperature: 0.3, thinking: {type: 'enabled'}});
		expect(ra.messages).toEqual([
			{role: 'system', content: 'be brief'},
			{role: 'user', content: 'alpha asks'},
		]);
		expect(rb).toMatchObject({model: 'glm-4-flash', temperature: 0.9, thinking: {type: 'disabled'}});
		expect(rb.messages).toEqual([
			{role: 'system', content: 'be verbose'},
			{role: 'user', content: 'bravo asks'},
		]);

		// Drafts: typed, not sent, kept per conversation across switches.
		await app.type('half-written bravo');
		await app.waitFor('› half-written bravo');
		await press(app, key.alt(2));
		await app.waitFor(at(2, 'alpha'));
		await app.waitFor((s) => !s.includes('half-written bravo'));
		await app.type('draft for alpha 草稿');
		await app.waitFor('› draft for alpha 草稿');
		await press(app, key.alt(3));
		await app.waitFor((s) => at(3, 'bravo')(s) && s.includes('› half-written bravo') && !s.includes('草稿'));
		await press(app, key.alt(2));
		await app.waitFor((s) => at(2, 'alpha')(s) && s.includes('› draft for alpha 草稿'));

		// Quit from the empty composer of the first conversation; the drafts are written on the way out.
		await press(app, key.alt(1));
		await app.waitFor((s) => at(1, 'home')(s) && s.includes('› Message GLM'));
		await press(app, keys.ctrlD);
		expect(await app.exited).toBe(0);
		expect(readFile(home, a!.id).draft).toBe('draft for alpha 草稿');
		expect(readFile(home, b!.id).draft).toBe('half-written bravo');
		expect(readFile(home, a!.id)).toMatchObject({model: 'glm-4.5-air', system: 'be brief', temperature: 0.3, thinking: 'enabled'});
		expect(readFile(home, b!.id)).toMatchObject({model: 'glm-4-flash', system: 'be verbose', temperature: 0.9, thinking: 'disabled'});

		const again = await h.app({home, env});
		await again.waitFor(at(1, 'home'), 15_000);
		await again.inputReady();
		await press(again, key.alt(2));
		await again.waitFor((s) => at(2, 'alpha')(s) && s.includes('› draft for alpha 草稿') && status(s).includes('glm-4.5-air'));
		await press(again, key.alt(3));
		await again.waitFor((s) => at(3, 'bravo')(s) && s.includes('› half-written bravo') && status(s).includes('glm-4-flash'));
	});
});

describe('slash commands that switch conversations', () => {
	it('/new and /open do not leave the command itself behind as the draft of the conversation left', async () => {
		const home = h.home();
		const [first] = seed(home, [{name: 'alpha', messages: ['alpha q', 'alpha a']}]);
		const {app} = await chatShowing(home, at(1, 'alpha'));

		await enter(app, '/new beta');
		await app.waitFor(at(2, 'beta'));
		await press(app, key.alt(1));
		const back = await app.waitFor(at(1, 'alpha'));
		// The composer of alpha is as it was before the command: empty.
		expect(back, "alpha's composer after /new beta").toContain('› Message GLM');
		expect(back).not.toContain('› /new beta');

		await enter(app, '/open beta');
		await app.waitFor(at(2, 'beta'));
		await press(app, key.alt(1));
		const again = await app.waitFor(at(1, 'alpha'));
		expect(again, "alpha's composer after /open beta").not.toContain('› /open beta');
		await press(app, key.alt(2));
		await app.waitFor(at(2, 'beta'));
		await press(app, keys.ctrlD);
		expect(await app.exited).toBe(0);
		expect(readFile(home, first!.id).draft ?? '', "alpha's draft on disk").toBe('');
	});
});

describe('names from the first question', () => {
	it('a conversation still called by its default name takes its first question\u2019s first line; a chosen name stays; a clash gets a number; /rename still works', async () => {
		const {server, app, home} = await h.chat();
		await app.waitFor(at(1, 'chat'));
		// Pasted: long, CJK, tabs and extra white space, two lines: the first line, collapsed and cut to fit.
		server.enqueue({reply: '看 proxy_read_timeout'});
		await press(
			app,
			`${keys.pasteStart}  为什么 \t  nginx 在高并发时返回 502 错误，日志里只有 upstream timed out 这一行\n第二行不算${keys.pasteEnd}`,
		);
		await app.waitFor('第二行不算');
		await press(app, keys.enter);
		await app.waitFor((s) => ready(s) && transcript(s).includes('proxy_read_timeout'), 10_000);
		// The status line cuts it further to leave room for the rest.
		await app.waitFor((s) => status(s).includes(' 1:为什么 nginx 在高并发时返回 502 错误'));
		expect(chatLayoutProblems(app.screen(), 100)).toEqual([]);
		const first = await until(() => readConversations(home).find((each) => each.name.startsWith('为什么 nginx')), 'the new name saved');
		expect(first.name).toBe('为什么 nginx 在高并发时返回 502 错误，…');
		expect(first.messages.map((m) => m.content)[0]).toContain('第二行不算');

		// The second question does not rename it again.
		await ask(app, server, 'second question', 'second answer');
		expect(status(app.text())).toContain(' 1:为什么 nginx');

		// A name the user chose is kept.
		await newConversation(app, 'ops');
		await app.waitFor(at(2, 'ops'));
		await ask(app, server, 'disk full on /var', 'du -sh /var/*');
		expect(status(app.text())).toContain(' 2:ops ');

		// Default-named again, same first question as another conversation: names stay unique.
		await newConversation(app);
		await app.waitFor(at(3, 'chat 3'));
		await ask(app, server, 'disk full on /var', 'again');
		await newConversation(app);
		await app.waitFor(at(4, 'chat 4'));
		await ask(app, server, 'disk full on /var', 'and again');
		await app.waitFor(at(4, 'disk full on /var (2)'));
		await enter(app, '/rename my own name');
		await app.waitFor(at(4, 'my own name'));
		const names = await until(() => {
			const all = readConversations(home)
				.map((each) => each.name)
				.sort();
			return all.includes('my own name') ? all : undefined;
		}, 'the rename saved');
		expect(names).toEqual(['disk full on /var', 'my own name', 'ops', '为什么 nginx 在高并发时返回 502 错误，…']);
	});
});

describe('restart', () => {
	it('opens the conversation used last', async () => {
		const home = h.home();
		seed(home, THREE);
		const {app, env} = await chatShowing(home, at(1, CJK_NAME));
		await press(app, key.alt(2));
		await app.waitFor(at(2, 'deploy-notes'));
		await press(app, key.alt(3));
		await app.waitFor(at(3, 'chat 3'));
		await press(app, key.altLeft);
		await app.waitFor((s) => at(2, 'deploy-notes')(s) && transcript(s).includes('helm rollback'));
		await press(app, keys.ctrlD);
		expect(await app.exited).toBe(0);

		const again = await h.app({home, env});
		const screen = await again.waitFor((s) => ready(s) && transcript(s).includes('helm rollback release-name 3'), 15_000);
		expect(status(screen)).toContain(' 2:deploy-notes ');
	});
});

describe('hostile names', () => {
	it('path tricks, control characters, 300 characters and an empty name: files stay in the conversations dir, clear messages', async () => {
		const {app, home} = await h.chat();
		await app.waitFor(at(1, 'chat'));
		const conversations = conversationsDir(home);

		// A path as a name is only a name: the file gets a safe id inside the conversations directory.
		await enter(app, '/new ../../x');
		await app.waitFor((s) => status(s).includes(' 2:../../x '));
		const dotted = await until(() => byName(home, '../../x'), 'the ../../x conversation saved');
		expect(dotted.id).toMatch(/^[a-z0-9][a-z0-9_-]*$/);
		expect(fs.existsSync(fileOf(home, dotted.id))).toBe(true);

		// A control character pasted into the name prompt never reaches the stored name or the screen raw.
		await press(app, key.ctrlN);
		await app.waitFor('New conversation');
		app.write(`${keys.pasteStart}bell\u0007name\u001B]0;pwned\u0007${keys.pasteEnd}`);
		await app.settle(200);
		await press(app, keys.enter);
		const afterControl = await app.waitFor((s) => (ready(s) && status(s).includes(' 3:')) || /control characters/.test(s));
		expect(app.title()).not.toContain('pwned');
		if (/control characters/.test(afterControl)) {
			await press(app, keys.esc);
		} else {
			const stored = readConversations(home).map((each) => each.name);
			expect(stored.some((name) => /[\u0000-\u001f\u007f]/.test(name))).toBe(false);
			expect(status(afterControl)).toMatch(/ 3:bellname /);
		}
		await app.waitFor((s) => ready(s) && !s.includes('New conversation'));

		// A newline pasted into /new: refused with a message, nothing created.
		const before = readConversations(home).length;
		app.write(`${keys.pasteStart}/new two\nlines${keys.pasteEnd}`);
		await app.waitFor('› /new two');
		await press(app, keys.enter);
		await app.waitFor(/control characters/);
		expect(readConversations(home)).toHaveLength(before);
		// The refused command stays in the input to be fixed; Ctrl+C clears it.
		await app.waitFor((s) => s.includes('› /new two') && s.includes('  lines'));
		await press(app, keys.ctrlC);
		await app.waitFor((s) => s.includes('› Message GLM'));

		// 300 characters: refused with a clear message in the prompt; the app keeps running.
		const long = 'n'.repeat(300);
		await press(app, key.ctrlN);
		await app.waitFor('New conversation');
		app.write(`${keys.pasteStart}${long}${keys.pasteEnd}`);
		await app.waitFor((s) => s.includes('nnnnnnnnnnnnnnnnnnnn'));
		await press(app, keys.enter);
		await app.waitFor(/longer than 200 characters/);
		expect(readConversations(home)).toHaveLength(before);
		await press(app, keys.esc);
		await app.waitFor((s) => ready(s) && !s.includes('New conversation'));
		// The same through /new.
		app.write(`${keys.pasteStart}/new ${long}${keys.pasteEnd}`);
		await app.waitFor('› /new nnnn');
		await press(app, keys.enter);
		await app.waitFor(/longer than 200 characters/);
		expect(readConversations(home)).toHaveLength(before);
		await press(app, keys.ctrlC);
		await app.waitFor((s) => s.includes('› Message GLM'));

		// An empty name: the default is used.
		await press(app, key.ctrlN);
		await app.waitFor('New conversation');
		await press(app, keys.enter);
		const named = await app.waitFor((s) => ready(s) && new RegExp(` ${before + 1}:\\S`).test(status(s)));
		expect(status(named)).toMatch(new RegExp(` ${before + 1}:chat ${before + 1} `));
		expect(readConversations(home)).toHaveLength(before + 1);

		// Nothing outside the conversations directory but the app's own files.
		const outside = allFiles(home).filter((file) => !path.join(home, file).startsWith(conversations + path.sep));
		expect(outside.sort()).toEqual([path.join('.config', 'glm-tui', 'config.json'), path.join('.local', 'share', 'glm-tui', 'index.json')]);
		expect(fs.readdirSync(conversations).every((name) => /^[a-z0-9][a-z0-9_-]*\.(json|lock)$/.test(name))).toBe(true);
		expect(chatLayoutProblems(app.screen(), 100)).toEqual([]);
	});
});

describe('a corrupt conversation file', () => {
	it('is moved aside with a message naming where; the others still list and open', async () => {
		const home = h.home();
		const [alpha, broken, gamma] = seed(home, [
			{name: 'alpha', messages: ['alpha q', 'alpha says hi']},
			{name: 'broken', messages: ['lost q', 'lost a']},
			{name: 'gamma', messages: ['gamma q', 'gamma says hi']},
		]);
		fs.writeFileSync(fileOf(home, broken!.id), '{"broken');

		const {app} = await chatShowing(home, (s: string) => /could not be read|corrupt|Moved/i.test(s));
		const screen = app.text();
		expect(screen).toContain('"broken"');
		const moved = fs.readdirSync(conversationsDir(home)).filter((name) => name.startsWith(`${broken!.id}.corrupt-`));
		expect(moved).toHaveLength(1);
		expect(moved[0]).toMatch(/\.json$/);
		expect(fs.readFileSync(path.join(conversationsDir(home), moved[0]!), 'utf8')).toBe('{"broken');
		// The person can read where the bytes went.
		expect(screen.replace(/\s+/g, '')).toContain(moved[0]);
		expect(fs.existsSync(fileOf(home, broken!.id))).toBe(false);
		await press(app, keys.esc);
		await app.waitFor(inChat);

		const picker = await openPicker(app);
		expect(pickerCount(picker)).toBe(2);
		expect(pickerRows(picker).map((row) => row.replace(/\s+\d+ msg.*$/, '').replace(/^[› ]\s*\d+ [◆●* ] /, ''))).toEqual([
			'alpha',
			'gamma',
		]);
		await press(app, keys.down);
		await app.waitFor((s) => selectedRow(s)?.includes('gamma') ?? false);
		await press(app, keys.enter);
		await app.waitFor((s) => at(2, 'gamma')(s) && transcript(s).includes('gamma says hi'));
		await press(app, key.alt(1));
		await app.waitFor((s) => at(1, 'alpha')(s) && transcript(s).includes('alpha says hi'));
		expect(readFile(home, alpha!.id).messages).toHaveLength(2);
		expect(readFile(home, gamma!.id).messages).toHaveLength(2);
	});
});

describe('a corrupt file that was the last one used', () => {
	it('opens another conversation and says which file was moved aside', async () => {
		const home = h.home();
		const [alpha, broken] = seed(home, [
			{name: 'alpha', messages: ['alpha q', 'alpha says hi']},
			{name: 'broken', messages: ['lost q', 'lost a']},
		]);
		const first = await chatShowing(home, at(1, 'alpha'));
		await press(first.app, key.alt(2));
		await first.app.waitFor(at(2, 'broken'));
		await press(first.app, keys.ctrlD);
		expect(await first.app.exited).toBe(0);
		fs.writeFileSync(fileOf(home, broken!.id), '{"broken');

		// Listed whole on a screen of its own before the chat.
		const {app} = await chatShowing(home, (s) => s.includes('1 conversation file could not be used'));
		const moved = fs.readdirSync(conversationsDir(home)).filter((name) => name.startsWith(`${broken!.id}.corrupt-`));
		expect(moved).toHaveLength(1);
		const listed = app.text();
		expect(listed).toContain('"broken"');
		expect(listed.replace(/\s/g, '')).toContain(moved[0]);
		await press(app, keys.esc);
		await app.waitFor((s) => inChat(s) && transcript(s).includes('alpha says hi'));
		const screen = app.screen();
		expect(screen.join('\n')).not.toMatch(/There is no conversation/);
		expect(status(screen)).toMatch(/1:alpha/);
		await press(app, keys.ctrlL);
		await app.waitFor(at(1, 'alpha'));
		expect(readFile(home, alpha!.id).messages).toHaveLength(2);
	});
});

describe('two processes on one conversation', () => {
	it('both questions and both answers end up in the file', async () => {
		const home = h.home();
		const [shared] = seed(home, [{name: 'shared', messages: []}]);
		const server = await h.server();
		server.setDefault({tokensPerSecond: 25});
		const first = await h.app({home, server});
		const second = await h.app({home, server});
		await Promise.all([first.waitFor(at(1, 'shared'), 15_000), second.waitFor(at(1, 'shared'), 15_000)]);
		await Promise.all([first.inputReady(), second.inputReady()]);

		await first.type('question from one');
		await press(first, keys.enter);
		await first.waitFor((s) => status(s).includes('● '));
		await second.type('question from two');
		await press(second, keys.enter);
		await Promise.all([
			first.waitFor((s) => ready(s) && s.includes('You said: «question from one»'), 12_000),
			second.waitFor((s) => ready(s) && s.includes('You said: «question from two»'), 12_000),
		]);
		await press(first, keys.ctrlD);
		await press(second, keys.ctrlD);
		expect(await first.exited).toBe(0);
		expect(await second.exited).toBe(0);

		const messages = readFile(home, shared!.id).messages;
		expect(messages).toHaveLength(4);
		expect(
			messages
				.filter((m) => m.role === 'user')
				.map((m) => m.content)
				.sort(),
		).toEqual(['question from one', 'question from two']);
		const answers = messages.filter((m) => m.role === 'assistant');
		expect(answers.every((m) => m.state === 'complete')).toBe(true);
		expect(answers.map((m) => /«(.*)»/.exec(m.content)?.[1]).sort()).toEqual(['question from one', 'question from two']);
	});
});

describe('two processes: names and settings', () => {
	it('a rename and a /model made in one glm-tui survive the other glm-tui saving the same conversation', async () => {
		const home = h.home();
		const [shared] = seed(home, [{name: 'shared', messages: []}]);
		const server = await h.server();
		const first = await h.app({home, server});
		const second = await h.app({home, server});
		await Promise.all([first.waitFor(at(1, 'shared'), 15_000), second.waitFor(at(1, 'shared'), 15_000)]);
		await Promise.all([first.inputReady(), second.inputReady()]);

		await enter(first, '/rename renamed by one');
		await first.waitFor((s) => status(s).includes(' 1:renamed by one '));
		await enter(first, '/model glm-4.5-air');
		await first.waitFor('Model for "renamed by one": glm-4.5-air');
		await until(() => readFile(home, shared!.id).model === 'glm-4.5-air', 'the first glm-tui saved');

		// The second one sends (one save for the question, one for the answer).
		await ask(second, server, 'from two', 'answer to two');
		await until(() => readFile(home, shared!.id).messages.length === 2, 'the answer saved');
		await press(second, keys.ctrlD);
		await press(first, keys.ctrlD);
		expect(await second.exited).toBe(0);
		expect(await first.exited).toBe(0);

		const file = readFile(home, shared!.id);
		expect(file.messages.map((m) => m.content)).toEqual(['from two', 'answer to two']);
		expect(file.name, 'the rename made in the other window').toBe('renamed by one');
		expect(file.model, 'the model chosen in the other window').toBe('glm-4.5-air');
	});
});

describe('the context window', () => {
	it('sends only what fits, starting with a question, marks the cut in the transcript, and deletes nothing', async () => {
		const home = h.home();
		// 60 messages: 56 of 12,000 CJK characters, then two of 60,000 (more than glm-4-flash's window of
		// 128K tokens together), then a short question and answer. Estimated ≈ 790K tokens in all.
		const big = (index: number, size: number) => `第${index}条。${'长'.repeat(size)}`;
		const texts = Array.from({length: 60}, (_, index) =>
			index < 56 ? big(index, 12_000) : index < 58 ? big(index, 60_000) : index === 58 ? 'short question 58' : 'short answer 59',
		);
		const [conversation] = seed(home, [{name: 'huge', model: 'glm-4-flash', messages: texts}]);
		const {server, app} = await chatShowing(home, at(1, 'huge'));
		await app.waitFor((s) => transcript(s).includes('short answer 59'));

		server.enqueue({reply: 'fits now'});
		await app.type('one more');
		await press(app, keys.enter);
		const shown = await app.waitFor((s) => ready(s) && transcript(s).includes('fits now'), 12_000);
		expect(transcript(shown)).toMatch(/earlier messages? not sent/);
		expect(transcript(shown)).toContain('58 earlier messages not sent');

		const sent = server.requests[0]!.body.messages as Array<{role: string; content: string}>;
		expect(sent.length).toBeLessThan(61);
		expect(sent[0]!.role).toBe('user');
		expect(sent.map((m) => m.content)).toEqual(['short question 58', 'short answer 59', 'one more']);
		const stored = await until(
			() => {
				const messages = readFile(home, conversation!.id).messages;
				return messages.length === 62 && messages[61]!.state === 'complete' ? messages : undefined;
			},
			'all 62 messages on disk',
			12_000,
		);
		expect(stored[0]!.content).toBe(texts[0]);
		expect(stored[57]!.content).toBe(texts[57]);
	});
});

describe('the context window, 60 messages of 12,000 characters', () => {
	it('the request holds the newest turns that fit; scrolling up shows the cut where it is', async () => {
		const home = h.home();
		const texts = Array.from({length: 60}, (_, index) => `第${index}条。${'长'.repeat(12_000)}`);
		const [conversation] = seed(home, [{name: 'huge', model: 'glm-4-flash', messages: texts}]);
		// The largest terminal of the design: each message is about 80 rows, a page about 95.
		const {server, app} = await chatShowing(home, at(1, 'huge'), 300, 100);
		server.enqueue({reply: 'fits now'});
		await app.type('one more');
		await press(app, keys.enter);
		await app.waitFor((s) => ready(s) && transcript(s).includes('fits now'), 12_000);

		const sent = server.requests[0]!.body.messages as Array<{role: string; content: string}>;
		expect(sent.length).toBeLessThan(61);
		expect(sent.length).toBeGreaterThan(2);
		expect(sent[0]!.role).toBe('user');
		expect(sent.at(-1)).toEqual({role: 'user', content: 'one more'});
		const first = 60 - (sent.length - 1);
		// Exactly the newest messages, in order.
		expect(sent.slice(0, -1).map((m) => m.content)).toEqual(texts.slice(first));
		const marker = `${first} earlier messages not sent`;
		expect(transcript(app.text())).not.toContain(marker);

		const below = (s: string) => Number(/↓ (\d+) more lines? below/.exec(s)?.[1] ?? 0);
		for (let page = 0; page < 40 && !app.text().includes(marker); page++) {
			const before = below(app.text());
			await press(app, keys.pageUp);
			await app.waitFor((s) => below(s) > before);
		}
		const shown = transcript(app.text());
		expect(shown).toContain(marker);
		// The marker sits right above the first message sent.
		const rows = shown.split('\n');
		const markerRow = rows.findIndex((row) => row.includes(marker));
		expect(rows.slice(markerRow + 1, markerRow + 5).join('\n')).toContain(`第${first}条。`);
		expect(rows.slice(Math.max(0, markerRow - 3), markerRow).join('\n')).not.toContain(`第${first}条。`);

		const stored = await until(
			() => {
				const messages = readFile(home, conversation!.id).messages;
				return messages.length === 62 && messages[61]!.state === 'complete' ? messages : undefined;
			},
			'all 62 messages on disk',
			12_000,
		);
		expect(stored.slice(0, 60).map((m) => m.content)).toEqual(texts);
	});
});

describe('/export', () => {
	it('writes a Markdown file with the messages in the current directory', async () => {
		const {server, app, home} = await h.chat();
		await ask(app, server, '导出测试 export question', 'export answer 已导出');
		await enter(app, '/export out.md');
		await app.waitFor(/Exported "导出测试 export question" to .*out\.md/);
		const file = path.join(home, 'out.md');
		const markdown = await until(() => fs.existsSync(file) && fs.readFileSync(file, 'utf8'), 'out.md written');
		expect(markdown).toMatch(/^# 导出测试 export question\n/);
		expect(markdown).toContain('导出测试 export question');
		expect(markdown).toContain('export answer 已导出');
		expect(markdown.indexOf('导出测试 export question')).toBeLessThan(markdown.indexOf('export answer 已导出'));
		expect(markdown).toMatch(/## You/);
		expect(markdown).toMatch(/## GLM/);
	});
});

// The chat screen's interaction model without a terminal: keys go through dispatch one after another, as ink hands
// over the keys of one read, and what a person would notice is checked — the mode, the composer's text, what was
// sent, what was said.
import type {Key} from 'ink';
import {afterEach, beforeEach, describe, expect, it} from 'vitest';
import {noKey} from '../support/ink-key.js';
import {ChatController} from '../../source/chat/controller.js';
import {ChatScreen} from '../../source/ui/chat-screen.js';
import {setLanguage} from '../../source/i18n/language.js';
import {FakeClock, FakeStore, ScriptedClient} from '../support/controller-fakes.js';
import {mulberry32} from '../support/random.js';

const none = noKey;

type Press = {input: string; key: Key; sequence?: string};
const type = (text: string): Press[] => [...text].map((input) => ({input, key: none}));
const ctrl = (letter: string): Press => ({input: letter, key: {...none, ctrl: true}});
const enter: Press = {input: '\r', key: {...none, return: true}};
const escape: Press = {input: '', key: {...none, escape: true}};
const f1: Press = {input: '', key: none, sequence: '\u001BOP'};

let clock: FakeClock;
let store: FakeStore;
let client: ScriptedClient;
let exited: number;

beforeEach(() => {
	setLanguage('en');
	clock = new FakeClock();
	store = new FakeStore(clock);
	client = new ScriptedClient();
	exited = 0;
});
afterEach(() => setLanguage('en'));

function start(): {screen: ChatScreen; controller: ChatController} {
	const controller = new ChatController({store, client, defaults: {model: 'glm-4.6'}, now: clock.now, timers: clock, checkpointMs: 0});
	const screen = new ChatScreen({
		controller,
		startupProblems: [],
		onSaveKey: () => {},
		onRepaint: () => {},
		writeRaw: () => {},
		exit: () => exited++,
	});
	screen.resize(80, 24);
	return {screen, controller};
}

/** The keys of one read: handled one after the other with nothing in between, as ink hands them over. */
function read(screen: ChatScreen, presses: Press[]): void {
	for (const press of presses) screen.dispatch(press.input, press.key, press.sequence ?? press.input);
}

describe('the chat screen model', () => {
	it('keys read in one chunk each see the mode the previous key left: Ctrl+O, a filter and Enter open that one', () => {
		const {screen, controller} = start();
		controller.createConversation('deploy notes');
		controller.createConversation('汉字 chat');
		read(screen, type('draft'));
		read(screen, [ctrl('o'), ...type('deploy'), enter]);
		expect(screen.mode.type).toBe('chat');
		expect(controller.active.name).toBe('deploy notes');
		// The draft stayed with the conversation it was typed in.
		read(screen, [ctrl('o'), ...type('汉字'), enter]);
		expect(controller.active.name).toBe('汉字 chat');
		expect(screen.composer.text()).toBe('draft');
	});

	it('Enter sends the question and empties the composer; an unknown /word is held back once, then sent', () => {
		const {screen, controller} = start();
		read(screen, [...type('/var 分区满了'), enter]);
		expect(client.calls).toHaveLength(0);
		expect(screen.composer.text()).toBe('/var 分区满了');
		expect(controller.notice?.text).toMatch(/var/);
		read(screen, [enter]);
		expect(client.last.request.messages.at(-1)).toEqual({role: 'user', content: '/var 分区满了'});
		expect(screen.composer.text()).toBe('');
	});

	it('a paste goes into whatever field the mode has; the composer keeps it whole', () => {
		const {screen} = start();
		const big = '第一行\n'.repeat(20_000);
		screen.paste(big);
		expect(screen.composer.text()).toBe(big);
		read(screen, [ctrl('f')]);
		screen.paste('行');
		expect(screen.mode).toMatchObject({type: 'find', field: {text: '行'}});
		read(screen, [escape]);
		expect(screen.composer.text()).toBe(big);
	});

	it('the wheel scrolls the transcript and never changes the composer', () => {
		const {screen, controller} = start();
		for (let n = 0; n < 30; n++) {
			controller.send(`question ${n}`);
			client.last.emit({type: 'content', text: `answer ${n}\n`.repeat(3)} as never);
			client.last.end();
		}
		read(screen, type('draft'));
		screen.frame();
		screen.wheel(-1);
		expect(screen.position()).not.toEqual({follow: true});
		expect(screen.composer.text()).toBe('draft');
	});

	it('random keys across chat, find, help and the picker: each goes where the mode says, none is lost (seeded)', () => {
		const seed = Number(process.env['SEED'] ?? Date.now() % 100_000);
		const random = mulberry32(seed);
		const letters = [...'abcdefghijklmnop汉字😀é'];
		const opens: Array<[Press, string]> = [
			[ctrl('f'), 'find'],
			[ctrl('o'), 'picker'],
			[f1, 'help'],
		];
		for (let run = 0; run < 20; run++) {
			const {screen} = start();
			// The expected mode, the composer's text and the open field's text, worked out from the keys alone.
			let mode = 'chat';
			let composer = '';
			let field = '';
			for (let step = 0; step < 200; step++) {
				const roll = random();
				let press: Press;
				if (mode === 'chat' && roll < 0.15) {
					const [key, opened] = opens[Math.floor(random() * opens.length)]!;
					press = key;
					mode = opened;
					field = '';
				} else if (roll < 0.25) {
					press = escape;
					mode = 'chat';
				} else {
					press = type(letters[Math.floor(random() * letters.length)]!)[0]!;
					if (mode === 'chat') composer += press.input;
					else if (mode !== 'help') field += press.input;
				}
				read(screen, [press]);
				const why = `seed ${seed} run ${run} step ${step}`;
				expect(screen.mode.type, why).toBe(mode);
				if (screen.mode.type === 'find' || screen.mode.type === 'picker') expect(screen.mode.field.text, why).toBe(field);
				expect(screen.composer.text(), why).toBe(composer);
			}
			expect(exited, `seed ${seed}`).toBe(0);
		}
	});
});

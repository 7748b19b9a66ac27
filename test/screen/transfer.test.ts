// Export, import and numbering as a person meets them in a terminal: `glm-tui export` and `import` printing
// into a pseudo-terminal, `/export` and `/open N` in the chat, Alt+N, and what start-up could not read.
import fs from 'node:fs';
import path from 'node:path';
import {describe, expect, it} from 'vitest';
import type {Conversation, Message} from '../../source/domain/types.js';
import {openConversationStore} from '../../source/store/conversations.js';
import {xdgEnv} from '../support/terminal.js';
import {conversationsDir, keys, statusLine, until, useHarness, ESC} from '../support/screen-kit.js';

const h = useHarness();

/** Anything a terminal would act on: ESC, other C0 controls but LF/CR/TAB, DEL and C1. */
const CONTROL = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F]/;
const EVIL = `before \u001B[2J\u001B]2;PWN\u0007\u001B]52;c;cHduZWQ=\u0007\u009B31m after`;

function seed(home: string, specs: Array<{name: string; messages?: Array<Partial<Message> & {content: string}>}>): Conversation[] {
	const store = openConversationStore({env: xdgEnv(home)});
	return specs.map((spec, n) => {
		const conversation = store.create({name: spec.name, model: 'glm-4.6'});
		const day = Date.UTC(2025, 0, 1) + n * 86_400_000;
		conversation.createdAt = new Date(day).toISOString();
		conversation.messages = (spec.messages ?? []).map((message, index) => ({
			id: `s${n}m${index}`,
			role: index % 2 === 0 ? 'user' : 'assistant',
			state: 'complete',
			time: new Date(day + index * 1000).toISOString(),
			...message,
		}));
		return store.save(conversation);
	});
}

const status = (screen: string) => statusLine(screen.split('\n'));

describe('glm-tui export in a terminal', () => {
	it('draws no control sequence: the screen is not cleared, the title and clipboard not set', async () => {
		const home = h.home();
		seed(home, [{name: 'evil', messages: [{content: 'question'}, {content: EVIL}]}]);
		const app = await h.app({home, args: ['export', 'evil']});
		expect(await app.exited).toBe(0);
		await app.settle();
		expect(app.output()).not.toMatch(CONTROL);
		expect(app.title()).toBe('');
		expect(app.text()).toContain('before');
		expect(app.text()).toContain('after');
	});

	it('an import error quoting a hostile file draws no control sequence either', async () => {
		const home = h.home();
		fs.writeFileSync(path.join(home, 'evil.json'), `\u001B]2;PWN\u0007\u001B[2J`);
		const app = await h.app({home, args: ['import', 'evil.json']});
		expect(await app.exited).toBe(2);
		await app.settle();
		expect(app.output()).not.toMatch(CONTROL);
		expect(app.title()).toBe('');
		expect(app.text()).toContain('evil.json');
	});
});

describe('/export', () => {
	it('with no file: named after the conversation, never over an existing file, and says where; ~ is the home folder', async () => {
		const home = h.home();
		seed(home, [{name: '周报 notes', messages: [{content: 'q'}, {content: 'the answer'}]}]);
		fs.writeFileSync(path.join(home, '周报 notes.md'), 'precious');
		const {app} = await h.chat({home});
		await app.type('/export');
		await app.waitFor('/export');
		app.write(keys.enter);
		await app.waitFor((s) => /Exported "周报 notes" to .*周报 notes-2\.md.*exists/.test(s.replace(/\n/g, ' ')));
		expect(fs.readFileSync(path.join(home, '周报 notes.md'), 'utf8')).toBe('precious');
		expect(fs.readFileSync(path.join(home, '周报 notes-2.md'), 'utf8')).toContain('the answer');

		fs.mkdirSync(path.join(home, 'out'));
		await app.type('/export ~/out/x.md');
		await app.waitFor('/export ~/out/x.md');
		app.write(keys.enter);
		await app.waitFor((s) => /Exported .* to .*out\/x\.md/.test(s.replace(/\n/g, '')));
		expect(fs.readFileSync(path.join(home, 'out', 'x.md'), 'utf8')).toContain('the answer');
		expect(fs.existsSync(path.join(home, '~'))).toBe(false);
	});
});

describe('one number everywhere', () => {
	it('/open 12 reaches the twelfth; Alt+3 and the list agree; an ambiguous /open lists the candidates', async () => {
		const home = h.home();
		seed(
			home,
			Array.from({length: 12}, (_, index) => ({
				name: index === 6 ? 'deploy plan' : index === 8 ? 'deploy notes' : `chat ${index + 1}`,
				messages: [{content: `q${index + 1}`}, {content: `answer number ${index + 1}`}],
			})),
		);
		const {app} = await h.chat({home});
		await app.type('/open 12');
		await app.waitFor('/open 12');
		app.write(keys.enter);
		await app.waitFor((s) => status(s).includes(' 12:chat 12 ') && s.includes('answer number 12'));
		await app.settle(40);
		app.write(`${ESC}3`);
		await app.waitFor((s) => status(s).includes(' 3:chat 3 ') && s.includes('answer number 3'));
		await app.type('/open deploy');
		await app.waitFor('/open deploy');
		app.write(keys.enter);
		await app.waitFor((s) => s.replace(/\n/g, ' ').includes('2 conversations match "deploy": 7 deploy plan, 9 deploy notes'));
		expect(app.text()).toContain('answer number 3');
	});
});

describe('start-up problems', () => {
	it('every file that could not be used is listed whole, then the chat; a `tool` message keeps its conversation', async () => {
		const home = h.home();
		const [, broken, newer, tools] = seed(home, [
			{name: 'alpha', messages: [{content: 'alpha q'}, {content: 'alpha answer'}]},
			{name: 'broken', messages: [{content: 'b'}]},
			{name: 'newer', messages: [{content: 'n'}]},
			{name: 'tools', messages: [{content: 'what is 6*7'}, {content: 'calling', role: 'assistant'}]},
		]);
		const dir = conversationsDir(home);
		fs.writeFileSync(path.join(dir, `${broken!.id}.json`), '{"broken');
		const newerFile = JSON.parse(fs.readFileSync(path.join(dir, `${newer!.id}.json`), 'utf8')) as Record<string, unknown>;
		fs.writeFileSync(path.join(dir, `${newer!.id}.json`), JSON.stringify({...newerFile, __internal__: {migrations: {version: '9.0.0'}}}));
		const toolFile = JSON.parse(fs.readFileSync(path.join(dir, `${tools!.id}.json`), 'utf8')) as Conversation;
		toolFile.messages.push({
			id: 'tool1',
			role: 'tool' as 'user',
			content: 'tool says 42',
			state: 'complete',
			time: '2025-01-04T00:00:05.000Z',
		});
		fs.writeFileSync(path.join(dir, `${tools!.id}.json`), JSON.stringify(toolFile));

		const app = await h.app({home, server: await h.server(), columns: 80, rows: 24});
		const listed = await app.waitFor('2 conversation files could not be used');
		const flat = listed.replace(/\s+/g, '');
		expect(flat).toContain('"broken"couldnotberead'.replace(/\s+/g, ''));
		expect(flat).toContain('format9.0.0');
		expect(flat).toContain(`${newer!.id}.json`);
		await app.inputReady();
		await app.settle(40);
		app.write(keys.esc);
		await app.waitFor((s) => s.split('\n').some((line) => /^─+$/.test(line)));
		await app.type('/open tools');
		await app.waitFor('/open tools');
		app.write(keys.enter);
		await app.waitFor((s) => s.includes('tool says 42') && s.includes('what is 6*7'));
		expect(fs.readdirSync(dir).filter((name) => name.startsWith(`${tools!.id}.corrupt`))).toEqual([]);
		await until(() => fs.existsSync(path.join(dir, `${newer!.id}.json`)), 'newer file untouched');
	});
});

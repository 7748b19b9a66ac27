// Slash commands as a person meets them: a question that starts like a command is never thrown away, `//`
// sends a literal slash, and settings are shown before anything clears them.
import {describe, expect, it} from 'vitest';
import type {AppTerminal} from '../support/terminal.js';
import {composerRowIndex, keys, readConversations, statusLine, until, useHarness} from '../support/screen-kit.js';

const h = useHarness();

const ready = (s: string) => /\bready\b/.test(statusLine(s.split('\n')));
const composer = (s: string) => {
	const rows = s.split('\n');
	return rows[composerRowIndex(rows)] ?? '';
};
/** The notice, wherever it is drawn (in the status line or on rows above it), as one line. */
const screenText = (s: string) => s.split('\n').join(' ').replace(/\s+/g, ' ');

async function press(app: AppTerminal, sequence: string): Promise<void> {
	await app.settle(40);
	app.write(sequence);
}

async function typeAndEnter(app: AppTerminal, text: string): Promise<void> {
	await app.type(text);
	await app.waitFor((s) => s.includes(text.slice(-8)));
	await press(app, keys.enter);
}

describe('a question that starts with a slash', () => {
	it('an unknown /word stays in the composer with a hint, the second Enter sends it, and Up brings it back', async () => {
		const {server, app} = await h.chat();
		const question = '/var 分区满了，怎么清理？';
		await typeAndEnter(app, question);
		const held = await app.waitFor((s) => /not a command/.test(s));
		expect(composer(held)).toBe(`› ${question}`);
		expect(screenText(held)).toMatch(/\/var is not a command: Enter again sends it as a message/);
		await app.settle(300);
		expect(server.requests).toHaveLength(0);

		server.enqueue({reply: '用 du -sh 看看'});
		await press(app, keys.enter);
		await until(() => server.requests.length === 1, 'the request');
		expect(server.requests[0]!.body.messages.at(-1)).toEqual({role: 'user', content: question});
		await app.waitFor((s) => ready(s) && s.includes('用 du -sh 看看') && composer(s).startsWith('› Message GLM'));

		await press(app, keys.up);
		await app.waitFor((s) => composer(s) === `› ${question}`);
	});

	it('a mistyped command is kept in the Up history even when the composer is then cleared', async () => {
		const {server, app} = await h.chat();
		await typeAndEnter(app, '/serch foo');
		await app.waitFor((s) => /\/serch is not a command/.test(s) && composer(s) === '› /serch foo');
		await press(app, keys.ctrlU);
		await app.waitFor((s) => composer(s).startsWith('› Message GLM'));
		await press(app, keys.up);
		await app.waitFor((s) => composer(s) === '› /serch foo');

		// Up from a held text goes to the entry before it, not to itself; Down comes back.
		await press(app, keys.ctrlU);
		await typeAndEnter(app, '/serch bar');
		await app.waitFor((s) => /\/serch is not a command/.test(s) && composer(s) === '› /serch bar');
		await press(app, keys.up);
		await app.waitFor((s) => composer(s) === '› /serch foo');
		await press(app, keys.down);
		await app.waitFor((s) => composer(s) === '› /serch bar');
		expect(server.requests).toHaveLength(0);
	});

	it('a command that takes no argument, given one, is held as a question too (/quit 是什么 does not quit)', async () => {
		const {server, app} = await h.chat();
		await typeAndEnter(app, '/quit 是什么意思');
		await app.waitFor((s) => /\/quit takes no argument/.test(screenText(s)) && composer(s) === '› /quit 是什么意思');
		server.enqueue({reply: 'quit means leave'});
		await press(app, keys.enter);
		await app.waitFor((s) => ready(s) && s.includes('quit means leave'));
		expect(server.requests[0]!.body.messages.at(-1).content).toBe('/quit 是什么意思');
	});

	it('a path is sent as it is, at once', async () => {
		const {server, app} = await h.chat();
		server.enqueue({reply: 'hosts file'});
		await typeAndEnter(app, '/etc/hosts 是什么');
		await app.waitFor((s) => ready(s) && s.includes('hosts file'));
		expect(server.requests[0]!.body.messages.at(-1).content).toBe('/etc/hosts 是什么');
	});

	it('// sends a literal / (one slash removed), as the readme says', async () => {
		const {server, app} = await h.chat();
		server.enqueue({reply: 'literal ok'});
		await typeAndEnter(app, '//etc/passwd literal');
		await app.waitFor((s) => ready(s) && s.includes('literal ok'));
		expect(server.requests[0]!.body.messages.at(-1).content).toBe('/etc/passwd literal');
		expect(app.text()).toMatch(/^ {2}\/etc\/passwd literal$/m);
		server.enqueue({reply: 'model word ok'});
		await typeAndEnter(app, '//model is a word');
		await app.waitFor((s) => ready(s) && s.includes('model word ok'));
		expect(server.requests[1]!.body.messages.at(-1).content).toBe('/model is a word');
	});

	it('known commands still run, and go into the Up history', async () => {
		const {app, home} = await h.chat();
		await typeAndEnter(app, '/model glm-4.5-air');
		await app.waitFor((s) => s.includes('Model for "chat": glm-4.5-air') && composer(s).startsWith('› Message GLM'));
		await until(() => readConversations(home)[0]?.model === 'glm-4.5-air', 'the model saved');
		await press(app, keys.up);
		await app.waitFor((s) => composer(s) === '› /model glm-4.5-air');
	});

	it('a command that fails keeps its text in the composer (/temperature warm)', async () => {
		const {app} = await h.chat();
		await typeAndEnter(app, '/temperature warm');
		await app.waitFor((s) => /Temperature must be/.test(s) && composer(s) === '› /temperature warm');
		await press(app, keys.ctrlU);
		await typeAndEnter(app, '/model glm 4.6');
		await app.waitFor((s) => /A model name has no spaces/.test(s) && composer(s) === '› /model glm 4.6');
	});
});

describe('settings', () => {
	it('bare /system, /temperature and /thinking show their values and clear nothing; /system off clears', async () => {
		const {server, app, home} = await h.chat();
		const file = () => readConversations(home)[0]!;
		await typeAndEnter(app, '/system be brief');
		await app.waitFor('System prompt set');
		await typeAndEnter(app, '/temperature 0.3');
		await app.waitFor('Temperature: 0.3');
		await typeAndEnter(app, '/thinking on');
		await app.waitFor('Thinking: on');
		await until(() => file().thinking === 'enabled', 'the settings saved');

		await typeAndEnter(app, '/system');
		await app.waitFor((s) => /System prompt: be brief/.test(screenText(s)));
		await typeAndEnter(app, '/temperature');
		await app.waitFor((s) => /Temperature: 0\.3 · \/temperature default/.test(screenText(s)));
		await typeAndEnter(app, '/thinking');
		await app.waitFor((s) => /Thinking: on · \/thinking on \| off \| default/.test(screenText(s)));
		await app.settle(200);
		expect(file()).toMatchObject({system: 'be brief', temperature: 0.3, thinking: 'enabled'});

		server.enqueue({reply: 'kept'});
		await typeAndEnter(app, 'hi');
		await app.waitFor((s) => ready(s) && s.includes('kept'));
		expect(server.requests[0]!.body).toMatchObject({temperature: 0.3, thinking: {type: 'enabled'}});
		expect(server.requests[0]!.body.messages[0]).toEqual({role: 'system', content: 'be brief'});

		await typeAndEnter(app, '/system off');
		await app.waitFor('System prompt removed');
		await typeAndEnter(app, '/temperature default');
		await app.waitFor('Temperature: model default');
		await until(() => file().system === undefined && file().temperature === undefined, 'the clears saved');
		await typeAndEnter(app, '/system');
		await app.waitFor('No system prompt');
	});

	it('/settings shows model, the system prompt\u2019s first line, temperature and thinking at once', async () => {
		const {app} = await h.chat();
		await typeAndEnter(app, '/model glm-4.5-air');
		// Typed only once Enter was read: a CR read together with the text after it is a newline (a paste).
		await app.waitFor('Model for "chat": glm-4.5-air');
		await app.type('/system 你是运维助手');
		await press(app, keys.ctrlJ);
		await typeAndEnter(app, 'second line');
		await app.waitFor('System prompt set');
		await typeAndEnter(app, '/thinking off');
		await app.waitFor('Thinking: off');
		await typeAndEnter(app, '/settings');
		const shown = await app.waitFor((s) => /Model glm-4\.5-air/.test(screenText(s)));
		expect(screenText(shown)).toContain(
			'Model glm-4.5-air · system prompt: 你是运维助手 … (2 lines) · temperature: model default · thinking off',
		);
		expect(shown).not.toContain('second line');
	});
});

// A turn the service refused (1301, 1113, a dropped connection, any error) is marked failed on screen and on
// disk, never sent again as context, and can be retried (Ctrl+R, /retry) or edited (Up).
import {describe, expect, it} from 'vitest';
import type {Behaviour} from '../support/glm-server.js';
import type {AppTerminal} from '../support/terminal.js';
import {composerRowIndex, keys, statusLine, storedMessages, until, useHarness} from '../support/screen-kit.js';

const h = useHarness();

const ready = (s: string) => /\bready\b/.test(statusLine(s.split('\n')));
const composer = (s: string) => {
	const rows = s.split('\n');
	return rows[composerRowIndex(rows)] ?? '';
};
function transcript(screen: string): string {
	const rows = screen.split('\n');
	const separator = rows.findIndex((line) => /^─+$/.test(line));
	return rows.slice(0, separator === -1 ? rows.length : separator).join('\n');
}

async function press(app: AppTerminal, sequence: string): Promise<void> {
	await app.settle(40);
	app.write(sequence);
}

async function send(app: AppTerminal, text: string): Promise<void> {
	await app.type(text);
	await app.waitFor((s) => composer(s).includes(text.slice(-8)));
	await press(app, keys.enter);
}

const failures: Array<[string, Behaviour, RegExp]> = [
	['1301 (content flagged)', {code: '1301'}, /content filter|敏感|sensitive/i],
	['1113 (no balance)', {code: '1113'}, /balance/i],
	['a connection dropped mid-answer', {reply: 'half of an answer that never ends', dropAfter: 3}, /.+/],
	['a 500 that stays a 500', {status: 500}, /.+/],
];

describe('failed turns', () => {
	for (const [what, behaviour, message] of failures) {
		it(`after ${what}: marked failed on screen and on disk, and left out of the next request`, async () => {
			const {server, app, home} = await h.chat();
			// A 500 is retried by the client; every attempt fails.
			server.setDefault(behaviour);
			await send(app, 'the bad question');
			const failed = await app.waitFor((s) => ready(s) && /✖ failed/.test(transcript(s)), 30_000);
			expect(transcript(failed)).toMatch(message);
			// The question's own header says so, and how to go on.
			expect(transcript(failed)).toMatch(/You .*✖ failed/);
			expect(transcript(failed)).toMatch(/left out of later requests · Ctrl\+R retries · Up edits/);
			await until(() => {
				const stored = storedMessages(home);
				return (
					stored.find((m) => m.role === 'user' && m.content === 'the bad question')?.state === 'failed' &&
					stored.some((m) => m.role === 'assistant' && m.state !== 'streaming')
				);
			}, 'the failed turn saved');
			const answer = storedMessages(home).find((m) => m.role === 'assistant')!;
			expect(['failed', 'filtered']).toContain(answer.state);

			const before = server.requests.length;
			server.setDefault({});
			server.enqueue({reply: 'a good answer'});
			await send(app, 'a good question');
			await app.waitFor((s) => ready(s) && s.includes('a good answer'));
			expect(server.requests[before]!.body.messages).toEqual([{role: 'user', content: 'a good question'}]);

			server.enqueue({reply: 'third answer'});
			await send(app, 'third');
			await app.waitFor((s) => ready(s) && s.includes('third answer'));
			expect(server.requests.at(-1)!.body.messages.map((m: {content: string}) => m.content)).toEqual([
				'a good question',
				'a good answer',
				'third',
			]);
		});
	}

	it('Ctrl+R retries a failed turn: the question is sent again, and on success it is no longer marked', async () => {
		const {server, app, home} = await h.chat();
		server.enqueue({reply: 'first answer'});
		await send(app, 'first question');
		await app.waitFor((s) => ready(s) && s.includes('first answer'));
		server.enqueue({code: '1113'});
		await send(app, 'retry me');
		await app.waitFor((s) => ready(s) && /✖ failed/.test(transcript(s)));

		server.enqueue({reply: 'retried fine'});
		await press(app, keys.ctrlR);
		await app.waitFor((s) => ready(s) && s.includes('retried fine'));
		expect(server.requests.at(-1)!.body.messages.map((m: {content: string}) => m.content)).toEqual([
			'first question',
			'first answer',
			'retry me',
		]);
		expect(transcript(app.text())).not.toMatch(/✖/);
		await until(() => {
			const stored = storedMessages(home);
			return stored.length === 4 && stored.every((m) => m.state === 'complete') && stored.at(-1)!.content.includes('retried fine');
		}, 'the retried turn saved as complete');
	});

	it('/retry retries too, and Up brings the failed question back to edit and send', async () => {
		const {server, app} = await h.chat();
		server.enqueue({code: '1301'}, {code: '1301'});
		await send(app, '这个问题被拒绝了');
		await app.waitFor((s) => ready(s) && /✖ failed/.test(transcript(s)));
		await send(app, '/retry');
		await until(() => server.requests.length === 2, 'the retry');
		expect(server.requests[1]!.body.messages).toEqual([{role: 'user', content: '这个问题被拒绝了'}]);
		await app.waitFor((s) => ready(s) && /✖ failed/.test(transcript(s)));

		// Up goes back through what was entered: /retry, then the question.
		await press(app, keys.up);
		await app.waitFor((s) => composer(s) === '› /retry');
		await press(app, keys.up);
		await app.waitFor((s) => composer(s) === '› 这个问题被拒绝了');
		await press(app, keys.backspace);
		await press(app, keys.backspace);
		await app.type('换个说法');
		server.enqueue({reply: 'accepted now'});
		await press(app, keys.enter);
		await app.waitFor((s) => ready(s) && s.includes('accepted now'));
		expect(server.requests[2]!.body.messages).toEqual([{role: 'user', content: '这个问题被拒换个说法'}]);
	});
});

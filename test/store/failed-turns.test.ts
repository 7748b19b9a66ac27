// A failed turn (question and answer marked `failed`) is stored, loaded and merged like any other state, and
// files written before questions could be marked still load.
import fs from 'node:fs';
import path from 'node:path';
import {afterEach, beforeEach, describe, expect, it} from 'vitest';
import {openConversationStore} from '../../source/store/conversations.js';
import {failTurn, reopenTurn} from '../../source/chat/turns.js';
import {buildRequest} from '../../source/chat/request.js';
import {makeTempHome, message, type TempHome} from './helpers.js';

let home: TempHome;
beforeEach(() => {
	home = makeTempHome();
});
afterEach(() => home.cleanup());

const open = () => openConversationStore({env: home.env});

describe('failed turns on disk', () => {
	it('a failed question round-trips through the schema, and so does its retry', () => {
		const store = open();
		const created = store.create({name: 'c', model: 'glm-4.6'});
		created.messages.push(message('q1'), message('a1', {role: 'assistant', state: 'filtered', content: '', error: '1301'}));
		failTurn(created, 'a1', '2026-06-01T00:00:00.000Z');
		store.save(created);
		const loaded = open().load(created.id);
		expect(loaded.messages.map((each) => [each.id, each.state])).toEqual([
			['q1', 'failed'],
			['a1', 'filtered'],
		]);
		expect(loaded.messages[0]!.updatedAt).toBe('2026-06-01T00:00:00.000Z');

		reopenTurn(loaded, '2026-06-01T00:00:10.000Z');
		loaded.messages.pop();
		loaded.removedIds = ['a1'];
		open().save(loaded);
		expect(
			open()
				.load(created.id)
				.messages.map((each) => [each.id, each.state]),
		).toEqual([['q1', 'complete']]);
	});

	it('another process\u2019s older copy of the question does not undo the mark (merge keeps the later change)', () => {
		const store = open();
		const created = store.create({name: 'c', model: 'glm-4.6'});
		created.messages.push(message('q1'));
		const other = open();
		const theirs = other.load(store.save(created).id);
		created.messages.push(message('a1', {role: 'assistant', state: 'failed', content: ''}));
		failTurn(created, 'a1', new Date(Date.parse(created.messages[1]!.time) + 1000).toISOString());
		store.save(created);
		// The other process still holds the question as complete and saves something else.
		theirs.draft = 'typing';
		const merged = other.save(theirs);
		expect(merged.messages.find((each) => each.id === 'q1')!.state).toBe('failed');
	});

	it('a file from before failed questions existed loads, and its failed turn stays out of the request', () => {
		const dir = home.conversationsDir;
		fs.mkdirSync(dir, {recursive: true});
		const messages = [
			{id: 'q1', role: 'user', content: 'flagged', state: 'complete', time: '2026-01-01T00:00:01.000Z'},
			{id: 'a1', role: 'assistant', content: '', state: 'failed', time: '2026-01-01T00:00:02.000Z', error: 'content filter'},
			{id: 'q2', role: 'user', content: 'fine', state: 'complete', time: '2026-01-01T00:00:03.000Z'},
		];
		const file = {
			id: 'old',
			name: 'old',
			createdAt: '2026-01-01T00:00:00.000Z',
			updatedAt: '2026-01-01T00:00:03.000Z',
			model: 'glm-4.6',
			messages,
			__internal__: {migrations: {version: '2.0.0'}},
		};
		fs.writeFileSync(path.join(dir, 'old.json'), JSON.stringify(file), {mode: 0o600});
		const loaded = open().load('old');
		expect(loaded.messages).toHaveLength(3);
		expect(buildRequest(loaded).request.messages).toEqual([{role: 'user', content: 'fine'}]);
	});
});

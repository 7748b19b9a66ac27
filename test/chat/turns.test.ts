import {describe, expect, it} from 'vitest';
import {failTurn, reopenTurn} from '../../source/chat/turns.js';
import type {Conversation, Message} from '../../source/domain/types.js';

const message = (id: string, role: Message['role'], state: Message['state'] = 'complete'): Message => ({
	id,
	role,
	content: id,
	state,
	time: '2026-11-25T10:00:00.000Z',
});

const conversation = (messages: Message[]): Conversation => ({
	id: 'c',
	name: 'c',
	model: 'glm-4.6',
	createdAt: '',
	updatedAt: '',
	messages,
});

describe('failed turns', () => {
	it('failTurn marks the question the failed answer replied to, with a newer updatedAt so merges keep it', () => {
		const c = conversation([
			message('q1', 'user'),
			message('a1', 'assistant'),
			message('q2', 'user'),
			message('a2', 'assistant', 'failed'),
		]);
		const before = c.messages[2];
		failTurn(c, 'a2', '2026-11-25T10:00:05.000Z');
		expect(c.messages.map((each) => each.state)).toEqual(['complete', 'complete', 'failed', 'failed']);
		expect(c.messages[2]).toMatchObject({id: 'q2', state: 'failed', updatedAt: '2026-11-25T10:00:05.000Z'});
		// A new object: the serializer's cache and the other references keep the old version.
		expect(c.messages[2]).not.toBe(before);
		expect(before!.state).toBe('complete');
	});

	it('reopenTurn puts the last failed question back to complete for a retry, and leaves others alone', () => {
		const c = conversation([message('q1', 'user', 'failed'), message('a1', 'assistant', 'failed'), message('q2', 'user', 'failed')]);
		expect(reopenTurn(c, '2026-11-25T10:00:09.000Z')?.id).toBe('q2');
		expect(c.messages.map((each) => each.state)).toEqual(['failed', 'failed', 'complete']);
		expect(c.messages[2]!.updatedAt).toBe('2026-11-25T10:00:09.000Z');
		const done = conversation([message('q1', 'user'), message('a1', 'assistant')]);
		expect(reopenTurn(done, 'x')).toBeUndefined();
		expect(done.messages[0]!.updatedAt).toBeUndefined();
	});
});

import {describe, expect, it} from 'vitest';
import type {Conversation, Message} from '../../source/domain/types.js';
import {STALE_MS, settleStreaming, writtenElsewhere, type WriterWorld} from '../../source/chat/writer.js';

const now = Date.parse('2026-01-01T12:00:00.000Z');
const world: WriterWorld = {host: 'box', pid: 100, now, isAlive: (pid) => pid === 200};

function answer(extra: Partial<Message>): Message {
	return {id: 'a1', role: 'assistant', content: '部分 text', state: 'streaming', time: new Date(now - 60_000).toISOString(), ...extra};
}

const saved = (ago: number) => new Date(now - ago).toISOString();

describe('writtenElsewhere', () => {
	it('is true only for a fresh checkpoint of a live process that is not this one', () => {
		expect(writtenElsewhere(answer({writer: 'box:200', updatedAt: saved(1000)}), world)).toBe(true);
		// The writer died (kill -9): its pid is gone.
		expect(writtenElsewhere(answer({writer: 'box:300', updatedAt: saved(1000)}), world)).toBe(false);
		// Our own pid (reused after a reboot): our own answers are in memory, not read from disk.
		expect(writtenElsewhere(answer({writer: 'box:100', updatedAt: saved(1000)}), world)).toBe(false);
		// Another host: the heartbeat decides.
		expect(writtenElsewhere(answer({writer: 'other:5', updatedAt: saved(1000)}), world)).toBe(true);
		expect(writtenElsewhere(answer({writer: 'other:5', updatedAt: saved(STALE_MS + 1)}), world)).toBe(false);
		// A live pid with a stale checkpoint is a reused pid.
		expect(writtenElsewhere(answer({writer: 'box:200', updatedAt: saved(STALE_MS + 1)}), world)).toBe(false);
		// No writer (written before checkpoints existed), a final state, a malformed writer.
		expect(writtenElsewhere(answer({updatedAt: saved(1000)}), world)).toBe(false);
		expect(writtenElsewhere(answer({writer: 'box:200', updatedAt: saved(1000), state: 'complete'}), world)).toBe(false);
		expect(writtenElsewhere(answer({writer: 'box', updatedAt: saved(1000)}), world)).toBe(false);
		expect(writtenElsewhere(answer({writer: 'box:x', updatedAt: saved(1000)}), world)).toBe(false);
	});
});

describe('settleStreaming', () => {
	it('stops answers no one writes any more, keeping their text, and leaves live ones alone', () => {
		const dead = answer({id: 'dead', writer: 'box:300', updatedAt: saved(1000)});
		const live = answer({id: 'live', writer: 'box:200', updatedAt: saved(1000)});
		const conversation: Conversation = {
			id: 'c',
			name: 'c',
			model: 'glm-4.6',
			createdAt: saved(0),
			updatedAt: saved(0),
			messages: [dead, live],
		};
		expect(settleStreaming(conversation, world)).toEqual({changed: true, elsewhere: true});
		const {writer: _writer, ...rest} = dead;
		expect(conversation.messages[0]).toEqual({...rest, state: 'stopped'});
		expect(conversation.messages[0]).not.toHaveProperty('writer');
		expect(conversation.messages[0]!.content).toBe('部分 text');
		expect(conversation.messages[1]).toBe(live);
	});
});

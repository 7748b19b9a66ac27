import {describe, expect, it} from 'vitest';
import {buildRequest, clampTemperature} from '../../source/chat/request.js';
import type {Conversation, Message} from '../../source/domain/types.js';
import {mulberry32} from '../support/random.js';

const message = (role: Message['role'], content: string, extra: Partial<Message> = {}): Message => ({
	id: Math.random().toString(16).slice(2),
	role,
	content,
	state: 'complete',
	time: '2026-11-25T10:00:00.000Z',
	...extra,
});

const conversation = (messages: Message[], extra: Partial<Conversation> = {}): Conversation => ({
	id: 'c',
	name: 'c',
	model: 'glm-4.6',
	createdAt: '',
	updatedAt: '',
	messages,
	...extra,
});

describe('buildRequest', () => {
	it('sends the system prompt first and the turns in order', () => {
		const {request, firstIncluded} = buildRequest(
			conversation([message('user', '你好'), message('assistant', '你好！'), message('user', 'next')], {
				system: 'be brief',
				temperature: 0.3,
				thinking: 'enabled',
			}),
		);
		expect(request.messages).toEqual([
			{role: 'system', content: 'be brief'},
			{role: 'user', content: '你好'},
			{role: 'assistant', content: '你好！'},
			{role: 'user', content: 'next'},
		]);
		expect(request.temperature).toBe(0.3);
		expect(request.thinking).toEqual({type: 'enabled'});
		expect(firstIncluded).toBe(0);
	});

	it('never sends a failed or filtered turn (question and answer), nor the streaming placeholder', () => {
		const {request} = buildRequest(
			conversation([
				message('user', 'a'),
				message('assistant', 'bad words', {state: 'filtered'}),
				message('user', 'b'),
				message('assistant', '', {state: 'failed'}),
				message('user', 'ok'),
				message('assistant', 'fine'),
				// Marked on the question itself (glm-tui 0.1+), with a partial answer cut off by the network.
				message('user', 'flagged', {state: 'failed'}),
				message('assistant', 'half an ans', {state: 'failed', error: 'interrupted'}),
				message('user', 'c'),
				message('assistant', '', {state: 'streaming'}),
			]),
		);
		expect(request.messages.map((each) => each.content)).toEqual(['ok', 'fine', 'c']);
	});

	it('leaves a failed question out even when its answer is gone (retried elsewhere, removed)', () => {
		const {request} = buildRequest(conversation([message('user', 'flagged', {state: 'failed'}), message('user', 'next')]));
		expect(request.messages).toEqual([{role: 'user', content: 'next'}]);
	});

	it('random conversations: no message of a failed turn is ever sent, every other finished one is (seeded)', () => {
		const seed = Number(process.env['SEED'] ?? Date.now() % 100_000);
		const random = mulberry32(seed);
		const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)]!;
		for (let round = 0; round < 300; round++) {
			const messages: Message[] = [];
			const expected: string[] = [];
			const turns = 1 + Math.floor(random() * 8);
			for (let turn = 0; turn < turns; turn++) {
				const answer = pick(['complete', 'complete', 'stopped', 'failed', 'filtered'] as const);
				const marked = answer === 'failed' || answer === 'filtered' ? pick([true, false]) : false;
				const question = `q${turn}`;
				const reply = answer === 'filtered' ? '' : pick(['', `a${turn}`]);
				messages.push(message('user', question, marked ? {state: 'failed'} : {}));
				messages.push(message('assistant', reply, {state: answer}));
				if (answer === 'complete' || answer === 'stopped') {
					expected.push(question);
					if (reply) expected.push(reply);
				}
			}
			messages.push(message('user', 'now'));
			expected.push('now');
			const {request} = buildRequest(conversation(messages));
			expect(
				request.messages.map((each) => each.content),
				`seed ${seed}, round ${round}`,
			).toEqual(expected);
		}
	});

	it('leaves out the oldest turns when the window is exceeded and reports the cut', () => {
		const long = 'x'.repeat(35_000); // ~10k tokens each
		const messages = Array.from({length: 10}, (_, index) => message(index % 2 ? 'assistant' : 'user', `${index}${long}`));
		messages.push(message('user', 'latest'));
		const {request, firstIncluded} = buildRequest(conversation(messages), {window: 50_000});
		expect(firstIncluded).toBeGreaterThan(0);
		expect(request.messages.at(-1)?.content).toBe('latest');
		expect(request.messages[0]?.role).toBe('user');
		const kept = request.messages.length;
		expect(kept).toBeLessThan(11);
		expect(kept).toBeGreaterThan(1);
	});

	it('always sends the newest question even when it alone is too long', () => {
		const {request} = buildRequest(conversation([message('user', 'y'.repeat(100_000))]), {window: 10_000});
		expect(request.messages).toHaveLength(1);
	});

	it('does not send thinking or temperature unless chosen, and clamps temperature into (0, 1]', () => {
		const {request} = buildRequest(conversation([message('user', 'a')]));
		expect(request).not.toHaveProperty('thinking');
		expect(request).not.toHaveProperty('temperature');
		expect(clampTemperature(0)).toBe(0.01);
		expect(clampTemperature(3)).toBe(1);
	});
});

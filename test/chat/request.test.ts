import {describe, expect, it} from 'vitest';
import {buildRequest, clampTemperature} from '../../source/chat/request.js';
import type {Conversation, Message} from '../../source/chat/types.js';

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
			conversation([message('user', '你好'), message('assistant', '你好！'), message('user', 'next')], {system: 'be brief', temperature: 0.3, thinking: 'enabled'}),
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

	it('never sends a filtered answer, an empty failed one, or the streaming placeholder', () => {
		const {request} = buildRequest(
			conversation([
				message('user', 'a'),
				message('assistant', 'bad words', {state: 'filtered'}),
				message('user', 'b'),
				message('assistant', '', {state: 'failed'}),
				message('user', 'c'),
				message('assistant', '', {state: 'streaming'}),
			]),
		);
		expect(request.messages.map((each) => each.content)).toEqual(['a', 'b', 'c']);
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

import {describe, expect, it} from 'vitest';
import type {Conversation} from '../../source/domain/types.js';
import {mergeConversation, removeMessages, sharedFields} from '../../source/store/merge.js';
import {message} from './helpers.js';

const conversation = (overrides: Partial<Conversation> = {}): Conversation => ({
	id: 'c',
	name: 'C',
	model: 'glm-4.6',
	createdAt: '2026-01-01T00:00:00.000Z',
	updatedAt: '2026-01-01T00:00:00.000Z',
	messages: [],
	...overrides,
});

describe('mergeConversation', () => {
	it('keeps the union of messages, sorted by time', () => {
		const [a, b, c, d] = [message('a'), message('b'), message('c'), message('d')];
		const merged = mergeConversation(conversation({messages: [a!, c!]}), conversation({messages: [a!, b!, d!]}));
		expect(merged.messages.map((each) => each.id)).toEqual(['a', 'b', 'c', 'd']);
	});

	it('prefers a final state to streaming, then the later update, then ours', () => {
		const base = message('x', {role: 'assistant', content: 'par', state: 'streaming'});
		const complete = {...base, content: 'partial answer', state: 'complete' as const};
		expect(mergeConversation(conversation({messages: [base]}), conversation({messages: [complete]})).messages[0]).toEqual(complete);
		expect(mergeConversation(conversation({messages: [complete]}), conversation({messages: [base]})).messages[0]).toEqual(complete);

		const later = {...complete, content: 'edited', updatedAt: '2030-01-01T00:00:00.000Z'};
		expect(mergeConversation(conversation({messages: [complete]}), conversation({messages: [later]})).messages[0]).toEqual(later);
		const ours = {...complete, content: 'ours'};
		expect(mergeConversation(conversation({messages: [ours]}), conversation({messages: [complete]})).messages[0]).toEqual(ours);
	});

	it('keeps removed messages out, whichever copy still has them', () => {
		const [a, b] = [message('a'), message('b', {role: 'assistant'})];
		const regenerated = removeMessages(conversation({messages: [a!, b!]}), ['b']);
		expect(regenerated.messages.map((each) => each.id)).toEqual(['a']);
		const merged = mergeConversation(conversation({messages: [a!, b!]}), regenerated);
		expect(merged.messages.map((each) => each.id)).toEqual(['a']);
		expect(merged.removedIds).toEqual(['b']);
	});

	it('takes a field from the file when only the file changed it', () => {
		const seen = conversation();
		const renamedElsewhere = conversation({name: 'Renamed', model: 'glm-4.5'});
		const ours = conversation({model: 'glm-5', system: 'terse'});
		const merged = mergeConversation(ours, renamedElsewhere, sharedFields(seen));
		expect(merged.name).toBe('Renamed');
		expect(merged.model).toBe('glm-5');
		expect(merged.system).toBe('terse');
	});

	it('keeps the earliest creation and the latest update', () => {
		const merged = mergeConversation(
			conversation({createdAt: '2026-01-02T00:00:00.000Z', updatedAt: '2026-01-05T00:00:00.000Z'}),
			conversation({createdAt: '2026-01-01T00:00:00.000Z', updatedAt: '2026-01-03T00:00:00.000Z'}),
		);
		expect(merged.createdAt).toBe('2026-01-01T00:00:00.000Z');
		expect(merged.updatedAt).toBe('2026-01-05T00:00:00.000Z');
	});
});

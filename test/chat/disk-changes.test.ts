import {describe, expect, it} from 'vitest';
import type {Conversation, Message} from '../../source/domain/types.js';
import {adoptFromDisk} from '../../source/chat/disk-changes.js';
import type {WriterWorld} from '../../source/chat/writer.js';

const now = Date.parse('2026-01-01T12:00:00.000Z');
const world: WriterWorld = {host: 'box', pid: 100, now, isAlive: (pid) => pid === 200};
const at = (seconds: number) => new Date(now - 600_000 + seconds * 1000).toISOString();

function message(id: string, extra: Partial<Message> = {}): Message {
	return {
		id,
		role: id.startsWith('q') ? 'user' : 'assistant',
		content: `text of ${id}`,
		state: 'complete',
		time: at(Number(id.slice(1))),
		...extra,
	};
}

function conversation(messages: Message[], extra: Partial<Conversation> = {}): Conversation {
	return {id: 'c', name: 'notes', model: 'glm-4.6', createdAt: at(0), updatedAt: at(0), messages, ...extra};
}

describe('adoptFromDisk', () => {
	it('takes in new messages, a rename and settings, keeps our draft, and reports no change when there is none', () => {
		const q1 = message('q1');
		const a2 = message('a2');
		const ours = conversation([q1, a2], {draft: '我的草稿'});
		const disk = conversation([{...q1}, {...a2}, message('q3'), message('a4')], {
			name: '新名字 renamed',
			model: 'glm-4.5-air',
			draft: 'theirs',
		});
		const result = adoptFromDisk(ours, disk, {world});
		expect(result).toEqual({changed: true, elsewhere: false, finishedDetached: false});
		expect(ours.messages.map((m) => m.id)).toEqual(['q1', 'a2', 'q3', 'a4']);
		// Unchanged messages keep their objects: the screen's line cache stays valid.
		expect(ours.messages[0]).toBe(q1);
		expect(ours.name).toBe('新名字 renamed');
		expect(ours.model).toBe('glm-4.5-air');
		expect(ours.draft).toBe('我的草稿');
		const again = adoptFromDisk(
			ours,
			conversation([...ours.messages.map((m) => ({...m}))], {name: '新名字 renamed', model: 'glm-4.5-air'}),
			{world},
		);
		expect(again.changed).toBe(false);
	});

	it('keeps the messages array when the messages are the same, so a screen drawing from it goes on (a live answer too)', () => {
		const q1 = message('q1');
		const live = message('a2', {state: 'streaming', content: 'The quick'});
		const ours = conversation([q1, live]);
		const array = ours.messages;
		const result = adoptFromDisk(ours, conversation([{...q1}], {name: 'renamed'}), {live, world});
		expect(result.changed).toBe(true);
		expect(ours.name).toBe('renamed');
		expect(ours.messages).toBe(array);
		expect(ours.messages.at(-1)).toBe(live);
	});

	it('keeps our fields when ours could not be saved yet, and our live answer last', () => {
		const live = message('a9', {state: 'streaming', content: 'growing'});
		const ours = conversation([message('q1'), live], {name: 'ours'});
		const disk = conversation([message('q1'), message('q5')], {name: 'theirs'});
		adoptFromDisk(ours, disk, {live, keepFields: true, world});
		expect(ours.name).toBe('ours');
		expect(ours.messages.map((m) => m.id)).toEqual(['q1', 'q5', 'a9']);
		expect(ours.messages.at(-1)).toBe(live);
	});

	it('follows an answer finished elsewhere: growing, then final and marked, and a dead writer stops it', () => {
		const q1 = message('q1');
		const ours = conversation([q1]);
		const growing = (content: string, seconds: number) =>
			message('a2', {state: 'streaming', content, writer: 'box:200', updatedAt: new Date(now - seconds * 1000).toISOString()});
		expect(adoptFromDisk(ours, conversation([q1, growing('一', 6)]), {world})).toEqual({
			changed: true,
			elsewhere: true,
			finishedDetached: false,
		});
		expect(adoptFromDisk(ours, conversation([q1, growing('一二', 3)]), {world})).toEqual({
			changed: true,
			elsewhere: true,
			finishedDetached: false,
		});
		expect(ours.messages[1]!.content).toBe('一二');
		const done = message('a2', {content: '一二三', finishedDetached: true, updatedAt: new Date(now).toISOString()});
		expect(adoptFromDisk(ours, conversation([q1, done]), {world})).toEqual({changed: true, elsewhere: false, finishedDetached: true});
		expect(ours.messages[1]).toEqual(done);

		const other = conversation([q1]);
		adoptFromDisk(other, conversation([q1, {...growing('一', 1), writer: 'box:300'}]), {world});
		expect(other.messages[1]!.state).toBe('stopped');
	});
});

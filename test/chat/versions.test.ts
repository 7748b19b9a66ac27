// Versions of a conversation's continuation (edit a question, regenerate an answer, show another version): no
// message ever written is lost or doubled, the shown path is what is sent, and a save merged with the copy on
// disk does not bring a hidden version back. Seeded random sequences, the seed printed on failure.
import {describe, expect, it} from 'vitest';
import {allMessages, branch, cycle, lastBranchPoint, versionOf} from '../../source/chat/versions.js';
import {buildRequest} from '../../source/chat/request.js';
import {readConversationText, toJson} from '../../source/chat/transfer.js';
import {mergeConversation} from '../../source/store/merge.js';
import {checkConversationFile} from '../../source/store/format.js';
import type {Conversation, Message} from '../../source/domain/types.js';
import {mulberry32} from '../support/random.js';

function fresh(): Conversation {
	return {id: 'c', name: 'c', model: 'glm-4.6', createdAt: '2026-12-05T00:00:00.000Z', updatedAt: '2026-12-05T00:00:00.000Z', messages: []};
}

describe('versions', () => {
	it('edit and regenerate keep what followed as an earlier version; the version keys bring it back', () => {
		let clock = 0;
		const time = () => new Date(Date.UTC(2026, 11, 5, 0, 0, clock++)).toISOString();
		let ids = 0;
		const id = () => `m${ids++}`;
		const message = (role: Message['role'], content: string): Message => ({id: id(), role, content, state: 'complete', time: time()});
		const c = fresh();
		c.messages.push(message('user', 'q1'), message('assistant', 'a1'), message('user', 'q2'), message('assistant', 'a2'));
		// Regenerate the last answer.
		branch(c, 3, [], time());
		c.messages.push(message('assistant', 'a2 again'));
		expect(versionOf(c, 3)).toEqual({shown: 2, count: 2});
		// Edit the first question.
		branch(c, 0, [message('user', 'q1 edited')], time());
		c.messages.push(message('assistant', 'a1 edited'));
		expect(c.messages.map((each) => each.content)).toEqual(['q1 edited', 'a1 edited']);
		expect(versionOf(c, 0)).toEqual({shown: 2, count: 2});
		expect(lastBranchPoint(c)).toBe(0);
		expect(cycle(c, 0, 1, time(), id)).toBe(false);
		expect(cycle(c, 0, -1, time(), id)).toBe(true);
		expect(c.messages.map((each) => each.content)).toEqual(['q1', 'a1', 'q2', 'a2 again']);
		expect(buildRequest(c).request.messages.map((each) => each.content)).toEqual(['q1', 'a1', 'q2', 'a2 again']);
		// The inner point (the regenerated answer) is the latest one now.
		expect(lastBranchPoint(c)).toBe(3);
		expect(cycle(c, 3, -1, time(), id)).toBe(true);
		expect(c.messages.at(-1)!.content).toBe('a2');
		expect(
			allMessages(c)
				.map((each) => each.content)
				.sort(),
		).toEqual(['a1', 'a1 edited', 'a2', 'a2 again', 'q1', 'q1 edited', 'q2'].sort());
	});

	it('random edits, regenerations and version steps lose and double nothing, survive export and merge (seeded)', () => {
		const seed = Number(process.env['SEED'] ?? Date.now() % 100_000);
		const next = mulberry32(seed);
		for (let run = 0; run < 20; run++) {
			let clock = 0;
			const time = () => new Date(Date.UTC(2026, 11, 5, 0, 0, 0, clock++)).toISOString();
			let ids = 0;
			const id = () => `r${run}-${ids++}`;
			let tags = 0;
			const written: string[] = [];
			const message = (role: Message['role']): Message => {
				const content = `${role}-${tags++}`;
				written.push(content);
				return {id: id(), role, content, state: 'complete', time: time()};
			};
			const c = fresh();
			let disk: Conversation | undefined;
			for (let step = 0; step < 40; step++) {
				const roll = next();
				const questions = c.messages.flatMap((each, index) => (each.role === 'user' ? [index] : []));
				if (roll < 0.35 || questions.length === 0) c.messages.push(message('user'), message('assistant'));
				else if (roll < 0.55 && c.messages.at(-1)?.role === 'assistant') {
					branch(c, c.messages.length - 1, [], time());
					c.messages.push(message('assistant'));
				} else if (roll < 0.75) {
					const at = questions[Math.floor(next() * questions.length)]!;
					branch(c, at, [message('user')], time());
					c.messages.push(message('assistant'));
				} else {
					const at = lastBranchPoint(c);
					if (at !== undefined) cycle(c, at, next() < 0.5 ? -1 : 1, time(), id);
				}
				const where = `seed ${seed}, run ${run}, step ${step}`;
				const everything = allMessages(c).map((each) => each.content);
				expect(everything.sort(), where).toEqual([...written].sort());
				expect(
					buildRequest(c).request.messages.map((each) => each.content),
					where,
				).toEqual(c.messages.map((each) => each.content));
				expect(() => checkConversationFile(c), where).not.toThrow();
				// Saving merges with the copy on disk: the shown path stays exactly as shown.
				const merged = mergeConversation(structuredClone(c), disk);
				expect(
					merged.messages.map((each) => each.content),
					where,
				).toEqual(c.messages.map((each) => each.content));
				disk = structuredClone(merged);
			}
			const back = readConversationText(toJson(c), 'x.json').conversation;
			expect(back.messages, `seed ${seed}`).toEqual(c.messages);
			expect(back.versions, `seed ${seed}`).toEqual(c.versions);
		}
	});
});

// Answers saved while they stream, beside their conversation (source/store/live-answers.ts): what is on disk
// after each step, and what a second store (another glm-tui, or the next start after a kill) reads.
import fs from 'node:fs';
import path from 'node:path';
import {afterEach, beforeEach, describe, expect, it} from 'vitest';
import type {Conversation, Message} from '../../source/domain/types.js';
import {openConversationStore} from '../../source/store/conversations.js';
import {removeMessages} from '../../source/store/merge.js';
import {makeTempHome, message, type TempHome} from './helpers.js';
import {mulberry32} from '../support/random.js';

let home: TempHome;
beforeEach(() => {
	home = makeTempHome();
});
afterEach(() => home.cleanup());

const open = () => openConversationStore({env: home.env});
const file = (id: string) => path.join(home.conversationsDir, `${id}.json`);
/** The texts of the conversation's messages as a new reader (another glm-tui, the next start) finds them. */
const contents = (id: string) =>
	open()
		.load(id)
		.messages.map((each) => each.content);
const liveFile = (id: string) => path.join(home.conversationsDir, `${id}.live.json`);
const identity = (target: string) => {
	const stat = fs.statSync(target, {bigint: true});
	return `${stat.ino}:${stat.size}:${stat.mtimeNs}`;
};

function withQuestion(count = 0): {store: ReturnType<typeof open>; conversation: Conversation; answer: Message} {
	const store = open();
	const conversation = store.create({name: 'Live', model: 'glm-4.6'});
	for (let index = 0; index < count; index++)
		conversation.messages.push(message(`old${index}`, {content: `old message ${index} `.repeat(20)}));
	conversation.messages.push(message('q', {content: '问题'}));
	const saved = store.save(conversation);
	const answer = message('a', {role: 'assistant', content: '', state: 'streaming', writer: 'host:1'});
	return {store, conversation: saved, answer};
}

describe('an answer saved while it streams', () => {
	it('leaves a 5,000-message conversation file untouched: only a small file beside it is written, and readers see the answer', () => {
		const {store, conversation, answer} = withQuestion(5000);
		const before = identity(file(conversation.id));
		let text = '';
		for (let step = 0; step < 10; step++) {
			text += `第${step}段，答案在增长。`;
			store.saveAnswer(conversation.id, {...answer, content: text, updatedAt: new Date(Date.parse(answer.time) + step + 1).toISOString()});
		}
		expect(identity(file(conversation.id))).toBe(before);
		expect(fs.statSync(liveFile(conversation.id)).size).toBeLessThan(Buffer.byteLength(text) + 1024);

		const elsewhere = open();
		const read = elsewhere.load(conversation.id);
		expect(read.messages).toHaveLength(5002);
		expect(read.messages.at(-1)).toMatchObject({id: 'a', state: 'streaming', content: text, writer: 'host:1'});
		const summary = elsewhere.list().find((each) => each.id === conversation.id)!;
		expect(summary.messageCount).toBe(5002);
		expect(summary.preview).toContain('第0段');
		// The store that wrote it lists the same, from its index.
		expect(store.list().find((each) => each.id === conversation.id)).toEqual(summary);
	});

	it('the next save of the conversation takes the answer in and removes the file beside it', () => {
		const {store, conversation, answer} = withQuestion();
		store.saveAnswer(conversation.id, {...answer, content: 'part'});
		// A rename in another window, meanwhile: the fold keeps it too.
		open().rename(conversation.id, 'Renamed');
		expect(fs.existsSync(liveFile(conversation.id))).toBe(false);
		expect(open().load(conversation.id).messages.at(-1)).toMatchObject({content: 'part', state: 'streaming'});

		store.saveAnswer(conversation.id, {...answer, content: 'part, more'});
		const finished = store.load(conversation.id);
		finished.messages[finished.messages.length - 1] = {...answer, content: 'part, more, done', state: 'complete'};
		store.save(finished);
		expect(fs.existsSync(liveFile(conversation.id))).toBe(false);
		const onDisk = JSON.parse(fs.readFileSync(file(conversation.id), 'utf8')) as Conversation;
		expect(onDisk.name).toBe('Renamed');
		expect(onDisk.messages.map((each) => `${each.id} ${each.state} ${each.content}`)).toEqual([
			'q complete 问题',
			'a complete part, more, done',
		]);
	});

	it('a save that does not hold the answer (it streams in memory only) keeps the saved part', () => {
		const {store, conversation, answer} = withQuestion();
		store.saveAnswer(conversation.id, {...answer, content: 'so far'});
		store.save({...conversation, draft: 'typing'});
		expect(open().load(conversation.id).messages.at(-1)).toMatchObject({id: 'a', content: 'so far', state: 'streaming'});
	});

	it('a final answer in the file beats a streaming copy left beside it (a crash between the two writes)', () => {
		const {store, conversation, answer} = withQuestion();
		store.saveAnswer(conversation.id, {...answer, content: 'partial'});
		const leftBehind = fs.readFileSync(liveFile(conversation.id));
		store.save({...conversation, messages: [...conversation.messages, {...answer, content: 'whole answer', state: 'complete'}]});
		fs.writeFileSync(liveFile(conversation.id), leftBehind);
		expect(open().load(conversation.id).messages.at(-1)).toMatchObject({content: 'whole answer', state: 'complete'});
	});

	it('answers left by a deleted conversation never enter a new one that takes its id', () => {
		const {store, conversation, answer} = withQuestion();
		store.saveAnswer(conversation.id, {...answer, content: 'of the old one'});
		const leftBehind = fs.readFileSync(liveFile(conversation.id));
		store.remove(conversation.id);
		const again = store.create({name: 'Live', model: 'glm-4.6'});
		expect(again.id).toBe(conversation.id);
		fs.writeFileSync(liveFile(again.id), leftBehind);
		expect(open().load(again.id).messages).toEqual([]);
		store.save({...again, messages: [message('new')]});
		expect(fs.existsSync(liveFile(again.id))).toBe(false);
		expect(
			open()
				.load(again.id)
				.messages.map((each) => each.id),
		).toEqual(['new']);
	});

	it('goes to the trash with its conversation and comes back with it', () => {
		const {store, conversation, answer} = withQuestion();
		store.saveAnswer(conversation.id, {...answer, content: 'kept in the trash'});
		store.remove(conversation.id);
		expect(fs.existsSync(liveFile(conversation.id))).toBe(false);
		const [entry] = store.trash();
		const {conversation: restored} = store.restore(entry!);
		expect(restored.messages.at(-1)).toMatchObject({content: 'kept in the trash'});
	});

	it('a damaged file beside the conversation costs its answers, never the conversation', () => {
		const {store, conversation, answer} = withQuestion();
		fs.writeFileSync(liveFile(conversation.id), '{"createdAt": "2026-');
		expect(
			open()
				.load(conversation.id)
				.messages.map((each) => each.id),
		).toEqual(['q']);
		const good = {...answer, content: 'good'};
		fs.writeFileSync(
			liveFile(conversation.id),
			JSON.stringify({createdAt: conversation.createdAt, messages: [{id: 'bad', role: 'assistant'}, good]}),
		);
		expect(contents(conversation.id)).toEqual(['问题', 'good']);
		expect(fs.readdirSync(home.conversationsDir).filter((name) => name.includes('corrupt'))).toEqual([]);
		expect(store.problems()).toEqual([]);
	});

	it('keeps the answers of two windows streaming into one conversation, and drops one regenerated meanwhile', () => {
		const {store, conversation, answer} = withQuestion();
		const other = open();
		store.saveAnswer(conversation.id, {...answer, content: 'mine'});
		const second = message('b', {role: 'assistant', content: 'theirs', state: 'streaming', writer: 'host:2'});
		other.saveAnswer(conversation.id, second);
		store.saveAnswer(conversation.id, {...answer, content: 'mine, longer'});
		expect(contents(conversation.id)).toEqual(['问题', 'mine, longer', 'theirs']);

		other.save(removeMessages(other.load(conversation.id), ['b']));
		other.saveAnswer(conversation.id, {...second, content: 'theirs, still streaming'});
		expect(contents(conversation.id)).toEqual(['问题', 'mine, longer']);
	});

	it('the conversation file gone (deleted in another window): refused, so the caller writes it whole', () => {
		const {store, conversation, answer} = withQuestion();
		open().remove(conversation.id);
		expect(() => store.saveAnswer(conversation.id, {...answer, content: 'x'})).toThrow(expect.objectContaining({code: 'not-found'}));
		expect(fs.existsSync(liveFile(conversation.id))).toBe(false);
	});

	it('the conversation file damaged meanwhile: moved aside and refused, so the caller writes it whole', () => {
		const {store, conversation, answer} = withQuestion();
		fs.writeFileSync(file(conversation.id), '{"messages": [');
		expect(() => store.saveAnswer(conversation.id, {...answer, content: 'x'})).toThrow(expect.objectContaining({code: 'corrupt'}));
		expect(fs.existsSync(file(conversation.id))).toBe(false);
		store.save({...conversation, messages: [...conversation.messages, {...answer, content: 'x'}]});
		expect(contents(conversation.id)).toEqual(['问题', 'x']);
	});
});

describe('two windows asking, streaming, finishing, renaming and restarting at random (seeded)', () => {
	it('a fresh reader always finds every message with the last text saved for it, in time order', () => {
		const seed = Number(process.env['SEED'] ?? Date.now() % 100_000);
		const random = mulberry32(seed);
		const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)]!;
		for (let run = 0; run < 25; run++) {
			let clock = Date.parse('2026-06-01T00:00:00.000Z') + run * 1e7;
			const tick = () => new Date((clock += 1000)).toISOString();
			const first = open();
			const {id} = first.create({name: `run ${run}`, model: 'glm-4.6'});
			interface Window {
				store: ReturnType<typeof open>;
				conversation: Conversation;
				answer?: Message;
			}
			const windows: Window[] = [first, open()].map((store) => ({store, conversation: store.load(id)}));
			/** Per message id, the text of its last save and whether that save was final. */
			const expected = new Map<string, string>();
			let next = 0;
			const steps: string[] = [];
			const adopt = (window: Window, saved: Conversation) => {
				const others = saved.messages.filter((each) => each.id !== window.answer?.id);
				window.conversation = {...saved, messages: window.answer ? [...others, window.answer] : others};
			};
			for (let step = 0; step < 40; step++) {
				const index = Math.floor(random() * windows.length);
				const window = windows[index]!;
				const action = pick(['ask', 'grow', 'grow', 'grow', 'finish', 'rename', 'restart'] as const);
				steps.push(`${index}:${action}`);
				if (action === 'ask' && !window.answer) {
					const question = {...message(`q${next}`, {content: `question ${next}`}), time: tick()};
					window.conversation.messages.push(question);
					adopt(window, window.store.save(window.conversation));
					expected.set(question.id, question.content);
					window.answer = {id: `a${next++}`, role: 'assistant', content: '', state: 'streaming', time: tick(), writer: `host:${index}`};
				} else if (action === 'grow' && window.answer) {
					window.answer = {...window.answer, content: `${window.answer.content}${next}.${step} `, updatedAt: tick()};
					window.store.saveAnswer(id, window.answer);
					expected.set(window.answer.id, window.answer.content);
				} else if (action === 'finish' && window.answer) {
					const final: Message = {...window.answer, content: `${window.answer.content}done`, state: 'complete', updatedAt: tick()};
					delete final.writer;
					window.answer = undefined;
					adopt(
						window,
						window.store.save({
							...window.conversation,
							messages: [...window.conversation.messages.filter((each) => each.id !== final.id), final],
						}),
					);
					expected.set(final.id, final.content);
				} else if (action === 'rename') {
					window.store.rename(id, `run ${run} step ${step}`);
				} else if (action === 'restart') {
					// A new glm-tui in this window's place: what streamed here is lost from memory, kept on disk.
					windows[index] = {store: open(), conversation: open().load(id)};
				}
			}
			const read = open().load(id);
			const why = `seed ${seed} run ${run}: ${steps.join(' ')}`;
			expect(new Map(read.messages.map((each) => [each.id, each.content])), why).toEqual(expected);
			const times = read.messages.map((each) => each.time);
			expect(times, why).toEqual([...times].sort());
		}
	});
});

// The chat controller with a fake store, a scripted GLM client and a clock moved by hand: what the person sees
// (messages, their state, the notice) and what is on disk after each step, without a terminal or real timers.
import {afterEach, beforeEach, describe, expect, it} from 'vitest';
import {ChatController} from '../../source/chat/controller.js';
import {GlmError, errorFromResponse} from '../../source/glm/errors.js';
import {setLanguage} from '../../source/i18n/language.js';
import {FakeClock, FakeStore, ScriptedClient, settle} from '../support/controller-fakes.js';

let clock: FakeClock;
let store: FakeStore;
let client: ScriptedClient;

beforeEach(() => {
	setLanguage('en');
	clock = new FakeClock();
	store = new FakeStore(clock);
	client = new ScriptedClient();
});
afterEach(() => setLanguage('en'));

function start(options: {checkpointMs?: number; client?: ScriptedClient | null} = {}): ChatController {
	return new ChatController({
		store,
		client: options.client === undefined ? client : options.client,
		defaults: {model: 'glm-4.6'},
		now: clock.now,
		timers: clock,
		checkpointMs: options.checkpointMs ?? 0,
	});
}

/** The conversation as a second glm-tui would read it from disk: role, state and text of each message. */
function onDisk(id: string): string[] {
	return (store.disk.get(id)?.messages ?? []).map((each) => `${each.role} ${each.state} ${each.content}`);
}

function shown(controller: ChatController): string[] {
	return controller.messages.map((each) => `${each.role} ${each.state} ${each.content}`);
}

describe('sending', () => {
	it('send -> streaming -> done: the question is on disk before the request leaves, the answer when it ends', async () => {
		const controller = start();
		const id = controller.active.id;
		expect(controller.send('Hello')).toBe(true);
		expect(onDisk(id)).toEqual(['user complete Hello']);
		expect(client.last.request.messages.at(-1)).toEqual({role: 'user', content: 'Hello'});
		expect(controller.isStreaming()).toBe(true);
		expect(shown(controller)).toEqual(['user complete Hello', 'assistant streaming ']);

		client.last.emit({type: 'content', text: 'Hi '}, {type: 'content', text: 'there'});
		expect(shown(controller)[1]).toBe('assistant streaming Hi there');
		// Nothing is written per token.
		expect(onDisk(id)).toEqual(['user complete Hello']);

		client.last.emit({type: 'finish', reason: 'stop'});
		client.last.end();
		await settle();
		expect(controller.isStreaming()).toBe(false);
		expect(shown(controller)[1]).toBe('assistant complete Hi there');
		// The finished answer is drawn first and written in the next turn of the event loop.
		expect(onDisk(id)).toEqual(['user complete Hello']);
		clock.runImmediates();
		expect(onDisk(id)).toEqual(['user complete Hello', 'assistant complete Hi there']);
	});

	it('a conversation with its placeholder name is named after its first question', async () => {
		const controller = start();
		controller.send('How do I deploy with systemd?');
		expect(controller.active.name).not.toBe('chat');
		expect(store.disk.get(controller.active.id)?.name).toBe(controller.active.name);
	});

	it('without a key nothing is sent and the notice says how to add one (in Chinese too)', () => {
		const controller = start({client: null});
		expect(controller.send('Hello')).toBe(false);
		expect(controller.notice).toEqual({text: 'No API key yet: use /key to add one.', tone: 'error'});
		setLanguage('zh');
		controller.send('Hello');
		expect(controller.notice?.text).toBe('还没有 API 密钥：用 /key 添加。');
		expect(controller.messages).toEqual([]);
	});

	it('a second Enter while an answer streams sends nothing and says how to stop it', () => {
		const controller = start();
		controller.send('one');
		expect(controller.send('two')).toBe(false);
		expect(controller.notice?.text).toBe('An answer is still being written: Esc stops it.');
		expect(client.calls).toHaveLength(1);
	});

	it('a question that cannot be saved is not sent: it stays in the input, the transcript does not show it', () => {
		const controller = start();
		const id = controller.active.id;
		controller.setDraft('keep me');
		store.failWith = Object.assign(new Error('ENOSPC'), {code: 'ENOSPC'});
		expect(controller.send('keep me')).toBe(false);
		expect(client.calls).toHaveLength(0);
		expect(controller.messages).toEqual([]);
		expect(controller.active.draft).toBe('keep me');
		expect(controller.notice).toEqual({
			text: 'Could not save "chat": the disk is full (ENOSPC). The message was not sent; it is still in the input.',
			tone: 'error',
		});
		expect(onDisk(id)).toEqual([]);
		setLanguage('zh');
		controller.send('keep me');
		expect(controller.notice?.text).toBe('无法保存“chat”：磁盘已满（ENOSPC）。消息没有发送，仍留在输入框中。');
	});
});

describe('failure, retry, stop', () => {
	it('a failed answer marks its turn failed, is saved with the reason, and the next request leaves the turn out', async () => {
		const controller = start();
		const id = controller.active.id;
		controller.send('first');
		client.last.emit({type: 'content', text: 'partial'});
		client.last.fail(new GlmError({kind: 'server', message: 'GLM had an internal error. Try again in a moment.'}));
		await settle();
		clock.runImmediates();
		expect(shown(controller)).toEqual(['user failed first', 'assistant failed partial']);
		expect(controller.messages[1]?.error).toBe('GLM had an internal error. Try again in a moment.');
		expect(onDisk(id)).toEqual(['user failed first', 'assistant failed partial']);

		controller.send('second');
		expect(client.last.request.messages).toEqual([{role: 'user', content: 'second'}]);
	});

	it('retry (Ctrl+R) drops the failed answer and asks the failed question again, as context from now on', async () => {
		const controller = start();
		const id = controller.active.id;
		controller.send('question');
		client.last.fail(new GlmError({kind: 'network', message: 'Could not reach GLM.'}));
		await settle();
		clock.runImmediates();
		controller.regenerate();
		expect(client.calls).toHaveLength(2);
		expect(client.last.request.messages).toEqual([{role: 'user', content: 'question'}]);
		expect(onDisk(id)).toEqual(['user complete question']);
		client.last.emit({type: 'content', text: 'answer'}, {type: 'finish', reason: 'stop'});
		client.last.end();
		await settle();
		clock.runImmediates();
		expect(onDisk(id)).toEqual(['user complete question', 'assistant complete answer']);
	});

	it('the retry countdown: a retry event shows the attempt and when, the next text clears it', () => {
		const controller = start();
		controller.send('q');
		client.last.emit({type: 'retry', attempt: 1, delayMs: 2000, error: new GlmError({kind: 'overloaded', message: 'GLM is busy.'})});
		expect(controller.stream()?.retry).toEqual({attempt: 1, until: clock.time + 2000, reason: 'GLM is busy.'});
		client.last.emit({type: 'content', text: 'x'});
		expect(controller.stream()?.retry).toBeUndefined();
	});

	it('nothing to regenerate in an empty conversation says so', () => {
		const controller = start();
		controller.regenerate();
		expect(controller.notice?.text).toBe('Nothing to regenerate yet.');
		expect(client.calls).toHaveLength(0);
	});

	it('stop (Esc) keeps what arrived, marked stopped, on screen and on disk; the turn stays context', async () => {
		const controller = start();
		const id = controller.active.id;
		controller.send('tell me');
		client.last.emit({type: 'content', text: 'once upon'});
		expect(controller.stop()).toBe(true);
		expect(client.last.signal?.aborted).toBe(true);
		await settle();
		clock.runImmediates();
		expect(shown(controller)).toEqual(['user complete tell me', 'assistant stopped once upon']);
		expect(onDisk(id)).toEqual(['user complete tell me', 'assistant stopped once upon']);
		controller.send('go on');
		expect(client.last.request.messages.map((each) => each.content)).toEqual(['tell me', 'once upon', 'go on']);
	});

	it('quitting mid-answer saves it stopped (saveAll), and reports nothing lost', () => {
		const controller = start();
		const id = controller.active.id;
		controller.send('q');
		client.last.emit({type: 'content', text: 'half'});
		expect(controller.saveAll()).toEqual([]);
		expect(onDisk(id)).toEqual(['user complete q', 'assistant stopped half']);
	});

	it('a listener that quits as soon as no answer streams (the detached wait) still saves the one that just ended', async () => {
		const controller = start();
		const id = controller.active.id;
		controller.send('q');
		controller.detach();
		controller.subscribe(() => {
			if (controller.streams.size === 0) controller.saveAll();
		});
		client.last.emit({type: 'content', text: 'all of it'}, {type: 'finish', reason: 'stop'});
		client.last.end();
		await settle();
		expect(store.disk.get(id)?.messages[1]).toMatchObject({state: 'complete', content: 'all of it', finishedDetached: true});
	});

	it('quitting when the disk refuses returns the conversation to rescue, with the reason', () => {
		const controller = start();
		controller.send('q');
		store.failWith = Object.assign(new Error('EROFS'), {code: 'EROFS'});
		const failures = controller.saveAll();
		expect(failures.map((each) => [each.conversation.id, each.reason])).toEqual([
			[controller.active.id, 'the file system is read-only (EROFS)'],
		]);
	});
});

describe('conversations in the background', () => {
	it('an answer keeps streaming into its conversation while another is open: saved there, marked unread', async () => {
		const controller = start();
		const first = controller.active.id;
		controller.send('long question');
		const call = client.last;
		const second = controller.createConversation('other').id;
		expect(controller.active.id).toBe(second);
		expect(controller.isStreaming(first)).toBe(true);
		expect(controller.isStreaming()).toBe(false);

		call.emit({type: 'content', text: 'background text'}, {type: 'finish', reason: 'stop'});
		call.end();
		await settle();
		clock.runImmediates();
		expect(controller.messages).toEqual([]);
		expect(controller.unread.has(first)).toBe(true);
		expect(onDisk(first)).toEqual(['user complete long question', 'assistant complete background text']);
		expect(onDisk(second)).toEqual([]);

		controller.openConversation(first);
		expect(controller.unread.has(first)).toBe(false);
		expect(shown(controller)).toEqual(['user complete long question', 'assistant complete background text']);
	});

	it('a gap in a background answer is said naming that conversation', async () => {
		const controller = start();
		controller.send('q');
		const call = client.last;
		const name = controller.active.name;
		controller.createConversation('other');
		call.emit({type: 'content', text: 'a'}, {type: 'unreadable', count: 2}, {type: 'finish', reason: 'stop'});
		call.end();
		await settle();
		expect(controller.notice?.text).toBe(`"${name}": 2 events of the answer could not be read (not JSON): the answer may have gaps.`);
		expect(controller.notice?.tone).toBe('error');
	});

	it('the open conversation deleted by another glm-tui: another one opens and the notice says why (in Chinese too)', () => {
		for (const language of ['en', 'zh'] as const) {
			setLanguage(language);
			const controller = start();
			const gone = controller.createConversation(`notes ${language}`);
			controller.createConversation('keep');
			controller.openConversation(gone.id);
			store.disk.delete(gone.id);
			controller.syncFromDisk();
			expect(controller.active.id).not.toBe(gone.id);
			expect(controller.notice?.text).toBe(
				language === 'en' ? `"notes en" was deleted in another glm-tui.` : '“notes zh”已在另一个 glm-tui 中删除。',
			);
		}
	});

	it('Alt+N past the last conversation says there is none (in Chinese too)', () => {
		const controller = start();
		controller.jump(4);
		expect(controller.notice?.text).toBe('There is no conversation 5.');
		setLanguage('zh');
		controller.jump(4);
		expect(controller.notice?.text).toBe('没有第 5 个对话。');
	});
});

describe('frames and checkpoints (fake clock)', () => {
	it('tokens are drawn at most once a frame: many tokens in one frame, one text notification', () => {
		const controller = start();
		const frames: string[][] = [];
		controller.subscribeText((ids) => frames.push([...ids]));
		controller.send('q');
		clock.advance(1000);
		for (let index = 0; index < 50; index++) client.last.emit({type: 'content', text: `t${index} `});
		expect(frames).toEqual([]);
		clock.runImmediates();
		expect(frames).toEqual([[controller.active.id]]);
		// Within the next 100 ms frame, more text waits for the frame's timer.
		client.last.emit({type: 'content', text: 'more'});
		clock.runImmediates();
		expect(frames).toHaveLength(1);
		clock.advance(150);
		expect(frames).toHaveLength(2);
	});

	it('a growing answer is saved every checkpoint with its writer; a slow save spaces the next ones by 250x its cost', () => {
		const controller = start({checkpointMs: 3000});
		const id = controller.active.id;
		controller.send('q');
		client.last.emit({type: 'content', text: 'one'});
		clock.advance(2999);
		expect(onDisk(id)).toEqual(['user complete q']);
		clock.advance(1);
		expect(onDisk(id)).toEqual(['user complete q', 'assistant streaming one']);
		expect(store.disk.get(id)?.messages[1]?.writer).toMatch(/:\d+$/);
		// The screen keeps the live answer, not the checkpoint copy.
		expect(controller.messages[1]?.writer).toBeUndefined();

		// Saves now cost 40 ms: the next checkpoint waits 10 s however much arrives.
		store.saveCostMs = 40;
		client.last.emit({type: 'content', text: ' two'});
		clock.advance(3000);
		expect(onDisk(id)[1]).toBe('assistant streaming one two');
		client.last.emit({type: 'content', text: ' three'});
		clock.advance(9000);
		expect(onDisk(id)[1]).toBe('assistant streaming one two');
		clock.advance(3000);
		expect(onDisk(id)[1]).toBe('assistant streaming one two three');
	});

	it('without new text, a checkpoint is written once a heartbeat (30 s) so others see the writer alive', () => {
		const controller = start({checkpointMs: 3000});
		const id = controller.active.id;
		controller.send('q');
		client.last.emit({type: 'content', text: 'x'});
		clock.advance(3000);
		const writes = store.answerWrites.length;
		clock.advance(27_000);
		expect(store.answerWrites.length).toBe(writes);
		clock.advance(3000);
		expect(store.answerWrites.length).toBe(writes + 1);
		expect(onDisk(id)[1]).toBe('assistant streaming x');
	});

	it('a checkpoint saves the answer alone: the conversation is written when the question is sent and when the answer ends', async () => {
		const controller = start({checkpointMs: 3000});
		const id = controller.active.id;
		controller.send('q');
		const afterSend = store.writes.length;
		for (let second = 0; second < 30; second++) {
			client.last.emit({type: 'content', text: `${second} `});
			clock.advance(1000);
		}
		expect(store.writes.length).toBe(afterSend);
		expect(store.answerWrites.length).toBe(10);
		expect(store.answerWrites.at(-1)).toMatchObject({state: 'streaming', content: expect.stringMatching(/^0 1 .* 29 $/)});
		client.last.end();
		await settle();
		clock.runImmediates();
		expect(store.writes.length).toBe(afterSend + 1);
		expect(onDisk(id)[1]).toMatch(/^assistant complete 0 1 .* 29 $/);
	});

	it('when another window deleted the conversation mid-answer, the checkpoint writes it whole again', () => {
		const controller = start({checkpointMs: 3000});
		const id = controller.active.id;
		controller.send('q');
		client.last.emit({type: 'content', text: 'kept'});
		store.disk.delete(id);
		clock.advance(3000);
		expect(onDisk(id)).toEqual(['user complete q', 'assistant streaming kept']);
	});

	it('the checkpoint timer stops when no answer streams, and never keeps the process alive', async () => {
		const controller = start({checkpointMs: 3000});
		controller.send('q');
		expect(clock.pendingTimers).toBe(1);
		expect(clock.unrefed.size).toBe(1);
		client.last.end();
		await settle();
		clock.advance(3000);
		expect(clock.pendingTimers).toBe(0);
	});
});

describe('how answers end, as saved and shown', () => {
	const cases: Array<[string, () => void, string, string | undefined]> = [
		['stop', () => client.last.emit({type: 'finish', reason: 'stop'}), 'complete text', undefined],
		['length', () => client.last.emit({type: 'finish', reason: 'length'}), 'complete text', 'Cut off at the token limit.'],
		[
			'sensitive',
			() => client.last.emit({type: 'finish', reason: 'sensitive'}),
			'filtered ',
			'Withdrawn: GLM\u2019s content filter flagged this answer.',
		],
		[
			'network_error',
			() => client.last.emit({type: 'finish', reason: 'network_error'}),
			'failed text',
			'GLM stopped mid-answer (service network error). Ctrl+R to retry.',
		],
		[
			'model_context_window_exceeded',
			() => client.last.emit({type: 'finish', reason: 'model_context_window_exceeded'}),
			'failed text',
			'The conversation no longer fits the model\u2019s context window.',
		],
	];
	for (const [name, end, expected, error] of cases) {
		it(`finish_reason ${name}`, async () => {
			const controller = start();
			const id = controller.active.id;
			controller.send('q');
			client.last.emit({type: 'content', text: 'text'});
			end();
			client.last.end();
			await settle();
			clock.runImmediates();
			const saved = store.disk.get(id)!.messages[1]!;
			expect(`${saved.state} ${saved.content}`).toBe(expected);
			expect(saved.error).toBe(error);
			expect(controller.messages[1]).toEqual(saved);
		});
	}

	it('1301 (content filter) withdraws the text, fails the turn and leaves it out of the next request', async () => {
		const controller = start();
		const id = controller.active.id;
		controller.send('flagged');
		client.last.emit({type: 'content', text: 'some'});
		client.last.fail(
			errorFromResponse(400, JSON.stringify({error: {code: '1301', message: '系统检测到输入或生成内容可能包含不安全或敏感内容'}})),
		);
		await settle();
		clock.runImmediates();
		const [question, answer] = store.disk.get(id)!.messages;
		expect(question?.state).toBe('failed');
		expect(answer?.state).toBe('filtered');
		expect(answer?.content).toBe('');
		expect(answer?.error).toMatch(/flagged your message as unsafe or sensitive/);
		controller.send('next');
		expect(client.last.request.messages).toEqual([{role: 'user', content: 'next'}]);
	});

	it('1261 (prompt too long) fails the answer with advice to shorten the conversation', async () => {
		const controller = start();
		const id = controller.active.id;
		controller.send('huge');
		client.last.fail(errorFromResponse(400, JSON.stringify({error: {code: '1261', message: 'Prompt exceeds max length'}})));
		await settle();
		clock.runImmediates();
		const answer = store.disk.get(id)!.messages[1]!;
		expect(answer.state).toBe('failed');
		expect(answer.error).toMatch(/too long/);
		expect(store.disk.get(id)!.messages[0]!.state).toBe('failed');
	});
});

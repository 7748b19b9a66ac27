// The chat controller's world, faked: a clock and timers moved by hand, an in-memory conversation store whose
// "disk" can be read and made to fail, and a GLM client whose streams the test writes event by event.
import type {Conversation, ConversationSettings, Message} from '../../source/domain/types.js';
import {StoreError} from '../../source/store/errors.js';
import {abortedError, type GlmError} from '../../source/glm/errors.js';
import type {ChatRequest, StreamEvent} from '../../source/glm/types.js';
import type {ConversationStoreLike, ConversationSummaryLike, StreamingClient, TimerHandle, Timers} from '../../source/chat/ports.js';

interface Pending {
	id: number;
	at: number;
	callback: () => void;
	every?: number;
}

export class FakeClock implements Timers {
	/** Wall clock (ms since the epoch). */
	time = Date.UTC(2026, 11, 5, 2, 0, 0);
	/** Monotonic clock; a slow save moves it (FakeStore.saveCostMs). */
	mono = 0;
	private timers: Pending[] = [];
	private immediates: Array<() => void> = [];
	private nextId = 1;
	readonly unrefed = new Set<TimerHandle>();

	readonly now = (): number => this.time;
	elapsed(): number {
		return this.mono;
	}
	setTimeout(callback: () => void, ms: number): TimerHandle {
		const timer = {id: this.nextId++, at: this.time + Math.max(0, ms), callback};
		this.timers.push(timer);
		return timer.id;
	}
	clearTimeout(handle: TimerHandle): void {
		this.timers = this.timers.filter((each) => each.id !== handle);
	}
	setInterval(callback: () => void, ms: number): TimerHandle {
		const timer = {id: this.nextId++, at: this.time + ms, callback, every: ms};
		this.timers.push(timer);
		return timer.id;
	}
	clearInterval(handle: TimerHandle): void {
		this.clearTimeout(handle);
	}
	setImmediate(callback: () => void): void {
		this.immediates.push(callback);
	}
	unref(handle: TimerHandle): void {
		this.unrefed.add(handle);
	}
	get pendingTimers(): number {
		return this.timers.length;
	}
	get pendingImmediates(): number {
		return this.immediates.length;
	}

	/** Runs what setImmediate queued (and what that queued in turn). */
	runImmediates(): void {
		for (let guard = 0; this.immediates.length > 0 && guard < 1000; guard++) this.immediates.shift()!();
	}

	/** Moves the wall and monotonic clocks by `ms`, firing each timer at its time, immediates after each. */
	advance(ms: number): void {
		const end = this.time + ms;
		this.runImmediates();
		for (;;) {
			const due = this.timers.filter((each) => each.at <= end).sort((a, b) => a.at - b.at || a.id - b.id)[0];
			if (!due) break;
			this.mono += due.at - this.time;
			this.time = due.at;
			if (due.every) due.at += due.every;
			else this.timers = this.timers.filter((each) => each !== due);
			due.callback();
			this.runImmediates();
		}
		this.mono += end - this.time;
		this.time = end;
	}
}

/** A conversation store in memory. `disk` is what a second glm-tui would read; `failWith` makes writes fail. */
export class FakeStore implements ConversationStoreLike {
	readonly disk = new Map<string, Conversation>();
	/** Every successful save, as written. */
	readonly writes: Conversation[] = [];
	/** Every answer saved alone (saveAnswer), as written. */
	readonly answerWrites: Message[] = [];
	failWith: Error | undefined;
	/** How long a save takes on the monotonic clock. */
	saveCostMs = 0;

	constructor(private readonly clock: FakeClock) {}

	list(): ConversationSummaryLike[] {
		return [...this.disk.values()].map((each) => ({
			id: each.id,
			name: each.name,
			createdAt: each.createdAt,
			updatedAt: each.updatedAt,
			messageCount: each.messages.length,
			model: each.model,
		}));
	}
	create(init: {name: string} & ConversationSettings): Conversation {
		this.refuse();
		let id = init.name.toLowerCase().replace(/[^a-z0-9]+/g, '-') || 'chat';
		while (this.disk.has(id)) id += '-2';
		const time = new Date(this.clock.time).toISOString();
		const conversation: Conversation = {...init, id, createdAt: time, updatedAt: time, messages: []};
		this.disk.set(id, structuredClone(conversation));
		// A clock tick between creations keeps the list order (creation time) unambiguous.
		this.clock.time += 1;
		return conversation;
	}
	load(id: string): Conversation {
		const conversation = this.disk.get(id);
		if (!conversation) throw new Error(`There is no conversation ${id}.`);
		return structuredClone(conversation);
	}
	save(conversation: Conversation): Conversation {
		this.clock.mono += this.saveCostMs;
		this.refuse();
		const copy = structuredClone(conversation);
		this.disk.set(conversation.id, copy);
		this.writes.push(copy);
		return {...conversation};
	}
	/** Like the real store: the answer alone, merged into what a reader gets; refused when the conversation is gone. */
	saveAnswer(id: string, answer: Message): void {
		this.clock.mono += this.saveCostMs;
		this.refuse();
		const conversation = this.disk.get(id);
		if (!conversation) throw new StoreError('not-found', `There is no conversation ${id}.`);
		const index = conversation.messages.findIndex((each) => each.id === answer.id);
		if (index >= 0) conversation.messages[index] = structuredClone(answer);
		else conversation.messages.push(structuredClone(answer));
		this.answerWrites.push(structuredClone(answer));
	}
	rename(id: string, name: string): Conversation {
		this.refuse();
		const conversation = this.load(id);
		conversation.name = name;
		this.disk.set(id, structuredClone(conversation));
		return conversation;
	}
	remove(id: string): void {
		this.refuse();
		this.disk.delete(id);
	}
	private refuse(): void {
		if (this.failWith) throw this.failWith;
	}
}

export interface Call {
	request: ChatRequest;
	signal: AbortSignal | undefined;
	emit(...events: StreamEvent[]): void;
	end(): void;
	fail(error: GlmError): void;
}

/** A GLM client whose requests wait for the test: each send() is a Call to emit events into and end. */
export class ScriptedClient implements StreamingClient {
	readonly calls: Call[] = [];

	send(request: ChatRequest, onEvent: (event: StreamEvent) => void, options?: {signal?: AbortSignal}): Promise<void> {
		return new Promise((resolve, reject) => {
			const signal = options?.signal;
			signal?.addEventListener('abort', () => reject(abortedError()));
			this.calls.push({
				request,
				signal,
				emit: (...events) => events.forEach(onEvent),
				end: resolve,
				fail: reject,
			});
		});
	}

	get last(): Call {
		const call = this.calls.at(-1);
		if (!call) throw new Error('No request was sent.');
		return call;
	}
}

/** Lets the controller's stream code run past its awaits (promise callbacks only; no timers). */
export async function settle(): Promise<void> {
	for (let turn = 0; turn < 20; turn++) await Promise.resolve();
}

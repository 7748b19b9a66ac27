// What the chat controller needs from the world, as interfaces: the conversation store, the GLM client, the clock
// and the timers. The program passes the real ones (store/conversations.ts, glm/client.ts, the system clock);
// tests pass an in-memory store, a scripted client and a clock they move by hand.
import type {Conversation, ConversationSettings, Message} from '../domain/types.js';
import type {ChatRequest, StreamEvent} from '../glm/types.js';
import type {RestoredConversation, TrashEntry} from '../store/conversations.js';

export interface ConversationSummaryLike {
	id: string;
	name: string;
	createdAt?: string;
	updatedAt: string;
	messageCount: number;
	model?: string;
}

export interface ConversationStoreLike {
	list(): ConversationSummaryLike[];
	create(init: {name: string} & ConversationSettings, clash?: 'refuse' | 'suffix'): Conversation;
	load(id: string): Conversation;
	/** Writes the conversation, merged with what another glm-tui wrote meanwhile; returns the merged result. */
	save(conversation: Conversation): Conversation;
	/** Saves a streaming answer alone (see ConversationStore.saveAnswer); without it, checkpoints save the whole conversation. */
	saveAnswer?(id: string, answer: Message): void;
	rename(id: string, name: string): Conversation;
	remove(id: string): void;
	prepareSave?(conversation: Conversation): void;
	trash?(): TrashEntry[];
	restore?(entry: TrashEntry): RestoredConversation;
}

export interface StreamingClient {
	send(request: ChatRequest, onEvent: (event: StreamEvent) => void, options?: {signal?: AbortSignal}): Promise<void>;
}

/** Opaque handle of a timer; only the Timers that made it can clear it. */
export type TimerHandle = unknown;

export interface Timers {
	/** Milliseconds of a monotonic clock (performance.now): how long a save took. */
	elapsed(): number;
	setTimeout(callback: () => void, ms: number): TimerHandle;
	clearTimeout(handle: TimerHandle): void;
	setInterval(callback: () => void, ms: number): TimerHandle;
	clearInterval(handle: TimerHandle): void;
	setImmediate(callback: () => void): void;
	/** The timer alone must not keep the process alive (the stream's socket does). */
	unref(handle: TimerHandle): void;
}

type NodeTimer = ReturnType<typeof setTimeout>;

export const systemTimers: Timers = {
	elapsed: () => performance.now(),
	setTimeout: (callback, ms) => setTimeout(callback, ms),
	clearTimeout: (handle) => clearTimeout(handle as NodeTimer | undefined),
	setInterval: (callback, ms) => setInterval(callback, ms),
	clearInterval: (handle) => clearInterval(handle as NodeTimer | undefined),
	setImmediate: (callback) => void setImmediate(callback),
	unref: (handle) => void (handle as NodeTimer).unref(),
};

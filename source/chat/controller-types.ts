// The controller's state shapes that the screen reads, and its options.
import type {ConversationSettings} from '../domain/types.js';
import type {AnswerBuilder} from './answer.js';
import type {ConversationStoreLike, StreamingClient, Timers} from './ports.js';

export interface ActiveStream {
	controller: AbortController;
	answer: AnswerBuilder;
	/** Set while the client waits before a retry, for the countdown. */
	retry?: {attempt: number; until: number; reason: string};
	/** Length of text and time of the last checkpoint (the growing answer saved). */
	saved?: {length: number; at: number; cost: number};
}

export interface Notice {
	text: string;
	tone: 'info' | 'error';
}

export interface ControllerOptions {
	store: ConversationStoreLike;
	/** Null until a key is known; sending then asks for one. */
	client: StreamingClient | null;
	defaults: ConversationSettings;
	lastConversation?: string;
	onLastConversation?: (id: string) => void;
	/** Why the conversations folder could not be written at start-up (read-only, full), if so. */
	readOnly?: string;
	/** How often a streaming answer may notify subscribers: 10 frames a second reads as fluent text and costs a third of 30 in CPU and bytes. */
	frameMs?: number;
	/** Wall-clock milliseconds (Date.now): message times, retry countdowns, checkpoint spacing. */
	now?: () => number;
	/** The timers and monotonic clock; the system's by default. */
	timers?: Timers;
	/** How often a growing answer is saved (a kill then loses at most this much); 0: never. */
	checkpointMs?: number;
}

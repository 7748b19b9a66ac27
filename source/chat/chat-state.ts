// The chat controller's observable core: the notice, the answers streaming, the change counter the screen
// subscribes to, and the two jobs every change goes through: frame coalescing (frames.ts) and saving (saves.ts).
// open-conversations.ts builds the conversations on it, controller.ts the sending.
import type {Conversation} from '../domain/types.js';
import type {ActiveStream, ControllerOptions, Notice} from './controller-types.js';
import {FrameCoalescer} from './frames.js';
import {systemTimers, type ConversationStoreLike} from './ports.js';
import {Saves} from './saves.js';

export abstract class ChatState {
	notice: Notice | undefined;
	readonly streams = new Map<string, ActiveStream>();
	readonly unread = new Set<string>();
	/** Bumped on every change; the UI's snapshot. */
	version = 0;
	/** Why nothing can be saved (read-only or full folder), shown in the status line; cleared by the first save that works. */
	readOnly: string | undefined;
	/** The terminal went away (SSH drop): answers that end now are marked so. */
	detached = false;

	protected readonly store: ConversationStoreLike;
	protected readonly now: () => number;
	protected readonly frames: FrameCoalescer;
	protected readonly saves: Saves;
	private readonly listeners = new Set<() => void>();

	constructor(options: ControllerOptions) {
		this.store = options.store;
		this.now = options.now ?? Date.now;
		const timers = options.timers ?? systemTimers;
		this.frames = new FrameCoalescer(options.frameMs ?? 100, this.now, timers, () => this.changed());
		this.saves = new Saves(
			this.store,
			{
				streams: this.streams,
				inMemory: (id) => this.inMemory(id),
				saved: (conversation, redraw) => {
					this.readOnly = undefined;
					if (redraw) this.changed();
					this.refreshList();
					this.markSeen(conversation.id);
				},
				failed: (text) => this.say(text, 'error'),
			},
			this.now,
			timers,
			options.checkpointMs ?? 3000,
		);
		this.readOnly = options.readOnly;
	}

	subscribe = (listener: () => void): (() => void) => {
		this.listeners.add(listener);
		return () => this.listeners.delete(listener);
	};

	getVersion = (): number => this.version;

	/**
	 * Streamed text arrived in these conversations, and nothing else changed: called at most once a frame,
	 * instead of the subscribe() listeners, so a screen can redraw just the text. Without such a listener,
	 * text changes go to subscribe() like any other.
	 */
	subscribeText = (listener: (ids: ReadonlySet<string>) => void): (() => void) => {
		this.frames.textListeners.add(listener);
		return () => this.frames.textListeners.delete(listener);
	};

	say(text: string, tone: Notice['tone'] = 'info'): void {
		this.notice = {text, tone};
		this.changed();
	}

	clearNotice(): void {
		if (!this.notice) return;
		this.notice = undefined;
		this.changed();
	}

	/** No screen to notify any more (the terminal went away). */
	protected unsubscribeAll(): void {
		this.listeners.clear();
		this.frames.detach();
	}

	/** The conversation as it is in memory, if it is open. */
	protected abstract inMemory(id: string): Conversation | undefined;
	/** Reads the list of conversations again. */
	protected abstract refreshList(): void;
	/** What is on disk now is what we hold (we just wrote or read it). */
	protected abstract markSeen(id: string): void;

	protected changed(): void {
		this.frames.drawn();
		this.version++;
		for (const listener of this.listeners) listener();
	}
}

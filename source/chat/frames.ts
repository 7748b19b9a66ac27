// Streamed text arrives token by token; the screen is drawn at most once a frame. This module turns the
// token-rate "text grew in conversation X" into one notification per frame. A frame that is due is drawn in the
// wake-up of the read that brought the text; one that is not waits for a later read, with a timer only in case
// the stream pauses. The client reads the socket once per frame (readPaceMs), so reading and drawing share
// wake-ups, which on a VM cost more CPU than the drawing itself.
import type {TimerHandle, Timers} from './ports.js';

export type TextListener = (ids: ReadonlySet<string>) => void;

export class FrameCoalescer {
	readonly textListeners = new Set<TextListener>();
	/** Conversations whose streamed text grew since the last notification. */
	private grown = new Set<string>();
	private pending: TimerHandle | undefined;
	private queued = false;
	private lastFrameAt = -Infinity;

	constructor(
		private readonly frameMs: number,
		private readonly now: () => number,
		private readonly timers: Timers,
		/** The full notification, used when no one listens for text alone. */
		private readonly notifyAll: () => void,
	) {}

	/** Per token: text grew in `id`. Keep this cheap; it runs for every event of every stream. */
	grew(id: string): void {
		this.grown.add(id);
		if (this.queued) return;
		const wait = this.lastFrameAt + this.frameMs - this.now();
		if (wait <= this.frameMs / 10) {
			this.cancelTimer();
			this.queued = true;
			this.timers.setImmediate(this.flush);
		} else {
			this.pending ??= this.timers.setTimeout(this.flush, wait + this.frameMs / 2);
		}
	}

	/** Notifies now what grew (the last tokens usually come with the end of the stream). */
	readonly flush = (): void => {
		this.cancelTimer();
		this.queued = false;
		if (this.grown.size === 0) return;
		this.lastFrameAt = this.now();
		if (this.textListeners.size === 0) return this.notifyAll();
		const ids = this.grown;
		this.grown = new Set();
		for (const listener of this.textListeners) listener(ids);
	};

	/** A full notification is going out: the text grown so far is drawn with it. */
	drawn(): void {
		if (this.pending !== undefined) this.cancelTimer();
		this.grown.clear();
	}

	/** No screen any more (the terminal went away). */
	detach(): void {
		this.textListeners.clear();
		this.cancelTimer();
	}

	private cancelTimer(): void {
		this.timers.clearTimeout(this.pending);
		this.pending = undefined;
	}
}

// When the terminal goes away (the SSH link drops: SIGHUP, then EIO), the answers being streamed are already
// paid for: glm-tui stops drawing and reading keys and lets them run to their end, saving as they grow (the
// controller's checkpoints) and when they end, then exits by itself. The next glm-tui shows them from disk.

export interface DetachableController {
	readonly streams: ReadonlyMap<string, unknown>;
	/** Stops notifying the screen, marks answers that end from now on, saves drafts. */
	detach(): void;
	subscribe(listener: () => void): () => void;
}

export interface DetachOptions {
	controller: DetachableController;
	/** How long to wait for the answers at most; then what arrived is saved as stopped. */
	limitMs: number;
	/** Called once, right away: nothing may be written to or read from the terminal after this. */
	abandonTerminal(): void;
	/** Saves everything (answers still streaming as stopped) and exits; called once. */
	finish(reason: 'done' | 'limit'): void;
}

/** Starts the detached wait; returns at once. With no answer in flight it finishes at once. */
export function detach({controller, limitMs, abandonTerminal, finish}: DetachOptions): void {
	abandonTerminal();
	controller.detach();
	let finished = false;
	// eslint-disable-next-line prefer-const -- `end` reads it and may run before the timer is set
	let limit: ReturnType<typeof setTimeout> | undefined;
	const end = (reason: 'done' | 'limit') => {
		if (finished) return;
		finished = true;
		clearTimeout(limit);
		finish(reason);
	};
	if (controller.streams.size === 0) {
		end('done');
		return;
	}
	// The controller notifies on every change that is not streamed text: an answer ending is one.
	controller.subscribe(() => {
		if (controller.streams.size === 0) end('done');
	});
	limit = setTimeout(() => end('limit'), Math.max(0, limitMs));
}

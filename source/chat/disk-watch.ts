// Notices when another glm-tui writes into the conversations folder, so this one can show it without a
// restart: fs.watch on the folder (inotify: no cost while nothing happens), events coalesced; and, while an
// answer another glm-tui is finishing is open, a modest poll, since its writer can die without a word.
import fs from 'node:fs';

export interface DiskWatch {
	close(): void;
}

export interface DiskWatchOptions {
	/** Coalesces the burst of events of one save (temporary file, rename, lock). */
	debounceMs?: number;
	/** How often to look again while `onChange` says an answer is being finished elsewhere. */
	pollMs?: number;
}

/** `onChange` takes in what changed and returns whether to look again in `pollMs` even without an event. */
export function watchConversations(
	dir: string,
	onChange: () => boolean,
	{debounceMs = 150, pollMs = 2000}: DiskWatchOptions = {},
): DiskWatch {
	let timer: ReturnType<typeof setTimeout> | undefined;
	let closed = false;
	const run = () => {
		timer = undefined;
		if (closed) return;
		let again = false;
		try {
			again = onChange();
		} catch {
			// A bad moment (a file mid-rename): the next event or poll tries again.
		}
		if (again && !closed) schedule(pollMs);
	};
	const schedule = (ms: number) => {
		if (timer) return;
		timer = setTimeout(run, ms);
		timer.unref();
	};
	let watcher: fs.FSWatcher | undefined;
	try {
		watcher = fs.watch(dir, {persistent: false}, () => schedule(debounceMs));
		watcher.on('error', () => watcher?.close());
	} catch {
		// No inotify (limits, some network file systems): changes show at the next poll or switch.
	}
	// Once, after start-up: an answer may be being finished elsewhere right now.
	schedule(1000);
	return {
		close() {
			closed = true;
			clearTimeout(timer);
			watcher?.close();
		},
	};
}

/*
Input history, like a shell: Up from the unsent draft walks back through earlier inputs, Down walks
forward, and walking past the newest entry brings the draft back. Edits to a recalled entry are dropped
when you walk away from it; only the draft is kept.
*/
export type History = Readonly<{
	entries: readonly string[];
	/** entries.length means "at the draft". */
	index: number;
	draft: string;
}>;

export type HistoryStep = {history: History; text: string};

export function createHistory(entries: readonly string[] = []): History {
	return {entries: [...entries], index: entries.length, draft: ''};
}

/** Older entry, given what the composer holds now; null when there is none. */
export function historyPrev(h: History, current: string): HistoryStep | null {
	if (h.index === 0) return null;
	const draft = h.index === h.entries.length ? current : h.draft;
	const index = h.index - 1;
	return {history: {entries: h.entries, index, draft}, text: h.entries[index]!};
}

/** Newer entry, or the saved draft after the newest; null when already at the draft. */
export function historyNext(h: History): HistoryStep | null {
	if (h.index >= h.entries.length) return null;
	const index = h.index + 1;
	const text = index === h.entries.length ? h.draft : h.entries[index]!;
	return {history: {entries: h.entries, index, draft: h.draft}, text};
}

/** After sending: remember the input (not twice in a row, not blank) and start a fresh draft. */
export function historyPush(h: History, entry: string): History {
	const entries = entry.trim() === '' || h.entries[h.entries.length - 1] === entry ? h.entries : [...h.entries, entry];
	return {entries, index: entries.length, draft: ''};
}

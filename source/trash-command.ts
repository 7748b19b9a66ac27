// `glm-tui trash [restore N|NAME | empty]`: the deleted conversations, from the shell.
import {openConversationStore, type TrashEntry} from './store/conversations.js';
import {TRASH_DAYS} from './store/trash.js';
import {sanitizeLine} from './text/sanitize.js';
import {trashText as say} from './trash-messages.js';

export function runTrashCommand(args: string[], options: {json: boolean}): number {
	const store = openConversationStore();
	const out = (text: string) => process.stdout.write(text);
	const fail = (text: string) => {
		process.stderr.write(`glm-tui: ${text}\n`);
		return 2;
	};
	for (const problem of store.problems()) process.stderr.write(`glm-tui: ${problem}\n`);
	const [action, ...rest] = args;

	if (action === undefined || action === 'list') {
		const entries = store.trash();
		if (options.json) {
			out(
				`${JSON.stringify(
					entries.map(({file, id, name, messageCount, deletedAt}) => ({id, name, messageCount, deletedAt: deletedAt.toISOString(), file})),
					null,
					'\t',
				)}\n`,
			);
			return 0;
		}
		if (entries.length === 0) {
			out(`${say.empty(TRASH_DAYS)}\n`);
			return 0;
		}
		entries.forEach((entry, index) => out(`${String(index + 1).padStart(3)}  ${describe(entry)}\n`));
		out(`${say.kept(TRASH_DAYS)}\n`);
		return 0;
	}

	if (action === 'restore') {
		const query = rest.join(' ').trim();
		if (!query) return fail(say.restoreUsage);
		const entries = store.trash();
		const entry = pick(entries, query);
		if (!entry) return fail(say.noMatch(sanitizeLine(query)));
		const {conversation, renamedFrom} = store.restore(entry);
		const name = sanitizeLine(conversation.name);
		const count = conversation.messages.length;
		out(
			`${renamedFrom ? say.restoredAs(sanitizeLine(renamedFrom), name, conversation.id, count) : say.restored(name, conversation.id, count)}\n`,
		);
		return 0;
	}

	if (action === 'empty') {
		const removed = store.emptyTrash();
		if (removed.length === 0) out(`${say.alreadyEmpty}\n`);
		else {
			out(`${say.removed(removed.length)}\n`);
			for (const entry of removed) out(`     ${describe(entry)}\n`);
		}
		return 0;
	}
	return fail(say.unknownAction(sanitizeLine(action)));
}

function describe(entry: TrashEntry): string {
	return say.entry(sanitizeLine(entry.name), entry.id, entry.messageCount, localTime(entry.deletedAt));
}

/** N as listed, else the exact name or id (newest first), else the one name that contains it. */
function pick(entries: TrashEntry[], query: string): TrashEntry | undefined {
	if (/^\d+$/.test(query)) return entries[Number(query) - 1];
	const exact = entries.find((each) => each.name === query || each.id === query);
	if (exact) return exact;
	const lower = query.toLowerCase();
	const partial = entries.filter((each) => each.name.toLowerCase().includes(lower));
	return new Set(partial.map((each) => each.name)).size === 1 ? partial[0] : undefined;
}

function localTime(date: Date): string {
	const pad = (value: number) => String(value).padStart(2, '0');
	return `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())} ${pad(date.getHours())}:${pad(date.getMinutes())}`;
}

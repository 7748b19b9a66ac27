// `glm-tui trash [restore N|NAME | empty]`: the deleted conversations, from the shell.
import {openConversationStore, type TrashEntry} from './store/conversations.js';
import {TRASH_DAYS} from './store/trash.js';
import {sanitizeLine} from './text/sanitize.js';

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
			out(`The trash is empty. Deleted conversations stay there for ${TRASH_DAYS} days.\n`);
			return 0;
		}
		entries.forEach((entry, index) => out(`${String(index + 1).padStart(3)}  ${describe(entry)}\n`));
		out(
			`Kept ${TRASH_DAYS} days after deletion. glm-tui trash restore N|NAME brings one back; glm-tui trash empty removes them for good.\n`,
		);
		return 0;
	}

	if (action === 'restore') {
		const query = rest.join(' ').trim();
		if (!query) return fail('Usage: glm-tui trash restore N|NAME (glm-tui trash lists them).');
		const entries = store.trash();
		const entry = pick(entries, query);
		if (!entry) return fail(`Nothing in the trash matches "${sanitizeLine(query)}". glm-tui trash lists it.`);
		const {conversation, renamedFrom} = store.restore(entry);
		const name = sanitizeLine(conversation.name);
		out(
			renamedFrom
				? `Restored "${sanitizeLine(renamedFrom)}" as "${name}" (a conversation of that name exists): ${conversation.id}, ${conversation.messages.length} messages.\n`
				: `Restored "${name}": ${conversation.id}, ${conversation.messages.length} messages.\n`,
		);
		return 0;
	}

	if (action === 'empty') {
		const removed = store.emptyTrash();
		if (removed.length === 0) out('The trash was already empty.\n');
		else {
			out(`Removed ${removed.length} conversation${removed.length === 1 ? '' : 's'} from the trash for good:\n`);
			for (const entry of removed) out(`     ${describe(entry)}\n`);
		}
		return 0;
	}
	return fail(`Unknown trash action "${sanitizeLine(action)}". Usage: glm-tui trash [restore N|NAME | empty]`);
}

function describe(entry: TrashEntry): string {
	return `${sanitizeLine(entry.name)}  (${entry.id}, ${entry.messageCount} messages, deleted ${localTime(entry.deletedAt)})`;
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

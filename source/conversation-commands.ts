// `glm-tui list | export NAME | import FILE`: the conversation store from the shell.
import {conversationText} from './cli-messages.js';
import {readFileSync, writeFileSync} from 'node:fs';
import path from 'node:path';
import {openConversationStore, type ConversationStore} from './store/conversations.js';
import {openSettings} from './store/settings.js';
import {DEFAULT_MODEL} from './chat/models.js';
import {toMarkdown} from './chat/export.js';
import {readConversationText, toJson} from './chat/transfer.js';
import {describeCandidates, findConversation} from './chat/find-conversation.js';
import {sanitize, sanitizeLine} from './text/sanitize.js';
import {describeFileError} from './store/errors.js';
import {MAX_NAME_LENGTH, validateName} from './store/slug.js';
import type {Conversation} from './domain/types.js';

export interface ConversationCommandOptions {
	json: boolean;
	output?: string;
	name?: string;
	/** Whether stdout is a terminal: text for a terminal is neutralized; a pipe or file gets the exact text. */
	stdoutIsTerminal?: boolean;
}

export async function runConversationCommand(
	command: 'list' | 'export' | 'import',
	args: string[],
	options: ConversationCommandOptions,
): Promise<number> {
	const store = openConversationStore();
	const out = (text: string) => process.stdout.write(text);
	// Every message may quote a file name, a name or a file's content: none of it reaches the terminal raw.
	const say = (text: string) => process.stderr.write(`glm-tui: ${sanitizeLine(text)}\n`);
	const fail = (text: string) => {
		say(text);
		return 2;
	};
	for (const problem of store.problems?.() ?? []) say(String(problem));

	if (command === 'list') {
		const list = store.list();
		if (options.json) {
			out(`${JSON.stringify(list, null, '\t')}\n`);
			return 0;
		}
		if (list.length === 0) {
			out(conversationText.none);
			return 0;
		}
		list.forEach((each, index) => {
			out(
				conversationText.row(
					String(index + 1).padStart(3),
					sanitizeLine(each.name),
					each.id,
					each.messageCount,
					each.updatedAt.slice(0, 16).replace('T', ' '),
				),
			);
		});
		return 0;
	}

	if (command === 'export') {
		const query = args.join(' ').trim();
		if (!query) return fail(conversationText.exportUsage);
		const found = findConversation(store.list(), query);
		if (found.type === 'none') return fail(conversationText.notFound(query));
		if (found.type === 'ambiguous') return fail(describeCandidates(query, found.candidates));
		const conversation = store.load(found.conversation.id);
		const text = options.json ? toJson(conversation) : toMarkdown(conversation);
		if (options.output) {
			writeFileSync(options.output, text, {mode: 0o600});
			process.stderr.write(conversationText.wrote(sanitizeLine(path.resolve(options.output))));
		} else out(options.stdoutIsTerminal && !options.json ? sanitize(text) : text);
		return 0;
	}

	const file = args[0];
	if (!file) return fail(conversationText.importUsage);
	let text: string;
	try {
		text = readFileSync(file, 'utf8');
	} catch (error) {
		return fail(conversationText.cannotRead(file, describeFileError(error)));
	}
	let read;
	try {
		read = readConversationText(text, path.basename(file));
	} catch (error) {
		return fail(`${file}: ${(error as Error).message}`);
	}
	const settings = openSettings();
	const wanted =
		options.name?.trim() || usableName(read.conversation.name) || usableName(path.basename(file).replace(/\.[^.]+$/, '')) || 'imported';
	let imported: Conversation;
	try {
		imported = store.importConversation({
			...read.conversation,
			id: read.conversation.id ?? '',
			name: wanted,
			model: read.conversation.model ?? (settings.get('model') as string | undefined) ?? DEFAULT_MODEL,
		});
	} catch (error) {
		return fail(`${file}: ${(error as Error).message}`);
	}
	out(conversationText.imported(imported.messages.length, sanitizeLine(imported.name), position(store, imported.id), imported.id));
	if (imported.name !== wanted) out(conversationText.renamed(sanitizeLine(wanted), sanitizeLine(imported.name)));
	for (const note of read.notes) out(`${sanitizeLine(note)}\n`);
	return 0;
}

/** A name from a file as it is when glm-tui could have made it; else with control characters out and cut to length. */
function usableName(name: string | undefined): string | undefined {
	if (name === undefined || validateName(name) === undefined) return name?.trim();
	return [...sanitizeLine(name).trim()].slice(0, MAX_NAME_LENGTH).join('').trim() || undefined;
}

function position(store: ConversationStore, id: string): number {
	return store.list().findIndex((each) => each.id === id) + 1;
}

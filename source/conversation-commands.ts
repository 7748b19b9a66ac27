// `glm-tui list | export NAME | import FILE`: the conversation store from the shell.
import {readFileSync, writeFileSync} from 'node:fs';
import path from 'node:path';
import {openConversationStore} from './store/conversations.js';
import {openSettings} from './store/settings.js';
import {DEFAULT_MODEL} from './chat/models.js';
import {parseHistory, toJson, toMarkdown} from './chat/export.js';
import {sanitizeLine} from './terminal/sanitize.js';
import {filterConversations} from './ui/picker-filter.js';
import type {Message} from './chat/types.js';
import {randomUUID} from 'node:crypto';

export interface ConversationCommandOptions {
	json: boolean;
	output?: string;
	name?: string;
}

export async function runConversationCommand(command: 'list' | 'export' | 'import', args: string[], options: ConversationCommandOptions): Promise<number> {
	const store = openConversationStore();
	const out = (text: string) => process.stdout.write(text);
	const fail = (text: string) => {
		process.stderr.write(`glm-tui: ${text}\n`);
		return 2;
	};
	for (const problem of store.problems?.() ?? []) process.stderr.write(`glm-tui: ${problem}\n`);

	if (command === 'list') {
		const list = store.list();
		if (options.json) {
			out(`${JSON.stringify(list, null, '\t')}\n`);
			return 0;
		}
		if (list.length === 0) {
			out('No conversations yet. Start one with: glm-tui\n');
			return 0;
		}
		list.forEach((each, index) => {
			out(`${String(index + 1).padStart(3)}  ${sanitizeLine(each.name)}  (${each.id}, ${each.messageCount} messages, ${each.updatedAt.slice(0, 16).replace('T', ' ')})\n`);
		});
		return 0;
	}

	if (command === 'export') {
		const query = args.join(' ').trim();
		if (!query) return fail('Usage: glm-tui export NAME [--json] [-o FILE]');
		const list = store.list();
		const exact = list.find((each) => each.name === query || each.id === query);
		const match = exact ?? filterConversations(list, query, () => undefined)[0];
		if (!match) return fail(`No conversation named "${sanitizeLine(query)}". glm-tui list shows them.`);
		const conversation = store.load(match.id);
		const text = options.json ? toJson(conversation) : toMarkdown(conversation);
		if (options.output) {
			writeFileSync(options.output, text, {mode: 0o600});
			process.stderr.write(`Wrote ${path.resolve(options.output)}\n`);
		} else out(text);
		return 0;
	}

	const file = args[0];
	if (!file) return fail('Usage: glm-tui import FILE [--name NAME]');
	let text: string;
	try {
		text = readFileSync(file, 'utf8');
	} catch (error) {
		return fail(`Cannot read ${sanitizeLine(file)}: ${(error as Error).message}`);
	}
	let imported;
	try {
		imported = parseHistory(text);
	} catch (error) {
		return fail(`${sanitizeLine(file)}: ${(error as Error).message}`);
	}
	const settings = openSettings();
	const system = imported.filter((each) => each.role === 'system').map((each) => each.content).join('\n\n');
	const name = options.name ?? path.basename(file).replace(/\.[^.]+$/, '');
	const conversation = store.create({
		name,
		model: (settings.get('model') as string | undefined) ?? DEFAULT_MODEL,
		...(system ? {system} : {}),
	});
	const start = Date.now() - imported.length * 1000;
	conversation.messages = imported
		.filter((each) => each.role !== 'system')
		.map(
			(each, index): Message => ({
				id: randomUUID().replaceAll('-', '').slice(0, 16),
				role: each.role as 'user' | 'assistant',
				content: each.content,
				state: 'complete',
				time: new Date(start + index * 1000).toISOString(),
			}),
		);
	store.save(conversation);
	out(`Imported ${conversation.messages.length} messages into "${sanitizeLine(conversation.name)}" (${conversation.id}).\n`);
	return 0;
}

// One order and one number everywhere: after any sequence of create, rename, delete and import, the number
// `glm-tui list` prints for a conversation is the one Alt+N, `/open N` and `export N` reach.
import {afterEach, beforeEach, describe, expect, it} from 'vitest';
import {ChatController} from '../../source/chat/controller.js';
import {findConversation} from '../../source/chat/find-conversation.js';
import {openConversationStore, type ConversationStore} from '../../source/store/conversations.js';
import {isStoreError} from '../../source/store/errors.js';
import {makeTempHome, type TempHome} from '../store/helpers.js';
import {mulberry32} from '../support/random.js';

let home: TempHome;
beforeEach(() => {
	home = makeTempHome();
});
afterEach(() => {
	home.cleanup();
});

const SEED = Number(process.env['GLM_TEST_SEED'] ?? Date.now() % 1_000_000);
const NAMES = ['notes', 'Notes', '笔记', 'deploy', 'deploy plan', 'chat', 'chat 2', '🎉', 'a'];

/** What `glm-tui list` prints: the number and the id of each row, from a store opened afresh (another process). */
function listed(): string[] {
	return openConversationStore({env: home.env})
		.list()
		.map((each, index) => `${index + 1} ${each.id}`);
}

function controllerOn(store: ConversationStore): ChatController {
	return new ChatController({store, client: null, defaults: {model: 'glm-4.6'}});
}

describe('numbers (seeded; GLM_TEST_SEED reproduces a run)', () => {
	it(`list numbers equal Alt+N numbers after any create / rename / delete / import (seed ${SEED})`, () => {
		const random = mulberry32(SEED);
		const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)]!;
		const store = openConversationStore({env: home.env});
		let controller = controllerOn(store);
		const log: string[] = [];
		for (let step = 0; step < 60; step++) {
			const op = pick(['create', 'create', 'rename', 'delete', 'import'] as const);
			const ids = controller.conversations.map((each) => each.id);
			try {
				if (op === 'create') controller.createConversation(pick(NAMES));
				else if (op === 'rename' && ids.length > 0) controller.renameConversation(pick(ids), pick(NAMES));
				else if (op === 'delete' && ids.length > 0) controller.deleteConversation(pick(ids));
				else if (op === 'import') {
					// `glm-tui import` in another shell, of a conversation made any time: the running glm-tui sees it after a restart.
					const createdAt = new Date(Date.UTC(2020, 0, 1) + Math.floor(random() * 2e11)).toISOString();
					store.importConversation({
						id: pick(['', 'notes', 'x']),
						name: pick(NAMES),
						model: 'glm-4.6',
						createdAt,
						updatedAt: createdAt,
						messages: [],
					});
					controller = controllerOn(store);
				}
			} catch (error) {
				// A clashing name is refused and said; anything else is a failure.
				if (!isStoreError(error, 'name-taken')) throw error;
			}
			log.push(op);
			const context = `seed ${SEED}, steps ${log.join(' ')}`;
			const alt = controller.conversations.map((each, index) => `${index + 1} ${each.id}`);
			expect(alt, context).toEqual(listed());
			// Names stay unique, so a name finds one conversation.
			const names = controller.conversations.map((each) => each.name.toLowerCase());
			expect(new Set(names).size, context).toBe(names.length);
			// Alt+N (jump) and `/open N` / `export N` (findConversation) reach row N of the list.
			if (alt.length > 0) {
				const n = 1 + Math.floor(random() * Math.min(9, alt.length));
				controller.jump(n - 1);
				expect(`${n} ${controller.active.id}`, context).toBe(alt[n - 1]);
				const found = findConversation(openConversationStore({env: home.env}).list(), String(n));
				expect(found.type === 'found' && `${n} ${found.conversation.id}`, context).toBe(alt[n - 1]);
			}
		}
	});
});

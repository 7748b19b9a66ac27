// A save refuses any message the format does not allow — changed in place after an earlier save (the serializer's
// cache must not hide it), replaced, or added, wherever it is — naming it by its place in the file. Seeded: which
// message, and how it is broken.
import {afterEach, beforeEach, describe, expect, it} from 'vitest';
import type {Message} from '../../source/domain/types.js';
import {openConversationStore} from '../../source/store/conversations.js';
import {StoreError} from '../../source/store/errors.js';
import {mulberry32} from '../support/random.js';
import {makeTempHome, message, type TempHome} from './helpers.js';

let home: TempHome;
beforeEach(() => {
	home = makeTempHome();
});
afterEach(() => home.cleanup());

const breakages: Array<[string, (m: Message) => void]> = [
	['a state the format does not know', (m) => Object.assign(m, {state: 'bogus'})],
	['content that is not text', (m) => Object.assign(m, {content: 7})],
	['an empty id', (m) => Object.assign(m, {id: ''})],
	['usage without its totals', (m) => Object.assign(m, {usage: {promptTokens: 1}})],
];

describe('the check before a save', () => {
	it('refuses a broken message wherever it is and however it got there, after earlier saves (seeded)', () => {
		const seed = Number(process.env['SEED'] ?? Date.now() % 100_000);
		const next = mulberry32(seed);
		const store = openConversationStore({env: home.env});
		for (let round = 0; round < 12; round++) {
			let conversation = store.create({name: `c${round}`, model: 'glm-4.6'});
			for (let index = 0; index < 40; index++)
				conversation.messages.push(message(`m${round}-${index}`, {role: index % 2 ? 'assistant' : 'user'}));
			conversation = store.save(conversation);
			conversation.messages.push(message(`m${round}-more`));
			expect(conversation.messages, 'all kept').toHaveLength(41);
			conversation = store.save(conversation);
			const at = Math.floor(next() * conversation.messages.length);
			const [what, breakIt] = breakages[Math.floor(next() * breakages.length)]!;
			const how = Math.floor(next() * 3);
			const target = conversation.messages[at]!;
			if (how === 0) breakIt(target);
			else {
				const copy = {...target};
				breakIt(copy);
				if (how === 1) conversation.messages[at] = copy;
				else
					conversation.messages.push({...copy, id: copy.id === '' ? '' : `new${round}`, time: new Date(Date.now() + 60_000).toISOString()});
			}
			const where = `seed ${seed}, round ${round}: ${what}, ${['in place', 'replaced', 'added'][how]} at ${at}`;
			let refused: unknown;
			try {
				store.save(conversation);
			} catch (error) {
				refused = error;
			}
			expect(refused, where).toBeInstanceOf(StoreError);
			expect((refused as StoreError).code, where).toBe('invalid-value');
			expect((refused as StoreError).message, where).toMatch(/`messages\/\d+/);
		}
	});
});

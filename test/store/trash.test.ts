import fs from 'node:fs';
import path from 'node:path';
import {afterEach, beforeEach, describe, expect, it} from 'vitest';
import {openConversationStore} from '../../source/store/conversations.js';
import {TRASH_DAYS, purgeTrash} from '../../source/store/trash.js';
import {makeTempHome, message, mode, type TempHome} from './helpers.js';

let home: TempHome;
beforeEach(() => {
	home = makeTempHome();
});
afterEach(() => home.cleanup());

const open = () => openConversationStore({env: home.env});
const trashDir = () => path.join(home.env.XDG_DATA_HOME, 'glm-tui', 'trash');
const file = (id: string) => path.join(home.conversationsDir, `${id}.json`);

function seeded(name: string, count = 3) {
	const store = open();
	const conversation = store.create({name, model: 'glm-4.6'});
	conversation.messages = Array.from({length: count}, (_, index) =>
		message(`${name.replace(/\W/g, '')}${index}`, {content: `第 ${index} 条 ${name}`}),
	);
	return store.save(conversation);
}

describe('trash', () => {
	it('remove moves the file, byte for byte, into a private trash folder; it is listed and no longer a conversation', () => {
		const kept = seeded('notes 笔记');
		const bytes = fs.readFileSync(file(kept.id));
		const store = open();
		expect(store.remove(kept.id)).toBe(true);
		expect(fs.existsSync(file(kept.id))).toBe(false);
		expect(store.list()).toEqual([]);
		const [entry, ...rest] = store.trash();
		expect(rest).toEqual([]);
		expect(entry).toMatchObject({id: kept.id, name: 'notes 笔记', messageCount: 3});
		expect(path.dirname(entry!.file)).toBe(trashDir());
		expect(path.basename(entry!.file)).toMatch(new RegExp(`^${kept.id}-\\d{13}\\.json$`));
		expect(fs.readFileSync(entry!.file)).toEqual(bytes);
		expect(mode(trashDir())).toBe(0o700);
		expect(store.remove(kept.id)).toBe(false);
	});

	it('restore brings every message back under its id and name', () => {
		const kept = seeded('ops');
		const store = open();
		store.remove(kept.id);
		const restored = store.restore(store.trash()[0]!);
		expect(restored.renamedFrom).toBeUndefined();
		expect(restored.idFrom).toBeUndefined();
		expect(restored.conversation).toMatchObject({id: kept.id, name: 'ops'});
		expect(restored.conversation.messages).toEqual(kept.messages);
		expect(store.list().map((each) => each.id)).toEqual([kept.id]);
		expect(store.trash()).toEqual([]);
		expect(open().load(kept.id).messages).toEqual(kept.messages);
	});

	it('a restore whose id and name were taken meanwhile takes free ones and says so; nothing is overwritten', () => {
		const old = seeded('ops');
		const store = open();
		store.remove(old.id);
		const newer = seeded('ops', 1);
		expect(newer.id).toBe(old.id);
		const restored = store.restore(store.trash()[0]!);
		expect(restored.idFrom).toBe(old.id);
		expect(restored.renamedFrom).toBe('ops');
		expect(restored.conversation.id).not.toBe(old.id);
		expect(restored.conversation.name).toBe('ops (2)');
		expect(restored.conversation.messages).toEqual(old.messages);
		expect(store.load(old.id).messages).toEqual(newer.messages);
		expect(
			store
				.list()
				.map((each) => each.name)
				.sort(),
		).toEqual(['ops', 'ops (2)']);
	});

	it('the same conversation deleted twice is two entries, newest first', () => {
		const kept = seeded('twice');
		const store = open();
		store.remove(kept.id);
		const again = seeded('twice', 1);
		store.remove(again.id);
		expect(store.trash().map((each) => each.messageCount)).toEqual([1, 3]);
	});

	it('entries older than 30 days go at start-up, younger ones stay; empty removes all and says what', () => {
		const store = open();
		store.remove(seeded('old').id);
		store.remove(seeded('young').id);
		const [young, old] = [store.trash().find((each) => each.name === 'young')!, store.trash().find((each) => each.name === 'old')!];
		const aged = path.join(trashDir(), `old-${String(Date.now() - (TRASH_DAYS + 1) * 86_400_000)}.json`);
		fs.renameSync(old.file, aged);
		const kept = path.join(trashDir(), `young-${String(Date.now() - (TRASH_DAYS - 1) * 86_400_000)}.json`);
		fs.renameSync(young.file, kept);
		fs.writeFileSync(path.join(trashDir(), 'not-ours.txt'), 'x');
		const reopened = open();
		expect(fs.existsSync(aged)).toBe(false);
		expect(reopened.trash().map((each) => each.name)).toEqual(['young']);
		expect(reopened.emptyTrash().map((each) => each.name)).toEqual(['young']);
		expect(reopened.trash()).toEqual([]);
		expect(fs.readdirSync(trashDir())).toEqual(['not-ours.txt']);
		expect(purgeTrash(path.join(home.root, 'missing'))).toEqual([]);
	});

	it('a trash that cannot be written refuses the delete: the conversation stays where it was', () => {
		const kept = seeded('stays');
		fs.writeFileSync(trashDir(), 'not a folder');
		const store = open();
		expect(() => store.remove(kept.id)).toThrow();
		expect(fs.existsSync(file(kept.id))).toBe(true);
		expect(store.list().map((each) => each.id)).toEqual([kept.id]);
	});
});

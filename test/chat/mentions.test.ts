// `@path` mentions and Tab completion of them, against a real folder.
import {afterAll, describe, expect, it} from 'vitest';
import {mkdirSync, mkdtempSync, rmSync, writeFileSync} from 'node:fs';
import {tmpdir} from 'node:os';
import path from 'node:path';
import {findMentions, mentionedFiles} from '../../source/chat/mentions.js';
import {completePath, mentionAt} from '../../source/chat/path-completion.js';
import {mulberry32} from '../support/random.js';

const root = mkdtempSync(path.join(tmpdir(), 'glm-mentions-'));
const home = path.join(root, 'home');
mkdirSync(path.join(root, 'logs'));
mkdirSync(home);
for (const file of ['logs/app.log', 'logs/app.old.log', 'logs/worker.log', 'notes.md', 'my file.txt', '.env', '中文 笔记.md']) {
	writeFileSync(path.join(root, file), 'x\n');
}
writeFileSync(path.join(home, 'todo.txt'), 'x\n');
afterAll(() => rmSync(root, {recursive: true, force: true}));

describe('mentions', () => {
	it('finds @path at the start, after spaces and brackets, without sentence punctuation', () => {
		expect(findMentions('@a.log and (@b/c.ts), see @notes.md. 还有 @x.md。').map((m) => m.path)).toEqual([
			'a.log',
			'b/c.ts',
			'notes.md',
			'x.md',
		]);
		expect(findMentions('mail me@example.com or @@')).toEqual([]);
		expect(findMentions('@my\\ file.txt')[0]).toEqual({start: 0, end: 13, path: 'my file.txt'});
	});

	it('attaches files that exist and paths that are plainly paths; leaves @handles as text', () => {
		expect(mentionedFiles('@notes.md @logs/app.log @nobody @logs/gone.log @~/todo.txt @notes.md', root, home)).toEqual([
			'notes.md',
			'logs/app.log',
			'logs/gone.log',
			'~/todo.txt',
		]);
		expect(mentionedFiles('thanks @zhangsan, and @Override', root, home)).toEqual([]);
		expect(mentionedFiles('@.env @my\\ file.txt @中文\\ 笔记.md', root, home)).toEqual(['.env', 'my file.txt', '中文 笔记.md']);
	});

	it('a mention spans exactly its written text (seeded): replacing it removes the @word and nothing else', () => {
		const seed = Number(process.env['SEED'] ?? Date.now() % 100_000);
		const next = mulberry32(seed);
		const words = ['@a.log', '@b/c', 'x', '中文', '(@d)', '@e.', 'f@g', '@h\\ i', '，', '@'];
		for (let round = 0; round < 300; round++) {
			const text = Array.from({length: 1 + Math.floor(next() * 8)}, () => words[Math.floor(next() * words.length)]).join(' ');
			for (const mention of findMentions(text)) {
				expect(text[mention.start], `seed ${seed}: ${text}`).toBe('@');
				expect(text.slice(mention.start + 1, mention.end).replaceAll('\\ ', ' '), `seed ${seed}: ${text}`).toBe(mention.path);
			}
		}
	});
});

describe('Tab completion after @', () => {
	const complete = (text: string, cursor = text.length) => completePath(text, cursor, {cwd: root, home});

	it('completes a single fit with a space after a file, a slash after a folder', () => {
		expect(complete('look at @no')).toMatchObject({from: 9, to: 11, insert: 'notes.md ', choices: []});
		expect(complete('@lo')).toMatchObject({insert: 'logs/'});
		expect(complete('@logs/w')).toMatchObject({insert: 'logs/worker.log '});
		expect(complete('@~/t')).toMatchObject({insert: '~/todo.txt '});
	});

	it('stops at the common prefix of several fits and lists them', () => {
		expect(complete('@logs/a')).toMatchObject({insert: 'logs/app.', choices: ['app.log', 'app.old.log'], count: 2});
		expect(complete('@logs/')).toMatchObject({insert: 'logs/', count: 3});
	});

	it('writes spaces as \\  and reads them back; hidden files only with a dot', () => {
		expect(complete('@my')).toMatchObject({insert: 'my\\ file.txt '});
		expect(complete('@中')).toMatchObject({insert: '中文\\ 笔记.md '});
		expect(complete('@my\\ f')).toMatchObject({insert: 'my\\ file.txt '});
		expect(complete('@.e')).toMatchObject({insert: '.env '});
		expect(complete('@')?.choices).not.toContain('.env');
	});

	it('only inside an @word at the cursor', () => {
		expect(complete('no mention')).toBeUndefined();
		expect(complete('me@no')).toBeUndefined();
		expect(complete('@zzz')).toBeUndefined();
		expect(complete('@nowhere/x')).toBeUndefined();
		expect(mentionAt('see (@lo', 8)).toEqual({from: 6, written: 'lo'});
		expect(complete('@no and more', 3)).toMatchObject({from: 1, to: 3, insert: 'notes.md '});
	});
});

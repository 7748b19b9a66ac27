// A question's files: read from `@path` and /file, sent fenced before the question, kept whole with the message
// through the request, the exchange format and the store's schema.
import {afterAll, describe, expect, it} from 'vitest';
import {mkdtempSync, rmSync, writeFileSync} from 'node:fs';
import {tmpdir} from 'node:os';
import path from 'node:path';
import {filesForQuestion, readFiles} from '../../source/chat/question-files.js';
import {buildRequest} from '../../source/chat/request.js';
import {readConversationText, toJson} from '../../source/chat/transfer.js';
import {checkConversationFile} from '../../source/store/format.js';
import type {Conversation} from '../../source/domain/types.js';
import {mulberry32} from '../support/random.js';

const root = mkdtempSync(path.join(tmpdir(), 'glm-question-files-'));
writeFileSync(path.join(root, 'app.log'), 'line 1\nline 2\n');
writeFileSync(path.join(root, 'config file.yaml'), 'a: 1\n```\nb: 2');
writeFileSync(path.join(root, 'core.bin'), Buffer.from([0, 1, 2]));
writeFileSync(path.join(root, 'half.log'), 'x'.repeat(200 * 1024));
afterAll(() => rmSync(root, {recursive: true, force: true}));

const holding = (messages: Conversation['messages']): Conversation => ({
	id: 'c1',
	name: 'n',
	model: 'glm-4.6',
	createdAt: '2026-12-05T00:00:00.000Z',
	updatedAt: '2026-12-05T00:00:00.000Z',
	messages,
});

describe('files for a question', () => {
	it('reads @mentions after the /file ones, each once; a @handle stays text', () => {
		const pending = readFiles('config\\ file.yaml', root);
		expect(pending).toMatchObject({files: [{name: 'config file.yaml', bytes: 13, lines: 3}]});
		const result = filesForQuestion(
			'why does @app.log fail with @config\\ file.yaml? cc @zhang',
			'files' in pending ? pending.files : [],
			root,
		);
		expect(result).toMatchObject({files: [{name: 'config file.yaml'}, {name: 'app.log', text: 'line 1\nline 2\n', bytes: 14, lines: 2}]});
	});

	it('says why a file cannot go, and nothing is attached', () => {
		expect(filesForQuestion('look at @logs/missing.log', [], root)).toEqual({problem: 'Cannot read logs/missing.log: no such file.'});
		expect(filesForQuestion('@core.bin?', [], root)).toMatchObject({problem: expect.stringContaining('core.bin is not a text file')});
		expect(readFiles('half.log half.log app.log', root)).toMatchObject({files: [{name: 'half.log'}, {name: 'app.log'}]});
		const tooMuch = filesForQuestion('@half.log', (readFiles('app.log', root) as {files: []}).files, root);
		expect(tooMuch).toMatchObject({files: expect.any(Array)});
		writeFileSync(path.join(root, 'half2.log'), 'y'.repeat(200 * 1024));
		writeFileSync(path.join(root, 'half3.log'), 'z'.repeat(200 * 1024));
		expect(filesForQuestion('@half.log @half2.log @half3.log', [], root)).toMatchObject({
			problem: expect.stringContaining('add up to 600 KB'),
		});
	});

	it('the request carries each file fenced under its name, then the question; the transcript text stays the question', () => {
		const {files} = filesForQuestion('what is wrong in @config\\ file.yaml', [], root) as {files: []};
		const conversation = holding([
			{
				id: 'm',
				role: 'user',
				content: 'what is wrong in @config\\ file.yaml',
				state: 'complete',
				time: '2026-12-05T00:00:00.000Z',
				attachments: files,
			},
		]);
		expect(buildRequest(conversation).request.messages).toEqual([
			{role: 'user', content: 'config file.yaml:\n````yaml\na: 1\n```\nb: 2\n````\n\nwhat is wrong in @config\\ file.yaml'},
		]);
	});

	it('random attached files survive the exchange format and pass the store schema (seeded)', () => {
		const seed = Number(process.env['SEED'] ?? Date.now() % 100_000);
		const next = mulberry32(seed);
		const pieces = ['a', '中文', '\n', '```', '\u001b[31m', '\t', '😀', '\r\n', ' '];
		for (let round = 0; round < 50; round++) {
			const attachments = Array.from({length: 1 + Math.floor(next() * 3)}, (_, index) => {
				const text = Array.from({length: Math.floor(next() * 40)}, () => pieces[Math.floor(next() * pieces.length)]).join('');
				return {
					name: `f${index}${pieces[Math.floor(next() * 3)]}.txt`,
					text,
					bytes: Buffer.byteLength(text),
					lines: text.split('\n').length,
				};
			});
			const conversation = holding([
				{id: 'm', role: 'user', content: 'q', state: 'complete', time: '2026-12-05T00:00:00.000Z', attachments},
			]);
			expect(() => checkConversationFile(conversation), `seed ${seed}`).not.toThrow();
			const back = readConversationText(toJson(conversation), 'x.json').conversation;
			expect(back.messages[0]!.attachments, `seed ${seed}`).toEqual(attachments);
		}
	});
});

describe('attached files in the Markdown export', () => {
	it('come back from the Markdown export with their names and text (seeded; line ends as LF)', async () => {
		const {toMarkdown} = await import('../../source/chat/export.js');
		const seed = Number(process.env['SEED'] ?? Date.now() % 100_000);
		const next = mulberry32(seed);
		const pieces = ['a', '中文', '\n', '```', '</details>', '\t', '😀', ' ', '## You · 2026-01-01 10:00', '_x_'];
		for (let round = 0; round < 100; round++) {
			const attachments = Array.from({length: 1 + Math.floor(next() * 3)}, (_, index) => {
				const text = Array.from({length: Math.floor(next() * 30)}, () => pieces[Math.floor(next() * pieces.length)]).join('');
				return {name: `dir/f ${index}.log`, text, bytes: Buffer.byteLength(text), lines: 0};
			});
			const conversation = holding([
				{id: 'm', role: 'user', content: 'why?', state: 'complete', time: '2026-12-05T00:00:00.000Z', attachments},
			]);
			const back = readConversationText(toMarkdown(conversation), 'x.md').conversation.messages[0]!;
			expect(back.content, `seed ${seed}`).toBe('why?');
			expect(
				back.attachments?.map(({name, text}) => ({name, text})),
				`seed ${seed}`,
			).toEqual(attachments.map(({name, text}) => ({name, text})));
		}
	});
});

describe('web sources in the Markdown export', () => {
	it('come back from the Markdown export (seeded titles with brackets, backslashes, Chinese)', async () => {
		const {toMarkdown} = await import('../../source/chat/export.js');
		const seed = Number(process.env['SEED'] ?? Date.now() % 100_000);
		const next = mulberry32(seed);
		const pieces = ['a', ']', '[', '\\', '天气', ' ', '(', ')', '·', '_', '`'];
		for (let round = 0; round < 100; round++) {
			const sources = Array.from({length: 1 + Math.floor(next() * 4)}, (_, index) => {
				const title = `t${Array.from({length: Math.floor(next() * 12)}, () => pieces[Math.floor(next() * pieces.length)]).join('')}`.trim();
				const source: {title: string; link: string; media?: string} = {title, link: `https://example.com/${index}/${round}?q=${index}`};
				if (next() < 0.5) source.media = `站点 ${index}`;
				return source;
			});
			const conversation = holding([
				{id: 'q', role: 'user', content: 'weather?', state: 'complete', time: '2026-12-05T00:00:00.000Z'},
				{id: 'a', role: 'assistant', content: 'Sunny.', state: 'complete', time: '2026-12-05T00:00:01.000Z', sources},
			]);
			const back = readConversationText(toMarkdown(conversation), 'x.md').conversation.messages[1]!;
			expect(back.content, `seed ${seed}`).toBe('Sunny.');
			expect(back.sources, `seed ${seed}`).toEqual(sources);
		}
	});
});

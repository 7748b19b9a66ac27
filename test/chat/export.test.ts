import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import {describe, expect, it} from 'vitest';
import {defaultExportName, expandHome, exportMarkdown, toMarkdown} from '../../source/chat/export.js';

describe('toMarkdown', () => {
	it('writes headings per turn and marks incomplete answers', () => {
		const text = toMarkdown({
			id: 'x',
			name: '论文润色',
			model: 'glm-4.6',
			createdAt: '2026-11-25T10:00:00.000Z',
			updatedAt: '2026-11-25T10:00:00.000Z',
			messages: [
				{id: '1', role: 'user', content: 'Q', state: 'complete', time: '2026-11-25T10:00:00.000Z'},
				{id: '2', role: 'assistant', content: 'partial', state: 'stopped', time: '2026-11-25T10:01:00.000Z', model: 'glm-4.6'},
			],
		});
		expect(text).toContain('# 论文润色');
		expect(text).toContain('## You · 2026-11-25 10:00');
		expect(text).toContain('## GLM (glm-4.6) · 2026-11-25 10:01');
		expect(text).toContain('partial\n\n_stopped_');
	});
});

describe('exportMarkdown (/export)', () => {
	const conversation = {
		id: 'c-1a2b3c4d',
		name: '论文 润色/草稿',
		model: 'glm-4.6',
		createdAt: '2026-11-25T10:00:00.000Z',
		updatedAt: '2026-11-25T10:00:00.000Z',
		messages: [{id: '1', role: 'user' as const, content: 'Q', state: 'complete' as const, time: '2026-11-25T10:00:00.000Z'}],
	};

	it('names the file after the conversation, not its id', () => {
		const cwd = fs.mkdtempSync(path.join(os.tmpdir(), 'glm-tui-export-'));
		try {
			const written = exportMarkdown(conversation, undefined, cwd);
			expect(written).toEqual({file: path.join(cwd, '论文 润色-草稿.md')});
		} finally {
			fs.rmSync(cwd, {recursive: true, force: true});
		}
	});

	it('never replaces a file: a free name is taken and said', () => {
		const cwd = fs.mkdtempSync(path.join(os.tmpdir(), 'glm-tui-export-'));
		try {
			fs.writeFileSync(path.join(cwd, 'chat.md'), 'precious');
			const written = exportMarkdown(conversation, 'chat.md', cwd);
			expect(written).toEqual({file: path.join(cwd, 'chat-2.md'), taken: path.join(cwd, 'chat.md')});
			expect(fs.readFileSync(path.join(cwd, 'chat.md'), 'utf8')).toBe('precious');
			expect(exportMarkdown(conversation, 'chat.md', cwd).file).toBe(path.join(cwd, 'chat-3.md'));
		} finally {
			fs.rmSync(cwd, {recursive: true, force: true});
		}
	});

	it('expands ~ to the home folder instead of making a folder named ~', () => {
		expect(expandHome('~/x.md', '/home/u')).toBe('/home/u/x.md');
		expect(expandHome('~', '/home/u')).toBe('/home/u');
		expect(expandHome('a/~/x.md', '/home/u')).toBe('a/~/x.md');
		expect(expandHome('~other/x.md', '/home/u')).toBe('~other/x.md');
	});

	it('a name with nothing usable falls back to the id', () => {
		expect(defaultExportName({id: 'c-1', name: '...'})).toBe('c-1.md');
		expect(defaultExportName({id: 'c-1', name: 'a\u0007b'})).toBe('a-b.md');
	});
});

import {setLanguage} from '../../source/i18n/language.js';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import {afterEach, describe, expect, it} from 'vitest';
import {rescueUnsaved} from '../../source/chat/rescue.js';
import {readConversationText} from '../../source/chat/transfer.js';
import type {Conversation} from '../../source/domain/types.js';

const directories: string[] = [];
afterEach(() => {
	for (const directory of directories.splice(0)) fs.rmSync(directory, {recursive: true, force: true});
});

function temporary(): string {
	const directory = fs.mkdtempSync(path.join(os.tmpdir(), 'glm-tui-rescue-test-'));
	directories.push(directory);
	return directory;
}

const conversation: Conversation = {
	id: 'notes',
	name: 'Notes \u001B[31m红',
	model: 'glm-4.6',
	createdAt: '2026-12-04T10:00:00.000Z',
	updatedAt: '2026-12-04T10:01:00.000Z',
	messages: [
		{id: 'a1', role: 'user', content: '问题 one', state: 'complete', time: '2026-12-04T10:00:00.000Z'},
		{id: 'a2', role: 'assistant', content: '回答 only in memory', state: 'complete', time: '2026-12-04T10:01:00.000Z'},
	],
};

describe('rescueUnsaved', () => {
	it('writes a private copy that glm-tui import reads back, and says where and how', () => {
		const directory = temporary();
		const [line] = rescueUnsaved([{conversation, reason: 'the disk is full (ENOSPC)'}], directory, new Date('2026-12-04T10:02:03Z'));
		const file = path.join(directory, 'glm-tui-rescue-notes-20261204T100203.json');
		expect(fs.statSync(file).mode & 0o777).toBe(0o600);
		expect(readConversationText(fs.readFileSync(file, 'utf8'), file).conversation).toEqual(conversation);
		expect(line).toContain('the disk is full (ENOSPC)');
		expect(line).toContain(`glm-tui import ${file}`);
		expect(line).toContain('could not save "Notes 红"');
		// The name is printed to the terminal: no escape sequence gets through.
		expect(line).not.toContain('\u001B');
	});

	it('says it in Chinese where the interface is Chinese, the command unchanged', () => {
		const directory = temporary();
		setLanguage('zh');
		try {
			const [line] = rescueUnsaved([{conversation, reason: '磁盘已满 (ENOSPC)'}], directory, new Date('2026-12-04T10:02:03Z'));
			const file = path.join(directory, 'glm-tui-rescue-notes-20261204T100203.json');
			expect(line).toBe(`glm-tui：无法保存“Notes 红”：磁盘已满 (ENOSPC)。副本在 ${file}；用这条命令找回：glm-tui import ${file}`);
		} finally {
			setLanguage('en');
		}
	});

	it('never overwrites an earlier copy', () => {
		const directory = temporary();
		const at = new Date('2026-12-04T10:02:03Z');
		rescueUnsaved([{conversation, reason: 'x'}], directory, at);
		const [second] = rescueUnsaved(
			[{conversation: {...conversation, messages: conversation.messages.slice(0, 1)}, reason: 'x'}],
			directory,
			at,
		);
		expect(second).toContain('glm-tui-rescue-notes-20261204T100203-2.json');
		expect(fs.readdirSync(directory).sort()).toEqual([
			'glm-tui-rescue-notes-20261204T100203-2.json',
			'glm-tui-rescue-notes-20261204T100203.json',
		]);
		expect(
			readConversationText(fs.readFileSync(path.join(directory, 'glm-tui-rescue-notes-20261204T100203.json'), 'utf8'), 'x').conversation
				.messages,
		).toHaveLength(2);
	});

	it('with nowhere to write, prints the newest message itself', () => {
		const directory = temporary();
		const notADirectory = path.join(directory, 'file');
		fs.writeFileSync(notADirectory, '');
		const [line] = rescueUnsaved([{conversation, reason: 'the disk is full (ENOSPC)'}], notADirectory);
		expect(line).toMatch(/nor a copy in .*file: part of the path is a file, not a folder \(.*\) \(ENOTDIR\)/);
		expect(line).toContain('回答 only in memory');
	});
});

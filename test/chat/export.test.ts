import {describe, expect, it} from 'vitest';
import {parseHistory, toMarkdown} from '../../source/chat/export.js';

describe('parseHistory', () => {
	it('reads the seed blog format: objects separated by commas, no brackets, trailing comma', () => {
		const seed = `{"role": "user", "content": "He said \\"hi\\"\\nand left"},\n{"role": "assistant", "content": "引号 \\"测试\\"\\n第二行"},\n`;
		expect(parseHistory(seed)).toEqual([
			{role: 'user', content: 'He said "hi"\nand left'},
			{role: 'assistant', content: '引号 "测试"\n第二行'},
		]);
	});

	it('reads a JSON array and a single object', () => {
		expect(parseHistory('[{"role":"user","content":"a"}]')).toEqual([{role: 'user', content: 'a'}]);
		expect(parseHistory('{"role":"user","content":"a"}')).toEqual([{role: 'user', content: 'a'}]);
	});

	it('names what is wrong', () => {
		expect(() => parseHistory('')).toThrow(/empty/);
		expect(() => parseHistory('{"role":"robot","content":"a"}')).toThrow(/Entry 1: role/);
		expect(() => parseHistory('{"role":"user"}')).toThrow(/content must be a string/);
		expect(() => parseHistory('not json')).toThrow(/Not JSON/);
	});
});

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

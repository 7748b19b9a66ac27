import {describe, expect, it} from 'vitest';
import type {Message} from '../../source/domain/types.js';
import {TranscriptLines} from '../../source/ui/transcript-lines.js';

const ANSWER = [
	'## 小结 Summary',
	'',
	'The scheduler keeps one queue per core and **steals** work when a queue runs dry. 这个函数在高并发下会出现竞态条件。',
	'',
	'- first item 第一项',
	'- second item with `code`',
	'',
	'```python',
	'def retry(fn, attempts=3):',
	'    for i in range(attempts):',
	'        try: return fn()',
	'```',
	'',
	'| a | b |',
	'|---|---|',
	'| 宽 | 42 |',
	'',
	'Last paragraph, 最后一段。',
].join('\n');

const message = (content: string, state: Message['state']): Message => ({
	id: 'answer-1',
	role: 'assistant',
	content,
	state,
	time: '2026-11-25T10:00:00.000Z',
	model: 'glm-4.6',
});

describe('TranscriptLines', () => {
	it('an answer streamed in pieces ends with the same lines a fresh start shows for it', () => {
		for (const width of [100, 37, 12]) {
			const live = new TranscriptLines();
			for (let end = 1; end < ANSWER.length; end += 7)
				live.linesFor(message(ANSWER.slice(0, end), 'streaming'), {width, showReasoning: false});
			const finished = live.linesFor(message(ANSWER, 'complete'), {width, showReasoning: false});
			const fresh = new TranscriptLines().linesFor(message(ANSWER, 'complete'), {width, showReasoning: false});
			expect(finished).toEqual(fresh);
			expect(finished.join('\n')).toContain('retry');
		}
	});

	it('re-renders a message when the width changes, and not otherwise', () => {
		const lines = new TranscriptLines();
		const first = lines.linesFor(message(ANSWER, 'complete'), {width: 80, showReasoning: false});
		expect(lines.linesFor(message(ANSWER, 'complete'), {width: 80, showReasoning: false})).toBe(first);
		const narrow = lines.linesFor(message(ANSWER, 'complete'), {width: 30, showReasoning: false});
		expect(narrow.length).toBeGreaterThan(first.length);
	});
});

describe('code highlighting after the first frame', () => {
	it('draws code plain until the grammars are loaded, then coloured', async () => {
		const {loadHighlighting} = await import('../../source/terminal/highlight.js');
		const answer = message('```python\ndef retry(fn):\n    return fn()\n```', 'complete');
		const lines = new TranscriptLines();
		const plain = lines.linesFor(answer, {width: 60, showReasoning: false});
		expect(plain.join('\n')).toContain('def retry(fn):');
		expect(plain.join('\n')).not.toMatch(/\u001B\[\d+mdef\u001B/);
		expect(await loadHighlighting()).toBe(true);
		const coloured = lines.linesFor(answer, {width: 60, showReasoning: false});
		expect(coloured).not.toEqual(plain);
		expect(coloured.join('\n')).toMatch(/\u001B\[\d+mdef\u001B/);
		// Loaded once: asking again changes nothing.
		expect(await loadHighlighting()).toBe(true);
		expect(lines.linesFor(answer, {width: 60, showReasoning: false})).toBe(coloured);
	});
});

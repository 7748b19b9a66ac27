import {describe, expect, it} from 'vitest';
import {ThinkSplitter, createThinkSplitter} from '../../source/glm/think.js';

function run(chunks: string[]): {reasoning: string; content: string} {
	const splitter = new ThinkSplitter();
	let reasoning = '';
	let content = '';
	for (const chunk of chunks) {
		const pieces = splitter.push(chunk);
		reasoning += pieces.reasoning;
		content += pieces.content;
	}

	const rest = splitter.end();
	return {reasoning: reasoning + rest.reasoning, content: content + rest.content};
}

// Every way of cutting `text` into two and three pieces.
function* splits(text: string): Generator<string[]> {
	yield [text];
	for (let a = 0; a <= text.length; a++) {
		yield [text.slice(0, a), text.slice(a)];
		for (let b = a; b <= text.length; b += 3) {
			yield [text.slice(0, a), text.slice(a, b), text.slice(b)];
		}
	}
}

describe('ThinkSplitter', () => {
	it('separates reasoning from the answer, dropping framing newlines', () => {
		expect(run(['<think>\nLet me think.\n</think>\n\nThe answer.'])).toEqual({reasoning: 'Let me think.\n', content: 'The answer.'});
	});

	it('gives the same result under every split, byte by byte included', () => {
		const text = 'pre <think>\nweighing <b> and </thin k>\n</think>\nAnswer with <think> literal';
		const expected = {reasoning: 'weighing <b> and </thin k>\n', content: 'pre Answer with <think> literal'};
		expect(run([text])).toEqual(expected);
		expect(run(Array.from(text))).toEqual(expected);
		for (const chunks of splits(text)) {
			expect(run(chunks), JSON.stringify(chunks)).toEqual(expected);
		}
	});

	it('handles tags split across chunks', () => {
		expect(run(['<thi', 'nk>hm</th', 'ink>ok'])).toEqual({reasoning: 'hm', content: 'ok'});
		expect(run(['<', 't', 'h', 'i', 'n', 'k', '>', 'x', '<', '/', 'think', '>', 'y'])).toEqual({reasoning: 'x', content: 'y'});
	});

	it('passes content without tags straight through, holding back only a possible tag start', () => {
		const splitter = new ThinkSplitter();
		expect(splitter.push('Hello ')).toEqual({reasoning: '', content: 'Hello '});
		expect(splitter.push('a <b> c <th')).toEqual({reasoning: '', content: 'a <b> c '});
		expect(splitter.push('ere')).toEqual({reasoning: '', content: '<there'});
	});

	it('keeps an unclosed think block as reasoning and flushes a held partial tag at the end', () => {
		expect(run(['<think>still thinking', ' </thi'])).toEqual({reasoning: 'still thinking </thi', content: ''});
		expect(run(['answer <thi'])).toEqual({reasoning: '', content: 'answer <thi'});
	});

	it('reports whether the model is thinking', () => {
		const splitter = createThinkSplitter();
		expect(splitter.thinking).toBe(false);
		splitter.push('<think>a');
		expect(splitter.thinking).toBe(true);
		splitter.push('</think>b');
		expect(splitter.thinking).toBe(false);
	});

	it('treats text before the tag as content', () => {
		expect(run(['\n\n<think>r</think>c'])).toEqual({reasoning: 'r', content: '\n\nc'});
	});
});

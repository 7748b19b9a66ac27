import {describe, expect, it} from 'vitest';
import {codeBlocks, copyTarget} from '../../source/chat/copy-target.js';
import type {Message} from '../../source/domain/types.js';

const message = (role: Message['role'], content: string, index: number): Message => ({
	id: `m${index}`,
	role,
	content,
	state: 'complete',
	time: '2025-01-01T00:00:00.000Z',
});

const answer = [
	'Two ways:',
	'',
	'```go',
	'func main() {',
	'\tfmt.Println("a very long line that the screen has to break somewhere in the middle of it, 很长的一行")',
	'}',
	'```',
	'',
	'- in a list:',
	'',
	'  ```sh',
	'  make all',
	'  ```',
	'',
	'Done.',
].join('\n');

const messages = [
	message('user', 'first question', 0),
	message('assistant', 'old answer', 1),
	message('user', 'second', 2),
	message('assistant', answer, 3),
];

describe('copyTarget', () => {
	it('finds code blocks in order, nested ones too, exactly as written (tabs kept)', () => {
		expect(codeBlocks(answer)).toEqual([
			'func main() {\n\tfmt.Println("a very long line that the screen has to break somewhere in the middle of it, 很长的一行")\n}',
			'make all',
		]);
	});

	it('/copy code copies the last block, /copy code N the Nth', () => {
		expect(copyTarget(messages, 'code')).toEqual({text: 'make all', what: 'code block 2 of 2'});
		expect(copyTarget(messages, 'code 1')).toMatchObject({text: expect.stringContaining('\tfmt.Println'), what: 'code block 1 of 2'});
		expect(copyTarget(messages, 'code 3')).toEqual({error: 'There is no code block 3: the last answer has 2.'});
		expect(copyTarget(messages.slice(0, 2), 'code')).toEqual({error: 'The last answer has no code block.'});
	});

	it('/copy N copies message N; /copy the last answer', () => {
		expect(copyTarget(messages, '1')).toEqual({text: 'first question', what: 'message 1'});
		expect(copyTarget(messages, '2')).toEqual({text: 'old answer', what: 'message 2'});
		expect(copyTarget(messages, '5')).toEqual({error: 'There is no message 5: this conversation has 4.'});
		expect(copyTarget(messages, '0')).toMatchObject({error: expect.stringContaining('no message 0')});
		expect(copyTarget(messages, '')).toEqual({text: answer, what: 'the last answer'});
		expect(copyTarget([], '')).toEqual({error: 'No answer to copy yet.'});
		expect(copyTarget(messages, 'everything')).toMatchObject({error: expect.stringContaining('Usage: /copy')});
	});
});

// Every way an answer ends: what the person sees in the transcript (state, text kept or withdrawn, the reason).
import {beforeEach, describe, expect, it} from 'vitest';
import {startAnswer, type AnswerBuilder} from '../../source/chat/answer.js';
import {GlmError, abortedError, errorFromFrame, errorFromResponse} from '../../source/glm/errors.js';
import {setLanguage} from '../../source/i18n/language.js';

beforeEach(() => setLanguage('en'));

function answered(...texts: string[]): AnswerBuilder {
	const answer = startAnswer('a1', 'glm-4.6', '2026-12-05T02:00:00.000Z');
	for (const text of texts) answer.apply({type: 'content', text});
	return answer;
}

describe('finish', () => {
	it('stop, no reason, tool_calls: complete with all the text and no error', () => {
		for (const reason of ['stop', undefined, 'tool_calls']) {
			const answer = answered('Hello ', 'world');
			if (reason) answer.apply({type: 'finish', reason});
			const message = answer.finish();
			expect(message).toMatchObject({state: 'complete', content: 'Hello world'});
			expect(message.error).toBeUndefined();
			expect(message.finishReason).toBeUndefined();
		}
	});

	it('in Chinese, how it ended is said in Chinese (and kept so on the message)', () => {
		setLanguage('zh');
		const cut = answered('很长的');
		cut.apply({type: 'finish', reason: 'length'});
		expect(cut.finish()).toMatchObject({state: 'complete', error: '达到 token 上限，回答被截断。'});
		const flagged = answered('x');
		flagged.apply({type: 'finish', reason: 'sensitive'});
		expect(flagged.finish()).toMatchObject({state: 'filtered', content: '', error: '已撤回：GLM 的内容过滤标记了这个回答。'});
	});

	it('length: complete, text kept, and said to be cut off', () => {
		const answer = answered('a long');
		answer.apply({type: 'finish', reason: 'length'});
		expect(answer.finish()).toMatchObject({
			state: 'complete',
			content: 'a long',
			finishReason: 'length',
			error: 'Cut off at the token limit.',
		});
	});

	it('sensitive: the text and reasoning are withdrawn, the fact is kept', () => {
		const answer = startAnswer('a1', 'glm-4.6');
		answer.apply({type: 'reasoning', text: 'thinking'});
		answer.apply({type: 'content', text: 'flagged words'});
		answer.apply({type: 'finish', reason: 'sensitive'});
		const message = answer.finish();
		expect(message).toMatchObject({state: 'filtered', content: '', finishReason: 'sensitive'});
		expect(message.reasoning).toBeUndefined();
		expect(message.error).toBe('Withdrawn: GLM\u2019s content filter flagged this answer.');
	});

	it('network_error: failed, text kept, Ctrl+R offered', () => {
		const answer = answered('half');
		answer.apply({type: 'finish', reason: 'network_error'});
		expect(answer.finish()).toMatchObject({
			state: 'failed',
			content: 'half',
			finishReason: 'network_error',
			error: 'GLM stopped mid-answer (service network error). Ctrl+R to retry.',
		});
	});

	it('model_context_window_exceeded: failed, said to no longer fit', () => {
		const answer = answered('part');
		answer.apply({type: 'finish', reason: 'model_context_window_exceeded'});
		expect(answer.finish()).toMatchObject({
			state: 'failed',
			content: 'part',
			error: 'The conversation no longer fits the model\u2019s context window.',
		});
	});

	it('an unknown reason: complete, the reason named', () => {
		const answer = answered('x');
		answer.apply({type: 'finish', reason: 'something_new'});
		expect(answer.finish()).toMatchObject({state: 'complete', content: 'x', error: 'Ended with finish_reason "something_new".'});
	});

	it('usage is kept; <think> split across tokens goes to the reasoning, the rest to the answer', () => {
		const answer = answered('<thi', 'nk>why</th', 'ink>because');
		answer.apply({type: 'usage', usage: {promptTokens: 3, completionTokens: 4, totalTokens: 7}});
		const message = answer.finish();
		expect(message).toMatchObject({state: 'complete', content: 'because', reasoning: 'why'});
		expect(message.usage?.totalTokens).toBe(7);
	});

	it('a retry event changes nothing in the answer', () => {
		const answer = answered('x');
		const before = answer.message;
		answer.apply({type: 'retry', attempt: 1, delayMs: 10, error: new GlmError({kind: 'overloaded', message: 'busy'})});
		expect(answer.message).toBe(before);
	});
});

describe('fail', () => {
	it('stopped by the person (aborted): what arrived stays, no error shown', () => {
		const message = answered('so far').fail(abortedError());
		expect(message).toMatchObject({state: 'stopped', content: 'so far'});
		expect(message.error).toBeUndefined();
	});

	it('1301 content filter: withdrawn, with the explanation', () => {
		const error = errorFromResponse(
			400,
			JSON.stringify({error: {code: '1301', message: '系统检测到输入或生成内容可能包含不安全或敏感内容'}}),
		);
		const message = answered('flagged').fail(error);
		expect(message).toMatchObject({state: 'filtered', content: ''});
		expect(message.reasoning).toBeUndefined();
		expect(message.error).toBe(error.message);
		expect(message.error).toMatch(/sensitive/);
	});

	it('1301 in a stream frame: the same', () => {
		const error = errorFromFrame({error: {code: '1301', message: 'sensitive'}});
		expect(answered('x').fail(error)).toMatchObject({state: 'filtered', content: ''});
	});

	it('1261 prompt too long: failed, with advice to shorten the conversation', () => {
		const error = errorFromResponse(400, JSON.stringify({error: {code: '1261', message: 'Prompt exceeds max length'}}), undefined, {
			model: 'glm-4.6',
		});
		const message = answered().fail(error);
		expect(message).toMatchObject({state: 'failed', content: ''});
		expect(message.error).toMatch(/too long for "glm-4.6"/);
	});

	it('a broken connection mid-answer: failed, what arrived stays, the reason shown', () => {
		const error = new GlmError({kind: 'interrupted', message: 'The connection broke off mid-answer.'});
		expect(answered('part').fail(error)).toMatchObject({state: 'failed', content: 'part', error: 'The connection broke off mid-answer.'});
	});

	it('a half-open <think> at the end is flushed, not lost', () => {
		const message = answered('answer <thi').fail(new GlmError({kind: 'network', message: 'down'}));
		expect(message.content + (message.reasoning ?? '')).toContain('answer');
		expect(message.state).toBe('failed');
	});
});

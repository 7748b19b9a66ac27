import {describe, expect, it} from 'vitest';
import {parseFork, parseSetting, parseSlash, readSubmission} from '../../source/chat/slash-commands.js';
import {mulberry32} from '../support/random.js';

describe('parseSlash', () => {
	it('reads commands with arguments', () => {
		expect(parseSlash('/model glm-4.5-air')).toEqual({type: 'command', name: 'model', argument: 'glm-4.5-air'});
		expect(parseSlash('/new 论文 润色')).toEqual({type: 'command', name: 'new', argument: '论文 润色'});
		expect(parseSlash('/system line one\nline two')).toEqual({type: 'command', name: 'system', argument: 'line one\nline two'});
		expect(parseSlash('/q')).toEqual({type: 'command', name: 'quit', argument: ''});
	});

	it('keeps ordinary text, paths and the // escape as messages', () => {
		expect(parseSlash('hello')).toEqual({type: 'text', text: 'hello'});
		expect(parseSlash('//model is a word')).toEqual({type: 'text', text: '/model is a word'});
		expect(parseSlash('/etc/hosts has a typo?')).toEqual({type: 'text', text: '/etc/hosts has a typo?'});
	});

	it('reports unknown commands', () => {
		expect(parseSlash('/frobnicate')).toEqual({type: 'unknown', name: 'frobnicate'});
	});
});

describe('readSubmission (what Enter does with the composer text)', () => {
	it('holds an unknown /word back instead of discarding it, and sends it on the second Enter', () => {
		const text = '/var 分区满了，怎么清理？';
		expect(readSubmission(text)).toEqual({type: 'hold', name: 'var', reason: 'unknown'});
		expect(readSubmission(text, text)).toEqual({type: 'message', text});
		expect(readSubmission('/serch foo')).toEqual({type: 'hold', name: 'serch', reason: 'unknown'});
		// Only the very text held back is confirmed by a second Enter.
		expect(readSubmission('/serch food', '/serch foo')).toEqual({type: 'hold', name: 'serch', reason: 'unknown'});
	});

	it('holds a command that takes no argument when it is given one (a question, not a command)', () => {
		expect(readSubmission('/quit 是什么意思')).toEqual({type: 'hold', name: 'quit', reason: 'argument'});
		expect(readSubmission('/help me with nginx')).toEqual({type: 'hold', name: 'help', reason: 'argument'});
		expect(readSubmission('/delete 的文件怎么恢复', '/delete 的文件怎么恢复')).toEqual({type: 'message', text: '/delete 的文件怎么恢复'});
		expect(readSubmission('/quit')).toEqual({type: 'command', name: 'quit', argument: ''});
		expect(readSubmission('/settings')).toEqual({type: 'command', name: 'settings', argument: ''});
	});

	it('sends paths as they are and removes exactly one slash of a leading //', () => {
		expect(readSubmission('/etc/hosts 是什么')).toEqual({type: 'message', text: '/etc/hosts 是什么'});
		expect(readSubmission('//etc/passwd literal')).toEqual({type: 'message', text: '/etc/passwd literal'});
		expect(readSubmission('//model x')).toEqual({type: 'message', text: '/model x'});
		expect(readSubmission('///x')).toEqual({type: 'message', text: '//x'});
		expect(readSubmission('  //x\n')).toEqual({type: 'message', text: '  /x\n'});
		expect(readSubmission('hello /model')).toEqual({type: 'message', text: 'hello /model'});
		expect(readSubmission('  hello  ')).toEqual({type: 'message', text: '  hello  '});
	});

	it('runs known commands with their argument', () => {
		expect(readSubmission(' /model glm-4.5-air ')).toEqual({type: 'command', name: 'model', argument: 'glm-4.5-air'});
		expect(readSubmission('/system')).toEqual({type: 'command', name: 'system', argument: ''});
	});

	it('never loses text: any input is a command, a message equal to it (less one slash of //), or held (seeded)', () => {
		const seed = Number(process.env['SEED'] ?? Date.now() % 100_000);
		const random = mulberry32(seed);
		const pieces = ['/', '//', ' ', '\n', 'var', 'model', 'quit', 'etc/hosts', '分区', '？', 'x', '\t', 'help', '😀'];
		for (let round = 0; round < 2_000; round++) {
			let text = '';
			const length = 1 + Math.floor(random() * 6);
			for (let index = 0; index < length; index++) text += pieces[Math.floor(random() * pieces.length)];
			const first = readSubmission(text);
			const context = `seed ${seed}, text ${JSON.stringify(text)}`;
			if (first.type === 'message') {
				const expected = text.trimStart().startsWith('//') ? text.replace('/', '') : text;
				expect(first.text, context).toBe(expected);
			} else if (first.type === 'hold') {
				expect(readSubmission(text, text), context).toEqual({type: 'message', text});
			} else expect(text.trim().startsWith('/'), context).toBe(true);
		}
	});
});

describe('parseSettingValue', () => {
	it('tells showing, clearing and setting apart', () => {
		expect(parseSetting('system', '')).toEqual({type: 'show'});
		expect(parseSetting('system', 'off')).toEqual({type: 'clear'});
		expect(parseSetting('system', 'OFF')).toEqual({type: 'clear'});
		expect(parseSetting('system', 'be brief')).toEqual({type: 'set', value: 'be brief'});
		expect(parseSetting('temperature', '')).toEqual({type: 'show'});
		expect(parseSetting('temperature', 'default')).toEqual({type: 'clear'});
		expect(parseSetting('temperature', '0.3')).toEqual({type: 'set', value: 0.3});
		expect(parseSetting('temperature', '1.5')).toMatchObject({type: 'invalid'});
		expect(parseSetting('temperature', '0')).toMatchObject({type: 'invalid'});
		expect(parseSetting('temperature', 'warm')).toMatchObject({type: 'invalid'});
		expect(parseSetting('thinking', '')).toEqual({type: 'show'});
		expect(parseSetting('thinking', 'default')).toEqual({type: 'clear'});
		expect(parseSetting('thinking', 'on')).toEqual({type: 'set', value: 'enabled'});
		expect(parseSetting('thinking', 'off')).toEqual({type: 'set', value: 'disabled'});
		expect(parseSetting('thinking', 'maybe')).toMatchObject({type: 'invalid'});
	});
});

describe('/copy arguments', () => {
	it('runs /copy, /copy N and /copy code [N]; holds anything else as a likely question', () => {
		for (const argument of ['', '3', 'code', 'code 2', 'CODE 1']) {
			expect(readSubmission(`/copy ${argument}`.trim())).toEqual({type: 'command', name: 'copy', argument});
		}
		expect(readSubmission('/copy 是什么意思')).toEqual({type: 'hold', name: 'copy', reason: 'argument'});
		expect(readSubmission('/copy code blocks')).toEqual({type: 'hold', name: 'copy', reason: 'argument'});
	});
});

describe('parseFork', () => {
	it('reads an optional leading message number and the rest as the name', () => {
		expect(parseFork('')).toEqual({name: ''});
		expect(parseFork('分支 A')).toEqual({name: '分支 A'});
		expect(parseFork('5')).toEqual({upTo: 5, name: ''});
		expect(parseFork('5  try two')).toEqual({upTo: 5, name: 'try two'});
		expect(parseFork('5th try')).toEqual({name: '5th try'});
	});
});

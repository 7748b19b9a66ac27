import {describe, expect, it} from 'vitest';
import {parseSlash} from '../../source/chat/slash-commands.js';

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

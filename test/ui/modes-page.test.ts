import type {Key} from 'ink';
import {describe, expect, it} from 'vitest';
import {noKey} from '../support/ink-key.js';
import type {Mode} from '../../source/ui/modes/mode.js';
import {helpKey, pageView, problemsKey} from '../../source/ui/modes/page.js';

const none = noKey;
const k = (input: string, key: Partial<Key> = {}): [string, Key] => [input, {...none, ...key}];

// Keys that arrive in one read are handled one after the other: each sees the mode the one before it left.
function dispatch(mode: Mode, keys: Array<[string, Key]>, lines = 50): Mode {
	const view = pageView(12, 1, lines);
	return keys.reduce<Mode>((current, [input, key]) => {
		if (current.type === 'help') return helpKey(current, input, key, view);
		if (current.type === 'problems') return problemsKey(current, input, key, view);
		return current;
	}, mode);
}

describe('help and problems pages', () => {
	it('two keys from one chunk stay ordered: Down then q scrolls and then closes', () => {
		expect(dispatch({type: 'help', offset: 0}, [k('', {downArrow: true}), k('', {downArrow: true})])).toEqual({type: 'help', offset: 2});
		expect(dispatch({type: 'help', offset: 0}, [k('', {downArrow: true}), k('q')])).toEqual({type: 'chat'});
		// The other order: q closes first, and Down then reaches the chat, not the page.
		expect(dispatch({type: 'help', offset: 0}, [k('q'), k('', {downArrow: true})])).toEqual({type: 'chat'});
	});

	it('scrolls within the page: never above the top, never past the last screenful', () => {
		const view = pageView(12, 1, 50); // 10 rows, 50 lines: the last offset is 40
		expect(view.rows).toBe(10);
		expect(helpKey({type: 'help', offset: 0}, '', {...none, upArrow: true}, view)).toEqual({type: 'help', offset: 0});
		expect(helpKey({type: 'help', offset: 35}, ' ', none, view)).toEqual({type: 'help', offset: 40});
		expect(helpKey({type: 'help', offset: 5}, '', {...none, end: true}, view)).toEqual({type: 'help', offset: 40});
		expect(helpKey({type: 'help', offset: 5}, '', {...none, pageUp: true}, view)).toEqual({type: 'help', offset: 0});
	});

	it('F1 and Ctrl+C close help, as they close every dialog; other keys leave the mode as it was', () => {
		const help: Mode = {type: 'help', offset: 3};
		expect(helpKey(help, '', none, pageView(12, 1, 50), '\u001BOP')).toEqual({type: 'chat'});
		expect(helpKey(help, 'c', {...none, ctrl: true}, pageView(12, 1, 50))).toEqual({type: 'chat'});
		expect(helpKey(help, 'x', none, pageView(12, 1, 50))).toBe(help);
	});

	it('the problems page goes back to the mode it was shown over', () => {
		const back: Mode = {type: 'key', field: {text: '', cursor: 0} as never, firstRun: true};
		expect(dispatch({type: 'problems', offset: 0, back}, [k('', {pageDown: true}), k('', {return: true})])).toBe(back);
		expect(dispatch({type: 'problems', offset: 0, back}, [k('', {home: true})])).toEqual({type: 'problems', offset: 0, back});
	});
});

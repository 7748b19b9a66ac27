// The picker's and the one-line prompts' keys as pure steps, folded over keys that arrive together: each key sees the mode
// before it left, and what only App can do (open, rename, delete, edit the filter) comes back as an effect.
import type {Key} from 'ink';
import {describe, expect, it} from 'vitest';
import {noKey} from '../support/ink-key.js';
import type {Mode} from '../../source/ui/modes/mode.js';
import {pickerKey, type PickerEffect} from '../../source/ui/modes/picker.js';
import {emptyBuffer} from '../../source/ui/text-buffer.js';

const none = noKey;
const k = (input: string, key: Partial<Key> = {}): [string, Key] => [input, {...none, ...key}];
const ids = ['a', 'b', 'c'];

function fold(keys: Array<[string, Key]>): {mode: Mode; effects: PickerEffect[]} {
	let mode: Mode = {type: 'picker', field: emptyBuffer, selected: 0};
	const effects: PickerEffect[] = [];
	for (const [input, key] of keys) {
		if (mode.type !== 'picker') break;
		const step = pickerKey(mode, input, key, ids);
		if (step.effect) effects.push(step.effect);
		mode = step.mode;
	}
	return {mode, effects};
}

describe('picker keys', () => {
	it('Down Down Enter opens the third; Up stops at the top and Down at the bottom', () => {
		expect(fold([k('', {downArrow: true}), k('', {downArrow: true}), k('\r', {return: true})])).toEqual({
			mode: {type: 'chat'},
			effects: [{type: 'open', id: 'c'}],
		});
		const ends = fold([k('', {upArrow: true}), ...Array.from({length: 5}, () => k('', {downArrow: true}))]);
		expect(ends.mode).toMatchObject({type: 'picker', selected: 2});
	});

	it('Ctrl+X asks, and only y deletes; another key keeps it and is not typed into the filter', () => {
		expect(fold([k('', {downArrow: true}), k('x', {ctrl: true}), k('y')]).effects).toEqual([{type: 'delete', id: 'b'}]);
		const kept = fold([k('x', {ctrl: true}), k('n'), k('q')]);
		expect(kept.effects).toEqual([{type: 'filter'}]);
		expect(kept.mode).not.toHaveProperty('confirmDelete');
	});

	it('Ctrl+R renames the selected; Esc, Ctrl+C and Ctrl+O close; letters go to the filter', () => {
		expect(fold([k('r', {ctrl: true})]).effects).toEqual([{type: 'rename', id: 'a'}]);
		for (const close of [k('', {escape: true}), k('c', {ctrl: true}), k('o', {ctrl: true})])
			expect(fold([close]).mode).toEqual({type: 'chat'});
		expect(fold([k('h'), k('i')]).effects).toEqual([{type: 'filter'}, {type: 'filter'}]);
	});
});

describe('prompt keys', () => {
	it('Esc closes the name prompt to where it came from; the key prompt closes only when a key is in use, else quits', async () => {
		const {promptKey} = await import('../../source/ui/modes/prompt.js');
		const back: Mode = {type: 'picker', field: emptyBuffer, selected: 1};
		expect(promptKey({type: 'name', purpose: 'rename', field: emptyBuffer, back}, '', {...none, escape: true}, true)).toEqual({mode: back});
		const keyMode: Mode = {type: 'key', field: emptyBuffer, firstRun: true};
		expect(promptKey(keyMode, 'c', {...none, ctrl: true}, false)).toEqual({mode: keyMode, effect: 'quit'});
		expect(promptKey(keyMode, '', {...none, escape: true}, true)).toEqual({mode: {type: 'chat'}});
		expect(promptKey(keyMode, '\r', {...none, return: true}, false).effect).toBe('submit');
		expect(promptKey(keyMode, 'a', none, false).effect).toBe('edit');
	});
});

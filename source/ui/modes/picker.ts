// Keys in the conversation picker (Ctrl+O) as a pure step: the next mode, and what App has to do that only it can
// (open, rename, delete a conversation, edit the filter). Keys read in one chunk are handled in order by folding.
import type {Key} from 'ink';
import type {Mode} from './mode.js';

type PickerMode = Extract<Mode, {type: 'picker'}>;

export type PickerEffect =
	| {type: 'open'; id: string}
	| {type: 'rename'; id: string}
	| {type: 'delete'; id: string}
	/** Not a picker key: the filter field takes it. */
	| {type: 'filter'};

/** `ids`: the entries the filter shows now, in order. */
export function pickerKey(mode: PickerMode, input: string, key: Key, ids: readonly string[]): {mode: Mode; effect?: PickerEffect} {
	if (mode.confirmDelete) {
		// Only y deletes; any other key keeps the conversation and leaves the question.
		if (input === 'y' || input === 'Y') {
			const next: PickerMode = {type: 'picker', field: mode.field, selected: Math.min(mode.selected, Math.max(0, ids.length - 2))};
			return {mode: next, effect: {type: 'delete', id: mode.confirmDelete}};
		}
		const {confirmDelete: _asked, ...rest} = mode;
		return {mode: rest};
	}
	const selected = Math.min(mode.selected, Math.max(0, ids.length - 1));
	const id = ids[selected];
	if (key.escape || (key.ctrl && (input === 'c' || input === 'o'))) return {mode: {type: 'chat'}};
	if (key.upArrow) return {mode: {...mode, selected: Math.max(0, selected - 1)}};
	if (key.downArrow) return {mode: {...mode, selected: Math.min(ids.length - 1, selected + 1)}};
	if (key.return) return id === undefined ? {mode: {type: 'chat'}} : {mode: {type: 'chat'}, effect: {type: 'open', id}};
	if (key.ctrl && input === 'r') return id === undefined ? {mode} : {mode, effect: {type: 'rename', id}};
	if (key.ctrl && input === 'x') return id === undefined ? {mode} : {mode: {...mode, selected, confirmDelete: id}};
	return {mode, effect: {type: 'filter'}};
}

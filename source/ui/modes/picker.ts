// Keys in the conversation picker (Ctrl+O): a pure step to the next mode and what has to be done besides (open,
// rename, delete a conversation, edit the filter), then `pickerModeKey` does it on the screen.
import type {Key} from 'ink';
import type {Mode} from './mode.js';
import type {ChatScreen} from '../chat-screen.js';
import {applyFieldEdit, editField} from './field.js';
import {pickerQueries} from '../find.js';
import {createBuffer} from '../text-buffer.js';
import {sanitizeLine} from '../../text/sanitize.js';
import {appText} from '../app-messages.js';

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

export function pickerModeKey(screen: ChatScreen, mode: PickerMode, input: string, key: Key, sequence?: string): void {
	const controller = screen.controller;
	const ids = screen.pickerEntries(mode.field.text).map((entry) => entry.id);
	const {mode: next, effect} = pickerKey(mode, input, key, ids);
	if (effect?.type === 'filter') {
		applyFieldEdit(screen, mode, editField(mode.field, input, key, sequence));
		return;
	}
	const summary = effect && controller.conversations.find((each) => each.id === effect.id);
	if (effect?.type === 'rename') {
		screen.setMode({type: 'name', purpose: 'rename', id: effect.id, field: createBuffer(summary?.name ?? ''), back: mode});
		return;
	}
	if (next !== mode) screen.setMode(next);
	if (effect?.type === 'delete') {
		let deleted = false;
		screen.switchTo(() => {
			deleted = controller.deleteConversation(effect.id);
		});
		if (deleted) controller.say(appText.deleted(sanitizeLine(summary?.name ?? effect.id)));
	} else if (effect?.type === 'open' && summary) {
		screen.switchTo(() => controller.openConversation(summary.id));
		// Opened by a match in its text: shown at the first matching message (Ctrl+F finds more).
		if (controller.active.id === summary.id) screen.showFirstMatch(pickerQueries(summary.name, summary.id, mode.field.text));
	}
}

// Editing the one-line field of a prompt, the picker's filter or find: the same keys as the composer, on one line
// and within the field's limit (line-field.ts). What did not fit is said, never silently dropped.
import type {Key} from 'ink';
import type {ChatScreen} from '../chat-screen.js';
import type {Mode} from './mode.js';
import {applyComposerCommand, composerCommand} from '../key-bindings.js';
import {createBuffer, type TextBuffer} from '../text-buffer.js';
import {fieldCutNotice, insertInField, pasteInField, type FieldEdit} from '../line-field.js';
import {sanitizeLine} from '../../text/sanitize.js';

type FieldMode = Extract<Mode, {type: 'key' | 'name' | 'picker' | 'find'}>;

/** Applies an editing key to a field; undefined when the key is not an edit. */
export function editField(field: TextBuffer, input: string, key: Key, sequence?: string): FieldEdit | undefined {
	const command = composerCommand(input, key, sequence);
	if (!command || command.type === 'submit' || command.type === 'newline' || command.type === 'up' || command.type === 'down')
		return undefined;
	if (command.type === 'insert') return command.text.includes('\n') ? {field, cut: false} : insertInField(field, command.text);
	const next = applyComposerCommand(field, command, Number.MAX_SAFE_INTEGER);
	return {field: next && !next.text.includes('\n') ? next : field, cut: false};
}

/** Puts an edit's field in the mode, and says when part of the text did not fit. */
export function applyFieldEdit(screen: ChatScreen, mode: FieldMode, edit: FieldEdit | undefined): void {
	if (!edit) return;
	const {field} = edit;
	if (mode.type === 'key' || mode.type === 'name') screen.setMode({...mode, field, error: undefined});
	else if (mode.type === 'picker') {
		// A new filter shows a new list: the selection goes back to its first entry.
		if (field.text === mode.field.text) screen.setMode({...mode, field});
		else screen.setMode({...mode, field: createBuffer(sanitizeLine(field.text), field.cursor), selected: 0});
	} else if (field.text === mode.field.text) screen.setMode({...mode, field});
	else screen.findAt(createBuffer(sanitizeLine(field.text), field.cursor), mode.origin);
	if (edit.cut) screen.controller.say(fieldCutNotice());
}

/** A paste into the mode's field: the key field keeps what fits, trimmed; names and filters are sanitized. */
export function pasteIntoField(screen: ChatScreen, mode: FieldMode, text: string): void {
	applyFieldEdit(screen, mode, pasteInField(mode.field, text, mode.type === 'key' ? (head) => head.trim() : sanitizeLine));
}

// Keys in the one-line prompts (the API key, a conversation's name): a pure step to the next mode or to what has
// to be done (submit the field, edit it, quit when there is no key to go back to), then `promptModeKey` does it.
import type {Key} from 'ink';
import type {Mode} from './mode.js';
import type {ChatScreen} from '../chat-screen.js';
import {applyFieldEdit, editField} from './field.js';
import {parseApiKey} from '../../glm/api-key.js';
import {sanitizeLine} from '../../text/sanitize.js';
import {appText} from '../app-messages.js';

type PromptMode = Extract<Mode, {type: 'key'} | {type: 'name'}>;

export type PromptEffect = 'submit' | 'edit' | 'quit';

/** `hasKey`: the key prompt can be closed (a key is already in use); without one, closing it quits. */
export function promptKey(mode: PromptMode, input: string, key: Key, hasKey: boolean): {mode: Mode; effect?: PromptEffect} {
	if (key.escape || (key.ctrl && input === 'c')) {
		if (mode.type === 'name') return {mode: mode.back ?? {type: 'chat'}};
		return hasKey ? {mode: {type: 'chat'}} : {mode, effect: 'quit'};
	}
	if (key.return) return {mode, effect: 'submit'};
	return {mode, effect: 'edit'};
}

export function promptModeKey(screen: ChatScreen, mode: PromptMode, input: string, key: Key, sequence?: string): void {
	const step = promptKey(mode, input, key, screen.controller.hasClient);
	if (step.effect === 'quit') screen.ports.exit();
	else if (step.effect === 'edit') applyFieldEdit(screen, mode, editField(mode.field, input, key, sequence));
	else if (step.effect !== 'submit') screen.setMode(step.mode);
	else if (mode.type === 'key') submitKey(screen, mode);
	else submitName(screen, mode);
}

function submitKey(screen: ChatScreen, mode: Extract<Mode, {type: 'key'}>): void {
	const value = mode.field.text.trim();
	try {
		parseApiKey(value);
	} catch (error) {
		// The field keeps what was typed, to be corrected.
		screen.setMode({...mode, error: error instanceof Error ? error.message : String(error)});
		return;
	}
	screen.ports.onSaveKey(value);
	screen.controller.say(appText.keySaved);
	screen.setMode({type: 'chat'});
}

function submitName(screen: ChatScreen, mode: Extract<Mode, {type: 'name'}>): void {
	const value = sanitizeLine(mode.field.text);
	if (mode.purpose === 'new') {
		const error = screen.createNamed(value);
		screen.setMode(error ? {...mode, error} : {type: 'chat'});
		return;
	}
	try {
		screen.controller.renameConversation(mode.id ?? screen.controller.active.id, value);
		screen.setMode(mode.back ?? {type: 'chat'});
	} catch (error) {
		screen.setMode({...mode, error: sanitizeLine(error instanceof Error ? error.message : String(error))});
	}
}

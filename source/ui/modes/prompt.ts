// Keys in the one-line prompts (the API key, a conversation's name) as a pure step: the next mode, or what App
// has to do (submit the field, edit it, quit when there is no key to go back to).
import type {Key} from 'ink';
import type {Mode} from './mode.js';

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

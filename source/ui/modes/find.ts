// Find mode (Ctrl+F, /find): the field's text is looked for in the conversation, the transcript shows the current
// match; Enter/Down and Up step through matches, Esc goes back to where the transcript was, other keys edit.
import type {Key} from 'ink';
import type {Mode} from './mode.js';
import type {ChatScreen} from '../chat-screen.js';
import type {ViewportPosition} from '../viewport.js';
import type {TextBuffer} from '../text-buffer.js';
import {findKey, globalAction} from '../key-bindings.js';
import {applyFieldEdit, editField} from './field.js';
import {runChatKey} from './chat.js';

type FindMode = Extract<Mode, {type: 'find'}>;

export function findModeKey(screen: ChatScreen, mode: FindMode, input: string, key: Key, sequence?: string): void {
	const action = findKey(input, key);
	if (action?.type === 'back') {
		screen.setPosition(mode.origin);
		screen.setMode({type: 'chat'});
	} else if (action?.type === 'stay') screen.setMode({type: 'chat'});
	else if (action) findAt(screen, mode.field, mode.origin, mode.current + (action.type === 'next' ? 1 : -1));
	// The transcript still scrolls while finding.
	else if (/^scroll/.test(globalAction(input, key, sequence)?.type ?? '')) runChatKey(screen, input, key, sequence);
	else applyFieldEdit(screen, mode, editField(mode.field, input, key, sequence));
}

/** Shows match `current` of `field`'s text, counted round (the newest when undefined); none: back at `origin`. */
export function findAt(screen: ChatScreen, field: TextBuffer, origin: ViewportPosition, current?: number): void {
	const matches = screen.findMatches(field.text);
	const count = matches.length;
	const at = count === 0 ? 0 : (((current ?? count - 1) % count) + count) % count;
	screen.setMode({type: 'find', field, current: at, origin});
	const match = matches[at];
	screen.setPosition(match ? screen.finder.positionOf(screen.source(), match, field.text, screen.layout().transcriptHeight) : origin);
}

import type {Key} from 'ink';
import {
	backspace,
	deleteForward,
	deleteWordBackward,
	down,
	end,
	home,
	insert,
	killToLineEnd,
	killToLineStart,
	left,
	newline,
	right,
	type TextBuffer,
	up,
	wordLeft,
	wordRight,
} from './text-buffer.js';

/*
What ink 6.8's useInput delivers (measured through its real input parser, see the tests):
- Backspace (0x7f) and Delete (ESC[3~) both arrive as key.delete with input ''; only Ctrl+H / 0x08
  arrives as key.backspace. The two can be told apart only by the raw sequence, which useInput does not
  pass on. `useStdin().internal_eventEmitter` emits it ('input', one keypress per event) to its
  listeners in the order they subscribed; a listener subscribed once, before useInput's (which
  resubscribes whenever its handler changes), sees each sequence just before the useInput handler runs
  and can hand it over here as `sequence`.
- F1 (ESC OP, ESC[11~, ESC[[A) arrives as input '' with no key flag at all: again only `sequence` tells.
- Enter is key.return with input '\r'; Alt+Enter is key.return + key.meta; Ctrl+J is input '\n' with no
  flag. Ctrl+letter is key.ctrl + the lowercase letter; Alt+letter is key.meta + the letter.
- Esc is key.escape + key.meta; a double Esc arrives as key.escape with input '\x1b'.
*/

export type ComposerCommand =
	| {type: 'insert'; text: string}
	| {type: 'newline'}
	| {type: 'submit'}
	| {type: 'backspace'}
	| {type: 'delete'}
	| {type: 'left'}
	| {type: 'right'}
	| {type: 'wordLeft'}
	| {type: 'wordRight'}
	| {type: 'home'}
	| {type: 'end'}
	| {type: 'up'}
	| {type: 'down'}
	| {type: 'killToLineStart'}
	| {type: 'killToLineEnd'}
	| {type: 'deleteWordBackward'};

export type GlobalAction =
	| {type: 'scrollPageUp'}
	| {type: 'scrollPageDown'}
	| {type: 'scrollLineUp'}
	| {type: 'scrollLineDown'}
	| {type: 'home'}
	| {type: 'end'}
	| {type: 'newConversation'}
	| {type: 'picker'}
	| {type: 'prevConversation'}
	| {type: 'nextConversation'}
	/** index is 0-based: Alt+1 is 0. */
	| {type: 'jump'; index: number}
	| {type: 'regenerate'}
	| {type: 'prevVersion'}
	| {type: 'nextVersion'}
	| {type: 'copy'}
	| {type: 'repaint'}
	| {type: 'help'}
	| {type: 'find'}
	| {type: 'stop'}
	| {type: 'interrupt'}
	| {type: 'eof'};

// 0x7f and ESC 0x7f are the only sequences that ink reports as key.delete for the Backspace key.
function isForwardDelete(key: Key, sequence: string | undefined): boolean {
	if (sequence !== undefined) return sequence !== '\x7f' && sequence !== '\x1b\x7f';
	// Without the sequence, only a modifier that 0x7f cannot carry proves it was ESC[3;N~.
	return key.ctrl || key.shift;
}

const f1Sequences = new Set(['\x1bOP', '\x1b[11~', '\x1b[[A']);

// Typed text can still carry controls when several keys arrive in one read ("ab\x7f"); they are keys, not
// text, and are dropped rather than inserted. So are C1 controls (U+0080-U+009F): no key types one, and
// U+009D raw would start an OSC string in the terminal. \n, \r and \t stay: they are pasted text, which
// insert() and the caller handle. (A bracketed paste keeps its controls: see App's paste handler.)
const controlRe = /[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]/g;

/** The composer's reading of one useInput event; undefined when the key is not the composer's. */
export function composerCommand(input: string, key: Key, sequence?: string): ComposerCommand | undefined {
	if (key.return) return key.meta ? {type: 'newline'} : {type: 'submit'};
	if (input === '\n' && !key.ctrl && !key.meta) return {type: 'newline'};
	if (key.backspace) return key.meta ? {type: 'deleteWordBackward'} : {type: 'backspace'};
	if (key.delete) {
		if (isForwardDelete(key, sequence)) return {type: 'delete'};
		return key.meta ? {type: 'deleteWordBackward'} : {type: 'backspace'};
	}

	if (key.leftArrow || key.rightArrow) {
		// Alt+Left/Right belong to conversation switching.
		if (key.meta) return undefined;
		if (key.ctrl) return key.leftArrow ? {type: 'wordLeft'} : {type: 'wordRight'};
		return key.leftArrow ? {type: 'left'} : {type: 'right'};
	}

	if (key.upArrow || key.downArrow) {
		// Shift+Up/Down scroll the transcript.
		if (key.shift || key.ctrl || key.meta) return undefined;
		return key.upArrow ? {type: 'up'} : {type: 'down'};
	}

	if (key.home || key.end) {
		if (key.ctrl || key.meta || key.shift) return undefined;
		return key.home ? {type: 'home'} : {type: 'end'};
	}

	if (key.escape || key.tab || key.pageUp || key.pageDown) return undefined;

	if (key.ctrl) {
		switch (input) {
			case 'a':
				return {type: 'home'};
			case 'e':
				return {type: 'end'};
			case 'u':
				return {type: 'killToLineStart'};
			case 'k':
				return {type: 'killToLineEnd'};
			case 'w':
				return {type: 'deleteWordBackward'};
			// Like readline: forward delete in a non-empty composer. The caller checks eof first.
			case 'd':
				return {type: 'delete'};
			default:
				return undefined;
		}
	}

	if (key.meta) {
		if (input === 'b') return {type: 'wordLeft'};
		if (input === 'f') return {type: 'wordRight'};
		// Unbound Alt chords must not type their letter.
		return undefined;
	}

	const text = input.replace(controlRe, '');
	return text === '' ? undefined : {type: 'insert', text};
}

/**
The app-level reading of one useInput event. Home/End and Ctrl+D are reported to both this and the
composer: the caller decides by whether the composer is empty (top/bottom, quit).
*/
export function globalAction(input: string, key: Key, sequence?: string): GlobalAction | undefined {
	if (sequence !== undefined && f1Sequences.has(sequence)) return {type: 'help'};
	if (key.escape) return {type: 'stop'};
	if (key.pageUp) return key.ctrl ? {type: 'prevConversation'} : {type: 'scrollPageUp'};
	if (key.pageDown) return key.ctrl ? {type: 'nextConversation'} : {type: 'scrollPageDown'};
	if (key.shift && key.upArrow) return {type: 'scrollLineUp'};
	if (key.shift && key.downArrow) return {type: 'scrollLineDown'};
	if (key.meta && key.leftArrow) return {type: 'prevConversation'};
	if (key.meta && key.rightArrow) return {type: 'nextConversation'};
	if (key.home) return {type: 'home'};
	if (key.end) return {type: 'end'};
	if (key.meta && !key.ctrl && /^[1-9]$/.test(input)) return {type: 'jump', index: Number(input) - 1};
	if (key.meta && !key.ctrl && input === 'p') return {type: 'prevVersion'};
	if (key.meta && !key.ctrl && input === 'n') return {type: 'nextVersion'};
	if (!key.ctrl || key.meta) return undefined;
	switch (input) {
		case 'n':
			return {type: 'newConversation'};
		case 'o':
			return {type: 'picker'};
		case 'r':
			return {type: 'regenerate'};
		case 'y':
			return {type: 'copy'};
		case 'l':
			return {type: 'repaint'};
		case 'g':
			return {type: 'help'};
		case 'f':
			return {type: 'find'};
		case 'c':
			return {type: 'interrupt'};
		case 'd':
			return {type: 'eof'};
		default:
			return undefined;
	}
}

/**
Applies an editing command. Returns undefined for what the buffer cannot do itself: submit, and Up/Down
on the first/last visual row (the caller browses history then).
*/
export type FindKey = {type: 'next'} | {type: 'previous'} | {type: 'back'} | {type: 'stay'};

/**
Keys of the find prompt besides editing its text. Shift+Enter is offered but most terminals (and SSH, tmux)
send it as a plain Enter, so Up/Down and Ctrl+P/Ctrl+N step too.
*/
export function findKey(input: string, key: Key): FindKey | undefined {
	if (key.return) return key.shift || key.meta ? {type: 'previous'} : {type: 'next'};
	if ((key.upArrow && !key.shift) || (key.ctrl && input === 'p')) return {type: 'previous'};
	if ((key.downArrow && !key.shift) || (key.ctrl && input === 'n')) return {type: 'next'};
	if (key.escape || (key.ctrl && input === 'c')) return {type: 'back'};
	if (key.tab || (key.ctrl && input === 'f')) return {type: 'stay'};
	return undefined;
}

export function applyComposerCommand(b: TextBuffer, command: ComposerCommand, width: number): TextBuffer | undefined {
	switch (command.type) {
		case 'insert':
			return insert(b, command.text);
		case 'newline':
			return newline(b);
		case 'submit':
			return undefined;
		case 'backspace':
			return backspace(b);
		case 'delete':
			return deleteForward(b);
		case 'left':
			return left(b);
		case 'right':
			return right(b);
		case 'wordLeft':
			return wordLeft(b);
		case 'wordRight':
			return wordRight(b);
		case 'home':
			return home(b);
		case 'end':
			return end(b);
		case 'up':
			return up(b, width) ?? undefined;
		case 'down':
			return down(b, width) ?? undefined;
		case 'killToLineStart':
			return killToLineStart(b);
		case 'killToLineEnd':
			return killToLineEnd(b);
		case 'deleteWordBackward':
			return deleteWordBackward(b);
	}
}

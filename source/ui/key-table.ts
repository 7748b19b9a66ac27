// The keys as data: the help screen (F1) and the readme's key table are drawn from these rows, and a test reads
// each row's keys back through key-bindings.ts to check the row tells the truth. Keys are written as they are
// printed on the keyboard (Ctrl+N stays Ctrl+N in every language); only the description is translated.
import type {ComposerCommand, GlobalAction} from './key-bindings.js';
import {keyText} from './key-table-messages.js';

/** Where the key works: in the input (composer), on the chat screen around it, or anywhere. */
export type KeyContext = 'input' | 'chat' | 'mouse' | 'terminal';

/** The action a key is read as (key-bindings.ts), or a few that App handles itself. */
export type KeyAction = ComposerCommand['type'] | GlobalAction['type'] | 'toggleReasoning' | 'wheel' | 'suspend';

export interface KeyBindingRow {
	/** As shown on the keyboard; alternatives separated by ", " and pairs by " / ". */
	readonly keys: string;
	readonly context: KeyContext;
	/** One action per key in `keys`, in order (a pair "PgUp / PgDn" has two). */
	readonly actions: readonly KeyAction[];
	readonly text: keyof typeof keyText;
}

export const KEY_BINDINGS: readonly KeyBindingRow[] = [
	{keys: 'Enter', context: 'input', actions: ['submit'], text: 'send'},
	{keys: 'Ctrl+J, Alt+Enter', context: 'input', actions: ['newline', 'newline'], text: 'newline'},
	{keys: 'Esc', context: 'chat', actions: ['stop'], text: 'stop'},
	{keys: 'Ctrl+C', context: 'chat', actions: ['interrupt'], text: 'interrupt'},
	{keys: 'Ctrl+D', context: 'chat', actions: ['eof'], text: 'eof'},
	{keys: 'PgUp / PgDn', context: 'chat', actions: ['scrollPageUp', 'scrollPageDown'], text: 'page'},
	{keys: 'Shift+Up / Shift+Down', context: 'chat', actions: ['scrollLineUp', 'scrollLineDown'], text: 'line'},
	{keys: 'Mouse wheel', context: 'mouse', actions: ['wheel'], text: 'wheel'},
	{keys: 'Home / End', context: 'chat', actions: ['home', 'end'], text: 'topBottom'},
	{keys: 'Up / Down', context: 'input', actions: ['up', 'down'], text: 'history'},
	{keys: 'Ctrl+A / Ctrl+E', context: 'input', actions: ['home', 'end'], text: 'lineEnds'},
	{
		keys: 'Ctrl+U / Ctrl+K / Ctrl+W',
		context: 'input',
		actions: ['killToLineStart', 'killToLineEnd', 'deleteWordBackward'],
		text: 'kill',
	},
	{keys: 'Alt+B / Alt+F', context: 'input', actions: ['wordLeft', 'wordRight'], text: 'words'},
	{keys: 'Ctrl+N', context: 'chat', actions: ['newConversation'], text: 'newConversation'},
	{keys: 'Ctrl+O', context: 'chat', actions: ['picker'], text: 'picker'},
	{keys: 'Alt+Left / Alt+Right', context: 'chat', actions: ['prevConversation', 'nextConversation'], text: 'switchAlt'},
	{keys: 'Ctrl+PgUp / Ctrl+PgDn', context: 'chat', actions: ['prevConversation', 'nextConversation'], text: 'switchCtrl'},
	{keys: 'Alt+1 … Alt+9', context: 'chat', actions: ['jump', 'jump'], text: 'jump'},
	{keys: 'Ctrl+R', context: 'chat', actions: ['regenerate'], text: 'regenerate'},
	{keys: 'Alt+P / Alt+N', context: 'chat', actions: ['prevVersion', 'nextVersion'], text: 'versions'},
	{keys: 'Ctrl+T', context: 'chat', actions: ['toggleReasoning'], text: 'reasoning'},
	{keys: 'Ctrl+Y', context: 'chat', actions: ['copy'], text: 'copy'},
	{keys: 'Ctrl+F', context: 'chat', actions: ['find'], text: 'find'},
	{keys: 'Ctrl+L', context: 'chat', actions: ['repaint'], text: 'repaint'},
	{keys: 'Ctrl+Z', context: 'terminal', actions: ['suspend'], text: 'suspend'},
	{keys: 'F1, Ctrl+G', context: 'chat', actions: ['help', 'help'], text: 'help'},
];

/** The keys of a row one by one: "PgUp / PgDn" is PgUp and PgDn, "Alt+1 … Alt+9" its two ends. */
export function rowKeys(row: KeyBindingRow): string[] {
	return row.keys.split(/ \/ |, | … /);
}

export function keyDescription(row: KeyBindingRow): string {
	return keyText[row.text];
}

// What the chat screen is doing: the interaction model's mode. Plain data, so key handling can be tested without a
// terminal.
import type {TextBuffer} from '../text-buffer.js';
import type {ViewportPosition} from '../viewport.js';

export type Mode =
	| {type: 'chat'}
	| {type: 'help'; offset: number}
	| {type: 'problems'; offset: number; back: Mode}
	| {type: 'key'; field: TextBuffer; error?: string; firstRun: boolean}
	| {type: 'name'; purpose: 'new' | 'rename'; id?: string; field: TextBuffer; error?: string; back?: Mode}
	| {type: 'picker'; field: TextBuffer; selected: number; confirmDelete?: string}
	/** `current` indexes the matches of the field's text; `origin` is where Esc goes back to. */
	| {type: 'find'; field: TextBuffer; current: number; origin: ViewportPosition};

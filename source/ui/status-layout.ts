// What the status line shows at a given width. A narrow terminal drops what matters least first: the token
// count, then the model, then the name is shortened, then the help hint and the other conversations' marks;
// the conversation's number and its state (ready / streaming / an error) are always there.
import {statusText} from './status-messages.js';
import {cellWidth, graphemes, graphemeWidth} from '../text/unicode.js';

export interface StatusInput {
	width: number;
	position: number;
	name: string;
	model: string;
	state: string;
	tokens: number;
	others: ReadonlyArray<{position: number; mark: 'unread' | 'streaming'}>;
}

export interface StatusLayout {
	/**
	 * Drawn inverse as ` ${position}:${name} `, or ` ${position} ` when the name is empty; without a position (0: the
	 * open conversation is not in the list, e.g. its folder cannot be read now) ` ${name} `.
	 */
	name: string;
	/** Empty when dropped. */
	model: string;
	state: string;
	/** Tokens, marks and the help hint that fit, joined; empty when none does. */
	right: string;
}

/** A name shortened below this many cells says too little to be worth its room before the help hint. */
const shortName = 6;

export function layoutStatus({width, position, name, model, state, tokens, others}: StatusInput): StatusLayout {
	const tokenText = tokens > 0 ? statusText.tokens(formatTokens(tokens)) : '';
	const marks = others.map((each) => `${each.position}${each.mark === 'streaming' ? '●' : '*'}`).join(' ');
	const right = (parts: string[]) => parts.filter(Boolean).join(' │ ');
	const stateWidth = cellWidth(state);
	const fixed = (modelShown: boolean, rightText: string) =>
		cellWidth(position > 0 ? ` ${position}: ` : '  ') +
		(modelShown ? cellWidth(model) + 2 : 0) +
		stateWidth +
		(rightText ? 1 + cellWidth(rightText) : 0);
	const nameWidth = cellWidth(name);

	// Everything but the name whole, then without the token count, then without the model.
	const steps: Array<{model: boolean; right: string}> = [
		{model: true, right: right([tokenText, marks, statusText.help])},
		{model: true, right: right([marks, statusText.help])},
		{model: false, right: right([marks, statusText.help])},
	];
	for (const step of steps) {
		if (fixed(step.model, step.right) + nameWidth <= width) return {name, model: step.model ? model : '', state, right: step.right};
	}
	// The name gives way, down to a few cells; then the help hint and the marks; then the rest of the name.
	for (const rightText of [right([marks, statusText.help]), marks, '']) {
		const room = width - fixed(false, rightText);
		const floor = rightText === '' ? 0 : Math.min(shortName, nameWidth);
		if (room >= floor) return {name: shorten(name, room), model: '', state, right: rightText};
	}
	return {name: '', model: '', state, right: ''};
}

/** `text` in at most `cells` cells, ending in `…` when cut. */
export function shorten(text: string, cells: number): string {
	if (cellWidth(text) <= cells) return text;
	if (cells <= 0) return '';
	let out = '';
	let used = 0;
	for (const grapheme of graphemes(text)) {
		const next = graphemeWidth(grapheme);
		if (used + next > cells - 1) break;
		out += grapheme;
		used += next;
	}
	return `${out}…`;
}

export function formatTokens(tokens: number): string {
	if (tokens < 1_000) return String(tokens);
	if (tokens < 1_000_000) return `${(tokens / 1_000).toFixed(tokens < 10_000 ? 1 : 0)}k`;
	return `${(tokens / 1_000_000).toFixed(1)}M`;
}

// A one-line text field for prompts (API key, names, the picker filter): it only draws. The App routes keys
// into the field's TextBuffer itself, so keys that arrive in one read (fast typing over SSH, tmux
// send-keys) are applied in order even when a prompt opens in the middle of that read. ink-text-input 6
// could not: it builds each change from the last rendered value, types the letter of Ctrl/Alt chords and
// splits emoji in half.
import {Text} from 'ink';
import type {TextBuffer} from '../text-buffer.js';

export interface LineInputProps {
	field: TextBuffer;
	/** Shown instead of each character (for the API key). */
	mask?: string;
	placeholder?: string;
	focus?: boolean;
}

export function LineInput({field, mask, placeholder, focus = true}: LineInputProps) {
	const {text, cursor} = field;
	if (text === '' && placeholder) {
		// The cursor sits on the placeholder's first character, so the placeholder reads where typed text will.
		const [first = ' ', ...rest] = [...placeholder];
		return (
			<Text wrap="truncate-end">
				{focus ? <Text inverse dimColor>{first}</Text> : <Text dimColor>{first}</Text>}
				<Text dimColor>{rest.join('')}</Text>
			</Text>
		);
	}
	const characters = mask ? [...text].map(() => mask) : [...text];
	const at = mask ? [...text.slice(0, cursor)].length : [...text.slice(0, cursor)].length;
	const before = characters.slice(0, at).join('');
	const under = characters[at] ?? ' ';
	const after = characters.slice(at + 1).join('');
	return (
		<Text wrap="truncate-start">
			{before}
			{focus ? <Text inverse>{under}</Text> : under === ' ' ? '' : under}
			{after}
		</Text>
	);
}

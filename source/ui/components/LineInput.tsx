// A one-line text field for prompts (API key, names, the picker filter). It replaces ink-text-input 6,
// which builds each change from the last rendered value: keys that arrive in one read (fast typing over
// SSH, `tmux send-keys`) overwrite each other, Ctrl and Alt chords type their letter, and an emoji is split
// in half. This one keeps its text in a ref and shares the composer's editing model.
import React, {useEffect, useRef} from 'react';
import {Text, useInput, useStdin} from 'ink';
import {createBuffer, type TextBuffer} from '../text-buffer.js';
import {applyComposerCommand, composerCommand} from '../key-bindings.js';

export interface LineInputProps {
	value: string;
	onChange: (value: string) => void;
	onSubmit?: (value: string) => void;
	/** Shown instead of each character (for the API key). */
	mask?: string;
	placeholder?: string;
	focus?: boolean;
}

export function LineInput({value, onChange, onSubmit, mask, placeholder, focus = true}: LineInputProps) {
	const buffer = useRef<TextBuffer>(createBuffer(value));
	// The parent may replace the value (clear, paste); follow it unless it is what we last reported.
	if (buffer.current.text !== value) buffer.current = createBuffer(value);
	const lastSequence = useRef<string | undefined>(undefined);
	const {internal_eventEmitter: inputEvents} = useStdin() as unknown as {internal_eventEmitter: NodeJS.EventEmitter};
	// useInput does not pass the raw sequence; forward Delete needs it.
	useEffect(() => {
		const onRaw = (sequence: string) => {
			lastSequence.current = sequence;
		};
		inputEvents.prependListener('input', onRaw);
		return () => {
			inputEvents.off('input', onRaw);
		};
	}, [inputEvents]);

	useInput(
		(input, key) => {
			const command = composerCommand(input, key, lastSequence.current);
			if (!command) return;
			if (command.type === 'submit') {
				onSubmit?.(buffer.current.text);
				return;
			}
			if (command.type === 'newline' || command.type === 'up' || command.type === 'down') return;
			const next = applyComposerCommand(buffer.current, command, Number.MAX_SAFE_INTEGER);
			if (!next || next.text.includes('\n')) return;
			const changed = next.text !== buffer.current.text;
			buffer.current = next;
			if (changed) onChange(next.text);
		},
		{isActive: focus},
	);

	const {text, cursor} = buffer.current;
	if (text === '' && placeholder) {
		return (
			<Text wrap="truncate-end">
				{focus ? <Text inverse> </Text> : null}
				<Text dimColor>{placeholder}</Text>
			</Text>
		);
	}
	const shown = mask ? [...text].map(() => mask).join('') : text;
	// With a mask the cursor position is counted in characters of the mask, one per code point.
	const split = mask ? [...text.slice(0, cursor)].length : cursor;
	const before = shown.slice(0, split);
	const at = [...shown.slice(split)][0] ?? ' ';
	const after = shown.slice(split + (at === ' ' && split >= shown.length ? 0 : at.length));
	return (
		<Text wrap="truncate-start">
			{before}
			{focus ? <Text inverse>{at}</Text> : at === ' ' ? '' : at}
			{after}
		</Text>
	);
}

import React, {useRef} from 'react';
import {Box, Text} from 'ink';
import TextInput from 'ink-text-input';

export interface LinePromptProps {
	width: number;
	title: string;
	lines?: string[];
	label: string;
	value: string;
	onChange: (value: string) => void;
	onSubmit: (value: string) => void;
	mask?: string;
	error?: string;
	hint?: string;
}

/** One question, one line of answer: conversation names, the API key. */
export function LinePrompt({width, title, lines = [], label, value, onChange, onSubmit, mask, error, hint}: LinePromptProps) {
	// Text and Enter can arrive in one read (fast typing over SSH): Enter must see the text, not the last render's value.
	const latest = useRef(value);
	latest.current = value;
	return (
		<Box flexDirection="column" width={width} paddingX={1}>
			<Text bold wrap="truncate-end">
				{title}
			</Text>
			{lines.map((line, index) => (
				<Text key={index} wrap="wrap">
					{line}
				</Text>
			))}
			<Box marginTop={lines.length > 0 ? 1 : 0}>
				<Text color="cyan">{label}</Text>
				<TextInput
					value={value}
					onChange={(next) => {
						latest.current = next;
						onChange(next);
					}}
					onSubmit={() => onSubmit(latest.current)}
					mask={mask}
				/>
			</Box>
			{error ? (
				<Text color="red" wrap="wrap">
					{error}
				</Text>
			) : null}
			{hint ? (
				<Text dimColor wrap="truncate-end">
					{hint}
				</Text>
			) : null}
		</Box>
	);
}

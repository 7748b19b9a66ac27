import {Box, Text} from 'ink';
import {LineInput} from './LineInput.js';
import {cellWidth} from '../../text/unicode.js';
import type {TextBuffer} from '../text-buffer.js';

export interface LinePromptProps {
	width: number;
	title: string;
	lines?: string[];
	label: string;
	field: TextBuffer;
	mask?: string;
	/** Shown dimmed while the field is empty: what Enter takes then. */
	placeholder?: string;
	error?: string;
	hint?: string;
}

/** One question, one line of answer: conversation names, the API key. */
export function LinePrompt({width, title, lines = [], label, field, mask, placeholder, error, hint}: LinePromptProps) {
	return (
		<Box flexDirection="column" width={width} paddingX={1}>
			{/* Never shrunk away: a box too short for everything loses the bottom, not the title. */}
			<Box flexShrink={0}>
				<Text bold wrap="truncate-end">
					{title}
				</Text>
			</Box>
			{lines.map((line, index) => (
				<Text key={index} wrap="wrap">
					{line}
				</Text>
			))}
			<Box marginTop={lines.length > 0 ? 1 : 0}>
				<Text color="cyan">{label}</Text>
				<LineInput field={field} mask={mask} placeholder={placeholder} width={width - 2 - cellWidth(label)} />
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

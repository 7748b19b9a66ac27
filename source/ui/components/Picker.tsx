import {cellWidth} from '../../text/unicode.js';
import {pickerText} from './screen-messages.js';
import React, {useRef} from 'react';
import {Box, Text} from 'ink';
import {LineInput} from './LineInput.js';
import type {TextBuffer} from '../text-buffer.js';

export interface PickerEntry {
	id: string;
	position: number;
	name: string;
	detail: string;
	mark?: 'unread' | 'streaming' | 'active';
}

export interface PickerProps {
	width: number;
	height: number;
	filter: TextBuffer;
	entries: PickerEntry[];
	selected: number;
	/** Replaces the hint line, e.g. a delete confirmation. */
	prompt?: React.ReactNode;
}

export function Picker({width, height, filter, entries, selected, prompt}: PickerProps) {
	const listHeight = Math.max(1, height - 3);
	// The window moves only when the selection would leave it, so Up/Down move the highlight over a still list
	// (and a slow link repaints two rows, not the whole list) instead of scrolling it under the cursor.
	const startRef = useRef<number | undefined>(undefined);
	let start = startRef.current ?? Math.max(0, selected - listHeight + 1);
	if (selected < start) start = selected;
	else if (selected >= start + listHeight) start = selected - listHeight + 1;
	start = Math.max(0, Math.min(start, entries.length - listHeight));
	startRef.current = start;
	const shown = entries.slice(start, start + listHeight);
	return (
		<Box flexDirection="column" width={width} height={height} overflow="hidden">
			<Text bold wrap="truncate-end">
				{pickerText.title} <Text dimColor>({entries.length})</Text>
			</Text>
			<Box>
				<Text color="cyan">{pickerText.filter}</Text>
				{/* While a confirmation is asked, its y/n must not land in the filter. */}
				<LineInput field={filter} placeholder={pickerText.filterPlaceholder} focus={!prompt} width={width - cellWidth(pickerText.filter)} />
			</Box>
			{shown.length === 0 ? <Text dimColor>{pickerText.noMatch}</Text> : null}
			{shown.map((entry, index) => {
				const isSelected = start + index === selected;
				const mark = entry.mark === 'streaming' ? '●' : entry.mark === 'unread' ? '*' : entry.mark === 'active' ? '◆' : ' ';
				return (
					<Text key={entry.id} wrap="truncate-end" inverse={isSelected}>
						{`${isSelected ? '›' : ' '}${String(entry.position).padStart(2)} ${mark} `}
						<Text bold>{entry.name}</Text>
						<Text dimColor>{`  ${entry.detail}`}</Text>
					</Text>
				);
			})}
			<Box flexGrow={1} />
			{prompt ?? (
				<Text dimColor wrap="truncate-end">
					{pickerText.keys}
				</Text>
			)}
		</Box>
	);
}

import React from 'react';
import {Box, Text} from 'ink';
import {LineInput} from './LineInput.js';

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
	filter: string;
	onFilter: (value: string) => void;
	entries: PickerEntry[];
	selected: number;
	/** Replaces the hint line, e.g. a delete confirmation. */
	prompt?: React.ReactNode;
}

export function Picker({width, height, filter, onFilter, entries, selected, prompt}: PickerProps) {
	const listHeight = Math.max(1, height - 3);
	const start = Math.min(Math.max(0, selected - listHeight + 1), Math.max(0, entries.length - listHeight));
	const shown = entries.slice(start, start + listHeight);
	return (
		<Box flexDirection="column" width={width} height={height} overflow="hidden">
			<Text bold wrap="truncate-end">
				Conversations <Text dimColor>({entries.length})</Text>
			</Text>
			<Box>
				<Text color="cyan">Filter: </Text>
				{/* While a confirmation is asked, its y/n must not land in the filter. */}
				<LineInput value={filter} onChange={onFilter} placeholder="type to filter names and messages" focus={!prompt} />
			</Box>
			{shown.length === 0 ? <Text dimColor>No conversation matches.</Text> : null}
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
					Up/Down select · Enter open · Ctrl+R rename · Ctrl+X delete · Esc close
				</Text>
			)}
		</Box>
	);
}

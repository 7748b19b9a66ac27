// What fills the screen above the status line in each mode: the transcript with the composer or the find field,
// or a page (help, start-up problems, a prompt, the picker).
import React from 'react';
import {Box, Text} from 'ink';
import type {ChatFrame, ChatScreen} from '../chat-screen.js';
import {Transcript} from './Transcript.js';
import {Composer} from './Composer.js';
import {Help} from './Help.js';
import {Problems} from './Problems.js';
import {Picker} from './Picker.js';
import {LinePrompt} from './LinePrompt.js';
import {LineInput} from './LineInput.js';
import {keyIntroLines} from '../key-intro.js';
import {formatMatchCount} from '../find.js';
import {appText} from '../app-messages.js';
import {statusText} from '../status-messages.js';
import {wrap} from '../../terminal/wrap.js';
import {sanitizeLine} from '../../text/sanitize.js';

export function ModeBody({screen, frame}: {screen: ChatScreen; frame: ChatFrame}) {
	const {mode, controller} = screen;
	const {width, bodyHeight, transcriptHeight, separatorHeight} = frame;
	if (mode.type === 'help') return <Help width={width} height={bodyHeight} offset={mode.offset} />;
	if (mode.type === 'problems')
		return <Problems problems={screen.ports.startupProblems} width={width} height={bodyHeight} offset={mode.offset} />;
	if (mode.type === 'key') {
		// Title, blank row, field, hint and the error (if any) around the intro; paddingX takes two columns.
		const room = bodyHeight - 4 - (mode.error ? wrap(mode.error, width - 2).length : 0);
		return (
			<Box height={bodyHeight} flexDirection="column" overflow="hidden">
				<LinePrompt
					width={width}
					title={mode.firstRun ? appText.welcome : appText.changeKey}
					lines={keyIntroLines(width - 2, room)}
					label={appText.keyLabel}
					mask="*"
					field={mode.field}
					error={mode.error}
					hint={mode.firstRun ? appText.keyHintFirst : appText.keyHint}
				/>
			</Box>
		);
	}
	if (mode.type === 'name')
		return (
			<Box height={bodyHeight} flexDirection="column">
				<LinePrompt
					width={width}
					title={mode.purpose === 'new' ? appText.newConversation : appText.renameConversation}
					label={appText.nameLabel}
					field={mode.field}
					placeholder={mode.purpose === 'new' ? screen.defaultName() : undefined}
					error={mode.error}
					hint={appText.nameHint}
				/>
			</Box>
		);
	if (mode.type === 'picker') {
		const entries = screen.pickerEntries(mode.field.text);
		const target = mode.confirmDelete ? controller.conversations.find((each) => each.id === mode.confirmDelete) : undefined;
		return (
			<Picker
				width={width}
				height={bodyHeight}
				filter={mode.field}
				entries={entries}
				selected={Math.min(mode.selected, Math.max(0, entries.length - 1))}
				prompt={
					target ? (
						<Text color="red" wrap="truncate-end">
							{appText.confirmDelete(sanitizeLine(target.name), target.messageCount)}
						</Text>
					) : undefined
				}
			/>
		);
	}
	// The transcript is the screen's first row down; its rows reach the screen through the overlay.
	const transcript = <Transcript rows={screen.transcriptRows(transcriptHeight)} height={transcriptHeight} width={width} top={0} />;
	const separator = separatorHeight > 0 ? <Text dimColor>{'─'.repeat(width)}</Text> : null;
	if (mode.type === 'find') {
		const total = screen.findMatches(mode.field.text).length;
		return (
			<>
				{transcript}
				{separator}
				<Text wrap="truncate-end">
					<Text color="cyan">{appText.findLabel}</Text>
					<LineInput field={mode.field} placeholder={statusText.findPlaceholder} />
					<Text color={total === 0 && mode.field.text !== '' ? 'red' : undefined} bold>
						{mode.field.text === '' ? '' : `  ${formatMatchCount(mode.current, total)}`}
					</Text>
					<Text dimColor>{`  ${appText.findKeys}`}</Text>
				</Text>
			</>
		);
	}
	const composer = frame.composer;
	return (
		<>
			{transcript}
			{separator}
			<Composer
				width={width}
				rows={composer.rows}
				cursorRow={composer.cursorRow}
				cursorCol={composer.cursorCol}
				top={transcriptHeight + separatorHeight}
				placeholder={controller.isStreaming() ? statusText.composerStreaming : statusText.composer}
				active
				hiddenAbove={composer.hiddenAbove}
				hiddenBelow={composer.hiddenBelow}
			/>
		</>
	);
}

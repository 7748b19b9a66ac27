import {Box, Text} from 'ink';
import chalk from 'chalk';
import {renderPlain} from '../../terminal/markdown.js';
import {cellWidth} from '../../text/width.js';

/** Exactly the keys that work; keep in step with the key routing in App and readme.md. */
export const KEY_HELP: Array<[string, string]> = [
	['Enter', 'send'],
	['Ctrl+J, Alt+Enter', 'new line'],
	['Esc', 'stop the answer / close a dialog'],
	['Ctrl+C', 'stop; else clear input; else quit'],
	['Ctrl+D', 'quit (empty input)'],
	['PgUp / PgDn', 'scroll a page'],
	['Shift+Up / Shift+Down', 'scroll a line'],
	['Home / End', 'top / bottom (empty input); End follows'],
	['Up / Down', 'move between lines; input history'],
	['Ctrl+A / Ctrl+E', 'start / end of line'],
	['Ctrl+U / Ctrl+K / Ctrl+W', 'delete to start / to end / word'],
	['Alt+B / Alt+F', 'word left / right'],
	['Ctrl+N', 'new conversation'],
	['Ctrl+O', 'conversations: filter, Enter open, Ctrl+R rename, Ctrl+X delete'],
	['Alt+Left / Alt+Right', 'previous / next conversation'],
	['Ctrl+PgUp / Ctrl+PgDn', 'previous / next conversation'],
	['Alt+1 … Alt+9', 'go to conversation 1 … 9'],
	['Ctrl+R', 'regenerate the last answer (retry a failed one)'],
	['Ctrl+T', 'show / fold reasoning'],
	['Ctrl+Y', 'copy the last answer (OSC 52)'],
	['Ctrl+F', 'find in this conversation: Enter/Down/Ctrl+N next, Up/Ctrl+P previous, Tab stays, Esc back'],
	['Ctrl+L', 'repaint the screen'],
	['Ctrl+Z', 'suspend (back with fg)'],
	['F1, Ctrl+G', 'this help'],
];

export const COMMAND_HELP: Array<[string, string]> = [
	['/new [name]', 'new conversation'],
	['/open name|number', 'open a conversation (numbers as in Ctrl+O)'],
	['/rename name', 'rename this conversation'],
	['/fork [N] [name]', 'copy this conversation (up to message #N) into a new one'],
	['/delete', 'delete this conversation (to the trash, 30 days)'],
	['/undo', 'bring back the conversation deleted last'],
	['/find text', 'find in this conversation (as Ctrl+F)'],
	['/model name', 'model for this conversation'],
	['/system text', 'system prompt (bare shows it, off removes it)'],
	['/temperature x', '0.01 … 1 (bare shows it, default clears it)'],
	['/thinking on|off|default', 'ask the model to think first'],
	['/settings', 'model, system prompt, temperature, thinking'],
	['/theme dark|light|none', 'colours (saved; default: dark)'],
	['/export [file.md]', 'write this conversation as Markdown (never over a file)'],
	['/copy', 'copy the last answer'],
	['/copy N', 'copy message N (the #N in its header)'],
	['/copy code [N]', 'copy code block N of the last answer (default: its last)'],
	['/mouse on|off', 'wheel scrolls the transcript / native mouse selection'],
	['/retry', 'regenerate the last answer'],
	['/key', 'change the API key'],
	['/help', 'this help'],
	['/quit', 'quit'],
	['//text', 'send "/text" as a message'],
];

/** Help as screen lines for a width: two columns when they fit, else the key above its meaning. */
export function helpLines(width: number): string[] {
	const rows = [...KEY_HELP, ['', ''] as [string, string], ...COMMAND_HELP];
	const keyWidth = Math.max(...rows.map(([key]) => key.length)) + 2;
	const twoColumns = width - 2 >= keyWidth + 24;
	const lines: string[] = [];
	for (const [key, what] of rows) {
		if (key === '') {
			lines.push('');
			continue;
		}
		if (twoColumns) {
			const wrapped = renderPlain(what, width - 2 - keyWidth);
			wrapped.forEach((line, index) => lines.push((index === 0 ? chalk.cyan(key.padEnd(keyWidth)) : ' '.repeat(keyWidth)) + line));
		} else {
			for (const line of renderPlain(key, width - 2)) lines.push(chalk.cyan(line));
			for (const line of renderPlain(what, width - 4)) lines.push(`  ${line}`);
		}
	}
	return lines;
}

/** The title row, as much of the scrolling keys as fits: a narrow screen keeps "Esc closes" whole. */
export function helpTitle(width: number, scrolls: boolean): string {
	const titles = scrolls
		? [
				'glm-tui keys · Esc closes · Up/Down, PgUp/PgDn, Home/End scroll',
				'glm-tui keys · Esc closes · Home/End',
				'Keys · Esc closes · Home/End',
			]
		: [];
	return titles.find((title) => cellWidth(title) <= width) ?? 'glm-tui keys · Esc closes';
}

export function Help({width, height, offset}: {width: number; height: number; offset: number}) {
	const lines = helpLines(width);
	const room = Math.max(0, height - 1);
	const start = Math.max(0, Math.min(offset, lines.length - room));
	const more = start + room < lines.length;
	return (
		<Box flexDirection="column" width={width} height={height} overflow="hidden" paddingX={1}>
			<Text bold wrap="truncate-end">
				{helpTitle(width - 2, start > 0 || more)}
			</Text>
			{lines.slice(start, start + room).map((line, index) => (
				<Text key={index} wrap="truncate-end">
					{line === '' ? ' ' : line}
				</Text>
			))}
		</Box>
	);
}

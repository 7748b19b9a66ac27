import {Box, Text} from 'ink';
import chalk from 'chalk';
import {renderPlain} from '../../terminal/markdown.js';
import {cellWidth} from '../../text/unicode.js';
import {SLASH_TEXT_USAGE, usageDescription} from '../../chat/slash-command-table.js';
import {slashCommandRows} from '../../chat/slash-commands.js';
import {KEY_BINDINGS, keyDescription} from '../key-table.js';
import {helpText} from './help-messages.js';

/** The key rows as [keys, description] in the current language: exactly the keys that work (key-table.ts). */
export function keyHelp(): Array<[string, string]> {
	return KEY_BINDINGS.map((row) => [row.keys, keyDescription(row)]);
}

/** The slash commands that exist, one row per usage, then how to send a leading slash. */
export function commandHelp(): Array<[string, string]> {
	const usages = [...slashCommandRows().flatMap(([, row]) => row.usages), SLASH_TEXT_USAGE];
	return usages.map((usage) => [usage.usage, usageDescription(usage)]);
}

/** Help as screen lines for a width: two columns when they fit, else the key above its meaning. */
export function helpLines(width: number): string[] {
	const rows = [...keyHelp(), ['', ''] as [string, string], ...commandHelp()];
	// Keys and usages are typed text (ASCII and …): their width is their cell count.
	const keyWidth = Math.max(...rows.map(([key]) => cellWidth(key))) + 2;
	const twoColumns = width - 2 >= keyWidth + 24;
	const lines: string[] = [];
	for (const [key, what] of rows) {
		if (key === '') {
			lines.push('');
			continue;
		}
		if (twoColumns) {
			const wrapped = renderPlain(what, width - 2 - keyWidth);
			wrapped.forEach((line, index) =>
				lines.push((index === 0 ? chalk.cyan(key + ' '.repeat(keyWidth - cellWidth(key))) : ' '.repeat(keyWidth)) + line),
			);
		} else {
			for (const line of renderPlain(key, width - 2)) lines.push(chalk.cyan(line));
			for (const line of renderPlain(what, width - 4)) lines.push(`  ${line}`);
		}
	}
	return lines;
}

/** The title row, as much of the scrolling keys as fits: a narrow screen keeps "Esc closes" whole. */
export function helpTitle(width: number, scrolls: boolean): string {
	const titles = scrolls ? [helpText.titleFull, helpText.titleHomeEnd, helpText.titleShort] : [];
	return titles.find((title) => cellWidth(title) <= width) ?? helpText.title;
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

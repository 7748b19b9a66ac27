// Everything the store could not use at start-up, listed whole and scrollable: joined into one notice they
// were cut, and a skipped file (newer format, moved aside) went unseen.
import {Box, Text} from 'ink';
import chalk from 'chalk';
import {renderPlain} from '../../terminal/markdown.js';
import {sanitize} from '../../text/sanitize.js';
import {problemsText} from './screen-messages.js';

export function problemLines(problems: readonly string[], width: number): string[] {
	const lines: string[] = [];
	for (const problem of problems) {
		renderPlain(sanitize(problem), Math.max(1, width - 4)).forEach((line, index) =>
			lines.push(`${index === 0 ? chalk.red('• ') : '  '}${line}`),
		);
	}
	lines.push('');
	for (const line of renderPlain(problemsText.nothingDeleted, Math.max(1, width))) lines.push(chalk.dim(line));
	return lines;
}

export function Problems({problems, width, height, offset}: {problems: readonly string[]; width: number; height: number; offset: number}) {
	const lines = problemLines(problems, width - 2);
	const room = Math.max(0, height - 1);
	const start = Math.max(0, Math.min(offset, lines.length - room));
	const more = start + room < lines.length;
	const count = problems.length;
	return (
		<Box flexDirection="column" width={width} height={height} overflow="hidden" paddingX={1}>
			<Text bold wrap="truncate-end">
				{problemsText.title(count, start > 0 || more)}
			</Text>
			{lines.slice(start, start + room).map((line, index) => (
				<Text key={index} wrap="truncate-end">
					{line === '' ? ' ' : line}
				</Text>
			))}
		</Box>
	);
}

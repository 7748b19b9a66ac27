import {statusText} from '../status-messages.js';
import {Box, Text} from 'ink';
import {cellWidth} from '../../text/unicode.js';
import {wrap} from '../../terminal/wrap.js';
import {sanitizeLine} from '../../text/sanitize.js';
import {formatTokens, layoutStatus} from '../status-layout.js';

export interface StatusBarProps {
	width: number;
	position: number;
	name: string;
	model: string;
	state: string;
	stateTone: 'idle' | 'busy' | 'error';
	tokens: number;
	/** Other conversations worth a glance: position number and why. */
	others: Array<{position: number; mark: 'unread' | 'streaming'}>;
	notice?: {text: string; tone: 'info' | 'error'};
	/** The notice drawn on rows above the status line (see noticeLines); none keeps it in the line. */
	noticeAbove?: readonly string[];
}

/** The status line's right part: tokens, other conversations' marks, the help key. */
export function statusRight(tokens: number, others: StatusBarProps['others']): string {
	const marks = others.map((each) => `${each.position}${each.mark === 'streaming' ? '●' : '*'}`).join(' ');
	return [tokens > 0 ? statusText.tokens(formatTokens(tokens)) : '', marks, statusText.help].filter(Boolean).join(' │ ');
}

/**
 * A notice that does not fit beside the right part gets rows of its own above the status line, up to three,
 * so an error is read whole ("Could not save ...: the disk is full ..."), not cut in the middle. A screen
 * under 12 rows keeps it in the line: there the transcript needs every row.
 */
export function noticeLines(notice: string | undefined, width: number, height: number, right: string): string[] {
	if (notice === undefined || height < 12 || width < 20) return [];
	const text = sanitizeLine(notice);
	if (cellWidth(text) <= width - cellWidth(right) - 1) return [];
	// Wrapped here, not by ink, so the rows the layout gives it are the rows drawn.
	const lines = wrap(text, width);
	if (lines.length <= 3) return lines;
	// The last row shown ends in an ellipsis rather than stopping mid-word unmarked.
	return [...lines.slice(0, 2), `${[...lines[2]!].slice(0, -1).join('')}…`];
}

/** Beside a notice in the line, the right part gives way to it: the token count first, then all of it. */
export function inlineRight(notice: string, width: number, tokens: number, others: StatusBarProps['others']): string {
	const room = width - cellWidth(sanitizeLine(notice)) - 1;
	for (const right of [statusRight(tokens, others), statusRight(0, others)]) if (cellWidth(right) <= room) return right;
	return '';
}

export function noticeRows(notice: string | undefined, width: number, height: number, right: string): number {
	return noticeLines(notice, width, height, right).length;
}

export function StatusBar({width, position, name, model, state, stateTone, tokens, others, notice, noticeAbove = []}: StatusBarProps) {
	const stateColor = stateTone === 'busy' ? 'green' : stateTone === 'error' ? 'red' : 'gray';
	const noticeColor = notice?.tone === 'error' ? 'red' : 'yellow';
	const inline = notice && noticeAbove.length === 0 ? <Text color={noticeColor}>{sanitizeLine(notice.text)}</Text> : undefined;
	// Without a notice in the line, what fits was chosen by layoutStatus: nothing is cut here.
	const layout = layoutStatus({width, position, name, model, state, tokens, others});
	const right = inline ? inlineRight(notice!.text, width, tokens, others) : layout.right;
	const line = (
		<Box width={width} height={1} overflow="hidden">
			<Box flexGrow={1} flexShrink={1} overflow="hidden">
				{/* A notice too long for the row loses its middle, not its end: a message such as "... moved it to
				    <dir>/<id>.corrupt-<time>.json" keeps what happened and the file it names. */}
				<Text wrap={inline ? 'truncate-middle' : 'truncate-end'}>
					{inline ?? (
						<>
							<Text inverse bold>
								{position <= 0 ? ` ${layout.name} ` : layout.name === '' ? ` ${position} ` : ` ${position}:${layout.name} `}
							</Text>
							{layout.model === '' ? null : <Text dimColor>{` ${layout.model} `}</Text>}
							<Text color={stateColor}>{layout.state}</Text>
						</>
					)}
				</Text>
			</Box>
			{right === '' ? null : (
				<Box flexShrink={0} marginLeft={1}>
					<Text dimColor wrap="truncate-start">
						{right}
					</Text>
				</Box>
			)}
		</Box>
	);
	if (noticeAbove.length === 0) return line;
	return (
		<Box width={width} height={noticeAbove.length + 1} flexDirection="column">
			{noticeAbove.map((text, index) => (
				<Text key={index} color={noticeColor} wrap="truncate-end">
					{text}
				</Text>
			))}
			{line}
		</Box>
	);
}

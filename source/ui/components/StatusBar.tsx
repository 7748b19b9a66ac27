import {Box, Text} from 'ink';

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
}

export function StatusBar({width, position, name, model, state, stateTone, tokens, others, notice}: StatusBarProps) {
	const marks = others.map((each) => `${each.position}${each.mark === 'streaming' ? '●' : '*'}`).join(' ');
	const right = [tokens > 0 ? `${formatTokens(tokens)} tok` : '', marks, 'F1 help'].filter(Boolean).join(' │ ');
	const stateColor = stateTone === 'busy' ? 'green' : stateTone === 'error' ? 'red' : 'gray';
	return (
		<Box width={width} height={1} overflow="hidden">
			<Box flexGrow={1} flexShrink={1} overflow="hidden">
				{/* A notice too long for the row loses its middle, not its end: a message such as "... moved it to
				    <dir>/<id>.corrupt-<time>.json" keeps what happened and the file it names. */}
				<Text wrap={notice ? 'truncate-middle' : 'truncate-end'}>
					{notice ? (
						<Text color={notice.tone === 'error' ? 'red' : 'yellow'}>{notice.text}</Text>
					) : (
						<>
							<Text inverse bold>{` ${position}:${name} `}</Text>
							<Text dimColor>{` ${model} `}</Text>
							<Text color={stateColor}>{state}</Text>
						</>
					)}
				</Text>
			</Box>
			<Box flexShrink={0} marginLeft={1}>
				<Text dimColor wrap="truncate-start">{right}</Text>
			</Box>
		</Box>
	);
}

function formatTokens(tokens: number): string {
	if (tokens < 1_000) return String(tokens);
	if (tokens < 1_000_000) return `${(tokens / 1_000).toFixed(tokens < 10_000 ? 1 : 0)}k`;
	return `${(tokens / 1_000_000).toFixed(1)}M`;
}

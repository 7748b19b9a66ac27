// The root of the chat screen: draws what the interaction model (chat-screen.ts) says and hands it every key,
// paste and wheel notch. Nothing here decides what a key does.
import React, {useEffect, useMemo, useRef, useState, useSyncExternalStore} from 'react';
import {Box, useApp, useInput, useStdin} from 'ink';
import type {ChatController} from '../chat/controller.js';
import type {StdinFilter} from '../terminal/stdin-filter.js';
import type {MouseInput} from '../terminal/mouse.js';
import {transcriptOverlay} from '../terminal/overlay.js';
import {sanitizeLine} from '../text/sanitize.js';
import {ChatScreen, type ScreenPorts} from './chat-screen.js';
import {useController} from './hooks/use-controller.js';
import {useTerminalSize} from './hooks/use-terminal-size.js';
import {useHighlightAfterFirstFrame} from './hooks/use-highlight-after-first-frame.js';
import {ModeBody} from './components/ModeBody.js';
import {StatusBar} from './components/StatusBar.js';

export interface AppProps extends Omit<ScreenPorts, 'controller' | 'exit' | 'startupProblems'> {
	controller: ChatController;
	stdin: StdinFilter;
	/** Wheel reports (terminal/mouse.ts); the mouse setting is read and changed through mouseOn/onMouse. */
	mouse?: MouseInput;
	startupProblems?: readonly string[];
}

export function App({controller, stdin, mouse, startupProblems = [], ...ports}: AppProps) {
	useController(controller);
	useHighlightAfterFirstFrame();
	const {exit} = useApp();
	const [screen] = useState(() => new ChatScreen({...ports, controller, startupProblems, exit}));
	useSyncExternalStore(screen.subscribe, screen.getVersion);
	const {columns, rows} = useTerminalSize();
	screen.resize(columns, rows);

	// useInput does not say which raw sequence produced a key; F1 and forward Delete need it.
	const lastSequence = useRawSequence();
	useInput((input, key) => screen.dispatch(input, key, lastSequence.current));
	useEffect(() => {
		const onPaste = (text: string) => screen.paste(text);
		stdin.on('paste', onPaste);
		return () => {
			stdin.off('paste', onPaste);
		};
	}, [stdin, screen]);
	useEffect(() => {
		if (!mouse) return;
		const onWheel = ({direction}: {direction: -1 | 1}) => screen.wheel(direction);
		mouse.on('wheel', onWheel);
		return () => {
			mouse.off('wheel', onWheel);
		};
	}, [mouse, screen]);
	// Streamed text: when nothing but the transcript's text changed, only its rows are redrawn (no render).
	useEffect(
		() =>
			controller.subscribeText((ids) => {
				if (ids.has(controller.active.id) && screen.textChanged(transcriptOverlay.attached))
					transcriptOverlay.update(0, screen.transcriptRows(), screen.size().width);
			}),
		[controller, screen],
	);

	const frame = screen.frame();
	const active = controller.active;
	useRetryTicker(Boolean(controller.stream()?.retry), () => screen.changed());
	return (
		<Box flexDirection="column" width={frame.width} height={frame.height}>
			<ModeBody screen={screen} frame={frame} />
			<StatusBar
				width={frame.width}
				position={frame.position}
				name={sanitizeLine(active.name)}
				model={sanitizeLine(active.model)}
				state={frame.state.text}
				stateTone={frame.state.tone}
				tokens={frame.tokens}
				others={frame.others}
				notice={controller.notice}
				noticeAbove={frame.noticeAbove}
			/>
		</Box>
	);
}

/** The raw bytes of the key being handled: ink's input event comes first, then useInput's parsed key. */
function useRawSequence(): {readonly current: string | undefined} {
	const {internal_eventEmitter: inputEvents} = useStdin() as unknown as {internal_eventEmitter: NodeJS.EventEmitter};
	const last = useMemo(() => ({current: undefined as string | undefined}), []);
	useEffect(() => {
		const onInput = (sequence: string) => {
			last.current = sequence;
		};
		inputEvents.prependListener('input', onInput);
		return () => {
			inputEvents.off('input', onInput);
		};
	}, [inputEvents, last]);
	return last;
}

/** Re-renders once a second while a retry countdown is visible. */
function useRetryTicker(active: boolean, tick: () => void): void {
	const tickRef = useRef(tick);
	tickRef.current = tick;
	useEffect(() => {
		if (!active) return;
		const timer = setInterval(() => tickRef.current(), 1000);
		return () => clearInterval(timer);
	}, [active]);
}

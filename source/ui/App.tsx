// The root of the chat screen: lays out transcript, composer and status line, and routes every key.
import React, {useEffect, useMemo, useRef, useState} from 'react';
import {Box, Text, useApp, useInput, useStdin, type Key} from 'ink';
import type {ChatController} from '../chat/controller.js';
import {holdHint, parseSetting, readSubmission, type SlashCommandName} from '../chat/slash-commands.js';
import {describeSettings, describeSystem, describeTemperature, describeThinking} from '../chat/settings-summary.js';
import {parseApiKey} from '../glm/api-key.js';
import {sanitize, sanitizeLine} from '../terminal/sanitize.js';
import {osc52Copy} from '../terminal/screen.js';
import type {StdinFilter} from '../terminal/stdin-filter.js';
import {useController} from './hooks/use-controller.js';
import {useTerminalSize} from './hooks/use-terminal-size.js';
import {useComposer} from './hooks/use-composer.js';
import {useHighlightAfterFirstFrame} from './hooks/use-highlight-after-first-frame.js';
import {TranscriptLines} from './transcript-lines.js';
import {slice, scroll, top, type ViewportPosition, type ViewportSource} from './viewport.js';
import {Transcript} from './components/Transcript.js';
import {transcriptRows} from './transcript-rows.js';
import {transcriptOverlay} from '../terminal/overlay.js';
import {Composer, COMPOSER_GUTTER} from './components/Composer.js';
import {StatusBar, noticeLines, statusRight} from './components/StatusBar.js';
import {Help, helpLines} from './components/Help.js';
import {Problems, problemLines} from './components/Problems.js';
import {Picker, type PickerEntry} from './components/Picker.js';
import {LinePrompt} from './components/LinePrompt.js';
import {applyComposerCommand, composerCommand, globalAction} from './key-bindings.js';
import {createBuffer, emptyBuffer, insert as insertText, type TextBuffer} from './text-buffer.js';
import {exportMarkdown} from '../chat/export.js';
import {filterConversations} from './picker-filter.js';
import {describeCandidates, findConversation} from '../chat/find-conversation.js';
import {describeFileError} from '../store/errors.js';
import {dateTime} from './format-time.js';
import {formatCount} from './format-count.js';
import {nameKey} from '../store/order.js';
import chalk from 'chalk';

export interface AppProps {
	controller: ChatController;
	stdin: StdinFilter;
	apiKeySource?: 'env' | 'settings' | undefined;
	onSaveKey: (key: string) => void;
	onRepaint: () => void;
	writeRaw: (sequence: string) => void;
	/** What the store could not use at start-up, each listed whole before the chat. */
	startupProblems?: readonly string[];
}

type Mode =
	| {type: 'chat'}
	| {type: 'help'; offset: number}
	| {type: 'problems'; offset: number; back: Mode}
	| {type: 'key'; field: TextBuffer; error?: string; firstRun: boolean}
	| {type: 'name'; purpose: 'new' | 'rename'; id?: string; field: TextBuffer; error?: string; back?: Mode}
	| {type: 'picker'; field: TextBuffer; selected: number; confirmDelete?: string};

const KEY_INTRO = [
	'glm-tui needs a GLM API key to talk to the model.',
	'Get one at https://open.bigmodel.cn/usercenter/apikeys (or z.ai for the international service).',
	'It looks like <id>.<secret>. It is saved to ~/.config/glm-tui/config.json (mode 600) and never shown.',
];

export function App({controller, stdin, apiKeySource, onSaveKey, onRepaint, writeRaw, startupProblems = []}: AppProps) {
	useController(controller);
	useHighlightAfterFirstFrame();
	const {exit} = useApp();
	const {columns, rows} = useTerminalSize();
	const width = Math.max(1, columns);
	// One row shorter than the terminal: a frame as tall as the screen makes ink clear and repaint every time.
	const height = Math.max(1, rows - 1);

	const [mode, setModeState] = useState<Mode>(() => {
		const first: Mode = controller.hasClient ? {type: 'chat'} : {type: 'key', field: emptyBuffer, firstRun: true};
		return startupProblems.length > 0 ? {type: 'problems', offset: 0, back: first} : first;
	});
	// Keys read together (one read over a slow link) are handled before React renders again: each must see
	// the mode the previous one left, so the ref is the truth and the state only triggers the render.
	const modeRef = useRef(mode);
	const setMode = (next: Mode) => {
		modeRef.current = next;
		setModeState(next);
	};
	const [showReasoning, setShowReasoning] = useState(false);
	const [, forceRender] = useState(0);
	const positions = useRef(new Map<string, ViewportPosition>());
	const lineCache = useMemo(() => new TranscriptLines(), []);

	// useInput does not say which raw sequence produced a key; F1 and forward Delete need it.
	const {internal_eventEmitter: inputEvents} = useStdin() as unknown as {internal_eventEmitter: NodeJS.EventEmitter};
	const lastSequenceRef = useRef<string | undefined>(undefined);
	useEffect(() => {
		const onInput = (sequence: string) => {
			lastSequenceRef.current = sequence;
		};
		inputEvents.prependListener('input', onInput);
		return () => {
			inputEvents.off('input', onInput);
		};
	}, [inputEvents]);
	const lastSequence = useMemo(() => () => lastSequenceRef.current, []);

	const active = controller.active;
	const composer = useComposer(controller, width - COMPOSER_GUTTER, lastSequence);
	const position = positions.current.get(active.id) ?? {follow: true};
	const setPosition = (next: ViewportPosition) => {
		positions.current.set(active.id, next);
		forceRender((value) => value + 1);
	};

	// ---- layout --------------------------------------------------------------------------------
	const streaming = controller.stream();
	// Usage only changes when an answer ends, so the sum is not redone per streamed token.
	const tokens = useMemo(
		() => active.messages.reduce((sum, each) => sum + (each.usage?.totalTokens ?? 0), 0),
		// eslint-disable-next-line react-hooks/exhaustive-deps
		[active.id, active.messages.length, streaming === undefined],
	);
	const others = controller.conversations
		.map((summary, index) => ({summary, position: index + 1}))
		.filter(({summary}) => summary.id !== active.id && (controller.isStreaming(summary.id) || controller.unread.has(summary.id)))
		.map(({summary, position: at}) => ({position: at, mark: controller.isStreaming(summary.id) ? ('streaming' as const) : ('unread' as const)}));
	const noticeAbove = mode.type === 'chat' && controller.notice ? noticeLines(controller.notice.text, width, height, statusRight(tokens, others)) : [];
	const statusHeight = 1 + noticeAbove.length;
	const separatorHeight = height >= 6 ? 1 : 0;
	const composerMax = Math.max(1, Math.floor(height / 3));
	const composerView = composer.view(composerMax);
	const transcriptHeight = Math.max(0, height - statusHeight - separatorHeight - composerView.rows.length);

	// Rendered lines of the conversation left behind are not needed any more; only visible ones get re-rendered.
	const shownConversation = useRef(active.id);
	if (shownConversation.current !== active.id) {
		shownConversation.current = active.id;
		lineCache.clear();
	}

	const contextStart = controller.contextStart.get(active.id) ?? 0;
	const messages = active.messages;
	const source: ViewportSource = {
		count: messages.length,
		lines: (index) => lineCache.linesFor(messages[index]!, {width, showReasoning}),
		before: (index) =>
			index === contextStart && index > 0
				? [chalk.dim(`── ${index} earlier message${index === 1 ? '' : 's'} not sent: over the context window ──`.slice(0, width)), '']
				: [],
	};
	// The transcript is the screen's first row down; its rows reach the screen through the overlay.
	const transcriptTop = 0;
	const rowsNow = () => {
		const view = slice(source, transcriptHeight, positions.current.get(active.id) ?? {follow: true});
		return transcriptRows({
			rows: view.rows,
			height: transcriptHeight,
			below: view.below,
			empty: messages.length === 0 ? 'Type a message and press Enter. F1 lists the keys.' : undefined,
		});
	};

	// Streamed text: when nothing but the transcript's text changed, only its rows are redrawn (no render).
	const shownShell = useRef('');
	const redrawText = useRef<() => void>(() => {});
	redrawText.current = () => {
		if (modeRef.current.type === 'chat' && transcriptOverlay.attached && shellSignature(controller) === shownShell.current) {
			transcriptOverlay.update(transcriptTop, rowsNow(), width);
		} else forceRender((value) => value + 1);
	};
	useEffect(
		() =>
			controller.subscribeText((ids) => {
				if (ids.has(controller.active.id)) redrawText.current();
			}),
		[controller],
	);

	// ---- paste ---------------------------------------------------------------------------------
	useEffect(() => {
		const onPaste = (text: string) => {
			const current = modeRef.current;
			if (current.type === 'chat') composer.insert(sanitize(text));
			else if (current.type === 'key') setMode({...current, field: insertText(current.field, text.trim()), error: undefined});
			else if (current.type === 'name') setMode({...current, field: insertText(current.field, sanitizeLine(text)), error: undefined});
			else if (current.type === 'picker') setMode({...current, field: insertText(current.field, sanitizeLine(text)), selected: 0});
		};
		stdin.on('paste', onPaste);
		return () => {
			stdin.off('paste', onPaste);
		};
	}, [stdin, composer]);

	// ---- actions -------------------------------------------------------------------------------
	const lastAnswer = () => [...messages].reverse().find((each) => each.role === 'assistant' && each.content);

	const copyLastAnswer = () => {
		const answer = lastAnswer();
		if (!answer) return controller.say('No answer to copy yet.');
		writeRaw(osc52Copy(answer.content));
		controller.say(`Copied the last answer (${formatCount(answer.content.length)} characters) with OSC 52.`);
	};

	const defaultName = () => {
		const taken = new Set(controller.conversations.map((each) => nameKey(each.name)));
		for (let n = controller.conversations.length + 1; ; n++) if (!taken.has(`chat ${n}`)) return `chat ${n}`;
	};

	const createNamed = (name: string): string | undefined => {
		try {
			composer.saveDraft();
			controller.createConversation(name.trim() || defaultName());
			composer.loadDraft();
			return undefined;
		} catch (error) {
			return sanitizeLine(error instanceof Error ? error.message : String(error));
		}
	};

	const switchTo = (action: () => void) => {
		composer.saveDraft();
		action();
		composer.loadDraft();
	};

	/** Runs a command; false when it failed and its text should go back into the composer. */
	const runSlash = (name: SlashCommandName, argument: string): boolean => {
		let ok = true;
		const fail = (text: string) => {
			controller.say(text, 'error');
			ok = false;
		};
		switch (name) {
			case 'new': {
				if (argument) {
					const error = createNamed(argument);
					if (error) fail(error);
				} else setMode({type: 'name', purpose: 'new', field: emptyBuffer});
				break;
			}
			case 'open': {
				const found = findConversation(controller.conversations, argument);
				if (found.type === 'found') switchTo(() => controller.openConversation(found.conversation.id));
				else if (found.type === 'ambiguous') fail(describeCandidates(argument, found.candidates));
				else if (!argument) fail('Usage: /open name or number (Ctrl+O lists them).');
				else if (/^\d+$/.test(argument)) fail(`There is no conversation ${argument}: there are ${controller.conversations.length}.`);
				else fail(`No conversation matches "${sanitizeLine(argument)}".`);
				break;
			}
			case 'rename':
				if (argument) {
					try {
						controller.renameConversation(active.id, argument);
					} catch (error) {
						fail(sanitizeLine(error instanceof Error ? error.message : String(error)));
					}
				} else setMode({type: 'name', purpose: 'rename', id: active.id, field: createBuffer(active.name)});
				break;
			case 'delete':
				setMode({type: 'picker', field: emptyBuffer, selected: Math.max(0, controller.conversations.findIndex((each) => each.id === active.id)), confirmDelete: active.id});
				break;
			case 'model':
				if (!argument) controller.say(`Model: ${sanitizeLine(active.model)}. Usage: /model glm-4.6`);
				else if (/\s/.test(argument)) fail(`A model name has no spaces or line breaks: "${sanitizeLine(argument)}". Usage: /model glm-4.6`);
				else {
					controller.updateSettings({model: argument});
					controller.say(`Model for "${sanitizeLine(active.name)}": ${sanitizeLine(argument)}`);
				}
				break;
			case 'system': {
				const change = parseSetting('system', argument);
				if (change.type === 'show') controller.say(sanitizeLine(describeSystem(active.system)));
				else {
					controller.updateSettings({system: change.type === 'set' ? change.value : undefined});
					controller.say(change.type === 'set' ? 'System prompt set for this conversation.' : 'System prompt removed.');
				}
				break;
			}
			case 'temperature': {
				const change = parseSetting('temperature', argument);
				if (change.type === 'show') controller.say(describeTemperature(active.temperature));
				else if (change.type === 'invalid') fail(sanitizeLine(change.message));
				else {
					controller.updateSettings({temperature: change.type === 'set' ? change.value : undefined});
					controller.say(change.type === 'set' ? `Temperature: ${change.value}` : 'Temperature: model default.');
				}
				break;
			}
			case 'thinking': {
				const change = parseSetting('thinking', argument);
				if (change.type === 'show') controller.say(describeThinking(active.thinking));
				else if (change.type === 'invalid') fail(change.message);
				else {
					controller.updateSettings({thinking: change.type === 'set' ? change.value : undefined});
					controller.say(`Thinking: ${change.type === 'clear' ? 'model default' : change.value === 'enabled' ? 'on' : 'off'}`);
				}
				break;
			}
			case 'settings':
				controller.say(sanitizeLine(describeSettings(active)));
				break;
			case 'export': {
				try {
					const written = exportMarkdown(active, argument || undefined);
					const taken = written.taken ? ` (${sanitizeLine(written.taken)} exists and was left as it was)` : '';
					controller.say(`Exported "${sanitizeLine(active.name)}" to ${sanitizeLine(written.file)}${taken}`);
				} catch (error) {
					fail(`Export failed: ${describeFileError(error, {withPath: true})}`);
				}
				break;
			}
			case 'copy':
				copyLastAnswer();
				break;
			case 'retry':
				controller.regenerate();
				break;
			case 'key':
				if (apiKeySource === 'env') controller.say('The key comes from ZHIPUAI_API_KEY / ZAI_API_KEY; unset it to use a saved key.');
				setMode({type: 'key', field: emptyBuffer, firstRun: false});
				break;
			case 'help':
				setMode({type: 'help', offset: 0});
				break;
			case 'quit':
				exit();
				break;
		}
		return ok;
	};

	// The text Enter last held back (an unknown /word): the very same text entered again is sent as a message.
	const heldRef = useRef<{text: string; id: string} | undefined>(undefined);
	const submit = () => {
		const text = composer.text();
		if (text.trim() === '') return;
		const submission = readSubmission(text, heldRef.current?.id === active.id ? heldRef.current.text : undefined);
		heldRef.current = undefined;
		// Whatever was entered can be brought back with Up, run, held or sent.
		composer.remember(text);
		if (submission.type === 'hold') {
			heldRef.current = {text, id: active.id};
			controller.say(holdHint(submission.reason, sanitizeLine(submission.name)));
			return;
		}
		if (submission.type === 'command') {
			// Cleared first: a command that switches conversation must not leave itself behind as a draft.
			composer.clear();
			if (!runSlash(submission.name, submission.argument)) composer.insert(text);
			return;
		}
		if (controller.send(submission.text)) {
			composer.clear();
			setPosition({follow: true});
		}
	};

	const pickerEntries = (filter: string): PickerEntry[] =>
		filterConversations(controller.conversations, filter, (id) => controller.searchText(id)).map((summary) => ({
			id: summary.id,
			position: controller.conversations.indexOf(summary) + 1,
			name: sanitizeLine(summary.name),
			detail: `${summary.messageCount} msg · ${dateTime(summary.updatedAt)}`,
			mark: controller.isStreaming(summary.id) ? 'streaming' : controller.unread.has(summary.id) ? 'unread' : summary.id === active.id ? 'active' : undefined,
		}));

	// ---- keys ----------------------------------------------------------------------------------
	const handleGlobal = (input: string, key: Key): boolean => {
		if (key.ctrl && input === 't') {
			setShowReasoning((value) => !value);
			return true;
		}
		const action = globalAction(input, key, lastSequenceRef.current);
		if (!action) return false;
		switch (action.type) {
			case 'help':
				setMode({type: 'help', offset: 0});
				return true;
			case 'repaint':
				onRepaint();
				forceRender((value) => value + 1);
				return true;
			case 'newConversation':
				setMode({type: 'name', purpose: 'new', field: emptyBuffer});
				return true;
			case 'picker':
				setMode({type: 'picker', field: emptyBuffer, selected: Math.max(0, controller.conversations.findIndex((each) => each.id === active.id))});
				return true;
			case 'prevConversation':
				switchTo(() => controller.cycle(-1));
				return true;
			case 'nextConversation':
				switchTo(() => controller.cycle(1));
				return true;
			case 'jump':
				switchTo(() => controller.jump(action.index));
				return true;
			case 'regenerate':
				controller.regenerate();
				setPosition({follow: true});
				return true;
			case 'copy':
				copyLastAnswer();
				return true;
			case 'scrollPageUp':
				setPosition(scroll(source, transcriptHeight, position, -Math.max(1, transcriptHeight - 2)));
				return true;
			case 'scrollPageDown':
				setPosition(scroll(source, transcriptHeight, position, Math.max(1, transcriptHeight - 2)));
				return true;
			case 'scrollLineUp':
				setPosition(scroll(source, transcriptHeight, position, -1));
				return true;
			case 'scrollLineDown':
				setPosition(scroll(source, transcriptHeight, position, 1));
				return true;
			case 'home':
				if (!composer.isEmpty()) return false;
				setPosition(top());
				return true;
			case 'end':
				if (!composer.isEmpty()) return false;
				setPosition({follow: true});
				return true;
			case 'stop':
				if (controller.stop()) return true;
				controller.clearNotice();
				return true;
			case 'interrupt':
				if (controller.stop()) return true;
				if (!composer.isEmpty()) {
					composer.clear();
					return true;
				}
				exit();
				return true;
			case 'eof':
				if (composer.isEmpty()) {
					exit();
					return true;
				}
				return false;
			default:
				return false;
		}
	};

	/** Applies an editing key to a prompt's field; false when the key is not an edit. */
	const editField = (field: TextBuffer, input: string, key: Key): TextBuffer | undefined => {
		const command = composerCommand(input, key, lastSequenceRef.current);
		if (!command || command.type === 'submit' || command.type === 'newline' || command.type === 'up' || command.type === 'down') return undefined;
		const next = applyComposerCommand(field, command, Number.MAX_SAFE_INTEGER);
		return next && !next.text.includes('\n') ? next : field;
	};

	const submitKey = (current: Extract<Mode, {type: 'key'}>) => {
		const value = current.field.text.trim();
		try {
			parseApiKey(value);
		} catch (error) {
			setMode({...current, error: error instanceof Error ? error.message : String(error)});
			return;
		}
		onSaveKey(value);
		controller.say('Key saved. Type a message and press Enter.');
		setMode({type: 'chat'});
	};

	const submitName = (current: Extract<Mode, {type: 'name'}>) => {
		const value = sanitizeLine(current.field.text);
		if (current.purpose === 'new') {
			const error = createNamed(value);
			setMode(error ? {...current, error} : {type: 'chat'});
			return;
		}
		try {
			controller.renameConversation(current.id ?? active.id, value);
			setMode(current.back ?? {type: 'chat'});
		} catch (error) {
			setMode({...current, error: sanitizeLine(error instanceof Error ? error.message : String(error))});
		}
	};

	useInput((input, key) => {
		const mode = modeRef.current;
		if (mode.type === 'chat') {
			if (controller.notice && !key.escape) controller.clearNotice();
			if (handleGlobal(input, key)) return;
			if (key.return && !key.meta && !key.shift) {
				submit();
				return;
			}
			composer.handleKey(input, key);
			return;
		}
		if (mode.type === 'help') {
			const room = Math.max(1, height - statusHeight - 1);
			const last = Math.max(0, helpLines(width).length - room);
			const to = (offset: number) => setMode({...mode, offset: Math.max(0, Math.min(last, offset))});
			if (key.upArrow) to(mode.offset - 1);
			else if (key.downArrow) to(mode.offset + 1);
			else if (key.pageUp) to(mode.offset - room);
			else if (key.pageDown || input === ' ') to(mode.offset + room);
			else if (key.escape || input === 'q' || key.return || (key.ctrl && input === 'g') || lastSequenceRef.current === '\u001BOP') setMode({type: 'chat'});
			return;
		}
		if (mode.type === 'problems') {
			const room = Math.max(1, height - statusHeight - 1);
			const last = Math.max(0, problemLines(startupProblems, width - 2).length - room);
			const to = (offset: number) => setMode({...mode, offset: Math.max(0, Math.min(last, offset))});
			if (key.upArrow) to(mode.offset - 1);
			else if (key.downArrow) to(mode.offset + 1);
			else if (key.pageUp) to(mode.offset - room);
			else if (key.pageDown || input === ' ') to(mode.offset + room);
			else if (key.escape || input === 'q' || key.return || (key.ctrl && input === 'c')) setMode(mode.back);
			return;
		}
		if (mode.type === 'key') {
			if (key.escape || (key.ctrl && input === 'c')) {
				if (controller.hasClient) setMode({type: 'chat'});
				else exit();
			} else if (key.return) submitKey(mode);
			else {
				const field = editField(mode.field, input, key);
				if (field) setMode({...mode, field, error: undefined});
			}
			return;
		}
		if (mode.type === 'name') {
			if (key.escape || (key.ctrl && input === 'c')) setMode(mode.back ?? {type: 'chat'});
			else if (key.return) submitName(mode);
			else {
				const field = editField(mode.field, input, key);
				if (field) setMode({...mode, field, error: undefined});
			}
			return;
		}
		if (mode.type === 'picker') {
			const entries = pickerEntries(mode.field.text);
			if (mode.confirmDelete) {
				if (input === 'y' || input === 'Y') {
					const id = mode.confirmDelete;
					const name = controller.conversations.find((each) => each.id === id)?.name ?? id;
					let deleted = false;
					switchTo(() => (deleted = controller.deleteConversation(id)));
					if (deleted) controller.say(`Deleted "${sanitizeLine(name)}".`);
					setMode({type: 'picker', field: mode.field, selected: Math.min(mode.selected, Math.max(0, entries.length - 2))});
				} else setMode({...mode, confirmDelete: undefined});
				return;
			}
			const selected = Math.min(mode.selected, Math.max(0, entries.length - 1));
			if (key.escape || (key.ctrl && input === 'c') || (key.ctrl && input === 'o')) setMode({type: 'chat'});
			else if (key.upArrow) setMode({...mode, selected: Math.max(0, selected - 1)});
			else if (key.downArrow) setMode({...mode, selected: Math.min(entries.length - 1, selected + 1)});
			else if (key.return) {
				const entry = entries[selected];
				if (entry) switchTo(() => controller.openConversation(entry.id));
				setMode({type: 'chat'});
			} else if (key.ctrl && input === 'r') {
				const entry = entries[selected];
				if (entry) setMode({type: 'name', purpose: 'rename', id: entry.id, field: createBuffer(controller.conversations.find((each) => each.id === entry.id)?.name ?? ''), back: mode});
			} else if (key.ctrl && input === 'x') {
				const entry = entries[selected];
				if (entry) setMode({...mode, selected, confirmDelete: entry.id});
			} else {
				const field = editField(mode.field, input, key);
				if (field && field.text !== mode.field.text) setMode({...mode, field: createBuffer(sanitizeLine(field.text), field.cursor), selected: 0});
				else if (field) setMode({...mode, field});
			}
		}
	});

	// ---- render --------------------------------------------------------------------------------
	const state = describeState(controller, active.id);
	shownShell.current = shellSignature(controller);
	const activePosition = controller.conversations.findIndex((each) => each.id === active.id) + 1;
	useRetryTicker(Boolean(streaming?.retry), () => forceRender((value) => value + 1));

	let body: React.ReactNode;
	const bodyHeight = height - statusHeight;
	if (mode.type === 'help') body = <Help width={width} height={bodyHeight} offset={mode.offset} />;
	else if (mode.type === 'problems') body = <Problems problems={startupProblems} width={width} height={bodyHeight} offset={mode.offset} />;
	else if (mode.type === 'key')
		body = (
			<Box height={bodyHeight} flexDirection="column">
				<LinePrompt
					width={width}
					title={mode.firstRun ? 'Welcome to glm-tui' : 'Change the API key'}
					lines={KEY_INTRO}
					label="API key: "
					mask="*"
					field={mode.field}
					error={mode.error}
					hint={mode.firstRun ? 'Enter saves · Esc quits' : 'Enter saves · Esc cancels'}
				/>
			</Box>
		);
	else if (mode.type === 'name')
		body = (
			<Box height={bodyHeight} flexDirection="column">
				<LinePrompt
					width={width}
					title={mode.purpose === 'new' ? 'New conversation' : 'Rename conversation'}
					label="Name: "
					field={mode.field}
					placeholder={mode.purpose === 'new' ? defaultName() : undefined}
					error={mode.error}
					hint="Enter confirms · Esc cancels"
				/>
			</Box>
		);
	else if (mode.type === 'picker') {
		const entries = pickerEntries(mode.field.text);
		const target = mode.confirmDelete ? controller.conversations.find((each) => each.id === mode.confirmDelete) : undefined;
		body = (
			<Picker
				width={width}
				height={bodyHeight}
				filter={mode.field}
				entries={entries}
				selected={Math.min(mode.selected, Math.max(0, entries.length - 1))}
				prompt={
					target ? (
						<Text color="red" wrap="truncate-end">
							{`Delete "${sanitizeLine(target.name)}" and its ${target.messageCount} messages? y deletes · any other key keeps it`}
						</Text>
					) : undefined
				}
			/>
		);
	} else
		body = (
			<>
				<Transcript rows={rowsNow()} height={transcriptHeight} width={width} top={transcriptTop} />
				{separatorHeight > 0 ? <Text dimColor>{'─'.repeat(width)}</Text> : null}
				<Composer
					width={width}
					rows={composerView.rows}
					cursorRow={composerView.cursorRow}
					cursorCol={composerView.cursorCol}
					top={transcriptHeight + separatorHeight}
					placeholder={controller.isStreaming() ? 'Esc stops the answer' : 'Message GLM · Enter sends · Ctrl+J new line'}
					active
					hiddenAbove={composerView.hiddenAbove}
					hiddenBelow={composerView.hiddenBelow}
				/>
			</>
		);

	return (
		<Box flexDirection="column" width={width} height={height}>
			{body}
			<StatusBar
				width={width}
				position={activePosition}
				name={sanitizeLine(active.name)}
				model={sanitizeLine(active.model)}
				state={state.text}
				stateTone={state.tone}
				tokens={tokens}
				others={others}
				notice={controller.notice}
				noticeAbove={noticeAbove}
			/>
		</Box>
	);
}

/** What the screen shows besides the transcript's text that streamed text can change. */
function shellSignature(controller: ChatController): string {
	const marks = controller.conversations.map((each) => (controller.isStreaming(each.id) ? 's' : controller.unread.has(each.id) ? 'u' : '-')).join('');
	return `${describeState(controller, controller.active.id).text}|${marks}`;
}

function describeState(controller: ChatController, id: string): {text: string; tone: 'idle' | 'busy' | 'error'} {
	const stream = controller.stream(id);
	if (stream?.retry) {
		const seconds = Math.max(0, Math.ceil((stream.retry.until - Date.now()) / 1000));
		return {text: `retry ${stream.retry.attempt} in ${seconds}s`, tone: 'error'};
	}
	if (stream) return {text: stream.answer.message.content ? '● streaming' : '● waiting', tone: 'busy'};
	if (!controller.hasClient) return {text: 'no key: /key', tone: 'error'};
	if (controller.readOnly) return {text: 'read-only', tone: 'error'};
	return {text: 'ready', tone: 'idle'};
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

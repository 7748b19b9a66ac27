// The root of the chat screen: lays out transcript, composer and status line, and routes every key.
import {runChatAction} from './chat-actions.js';
import {transcriptText} from './transcript-messages.js';
import {pickerText} from './components/screen-messages.js';
import {promptKey} from './modes/prompt.js';
import {pickerKey} from './modes/picker.js';
import React, {useEffect, useMemo, useRef, useState} from 'react';
import {Box, Text, useApp, useInput, useStdin, type Key} from 'ink';
import type {ChatController} from '../chat/controller.js';
import {holdHint, readSubmission, type SlashCommandName} from '../chat/slash-commands.js';
import {runSlash as runSlashCommand} from './slash-handlers.js';
import type {Mode} from './modes/mode.js';
import {chatLayout, composerMaxRows} from './layout.js';
import {helpKey, helpWheel, pageView, problemsKey} from './modes/page.js';
import {parseApiKey} from '../glm/api-key.js';
import {sanitizeLine} from '../text/sanitize.js';
import {osc52Copy} from '../terminal/screen.js';
import type {StdinFilter} from '../terminal/stdin-filter.js';
import type {MouseInput} from '../terminal/mouse.js';
import {useController} from './hooks/use-controller.js';
import {useTerminalSize} from './hooks/use-terminal-size.js';
import {useComposer} from './hooks/use-composer.js';
import {useHighlightAfterFirstFrame} from './hooks/use-highlight-after-first-frame.js';
import {TranscriptLines} from './transcript-lines.js';
import {slice, scroll, type ViewportPosition, type ViewportSource} from './viewport.js';
import {Transcript} from './components/Transcript.js';
import {transcriptRows} from './transcript-rows.js';
import {transcriptOverlay} from '../terminal/overlay.js';
import {Composer, COMPOSER_GUTTER} from './components/Composer.js';
import {StatusBar, noticeLines, statusRight} from './components/StatusBar.js';
import {Help, helpLines} from './components/Help.js';
import {Problems, problemLines} from './components/Problems.js';
import {Picker, type PickerEntry} from './components/Picker.js';
import {LinePrompt} from './components/LinePrompt.js';
import {keyIntroLines} from './key-intro.js';
import {wrap} from '../terminal/wrap.js';
import {LineInput} from './components/LineInput.js';
import {applyComposerCommand, composerCommand, findKey, globalAction} from './key-bindings.js';
import {TranscriptFind, formatMatchCount, pickerQueries} from './find.js';
import {createBuffer, emptyBuffer, type TextBuffer} from './text-buffer.js';
import {fieldCutNotice, insertInField, pasteInField, type FieldEdit} from './line-field.js';
import {statusText} from './status-messages.js';
import {appText} from './app-messages.js';
import {filesForQuestion} from '../chat/question-files.js';
import {versionOf} from '../chat/versions.js';
import type {AttachedFile} from '../domain/types.js';
import {filterConversations} from '../chat/search.js';
import {dateTime} from './format-time.js';
import {formatCount} from './format-count.js';
import {nameKey} from '../store/order.js';
import chalk from 'chalk';

export interface AppProps {
	controller: ChatController;
	stdin: StdinFilter;
	/** Wheel reports (terminal/mouse.ts); the mouse setting is read and changed through the two callbacks. */
	mouse?: MouseInput;
	mouseOn?: () => boolean;
	onMouse?: (on: boolean) => void;
	apiKeySource?: 'env' | 'settings' | undefined;
	onSaveKey: (key: string) => void;
	onRepaint: () => void;
	writeRaw: (sequence: string) => void;
	/** What the store could not use at start-up, each listed whole before the chat. */
	startupProblems?: readonly string[];
	/** Ctrl+Z: give the terminal back to the shell until `fg` (see terminal/job-control.ts). */
	onSuspend?: () => void;
	/** `/theme [dark|light|none]`: returns what to say (the theme in force, or the one just saved). */
	onTheme?: (theme: string) => {text: string; error?: boolean};
	/** `/lang`: switches and saves the interface language; the screen is redrawn in it at once. */
	onLanguage?: (argument: string) => {text: string; error?: boolean; changed?: boolean};
}

/** Lines one wheel notch scrolls, as most terminals and pagers do. */
const WHEEL_LINES = 3;

export function App({
	controller,
	stdin,
	mouse,
	mouseOn,
	onMouse,
	apiKeySource,
	onSaveKey,
	onRepaint,
	writeRaw,
	startupProblems = [],
	onSuspend,
	onTheme,
	onLanguage,
}: AppProps) {
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
	// Files `/file` set aside for the next question (chat/question-files.ts).
	const waitingFilesRef = useRef<AttachedFile[]>([]);
	// The question `/edit N` put in the composer: sending it makes a new version from there (chat/versions.ts).
	const editingRef = useRef<{conversation: string; id: string} | undefined>(undefined);

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
		// Deliberately not `active.messages`: that array changes with every streamed token.
		[active.id, active.messages.length, streaming === undefined],
	);
	const others = controller.conversations
		.map((summary, index) => ({summary, position: index + 1}))
		.filter(({summary}) => summary.id !== active.id && (controller.isStreaming(summary.id) || controller.unread.has(summary.id)))
		.map(({summary, position: at}) => ({
			position: at,
			mark: controller.isStreaming(summary.id) ? ('streaming' as const) : ('unread' as const),
		}));
	const noticeAbove =
		mode.type === 'chat' && controller.notice ? noticeLines(controller.notice.text, width, height, statusRight(tokens, others)) : [];
	const composerView = composer.view(composerMaxRows(height));
	const {statusHeight, separatorHeight, transcriptHeight, bodyHeight} = chatLayout(
		height,
		noticeAbove.length,
		mode.type === 'find' ? 1 : composerView.rows.length,
	);

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
		lines: (index) => lineCache.linesFor(messages[index]!, {width, showReasoning, number: index + 1, version: versionOf(active, index)}),
		before: (index) => (index === contextStart && index > 0 ? [chalk.dim(transcriptText.contextCut(index).slice(0, width)), ''] : []),
	};
	// ---- find ----------------------------------------------------------------------------------
	const finder = useMemo(() => new TranscriptFind(), []);
	const matchesFor = (query: string) => finder.matches(messages, query);
	if (mode.type === 'find') source.decorate = finder.decorator(source, mode.field.text, matchesFor(mode.field.text)[mode.current]);
	/** Shows match `current` of `field`'s text (the newest when `current` is undefined). */
	const findAt = (field: TextBuffer, origin: ViewportPosition, current?: number) => {
		const matches = matchesFor(field.text);
		const at = matches.length === 0 ? 0 : (((current ?? matches.length - 1) % matches.length) + matches.length) % matches.length;
		setMode({type: 'find', field, current: at, origin});
		setPosition(matches[at] ? finder.positionOf(source, matches[at], field.text, transcriptHeight) : origin);
	};

	// The transcript is the screen's first row down; its rows reach the screen through the overlay.
	const transcriptTop = 0;
	const rowsNow = () => {
		const view = slice(source, transcriptHeight, positions.current.get(active.id) ?? {follow: true});
		return transcriptRows({
			rows: view.rows,
			height: transcriptHeight,
			below: view.below,
			empty: messages.length === 0 ? appText.empty : undefined,
		});
	};

	// Streamed text: when nothing but the transcript's text changed, only its rows are redrawn (no render).
	const shownShell = useRef('');
	const redrawText = useRef<() => void>(() => {});
	redrawText.current = () => {
		// Only while the rendered rows read the conversation's messages array: one taken in from disk (another
		// glm-tui's change) replaces it, and the rows would redraw the old array's text for good.
		if (
			modeRef.current.type === 'chat' &&
			transcriptOverlay.attached &&
			controller.active.messages === messages &&
			shellSignature(controller) === shownShell.current
		) {
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

	const findAtRef = useRef(findAt);
	findAtRef.current = findAt;
	// Opened from the picker by a match in its text: shown at the first matching message (Ctrl+F finds more).
	const pendingFind = useRef<{id: string; queries: string[]} | undefined>(undefined);
	useEffect(() => {
		const pending = pendingFind.current;
		if (!pending || pending.id !== active.id || modeRef.current.type !== 'chat') return;
		pendingFind.current = undefined;
		for (const query of pending.queries) {
			const first = matchesFor(query)[0];
			if (!first) continue;
			setPosition(finder.positionOf(source, first, query, transcriptHeight));
			break;
		}
	});

	// ---- paste ---------------------------------------------------------------------------------
	useEffect(() => {
		// The composer takes a paste exactly as pasted (drawing neutralizes it); one-line fields take what fits.
		const onPaste = (text: string) => {
			const current = modeRef.current;
			if (current.type === 'chat') composer.insert(text);
			else if (current.type === 'key')
				setField(
					pasteInField(current.field, text, (head) => head.trim()),
					(field) => setMode({...current, field, error: undefined}),
				);
			else if (current.type === 'name')
				setField(pasteInField(current.field, text, sanitizeLine), (field) => setMode({...current, field, error: undefined}));
			else if (current.type === 'picker')
				setField(pasteInField(current.field, text, sanitizeLine), (field) => setMode({...current, field, selected: 0}));
			else if (current.type === 'find')
				setField(pasteInField(current.field, text, sanitizeLine), (field) => findAtRef.current(field, current.origin));
		};
		stdin.on('paste', onPaste);
		return () => {
			stdin.off('paste', onPaste);
		};
	}, [stdin, composer]);

	// ---- mouse wheel: scrolls what is shown, never touches the composer -------------------------
	const wheel = useRef<(direction: -1 | 1) => void>(() => {});
	wheel.current = (direction) => {
		const current = modeRef.current;
		if (current.type === 'chat') {
			setPosition(scroll(source, transcriptHeight, positions.current.get(active.id) ?? {follow: true}, direction * WHEEL_LINES));
		} else if (current.type === 'help') {
			setMode(helpWheel(current, direction * WHEEL_LINES, pageView(height, statusHeight, helpLines(width).length)));
		} else if (current.type === 'picker' && !current.confirmDelete) {
			// One entry per notch: the list is short, and the selection is what the wheel moves there.
			const count = pickerEntries(current.field.text).length;
			setMode({...current, selected: Math.max(0, Math.min(count - 1, current.selected + direction))});
		}
	};
	useEffect(() => {
		if (!mouse) return;
		const onWheel = ({direction}: {direction: -1 | 1}) => wheel.current(direction);
		mouse.on('wheel', onWheel);
		return () => {
			mouse.off('wheel', onWheel);
		};
	}, [mouse]);

	// ---- actions -------------------------------------------------------------------------------
	const lastAnswer = () => [...messages].reverse().find((each) => each.role === 'assistant' && each.content);

	const copyLastAnswer = () => {
		const answer = lastAnswer();
		if (!answer) return controller.say(appText.noAnswerToCopy);
		writeRaw(osc52Copy(answer.content));
		controller.say(appText.copiedAnswer(formatCount(answer.content.length)));
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
	const runSlash = (name: SlashCommandName, argument: string): boolean =>
		runSlashCommand(name, argument, {
			controller,
			active,
			position,
			apiKeySource,
			setMode,
			switchTo,
			createNamed,
			findAt,
			writeRaw,
			onTheme,
			onLanguage,
			waitingFiles: waitingFilesRef,
			editing: editingRef,
			insert: (text) => composer.insert(text),
			mouseOn,
			onMouse,
			exit,
		});

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
		const files = filesForQuestion(submission.text, waitingFilesRef.current, process.cwd());
		if ('problem' in files) {
			// Nothing is sent without the file it is about; the text stays to be corrected.
			controller.say(files.problem, 'error');
			return;
		}
		const editing = editingRef.current;
		const replacing = editing?.conversation === active.id ? messages.findIndex((each) => each.id === editing.id) : -1;
		if (controller.send(submission.text, files.files, replacing >= 0 ? replacing : undefined)) {
			waitingFilesRef.current = [];
			editingRef.current = undefined;
			composer.clear();
			setPosition({follow: true});
		}
	};

	const pickerEntries = (filter: string): PickerEntry[] =>
		filterConversations(controller.conversations, filter, (id) => controller.searchText(id)).map((summary) => ({
			id: summary.id,
			position: controller.conversations.indexOf(summary) + 1,
			name: sanitizeLine(summary.name),
			detail: pickerText.detail(summary.messageCount, dateTime(summary.updatedAt)),
			mark: controller.isStreaming(summary.id)
				? 'streaming'
				: controller.unread.has(summary.id)
					? 'unread'
					: summary.id === active.id
						? 'active'
						: undefined,
		}));

	// ---- keys ----------------------------------------------------------------------------------
	const handleGlobal = (input: string, key: Key): boolean => {
		if (key.ctrl && input === 't') {
			setShowReasoning((value) => !value);
			return true;
		}
		const action = globalAction(input, key, lastSequenceRef.current);
		if (!action) return false;
		return runChatAction(action, {
			controller,
			activeId: active.id,
			position,
			setPosition,
			scrollBy: (rows) => setPosition(scroll(source, transcriptHeight, position, rows)),
			page: Math.max(1, transcriptHeight - 2),
			setMode,
			findFrom: (origin) => findAt(emptyBuffer, origin),
			repaint: () => {
				onRepaint();
				forceRender((value) => value + 1);
			},
			switchTo,
			copyLastAnswer,
			composer,
			editing: editingRef,
			waitingFiles: waitingFilesRef,
			exit,
		});
	};

	/** Applies an editing key to a prompt's field; undefined when the key is not an edit. */
	const editField = (field: TextBuffer, input: string, key: Key): FieldEdit | undefined => {
		const command = composerCommand(input, key, lastSequenceRef.current);
		if (!command || command.type === 'submit' || command.type === 'newline' || command.type === 'up' || command.type === 'down')
			return undefined;
		if (command.type === 'insert') return command.text.includes('\n') ? {field, cut: false} : insertInField(field, command.text);
		const next = applyComposerCommand(field, command, Number.MAX_SAFE_INTEGER);
		return {field: next && !next.text.includes('\n') ? next : field, cut: false};
	};

	const setField = (edit: FieldEdit | undefined, apply: (field: TextBuffer) => void) => {
		if (!edit) return;
		apply(edit.field);
		if (edit.cut) controller.say(fieldCutNotice());
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
		controller.say(appText.keySaved);
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
		// In every mode, as in vim and less: the typed text and any dialog are there again after `fg`.
		if (key.ctrl && !key.meta && input === 'z' && onSuspend) {
			onSuspend();
			return;
		}
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
		if (mode.type === 'help' || mode.type === 'problems') {
			const next =
				mode.type === 'help'
					? helpKey(mode, input, key, pageView(height, statusHeight, helpLines(width).length), lastSequenceRef.current)
					: problemsKey(mode, input, key, pageView(height, statusHeight, problemLines(startupProblems, width - 2).length));
			if (next !== mode) setMode(next);
			return;
		}
		if (mode.type === 'key' || mode.type === 'name') {
			const step = promptKey(mode, input, key, controller.hasClient);
			if (step.effect === 'quit') exit();
			else if (step.effect === 'submit') {
				if (mode.type === 'key') submitKey(mode);
				else submitName(mode);
			} else if (step.effect === 'edit')
				setField(editField(mode.field, input, key), (field) => setMode({...mode, field, error: undefined}));
			else setMode(step.mode);
			return;
		}
		if (mode.type === 'find') {
			const action = findKey(input, key);
			if (action?.type === 'back') {
				setPosition(mode.origin);
				setMode({type: 'chat'});
			} else if (action?.type === 'stay') setMode({type: 'chat'});
			else if (action) findAt(mode.field, mode.origin, mode.current + (action.type === 'next' ? 1 : -1));
			else if (/^scroll/.test(globalAction(input, key, lastSequenceRef.current)?.type ?? '')) handleGlobal(input, key);
			else {
				setField(editField(mode.field, input, key), (field) => {
					if (field.text !== mode.field.text) findAt(createBuffer(sanitizeLine(field.text), field.cursor), mode.origin);
					else setMode({...mode, field});
				});
			}
			return;
		}
		if (mode.type === 'picker') {
			const step = pickerKey(
				mode,
				input,
				key,
				pickerEntries(mode.field.text).map((entry) => entry.id),
			);
			const effect = step.effect;
			if (effect?.type === 'filter') {
				setField(editField(mode.field, input, key), (field) => {
					if (field.text !== mode.field.text) setMode({...mode, field: createBuffer(sanitizeLine(field.text), field.cursor), selected: 0});
					else setMode({...mode, field});
				});
				return;
			}
			if (effect?.type === 'delete') {
				const name = controller.conversations.find((each) => each.id === effect.id)?.name ?? effect.id;
				let deleted = false;
				switchTo(() => {
					deleted = controller.deleteConversation(effect.id);
				});
				if (deleted) controller.say(appText.deleted(sanitizeLine(name)));
			} else if (effect?.type === 'open') {
				const summary = controller.conversations.find((each) => each.id === effect.id);
				if (summary) {
					const queries = pickerQueries(summary.name, summary.id, mode.field.text);
					pendingFind.current = queries.length > 0 ? {id: summary.id, queries} : undefined;
					switchTo(() => controller.openConversation(summary.id));
				}
			} else if (effect?.type === 'rename') {
				const name = controller.conversations.find((each) => each.id === effect.id)?.name ?? '';
				setMode({type: 'name', purpose: 'rename', id: effect.id, field: createBuffer(name), back: mode});
				return;
			}
			if (step.mode !== mode) setMode(step.mode);
		}
	});

	// ---- render --------------------------------------------------------------------------------
	const state = describeState(controller, active.id);
	shownShell.current = shellSignature(controller);
	const activePosition = controller.conversations.findIndex((each) => each.id === active.id) + 1;
	useRetryTicker(Boolean(streaming?.retry), () => forceRender((value) => value + 1));

	let body: React.ReactNode;
	if (mode.type === 'help') body = <Help width={width} height={bodyHeight} offset={mode.offset} />;
	else if (mode.type === 'problems') body = <Problems problems={startupProblems} width={width} height={bodyHeight} offset={mode.offset} />;
	else if (mode.type === 'key')
		body = (
			<Box height={bodyHeight} flexDirection="column" overflow="hidden">
				<LinePrompt
					width={width}
					title={mode.firstRun ? appText.welcome : appText.changeKey}
					// Title, blank row, field, hint and the error (if any) around it; paddingX takes two columns.
					lines={keyIntroLines(width - 2, bodyHeight - 4 - (mode.error ? wrap(mode.error, width - 2).length : 0))}
					label={appText.keyLabel}
					mask="*"
					field={mode.field}
					error={mode.error}
					hint={mode.firstRun ? appText.keyHintFirst : appText.keyHint}
				/>
			</Box>
		);
	else if (mode.type === 'name')
		body = (
			<Box height={bodyHeight} flexDirection="column">
				<LinePrompt
					width={width}
					title={mode.purpose === 'new' ? appText.newConversation : appText.renameConversation}
					label={appText.nameLabel}
					field={mode.field}
					placeholder={mode.purpose === 'new' ? defaultName() : undefined}
					error={mode.error}
					hint={appText.nameHint}
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
							{appText.confirmDelete(sanitizeLine(target.name), target.messageCount)}
						</Text>
					) : undefined
				}
			/>
		);
	} else if (mode.type === 'find') {
		const total = matchesFor(mode.field.text).length;
		body = (
			<>
				<Transcript rows={rowsNow()} height={transcriptHeight} width={width} top={transcriptTop} />
				{separatorHeight > 0 ? <Text dimColor>{'─'.repeat(width)}</Text> : null}
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
					placeholder={controller.isStreaming() ? statusText.composerStreaming : statusText.composer}
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
	const marks = controller.conversations
		.map((each) => (controller.isStreaming(each.id) ? 's' : controller.unread.has(each.id) ? 'u' : '-'))
		.join('');
	return `${describeState(controller, controller.active.id).text}|${marks}`;
}

function describeState(controller: ChatController, id: string): {text: string; tone: 'idle' | 'busy' | 'error'} {
	const stream = controller.stream(id);
	if (stream?.retry) {
		const seconds = Math.max(0, Math.ceil((stream.retry.until - Date.now()) / 1000));
		return {text: statusText.retry(stream.retry.attempt, seconds), tone: 'error'};
	}
	if (stream) return {text: stream.answer.message.content ? statusText.streaming : statusText.waiting, tone: 'busy'};
	const last = controller.active.id === id ? controller.active.messages.at(-1) : undefined;
	if (last?.state === 'streaming' && last.writer) return {text: statusText.finishingElsewhere, tone: 'busy'};
	if (!controller.hasClient) return {text: statusText.noKey, tone: 'error'};
	if (controller.readOnly) return {text: statusText.readOnly, tone: 'error'};
	return {text: statusText.ready, tone: 'idle'};
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

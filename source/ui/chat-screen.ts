// The chat screen's interaction model: which mode it is in, the composer, where each conversation's transcript is
// scrolled, and what a question in the making carries (files, the edit it replaces). Plain data and methods, no
// React: every key goes through `dispatch`, which changes the model synchronously, so keys read in one chunk see
// what the previous key left, by construction. App draws what `frame()` says and re-renders when it changes.
import type {Key} from 'ink';
import type {ChatController} from '../chat/controller.js';
import type {AttachedFile} from '../domain/types.js';
import {filterConversations} from '../chat/search.js';
import {versionOf} from '../chat/versions.js';
import {nameKey} from '../store/order.js';
import {sanitizeLine} from '../text/sanitize.js';
import {osc52Copy} from '../terminal/screen.js';
import {ComposerModel, type ComposerView} from './composer-model.js';
import {TranscriptLines} from './transcript-lines.js';
import {TranscriptFind} from './find.js';
import {transcriptRows} from './transcript-rows.js';
import {scroll, slice, type ViewportPosition, type ViewportSource} from './viewport.js';
import {chatLayout, composerMaxRows, type ChatLayout} from './layout.js';
import {noticeLines, statusRight} from './components/StatusBar.js';
import {COMPOSER_GUTTER} from './components/Composer.js';
import type {PickerEntry} from './components/Picker.js';
import {pickerText} from './components/screen-messages.js';
import {transcriptText} from './transcript-messages.js';
import {appText} from './app-messages.js';
import {dateTime} from './format-time.js';
import {formatCount} from './format-count.js';
import {emptyBuffer, type TextBuffer} from './text-buffer.js';
import {describeState, otherConversations, shellSignature, type OtherConversation} from './screen-state.js';
import type {Mode} from './modes/mode.js';
import {chatModeKey} from './modes/chat.js';
import {findModeKey, findAt} from './modes/find.js';
import {pickerModeKey} from './modes/picker.js';
import {promptModeKey} from './modes/prompt.js';
import {pageModeKey, pageModeWheel} from './modes/page.js';
import {pasteIntoField} from './modes/field.js';
import chalk from 'chalk';

/** What the screen needs from outside: the controller and what only the program around it can do. */
export interface ScreenPorts {
	readonly controller: ChatController;
	readonly apiKeySource?: 'env' | 'settings' | undefined;
	/** What the store could not use at start-up, each listed whole before the chat. */
	readonly startupProblems: readonly string[];
	onSaveKey(key: string): void;
	/** Clears the terminal so the next frame is drawn from scratch (Ctrl+L). */
	onRepaint(): void;
	writeRaw(sequence: string): void;
	exit(): void;
	/** Ctrl+Z: give the terminal back to the shell until `fg` (see terminal/job-control.ts). */
	onSuspend?: (() => void) | undefined;
	/** `/theme [dark|light|none]`: returns what to say (the theme in force, or the one just saved). */
	onTheme?: ((theme: string) => {text: string; error?: boolean}) | undefined;
	/** `/lang`: switches and saves the interface language; the screen is redrawn in it at once. */
	onLanguage?: ((argument: string) => {text: string; error?: boolean; changed?: boolean}) | undefined;
	/** The mouse setting (wheel reporting), read and changed. */
	mouseOn?: (() => boolean) | undefined;
	onMouse?: ((on: boolean) => void) | undefined;
}

/** Everything one frame draws, worked out once per render. */
export interface ChatFrame extends ChatLayout {
	readonly width: number;
	readonly height: number;
	readonly noticeAbove: string[];
	readonly composer: ComposerView;
	readonly tokens: number;
	readonly others: OtherConversation[];
	readonly state: ReturnType<typeof describeState>;
	/** The active conversation's number in the list, from 1. */
	readonly position: number;
}

/** Lines one wheel notch scrolls, as most terminals and pagers do. */
const WHEEL_LINES = 3;

export class ChatScreen {
	mode: Mode;
	showReasoning = false;
	readonly composer: ComposerModel;
	readonly finder = new TranscriptFind();
	/** Files `/file` set aside for the next question (chat/question-files.ts). */
	readonly waitingFiles: {current: AttachedFile[]} = {current: []};
	/** The question `/edit N` put in the composer: sending it makes a new version from there (chat/versions.ts). */
	readonly editing: {current: {conversation: string; id: string} | undefined} = {current: undefined};
	/** The text Enter last held back (an unknown /word): the very same text entered again is sent as a message. */
	held: {text: string; id: string} | undefined;
	private width = 1;
	private height = 1;
	private readonly positions = new Map<string, ViewportPosition>();
	private readonly lineCache = new TranscriptLines();
	private linesOf: string | undefined;
	private version = 0;
	private readonly listeners = new Set<() => void>();
	private tokenSum = {key: '', value: 0};
	/** What the last frame drew from: streamed text alone may be redrawn only while these still hold. */
	private drawn = {messages: undefined as unknown, shell: '', transcriptHeight: 0};

	constructor(readonly ports: ScreenPorts) {
		this.composer = new ComposerModel(ports.controller, () => this.changed());
		const first: Mode = ports.controller.hasClient ? {type: 'chat'} : {type: 'key', field: emptyBuffer, firstRun: true};
		this.mode = ports.startupProblems.length > 0 ? {type: 'problems', offset: 0, back: first} : first;
	}

	get controller(): ChatController {
		return this.ports.controller;
	}

	// ---- React's view of the model -----------------------------------------------------------------------------
	subscribe = (listener: () => void): (() => void) => {
		this.listeners.add(listener);
		return () => this.listeners.delete(listener);
	};

	getVersion = (): number => this.version;

	changed(): void {
		this.version++;
		for (const listener of this.listeners) listener();
	}

	/** The terminal's size; the frame is one row shorter (one as tall as the screen makes ink clear every time). */
	resize(columns: number, rows: number): void {
		this.width = Math.max(1, columns);
		this.height = Math.max(1, rows - 1);
		this.composer.width = Math.max(1, this.width - COMPOSER_GUTTER);
	}

	// ---- input ---------------------------------------------------------------------------------------------------
	/** One key; `sequence` is the raw bytes it came from (F1 and forward Delete need them). */
	dispatch(input: string, key: Key, sequence?: string): void {
		// In every mode, as in vim and less: the typed text and any dialog are there again after `fg`.
		if (key.ctrl && !key.meta && input === 'z' && this.ports.onSuspend) {
			this.ports.onSuspend();
			return;
		}
		const mode = this.mode;
		if (mode.type === 'chat') chatModeKey(this, input, key, sequence);
		else if (mode.type === 'help' || mode.type === 'problems') pageModeKey(this, mode, input, key, sequence);
		else if (mode.type === 'key' || mode.type === 'name') promptModeKey(this, mode, input, key, sequence);
		else if (mode.type === 'find') findModeKey(this, mode, input, key, sequence);
		else pickerModeKey(this, mode, input, key, sequence);
	}

	/** A bracketed paste: the composer takes it exactly as pasted (drawing neutralizes it); fields what fits. */
	paste(text: string): void {
		const mode = this.mode;
		if (mode.type === 'chat') this.composer.insert(text);
		else if (mode.type === 'key' || mode.type === 'name' || mode.type === 'picker' || mode.type === 'find')
			pasteIntoField(this, mode, text);
	}

	/** A wheel notch: scrolls what is shown, never touches the composer. */
	wheel(direction: -1 | 1): void {
		const mode = this.mode;
		if (mode.type === 'chat') this.scrollBy(direction * WHEEL_LINES);
		else if (mode.type === 'help') pageModeWheel(this, mode, direction * WHEEL_LINES);
		else if (mode.type === 'picker' && !mode.confirmDelete) {
			// One entry per notch: the list is short, and the selection is what the wheel moves there.
			const count = this.pickerEntries(mode.field.text).length;
			this.setMode({...mode, selected: Math.max(0, Math.min(count - 1, mode.selected + direction))});
		}
	}

	/**
	 * Streamed text of the active conversation arrived: true when only the transcript's rows need redrawing (the
	 * rest of the frame is as drawn, and `rowsAlone`: the terminal can take them so), false when it took a render.
	 * Only while the drawn rows read the conversation's messages array: one taken in from disk (another glm-tui's
	 * change) replaces it, and the rows would redraw the old array's text for good.
	 */
	textChanged(rowsAlone: boolean): boolean {
		const controller = this.controller;
		const same = controller.active.messages === this.drawn.messages && shellSignature(controller) === this.drawn.shell;
		if (rowsAlone && this.mode.type === 'chat' && same) return true;
		this.changed();
		return false;
	}

	// ---- what the mode handlers use ---------------------------------------------------------------------------
	setMode(next: Mode): void {
		this.mode = next;
		this.changed();
	}

	position(): ViewportPosition {
		return this.positions.get(this.controller.active.id) ?? {follow: true};
	}

	setPosition(next: ViewportPosition): void {
		this.positions.set(this.controller.active.id, next);
		this.changed();
	}

	scrollBy(rows: number): void {
		this.setPosition(scroll(this.source(), this.layout().transcriptHeight, this.position(), rows));
	}

	/** The terminal's frame: what pages (help, problems) size themselves by. */
	size(): {width: number; height: number} {
		return {width: this.width, height: this.height};
	}

	/** Saves the composer's draft, runs the action, loads the draft of the conversation now shown. */
	switchTo(action: () => void): void {
		this.composer.saveDraft();
		action();
		this.composer.loadDraft();
	}

	/** Creates a conversation (the next free "chat N" for an empty name); the error text when it could not. */
	createNamed(name: string): string | undefined {
		try {
			this.switchTo(() => this.controller.createConversation(name.trim() || this.defaultName()));
			return undefined;
		} catch (error) {
			return sanitizeLine(error instanceof Error ? error.message : String(error));
		}
	}

	defaultName(): string {
		const conversations = this.controller.conversations;
		const taken = new Set(conversations.map((each) => nameKey(each.name)));
		for (let n = conversations.length + 1; ; n++) if (!taken.has(`chat ${n}`)) return `chat ${n}`;
	}

	copyLastAnswer(): void {
		const messages = this.controller.active.messages;
		let at = messages.length - 1;
		while (at >= 0 && !(messages[at]!.role === 'assistant' && messages[at]!.content)) at--;
		const answer = messages[at];
		if (!answer) return this.controller.say(appText.noAnswerToCopy);
		this.ports.writeRaw(osc52Copy(answer.content));
		this.controller.say(appText.copiedAnswer(formatCount(answer.content.length)));
	}

	/** Shows match `current` of `field`'s text (the newest when undefined), from find mode. */
	findAt(field: TextBuffer, origin: ViewportPosition, current?: number): void {
		findAt(this, field, origin, current);
	}

	findMatches(query: string) {
		return this.finder.matches(this.controller.active.messages, query);
	}

	/** Scrolls the transcript so that the first match of the first query that has one is in view. */
	showFirstMatch(queries: readonly string[]): void {
		for (const query of queries) {
			const first = this.findMatches(query)[0];
			if (!first) continue;
			this.setPosition(this.finder.positionOf(this.source(), first, query, this.layout().transcriptHeight));
			return;
		}
	}

	pickerEntries(filter: string): PickerEntry[] {
		const controller = this.controller;
		const activeId = controller.active.id;
		return filterConversations(controller.conversations, filter, (id) => controller.searchText(id)).map((summary) => ({
			id: summary.id,
			position: controller.conversations.indexOf(summary) + 1,
			name: sanitizeLine(summary.name),
			detail: pickerText.detail(summary.messageCount, dateTime(summary.updatedAt)),
			mark: controller.isStreaming(summary.id)
				? 'streaming'
				: controller.unread.has(summary.id)
					? 'unread'
					: summary.id === activeId
						? 'active'
						: undefined,
		}));
	}

	// ---- what is drawn ------------------------------------------------------------------------------------------
	layout(): ChatLayout & {noticeAbove: string[]; composer: ComposerView; tokens: number; others: OtherConversation[]} {
		const controller = this.controller;
		const tokens = this.tokens();
		const others = otherConversations(controller);
		const notice = controller.notice;
		const noticeAbove =
			this.mode.type === 'chat' && notice ? noticeLines(notice.text, this.width, this.height, statusRight(tokens, others)) : [];
		const composer = this.composer.view(composerMaxRows(this.height));
		const rows = chatLayout(this.height, noticeAbove.length, this.mode.type === 'find' ? 1 : composer.rows.length);
		return {...rows, noticeAbove, composer, tokens, others};
	}

	/** The frame to draw now; remembers what it drew from, for `textChanged`. */
	frame(): ChatFrame {
		const controller = this.controller;
		const active = controller.active;
		const layout = this.layout();
		this.drawn = {messages: active.messages, shell: shellSignature(controller), transcriptHeight: layout.transcriptHeight};
		return {
			...layout,
			width: this.width,
			height: this.height,
			state: describeState(controller, active.id),
			position: controller.conversations.findIndex((each) => each.id === active.id) + 1,
		};
	}

	/** The active conversation's transcript as the viewport reads it, with find's highlighting in find mode. */
	source(): ViewportSource {
		const active = this.controller.active;
		// Rendered lines of the conversation left behind are not needed any more; only visible ones get re-rendered.
		if (this.linesOf !== active.id) {
			this.linesOf = active.id;
			this.lineCache.clear();
		}
		const contextStart = this.controller.contextStart.get(active.id) ?? 0;
		const messages = active.messages;
		const {width, showReasoning} = this;
		const source: ViewportSource = {
			count: messages.length,
			lines: (index) =>
				this.lineCache.linesFor(messages[index]!, {width, showReasoning, number: index + 1, version: versionOf(active, index)}),
			before: (index) => (index === contextStart && index > 0 ? [chalk.dim(transcriptText.contextCut(index).slice(0, width)), ''] : []),
		};
		const mode = this.mode;
		if (mode.type === 'find')
			source.decorate = this.finder.decorator(source, mode.field.text, this.findMatches(mode.field.text)[mode.current]);
		return source;
	}

	/** The transcript's rows as they go on screen, `height` of them (the last frame's room for them). */
	transcriptRows(height = this.drawn.transcriptHeight): string[] {
		const view = slice(this.source(), height, this.position());
		const empty = this.controller.active.messages.length === 0 ? appText.empty : undefined;
		return transcriptRows({rows: view.rows, height, below: view.below, empty});
	}

	// Usage only changes when an answer ends, so the sum is not redone per streamed token.
	private tokens(): number {
		const active = this.controller.active;
		const key = `${active.id}|${active.messages.length}|${this.controller.stream() === undefined}`;
		if (this.tokenSum.key !== key) {
			this.tokenSum = {key, value: active.messages.reduce((sum, each) => sum + (each.usage?.totalTokens ?? 0), 0)};
		}
		return this.tokenSum.value;
	}
}

// The composer's state for the active conversation: text, cursor, scroll, input history and drafts. Plain data
// and methods (no React), so the chat screen's model can change it synchronously for each key of one read.
import type {Key} from 'ink';
import type {ChatController} from '../chat/controller.js';
import {clear as emptyState, createBuffer, insert as insertText, layoutWindow, type TextBuffer} from './text-buffer.js';
import {createHistory, historyNext, historyPrev, historyPush, type History} from './input-history.js';
import {applyComposerCommand, composerCommand} from './key-bindings.js';
import {completePath, mentionAt} from '../chat/path-completion.js';
import {attachmentText} from '../chat/attachment-messages.js';
import {sanitizeLine} from '../text/sanitize.js';

/** The last hundred questions of the open conversation, for Up/Down. */
function inputHistory(controller: ChatController): History {
	const questions: string[] = [];
	const messages = controller.messages;
	for (let index = messages.length - 1; index >= 0 && questions.length < 100; index--) {
		if (messages[index]!.role === 'user') questions.unshift(messages[index]!.content);
	}
	return createHistory(questions);
}

export interface ComposerView {
	rows: string[];
	cursorRow: number;
	cursorCol: number;
	/** Rows of the text are hidden above / below the shown ones. */
	hiddenAbove: boolean;
	hiddenBelow: boolean;
}

export class ComposerModel {
	/** Columns the text wraps at; the screen sets it on every resize. */
	width = 1;
	private buffer: TextBuffer;
	// Offset of the first shown row: the view scrolls only when the cursor leaves it.
	private anchor = 0;
	private history: History;
	private lastView: {buffer: TextBuffer; maxRows: number; width: number; view: ComposerView} | undefined;

	constructor(
		private readonly controller: ChatController,
		private readonly changed: () => void,
	) {
		this.buffer = createBuffer(controller.active.draft ?? '');
		this.history = inputHistory(controller);
	}

	text(): string {
		return this.buffer.text;
	}

	isEmpty(): boolean {
		return this.buffer.text === '';
	}

	clear(): void {
		this.update(emptyState());
	}

	insert(text: string): void {
		this.update(insertText(this.buffer, text));
	}

	remember(text: string): void {
		this.history = historyPush(this.history, text);
	}

	saveDraft(): void {
		this.controller.setDraft(this.buffer.text);
	}

	loadDraft(): void {
		this.update(createBuffer(this.controller.active.draft ?? ''));
		this.anchor = 0;
		this.history = inputHistory(this.controller);
	}

	handleKey(input: string, key: Key, sequence: string | undefined): void {
		if (key.tab && !key.shift && !key.ctrl && !key.meta) {
			this.completeMention();
			return;
		}
		// Over a slow link the keys typed before Tab can come in the same read: the text, then the Tab.
		if (input.length > 1 && input.endsWith('\t') && !key.ctrl && !key.meta) {
			this.insert(input.slice(0, -1));
			if (mentionAt(this.buffer.text, this.buffer.cursor)) this.completeMention();
			else this.insert('\t');
			return;
		}
		const command = composerCommand(input, key, sequence);
		if (!command) return;
		const next = applyComposerCommand(this.buffer, command, this.width);
		if (next) this.update(next);
		else if (command.type === 'up') this.historyUp();
		else if (command.type === 'down') {
			const step = historyNext(this.history);
			if (step) {
				this.history = step.history;
				this.update(createBuffer(step.text));
			}
		}
	}

	/** The rows to draw; the layout is redone only when the text, cursor or room changed, not per render. */
	view(maxRows: number): ComposerView {
		const last = this.lastView;
		if (last && last.buffer === this.buffer && last.maxRows === maxRows && last.width === this.width) return last.view;
		const layout = layoutWindow(this.buffer, this.width, maxRows, this.anchor);
		this.anchor = layout.anchor;
		const view = {
			rows: layout.lines,
			cursorRow: layout.cursorRow,
			cursorCol: layout.cursorCol,
			hiddenAbove: layout.above,
			hiddenBelow: layout.below,
		};
		this.lastView = {buffer: this.buffer, maxRows, width: this.width, view};
		return view;
	}

	// Every change goes to the controller's draft too (memory only), so a dropped SSH session saves it.
	private update(next: TextBuffer): void {
		this.buffer = next;
		this.controller.setDraft(next.text);
		this.changed();
	}

	private historyUp(): void {
		const text = this.buffer.text;
		let step = historyPrev(this.history, text);
		// A text held back by Enter (an unknown /word) is both in the composer and the newest entry: Up goes on to
		// the one before, instead of seeming to do nothing.
		if (step && step.text === text) step = historyPrev(step.history, text) ?? step;
		if (step) {
			this.history = step.history;
			this.update(createBuffer(step.text));
		}
	}

	// Tab after `@` completes a file path (chat/path-completion.ts); several fits are listed in the notice line.
	private completeMention(): void {
		const {text, cursor} = this.buffer;
		const mention = mentionAt(text, cursor);
		if (mention === undefined) return;
		const completion = completePath(text, cursor, {cwd: process.cwd(), limit: 12});
		if (completion === undefined) {
			this.controller.say(attachmentText.noFit(sanitizeLine(`@${mention.written}`)));
			return;
		}
		this.update(
			createBuffer(
				text.slice(0, completion.from) + completion.insert + text.slice(completion.to),
				completion.from + completion.insert.length,
			),
		);
		if (completion.count > 1) {
			const names = completion.choices.map((name) => sanitizeLine(name)).join('  ');
			this.controller.say(attachmentText.fits(completion.count, completion.count > completion.choices.length ? `${names}  …` : names));
		} else this.controller.clearNotice();
	}
}

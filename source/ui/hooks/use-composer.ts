import {useMemo, useRef, useState} from 'react';
import type {Key} from 'ink';
import type {ChatController} from '../../chat/controller.js';
import {clear as emptyState, createBuffer, insert as insertText, layoutWindow, type TextBuffer} from '../text-buffer.js';
import {createHistory, historyNext, historyPrev, historyPush, type History} from '../input-history.js';
import {applyComposerCommand, composerCommand} from '../key-bindings.js';
import {completePath, mentionAt} from '../../chat/path-completion.js';
import {attachmentText} from '../../chat/attachment-messages.js';
import {sanitizeLine} from '../../text/sanitize.js';

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

/** The composer's state for the active conversation: text, cursor, scroll, history and drafts. */
export function useComposer(controller: ChatController, width: number, lastSequence: () => string | undefined) {
	const [buffer, setBuffer] = useState<TextBuffer>(() => createBuffer(controller.active.draft ?? ''));
	const bufferRef = useRef(buffer);
	bufferRef.current = buffer;
	// Offset of the first shown row: the view scrolls only when the cursor leaves it.
	const anchorRef = useRef(0);
	const viewRef = useRef<{buffer: TextBuffer; maxRows: number; width: number; view: ComposerView} | undefined>(undefined);
	// Built once, not on every render: the filter walks every message of the conversation.
	const [initialHistory] = useState(() => inputHistory(controller));
	const historyRef = useRef<History>(initialHistory);

	// Every change goes to the controller's draft too (memory only), so a dropped SSH session saves it.
	const update = (next: TextBuffer) => {
		bufferRef.current = next;
		setBuffer(next);
		controller.setDraft(next.text);
	};

	// Tab after `@` completes a file path (chat/path-completion.ts); several fits are listed in the notice line.
	const completeMention = () => {
		const {text, cursor} = bufferRef.current;
		const mention = mentionAt(text, cursor);
		if (mention === undefined) return;
		const completion = completePath(text, cursor, {cwd: process.cwd(), limit: 12});
		if (completion === undefined) {
			controller.say(attachmentText.noFit(sanitizeLine(`@${mention.written}`)));
			return;
		}
		update(
			createBuffer(
				text.slice(0, completion.from) + completion.insert + text.slice(completion.to),
				completion.from + completion.insert.length,
			),
		);
		if (completion.count > 1) {
			const names = completion.choices.map((name) => sanitizeLine(name)).join('  ');
			controller.say(attachmentText.fits(completion.count, completion.count > completion.choices.length ? `${names}  …` : names));
		} else controller.clearNotice();
	};

	return useMemo(
		() => ({
			text: () => bufferRef.current.text,
			isEmpty: () => bufferRef.current.text === '',
			clear: () => update(emptyState()),
			insert: (text: string) => update(insertText(bufferRef.current, text)),
			remember: (text: string) => {
				historyRef.current = historyPush(historyRef.current, text);
			},
			saveDraft: () => controller.setDraft(bufferRef.current.text),
			loadDraft: () => {
				const draft = controller.active.draft ?? '';
				update(createBuffer(draft));
				anchorRef.current = 0;
				historyRef.current = inputHistory(controller);
			},
			handleKey: (input: string, key: Key) => {
				if (key.tab && !key.shift && !key.ctrl && !key.meta) {
					completeMention();
					return;
				}
				// Over a slow link the keys typed before Tab can come in the same read: the text, then the Tab.
				if (input.length > 1 && input.endsWith('\t') && !key.ctrl && !key.meta) {
					update(insertText(bufferRef.current, input.slice(0, -1)));
					if (mentionAt(bufferRef.current.text, bufferRef.current.cursor)) completeMention();
					else update(insertText(bufferRef.current, '\t'));
					return;
				}
				const command = composerCommand(input, key, lastSequence());
				if (!command) return;
				const next = applyComposerCommand(bufferRef.current, command, width);
				if (next) {
					update(next);
					return;
				}
				if (command.type === 'up') {
					let step = historyPrev(historyRef.current, bufferRef.current.text);
					// A text held back by Enter (an unknown /word) is both in the composer and the newest entry: Up
					// goes on to the one before, instead of seeming to do nothing.
					if (step && step.text === bufferRef.current.text) step = historyPrev(step.history, bufferRef.current.text) ?? step;
					if (step) {
						historyRef.current = step.history;
						update(createBuffer(step.text));
					}
				} else if (command.type === 'down') {
					const step = historyNext(historyRef.current);
					if (step) {
						historyRef.current = step.history;
						update(createBuffer(step.text));
					}
				}
			},
			view: (maxRows: number): ComposerView => {
				// The App renders for many reasons (streamed text, the clock); the layout is redone only when
				// the composer's text, cursor or room changed.
				const current = bufferRef.current;
				const last = viewRef.current;
				if (last && last.buffer === current && last.maxRows === maxRows && last.width === width) return last.view;
				const layout = layoutWindow(current, width, maxRows, anchorRef.current);
				anchorRef.current = layout.anchor;
				const view = {
					rows: layout.lines,
					cursorRow: layout.cursorRow,
					cursorCol: layout.cursorCol,
					hiddenAbove: layout.above,
					hiddenBelow: layout.below,
				};
				viewRef.current = {buffer: current, maxRows, width, view};
				return view;
			},
		}),
		// Everything reads the refs, so the object stays the same across keystrokes.
		[controller, width, lastSequence],
	);
}

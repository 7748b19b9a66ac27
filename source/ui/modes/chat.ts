// Keys on the chat screen itself: the screen's actions (chat-actions.ts), Enter to send or run a slash command,
// and everything else to the composer.
import type {Key} from 'ink';
import type {ChatScreen} from '../chat-screen.js';
import {globalAction} from '../key-bindings.js';
import {runChatAction} from '../chat-actions.js';
import {runSlash} from '../slash-handlers.js';
import {holdHint, readSubmission, type SlashCommandName} from '../../chat/slash-commands.js';
import {filesForQuestion} from '../../chat/question-files.js';
import {sanitizeLine} from '../../text/sanitize.js';
import {emptyBuffer} from '../text-buffer.js';

export function chatModeKey(screen: ChatScreen, input: string, key: Key, sequence?: string): void {
	const controller = screen.controller;
	if (controller.notice && !key.escape) controller.clearNotice();
	if (runChatKey(screen, input, key, sequence)) return;
	if (key.return && !key.meta && !key.shift) submit(screen);
	else screen.composer.handleKey(input, key, sequence);
}

/** A screen action (scrolling, switching, help...); false when the key is not one. */
export function runChatKey(screen: ChatScreen, input: string, key: Key, sequence?: string): boolean {
	if (key.ctrl && input === 't') {
		screen.showReasoning = !screen.showReasoning;
		screen.changed();
		return true;
	}
	const action = globalAction(input, key, sequence);
	if (!action) return false;
	const {controller, composer, ports} = screen;
	return runChatAction(action, {
		controller,
		activeId: controller.active.id,
		position: screen.position(),
		setPosition: (position) => screen.setPosition(position),
		scrollBy: (rows) => screen.scrollBy(rows),
		page: Math.max(1, screen.layout().transcriptHeight - 2),
		setMode: (mode) => screen.setMode(mode),
		findFrom: (origin) => screen.findAt(emptyBuffer, origin),
		repaint: () => {
			ports.onRepaint();
			screen.changed();
		},
		switchTo: (action) => screen.switchTo(action),
		copyLastAnswer: () => screen.copyLastAnswer(),
		composer,
		editing: screen.editing,
		waitingFiles: screen.waitingFiles,
		exit: ports.exit,
	});
}

/** Enter: runs a slash command, holds back an unknown /word once, or sends the question with its files. */
function submit(screen: ChatScreen): void {
	const {controller, composer} = screen;
	const active = controller.active;
	const text = composer.text();
	if (text.trim() === '') return;
	const submission = readSubmission(text, screen.held?.id === active.id ? screen.held.text : undefined);
	screen.held = undefined;
	// Whatever was entered can be brought back with Up, run, held or sent.
	composer.remember(text);
	if (submission.type === 'hold') {
		screen.held = {text, id: active.id};
		controller.say(holdHint(submission.reason, sanitizeLine(submission.name)));
		return;
	}
	if (submission.type === 'command') {
		// Cleared first: a command that switches conversation must not leave itself behind as a draft.
		composer.clear();
		if (!runCommand(screen, submission.name, submission.argument)) composer.insert(text);
		return;
	}
	const files = filesForQuestion(submission.text, screen.waitingFiles.current, process.cwd());
	if ('problem' in files) {
		// Nothing is sent without the file it is about; the text stays to be corrected.
		controller.say(files.problem, 'error');
		return;
	}
	const editing = screen.editing.current;
	const replacing = editing?.conversation === active.id ? active.messages.findIndex((each) => each.id === editing.id) : -1;
	if (controller.send(submission.text, files.files, replacing >= 0 ? replacing : undefined)) {
		screen.waitingFiles.current = [];
		screen.editing.current = undefined;
		composer.clear();
		screen.setPosition({follow: true});
	}
}

/** Runs a command; false when it failed and its text should go back into the composer. */
function runCommand(screen: ChatScreen, name: SlashCommandName, argument: string): boolean {
	const {controller, ports} = screen;
	return runSlash(name, argument, {
		controller,
		active: controller.active,
		position: screen.position(),
		apiKeySource: ports.apiKeySource,
		setMode: (mode) => screen.setMode(mode),
		switchTo: (action) => screen.switchTo(action),
		createNamed: (name) => screen.createNamed(name),
		findAt: (field, origin) => screen.findAt(field, origin),
		writeRaw: ports.writeRaw,
		onTheme: ports.onTheme,
		onLanguage: ports.onLanguage,
		waitingFiles: screen.waitingFiles,
		editing: screen.editing,
		insert: (text) => screen.composer.insert(text),
		mouseOn: ports.mouseOn,
		onMouse: ports.onMouse,
		exit: ports.exit,
	});
}

// What each slash command does on the chat screen, one handler per command. The table is keyed by every
// SlashCommandName, so a command added to SLASH_COMMANDS without a handler here does not compile.
import type {ChatController} from '../chat/controller.js';
import {parseFork, parseOnOff, parseSetting, type SlashCommandName} from '../chat/slash-commands.js';
import {describeSettings, describeSystem, describeTemperature, describeThinking} from '../chat/settings-summary.js';
import {exportMarkdown} from '../chat/export.js';
import {copyTarget} from '../chat/copy-target.js';
import {describeCandidates, findConversation} from '../chat/find-conversation.js';
import type {AttachedFile, Conversation} from '../domain/types.js';
import {readFiles} from '../chat/question-files.js';
import {attachmentSummary} from '../chat/attachments.js';
import {attachmentText} from '../chat/attachment-messages.js';
import {appText} from './app-messages.js';
import {describeFileError} from '../store/errors.js';
import {sanitizeLine} from '../text/sanitize.js';
import {osc52Copy} from '../terminal/screen.js';
import {createBuffer, emptyBuffer, type TextBuffer} from './text-buffer.js';
import type {ViewportPosition} from './viewport.js';
import {formatCount} from './format-count.js';
import type {Mode} from './modes/mode.js';

/** What a handler may touch: the controller and the few screen actions App owns. */
export interface SlashContext {
	readonly controller: ChatController;
	readonly active: Conversation;
	readonly position: ViewportPosition;
	readonly apiKeySource?: 'env' | 'settings' | undefined;
	setMode(next: Mode): void;
	/** Saves the composer's draft, runs the action, loads the draft of the conversation now shown. */
	switchTo(action: () => void): void;
	/** Creates a conversation; the error text when it could not. */
	createNamed(name: string): string | undefined;
	findAt(field: TextBuffer, origin: ViewportPosition): void;
	writeRaw(sequence: string): void;
	onTheme?: (theme: string) => {text: string; error?: boolean};
	onLanguage?: (argument: string) => {text: string; error?: boolean; changed?: boolean};
	/** Files `/file` set aside for the next question (chat/question-files.ts). */
	readonly waitingFiles: {current: AttachedFile[]};
	/** The question `/edit N` put in the composer: sending it makes a new version from there (chat/versions.ts). */
	readonly editing: {current: {conversation: string; id: string} | undefined};
	/** Puts text in the composer (it is empty when a command runs). */
	insert(text: string): void;
	mouseOn?: () => boolean;
	onMouse?: (on: boolean) => void;
	exit(): void;
	/** Says the error; the command's text goes back into the composer. */
	fail(text: string): void;
}

export type SlashHandler = (argument: string, c: SlashContext) => void;

const message = (error: unknown) => sanitizeLine(error instanceof Error ? error.message : String(error));

export const SLASH_HANDLERS: {readonly [N in SlashCommandName]: SlashHandler} = {
	new(argument, c) {
		if (argument) {
			const error = c.createNamed(argument);
			if (error) c.fail(error);
		} else c.setMode({type: 'name', purpose: 'new', field: emptyBuffer});
	},
	open(argument, {controller, switchTo, fail}) {
		const found = findConversation(controller.conversations, argument);
		if (found.type === 'found') switchTo(() => controller.openConversation(found.conversation.id));
		else if (found.type === 'ambiguous') fail(describeCandidates(argument, found.candidates));
		else if (!argument) fail(appText.openUsage);
		else if (/^\d+$/.test(argument)) fail(appText.noConversationNumber(argument, controller.conversations.length));
		else fail(appText.noConversationMatch(sanitizeLine(argument)));
	},
	rename(argument, {controller, active, setMode, fail}) {
		if (argument) {
			try {
				controller.renameConversation(active.id, argument);
			} catch (error) {
				fail(message(error));
			}
		} else setMode({type: 'name', purpose: 'rename', id: active.id, field: createBuffer(active.name)});
	},
	fork(argument, {controller, active, switchTo, fail}) {
		const {upTo, name: forkName} = parseFork(argument);
		if (upTo !== undefined && (upTo < 1 || upTo > active.messages.length)) {
			fail(appText.noMessageNumber(upTo, active.messages.length));
			return;
		}
		try {
			const copied = upTo ?? active.messages.length;
			switchTo(() => controller.forkConversation(forkName || appText.forkName(active.name), upTo));
			controller.say(appText.forked(copied, sanitizeLine(controller.active?.name ?? '')));
		} catch (error) {
			fail(message(error));
		}
	},
	delete(_argument, {controller, active, setMode}) {
		setMode({
			type: 'picker',
			field: emptyBuffer,
			selected: Math.max(
				0,
				controller.conversations.findIndex((each) => each.id === active.id),
			),
			confirmDelete: active.id,
		});
	},
	find(argument, {findAt, position}) {
		findAt(createBuffer(sanitizeLine(argument)), position);
	},
	undo(_argument, {controller, switchTo, fail}) {
		const last = controller.lastDeleted;
		try {
			let restored: ReturnType<typeof controller.undoDelete>;
			switchTo(() => {
				restored = controller.undoDelete();
			});
			if (!restored) fail(last ? appText.noLongerInTrash(sanitizeLine(last.name)) : appText.nothingToUndo);
			else {
				const {conversation, renamedFrom} = restored;
				const count = conversation.messages.length;
				controller.say(
					renamedFrom
						? appText.restoredAs(sanitizeLine(renamedFrom), sanitizeLine(conversation.name), count)
						: appText.restored(sanitizeLine(conversation.name), count),
				);
			}
		} catch (error) {
			fail(appText.couldNotRestore(error instanceof Error ? error.message : String(error)));
		}
	},
	model(argument, {controller, active, fail}) {
		if (!argument) controller.say(appText.model(sanitizeLine(active.model)));
		else if (/\s/.test(argument)) fail(appText.modelWithSpace(sanitizeLine(argument)));
		else {
			controller.updateSettings({model: argument});
			controller.say(appText.modelSet(sanitizeLine(active.name), sanitizeLine(argument)));
		}
	},
	system(argument, {controller, active}) {
		const change = parseSetting('system', argument);
		if (change.type === 'show') controller.say(sanitizeLine(describeSystem(active.system)));
		else {
			controller.updateSettings({system: change.type === 'set' ? change.value : undefined});
			controller.say(change.type === 'set' ? appText.systemSet : appText.systemRemoved);
		}
	},
	temperature(argument, {controller, active, fail}) {
		const change = parseSetting('temperature', argument);
		if (change.type === 'show') controller.say(describeTemperature(active.temperature));
		else if (change.type === 'invalid') fail(sanitizeLine(change.message));
		else {
			controller.updateSettings({temperature: change.type === 'set' ? change.value : undefined});
			controller.say(change.type === 'set' ? appText.temperatureSet(change.value) : appText.temperatureDefault);
		}
	},
	thinking(argument, {controller, active, fail}) {
		const change = parseSetting('thinking', argument);
		if (change.type === 'show') controller.say(describeThinking(active.thinking));
		else if (change.type === 'invalid') fail(change.message);
		else {
			controller.updateSettings({thinking: change.type === 'set' ? change.value : undefined});
			controller.say(
				change.type === 'clear' ? appText.thinkingDefault : change.value === 'enabled' ? appText.thinkingOn : appText.thinkingOff,
			);
		}
	},
	settings(_argument, {controller, active}) {
		controller.say(sanitizeLine(describeSettings(active)));
	},
	export(argument, {controller, active, fail}) {
		try {
			const written = exportMarkdown(active, argument || undefined);
			const taken = written.taken ? appText.exportTaken(sanitizeLine(written.taken)) : '';
			controller.say(appText.exported(sanitizeLine(active.name), sanitizeLine(written.file)) + taken);
		} catch (error) {
			fail(appText.exportFailed(describeFileError(error, {withPath: true})));
		}
	},
	copy(argument, {controller, active, writeRaw}) {
		const target = copyTarget(active.messages, argument);
		if ('error' in target) controller.say(target.error, 'error');
		else {
			writeRaw(osc52Copy(target.text));
			controller.say(appText.copied(target.what, formatCount(target.text.length)));
		}
	},
	retry(_argument, {controller}) {
		controller.regenerate();
	},
	key(_argument, {controller, apiKeySource, setMode}) {
		if (apiKeySource === 'env') controller.say(appText.keyFromEnv);
		setMode({type: 'key', field: emptyBuffer, firstRun: false});
	},
	theme(argument, {controller, onTheme}) {
		const said = onTheme?.(argument) ?? {text: appText.themeChatOnly, error: true};
		controller.say(said.text, said.error ? 'error' : undefined);
	},
	help(_argument, {setMode}) {
		setMode({type: 'help', offset: 0});
	},
	file(argument, {controller, waitingFiles, fail}) {
		const waiting = waitingFiles.current;
		if (argument === '') {
			controller.say(waiting.length === 0 ? attachmentText.noneWaiting : attachmentText.waiting(waitingList(waiting)));
		} else if (argument === 'clear') {
			controller.say(attachmentText.dropped(waiting.length));
			waitingFiles.current = [];
		} else {
			const read = readFiles(argument, process.cwd());
			if ('problem' in read) fail(read.problem);
			else {
				// A file named again replaces the copy read before: its newest text goes.
				const names = new Set(read.files.map((file) => file.name));
				waitingFiles.current = [...waiting.filter((file) => !names.has(file.name)), ...read.files];
				controller.say(attachmentText.waiting(waitingList(waitingFiles.current)));
			}
		}
	},
	web(argument, {controller, active, fail}) {
		const value = argument ? parseOnOff(argument) : undefined;
		if (!argument) controller.say(appText.webState(active.webSearch === true));
		else if (value !== 'enabled' && value !== 'disabled') fail(appText.webUsage);
		else {
			controller.updateSettings({webSearch: value === 'enabled' ? true : undefined});
			controller.say(value === 'enabled' ? appText.webOn(sanitizeLine(active.name)) : appText.webOff(sanitizeLine(active.name)));
		}
	},
	edit(argument, {controller, active, waitingFiles, editing, insert, fail}) {
		const messages = active.messages;
		const number = argument ? Number(argument) : messages.map((each) => each.role).lastIndexOf('user') + 1;
		const target = messages[number - 1];
		if (target?.role !== 'user') fail(argument ? appText.notAQuestion(number) : appText.editUsage);
		else {
			insert(target.content);
			waitingFiles.current = target.attachments ?? [];
			editing.current = {conversation: active.id, id: target.id};
			controller.say(appText.editing(number));
		}
	},
	lang(argument, {controller, onLanguage}) {
		const said = onLanguage?.(argument) ?? {text: appText.languageChatOnly, error: true};
		controller.say(said.text, said.error ? 'error' : undefined);
	},
	mouse(argument, {controller, onMouse, mouseOn}) {
		const value = argument ? parseOnOff(argument) : undefined;
		try {
			if (!onMouse || !mouseOn) controller.say(appText.mouseNeedsScreen, 'error');
			else if (!argument) controller.say(appText.mouseState(mouseOn()));
			else if (value !== 'enabled' && value !== 'disabled') controller.say(appText.mouseUsage, 'error');
			else {
				onMouse(value === 'enabled');
				controller.say(value === 'enabled' ? appText.mouseOn : appText.mouseOff);
			}
		} catch (error) {
			// The settings file could not be read or written (see store/settings.ts): said, nothing else lost.
			controller.say(message(error), 'error');
		}
	},
	quit(_argument, {exit}) {
		exit();
	},
};

/** Runs a command; false when it failed and its text should go back into the composer. */
export function runSlash(name: SlashCommandName, argument: string, context: Omit<SlashContext, 'fail'>): boolean {
	let ok = true;
	const fail = (text: string) => {
		context.controller.say(text, 'error');
		ok = false;
	};
	SLASH_HANDLERS[name](argument, {...context, fail});
	return ok;
}

function waitingList(files: readonly AttachedFile[]): string {
	return files.map((file) => sanitizeLine(attachmentSummary(file))).join(attachmentText.listSeparator);
}

// What each chat-screen key action does (key-bindings.ts reads the key; key-table.ts lists it), one handler per
// action. The table is keyed by every GlobalAction type, so an action without a handler does not compile. A
// handler returns false when the key is not taken here (Home/End and Ctrl+D with text in the composer go to it).
import type {ChatController} from '../chat/controller.js';
import type {AttachedFile} from '../domain/types.js';
import type {GlobalAction} from './key-bindings.js';
import type {Mode} from './modes/mode.js';
import {top, type ViewportPosition} from './viewport.js';
import {appText} from './app-messages.js';
import {emptyBuffer} from './text-buffer.js';

/** What a handler may touch: the controller and the few screen actions App owns. */
export interface ChatActionContext {
	readonly controller: ChatController;
	readonly activeId: string;
	readonly position: ViewportPosition;
	setPosition(position: ViewportPosition): void;
	/** Scrolls the transcript by `rows` (negative: up); `page` is a page's worth of rows. */
	scrollBy(rows: number): void;
	readonly page: number;
	setMode(next: Mode): void;
	findFrom(origin: ViewportPosition): void;
	repaint(): void;
	switchTo(action: () => void): void;
	copyLastAnswer(): void;
	readonly composer: {isEmpty(): boolean; clear(): void};
	readonly editing: {current: unknown};
	readonly waitingFiles: {current: AttachedFile[]};
	exit(): void;
}

type Handlers = {readonly [T in GlobalAction['type']]: (action: Extract<GlobalAction, {type: T}>, c: ChatActionContext) => boolean};

export const CHAT_ACTIONS: Handlers = {
	help: (_action, c) => (c.setMode({type: 'help', offset: 0}), true),
	find: (_action, c) => (c.findFrom(c.position), true),
	repaint: (_action, c) => (c.repaint(), true),
	newConversation: (_action, c) => (c.setMode({type: 'name', purpose: 'new', field: emptyBuffer}), true),
	picker(_action, c) {
		const selected = Math.max(
			0,
			c.controller.conversations.findIndex((each) => each.id === c.activeId),
		);
		c.setMode({type: 'picker', field: emptyBuffer, selected});
		return true;
	},
	prevConversation: (_action, c) => (c.switchTo(() => c.controller.cycle(-1)), true),
	nextConversation: (_action, c) => (c.switchTo(() => c.controller.cycle(1)), true),
	jump: (action, c) => (c.switchTo(() => c.controller.jump(action.index)), true),
	regenerate(_action, c) {
		c.controller.regenerate();
		c.setPosition({follow: true});
		return true;
	},
	prevVersion: (_action, c) => version(-1, c),
	nextVersion: (_action, c) => version(1, c),
	copy: (_action, c) => (c.copyLastAnswer(), true),
	scrollPageUp: (_action, c) => (c.scrollBy(-c.page), true),
	scrollPageDown: (_action, c) => (c.scrollBy(c.page), true),
	scrollLineUp: (_action, c) => (c.scrollBy(-1), true),
	scrollLineDown: (_action, c) => (c.scrollBy(1), true),
	home(_action, c) {
		if (!c.composer.isEmpty()) return false;
		c.setPosition(top());
		return true;
	},
	end(_action, c) {
		if (!c.composer.isEmpty()) return false;
		c.setPosition({follow: true});
		return true;
	},
	stop(_action, c) {
		if (c.controller.stop()) return true;
		// Esc leaves an edit (`/edit N`) without changing anything.
		if (c.editing.current) {
			c.editing.current = undefined;
			c.waitingFiles.current = [];
			c.composer.clear();
			c.controller.say(appText.editCancelled);
			return true;
		}
		c.controller.clearNotice();
		return true;
	},
	interrupt(_action, c) {
		if (c.controller.stop()) return true;
		if (!c.composer.isEmpty()) c.composer.clear();
		else c.exit();
		return true;
	},
	eof(_action, c) {
		if (!c.composer.isEmpty()) return false;
		c.exit();
		return true;
	},
};

function version(step: -1 | 1, c: ChatActionContext): boolean {
	if (!c.controller.showVersion(step)) c.controller.say(appText.noOtherVersion);
	return true;
}

export function runChatAction(action: GlobalAction, context: ChatActionContext): boolean {
	return (CHAT_ACTIONS[action.type] as (action: GlobalAction, c: ChatActionContext) => boolean)(action, context);
}

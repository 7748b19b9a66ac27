// The conversation store's public shape: what the rest of glm-tui may ask of it (see conversations.ts).
import type {Conversation, ConversationSettings, Message} from '../domain/types.js';
import type {LockOptions} from './lock.js';
import type {Env} from './paths.js';
import type {StoreProblem} from './problems.js';
import type {ConversationSummary} from './summary-index.js';
import type {TrashEntry} from './trash.js';

/** A conversation back from the trash; the id or name it had may have been taken meanwhile. */
export interface RestoredConversation {
	conversation: Conversation;
	/** The name it had in the trash, when it had to take another (a conversation of that name exists). */
	renamedFrom?: string;
	/** The id it had, when it had to take another. */
	idFrom?: string;
}

export interface NewConversation extends ConversationSettings {
	name: string;
	draft?: string;
}

/**
 * What create() does with a name another conversation has: refuse it (StoreError `name-taken`), or take
 * the first free `name (2)`, `name (3)`, ... (the caller compares names to say so).
 */
export type NameClash = 'refuse' | 'suffix';

export interface ConversationStoreOptions {
	/** Where XDG_DATA_HOME and HOME come from; process.env by default. */
	env?: Env;
	/** Called once per problem, as it is found (problems() returns the same ones). */
	onProblem?: (problem: StoreProblem) => void;
	lock?: LockOptions;
}

export interface ConversationStore {
	/** The conversations directory. */
	readonly dir: string;
	/**
	 * Set when the folder could not be written as the store opened (read-only file system, disk full), in
	 * words: "the file system is read-only (EROFS)". Everything can still be read; writes are tried anyway
	 * (the folder may come back) and fail with the reason.
	 */
	readonly unwritable: string | undefined;
	/** In creation order (listOrder): a conversation's number is its place here. Served from the index; only files changed since it was written are read. */
	list(): ConversationSummary[];
	/** A new, empty conversation with a fresh id derived from the name (`notes`, `notes-2`, ...). Names are unique: see NameClash. */
	create(init: NewConversation, clash?: NameClash): Conversation;
	/**
	 * Writes a whole conversation brought from elsewhere (`glm-tui import`), every field as given. It keeps
	 * its id when that is a free, valid id (else one is derived from the name), and its name when no other
	 * conversation has it (else `name (2)`...): compare the result's id and name to say so.
	 */
	importConversation(conversation: Conversation): Conversation;
	/** Throws StoreError `not-found`, `corrupt` (after moving the file aside), `newer-format`, `invalid-id`. */
	load(id: string): Conversation;
	/**
	 * Writes the whole conversation, merged with what another glm-tui wrote since (see mergeConversation),
	 * and returns the merged result: adopt it, it may hold the other session's messages. A conversation
	 * removed meanwhile by another window is written again rather than lost.
	 */
	save(conversation: Conversation): Conversation;
	/**
	 * Saves an answer while it streams, beside the conversation's file (live-answers.ts): the cost does not grow
	 * with the conversation. load() and list() show it merged in; the next save() writes it into the file.
	 * Throws StoreError `not-found` when the conversation's file is gone, `corrupt` when it was unusable (and moved
	 * aside): save() writes it again.
	 */
	saveAnswer(id: string, answer: Message): void;
	/** Changes the display name only; the id (and file name) stay. A name another conversation has is refused (`name-taken`). */
	rename(id: string, name: string): Conversation;
	/** Moves the conversation to the trash (see trash.ts); false when there was nothing to remove. */
	remove(id: string): boolean;
	/** The trash, newest first. */
	trash(): TrashEntry[];
	/** Brings a trash entry back, under another id / name if its own are taken now. */
	restore(entry: TrashEntry): RestoredConversation;
	/** Removes everything in the trash for good; returns what it was. */
	emptyTrash(): TrashEntry[];
	/** Problems found since the last call (files moved aside, ...), each returned once. */
	problems(): StoreProblem[];
	/** Does now, in idle time, the work of the first save() of this conversation that later saves reuse. */
	prepareSave(conversation: Conversation): void;
}

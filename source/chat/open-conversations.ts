// The open conversations and their list: opening, creating, forking, renaming, deleting (and undoing it),
// switching, settings, drafts, and taking in what another glm-tui wrote to disk.
import type {Conversation, ConversationSettings, Message} from '../domain/types.js';
import type {RestoredConversation} from '../store/conversations.js';
import {describeFileError, isStoreError} from '../store/errors.js';
import {ChatState} from './chat-state.js';
import type {ControllerOptions} from './controller-types.js';
import {controllerText} from './controller-messages.js';
import {byCreation, forkedMessages, sameList, settingsOf, summaryKey} from './conversation-edits.js';
import {adoptFromDisk} from './disk-changes.js';
import type {ConversationSummaryLike} from './ports.js';
import {currentWorld, settleStreaming} from './writer.js';

export abstract class OpenConversations extends ChatState {
	conversations: ConversationSummaryLike[] = [];
	active: Conversation;
	/** The conversation deleted last in this session, which /undo brings back from the trash. */
	lastDeleted: {id: string; name: string} | undefined;

	protected readonly open = new Map<string, Conversation>();
	protected readonly defaults: ConversationSettings;
	private readonly onLastConversation?: (id: string) => void;
	private readonly searchCache = new Map<string, {updatedAt: string; text: string}>();
	/** Per open conversation, its summary when last taken in from disk (syncFromDisk). */
	private readonly seen = new Map<string, string>();
	/** Open conversations with an answer another glm-tui is finishing. */
	private readonly elsewhere = new Set<string>();

	constructor(options: ControllerOptions) {
		super(options);
		this.defaults = options.defaults;
		this.onLastConversation = options.onLastConversation;
		this.conversations = byCreation(this.store.list());
		this.active = this.pickInitial(options.lastConversation);
	}

	/** Messages of the active conversation including the answer being streamed. */
	get messages(): Message[] {
		return this.active.messages;
	}

	openConversation(id: string): boolean {
		if (id === this.active.id) return true;
		let conversation = this.open.get(id);
		if (!conversation) {
			try {
				conversation = this.store.load(id);
			} catch (error) {
				this.refreshList();
				this.say(describe(error), 'error');
				return false;
			}
			this.loaded(conversation);
			this.open.set(id, conversation);
			this.saves.prepareSoon(conversation);
		}
		this.active = conversation;
		this.unread.delete(id);
		this.onLastConversation?.(id);
		this.notice = undefined;
		this.changed();
		return true;
	}

	createConversation(name: string): Conversation {
		const conversation = this.store.create({name, ...settingsOf(this.active?.model ?? this.defaults.model, this.defaults)});
		this.open.set(conversation.id, conversation);
		this.refreshList();
		this.openConversation(conversation.id);
		return conversation;
	}

	/**
	 * Copies the active conversation's first `upTo` messages (all by default) and its settings into a new
	 * conversation named `name` and opens it. A name already taken gets a suffix rather than failing.
	 * An answer still streaming is copied as it stands, marked stopped: the copy has no stream of its own.
	 */
	forkConversation(name: string, upTo?: number): Conversation {
		const source = this.active;
		if (!source) throw new Error('No conversation is open.');
		const count = upTo === undefined ? source.messages.length : Math.max(0, Math.min(upTo, source.messages.length));
		const fork = this.store.create({name, ...settingsOf(source.model, source)}, 'suffix');
		fork.messages = forkedMessages(source.messages, count);
		const saved = this.store.save(fork);
		this.open.set(saved.id, saved);
		this.refreshList();
		this.openConversation(saved.id);
		return saved;
	}

	renameConversation(id: string, name: string): void {
		const renamed = this.store.rename(id, name);
		const open = this.open.get(id);
		if (open) open.name = renamed.name;
		this.refreshList();
		this.markSeen(id);
		this.changed();
	}

	/** Moves the conversation to the trash; false (and said) when that failed and it is still there. */
	deleteConversation(id: string): boolean {
		const name = this.conversations.find((each) => each.id === id)?.name ?? this.open.get(id)?.name ?? id;
		try {
			this.store.remove(id);
		} catch (error) {
			// The store says why in a sentence of its own (a read-only folder); the trash's move failing is said here.
			this.say(isStoreError(error) ? describe(error) : controllerText.couldNotDelete(name, describeFileError(error)), 'error');
			return false;
		}
		this.streams.get(id)?.controller.abort();
		this.streams.delete(id);
		this.lastDeleted = {id, name};
		this.open.delete(id);
		this.unread.delete(id);
		this.saves.forget(id);
		this.refreshList();
		if (id === this.active.id) {
			const next = this.conversations[0];
			if (next) this.openConversation(next.id);
			else this.active = this.createInitial();
		}
		this.changed();
		return true;
	}

	/**
	 * Brings the conversation deleted last back from the trash and opens it. Undefined when there is none to
	 * bring back; throws what the store throws.
	 */
	undoDelete(): RestoredConversation | undefined {
		const last = this.lastDeleted;
		if (!last || !this.store.trash || !this.store.restore) return undefined;
		const entry = this.store.trash().find((each) => each.id === last.id);
		if (!entry) {
			this.lastDeleted = undefined;
			return undefined;
		}
		const restored = this.store.restore(entry);
		this.lastDeleted = undefined;
		this.open.set(restored.conversation.id, restored.conversation);
		this.refreshList();
		this.openConversation(restored.conversation.id);
		return restored;
	}

	/** Opens the conversation `step` places away in list order, wrapping around. */
	cycle(step: number): void {
		if (this.conversations.length < 2) return;
		const index = this.conversations.findIndex((each) => each.id === this.active.id);
		const next = this.conversations[(index + step + this.conversations.length) % this.conversations.length];
		if (next) this.openConversation(next.id);
	}

	jump(position: number): void {
		const target = this.conversations[position];
		if (target) this.openConversation(target.id);
		else this.say(controllerText.noSuchConversation(position + 1));
	}

	updateSettings(change: Partial<ConversationSettings>): void {
		Object.assign(this.active, change);
		for (const [key, value] of Object.entries(change)) {
			if (value === undefined) delete (this.active as unknown as Record<string, unknown>)[key];
		}
		this.saves.persist(this.active);
		this.changed();
	}

	/** All text of a conversation, for the picker's filter; loaded once per version of the file. */
	searchText(id: string): string | undefined {
		const summary = this.conversations.find((each) => each.id === id);
		const cached = this.searchCache.get(id);
		if (cached && cached.updatedAt === summary?.updatedAt) return cached.text;
		let conversation = this.open.get(id);
		if (!conversation) {
			try {
				conversation = this.store.load(id);
			} catch {
				return undefined;
			}
		}
		const text = conversation.messages.map((each) => each.content).join('\n');
		this.searchCache.set(id, {updatedAt: summary?.updatedAt ?? '', text});
		return text;
	}

	/** Kept in memory while the person works; written with the next save or on the way out. */
	setDraft(draft: string): void {
		if ((this.active.draft ?? '') === draft) return;
		this.active.draft = draft;
		this.saves.unsaved.add(this.active.id);
	}

	/**
	 * Takes in what other glm-tui wrote (see chat/disk-changes.ts and the watcher in interactive.tsx): new,
	 * renamed and deleted conversations, new messages, an answer another glm-tui is finishing. Returns whether
	 * an open conversation holds such an answer (its writer may die without touching the file: check again).
	 */
	syncFromDisk(): boolean {
		if (this.detached) return false;
		const before = this.conversations;
		const world = currentWorld(this.now());
		let changed = false;
		let elsewhere = false;
		try {
			this.refreshList();
		} catch {
			return false;
		}
		const onDisk = new Map(this.conversations.map((each) => [each.id, each]));
		for (const [id, conversation] of [...this.open]) {
			const summary = onDisk.get(id);
			if (!summary) {
				// Deleted in another glm-tui. What only we hold (an answer, an unsaved change) is written again with its next save.
				if (this.streams.has(id) || this.saves.unsaved.has(id)) continue;
				this.open.delete(id);
				this.unread.delete(id);
				if (id === this.active.id) {
					const next = this.conversations[0];
					if (!next || !this.openConversation(next.id)) this.active = this.createInitial();
					this.notice = {text: controllerText.deletedElsewhere(conversation.name), tone: 'info'};
				}
				changed = true;
				continue;
			}
			// Loading takes the conversation's lock (a file event of its own): only when the file changed, or to
			// check again on an answer another glm-tui is finishing.
			const key = summaryKey(summary);
			if (this.seen.get(id) === key && !this.elsewhere.has(id)) continue;
			this.seen.set(id, key);
			let disk: Conversation;
			try {
				disk = this.store.load(id);
			} catch {
				continue;
			}
			const live = this.streams.get(id)?.answer.message;
			const result = adoptFromDisk(conversation, disk, {live, keepFields: this.saves.failures.has(id), world});
			if (result.elsewhere) this.elsewhere.add(id);
			else this.elsewhere.delete(id);
			elsewhere ||= result.elsewhere;
			if (!result.changed) continue;
			changed = true;
			if (id !== this.active.id) this.unread.add(id);
			if (result.finishedDetached && id === this.active.id) {
				this.notice = {text: controllerText.finishedDetached, tone: 'info'};
			}
		}
		if (!changed && !sameList(before, this.conversations)) changed = true;
		if (changed) this.changed();
		return elsewhere;
	}

	/** A conversation just read from disk: answers no one writes any more are stopped; the rest is known as seen. */
	private loaded(conversation: Conversation): void {
		if (settleStreaming(conversation, currentWorld(this.now())).elsewhere) this.elsewhere.add(conversation.id);
		this.markSeen(conversation.id);
	}

	/** What is on disk now is what we hold (we just wrote or read it): the watcher must not take it in again. */
	protected markSeen(id: string): void {
		const summary = this.conversations.find((each) => each.id === id);
		if (summary) this.seen.set(id, summaryKey(summary));
	}

	/** The conversation as it is in memory, if it is open. */
	protected inMemory(id: string): Conversation | undefined {
		return this.open.get(id) ?? (this.active.id === id ? this.active : undefined);
	}

	private pickInitial(last: string | undefined): Conversation {
		const candidates = [last, ...this.conversations.map((each) => each.id)].filter((id): id is string => Boolean(id));
		for (const id of new Set(candidates)) {
			try {
				const conversation = this.store.load(id);
				this.loaded(conversation);
				this.open.set(id, conversation);
				this.saves.prepareSoon(conversation);
				return conversation;
			} catch (error) {
				this.notice = {text: describe(error), tone: 'error'};
			}
		}
		return this.createInitial();
	}

	private createInitial(): Conversation {
		let conversation: Conversation;
		try {
			conversation = this.store.create({name: 'chat', ...this.defaults}, 'suffix');
		} catch (error) {
			// A folder that cannot be written (read-only, full) must not stop the chat from opening: the
			// conversation lives in memory, and its first save creates the file once the folder allows it.
			const now = new Date(this.now()).toISOString();
			conversation = {id: 'chat', name: 'chat', ...this.defaults, createdAt: now, updatedAt: now, messages: []};
			this.notice ??= {text: describe(error), tone: 'error'};
		}
		this.open.set(conversation.id, conversation);
		this.conversations = byCreation(this.store.list());
		return conversation;
	}

	/** Creation order, like irssi's window numbers: Alt+3 stays the same conversation all day. */
	protected refreshList(): void {
		this.conversations = byCreation(this.store.list());
	}
}

export function describe(error: unknown): string {
	return error instanceof Error ? error.message : String(error);
}

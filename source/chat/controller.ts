// The chat domain as one observable object: open conversations, their streams, saving. The UI subscribes
// and calls methods; nothing here knows about React or the terminal.
import type {Conversation, ConversationSettings, Message} from '../domain/types.js';
import {GlmError, unreadableNote} from '../glm/errors.js';
import {describeFileError, isStoreError} from '../store/errors.js';
import type {RestoredConversation} from '../store/conversations.js';
import {nameKey, uniqueName} from '../store/order.js';
import {startAnswer} from './answer.js';
import {isDefaultName, nameFromQuestion} from './auto-name.js';
import type {ActiveStream, ControllerOptions, Notice} from './controller-types.js';
import {controllerText} from './controller-messages.js';
import {byCreation, forkedMessages, newId, replaceMessage, sameList, settingsOf, summaryKey, unmarkDetached} from './conversation-edits.js';
import {adoptFromDisk} from './disk-changes.js';
import {FrameCoalescer} from './frames.js';
import {systemTimers, type ConversationStoreLike, type ConversationSummaryLike, type StreamingClient} from './ports.js';
import {buildRequest} from './request.js';
import type {FailedSave} from './rescue.js';
import {Saves} from './saves.js';
import {failTurn, failsTurn, reopenTurn} from './turns.js';
import {currentWorld, settleStreaming, writtenElsewhere} from './writer.js';

// The names the screen and the CLI import from here.
export type {ActiveStream, ControllerOptions, Notice} from './controller-types.js';
export type {ConversationStoreLike, ConversationSummaryLike, StreamingClient} from './ports.js';

export class ChatController {
	conversations: ConversationSummaryLike[] = [];
	active: Conversation;
	notice: Notice | undefined;
	readonly streams = new Map<string, ActiveStream>();
	readonly unread = new Set<string>();
	/** Per conversation: index of the first message the last request included (older ones did not fit). */
	readonly contextStart = new Map<string, number>();
	/** Bumped on every change; the UI's snapshot. */
	version = 0;
	/** The conversation deleted last in this session, which /undo brings back from the trash. */
	lastDeleted: {id: string; name: string} | undefined;
	/** Why nothing can be saved (read-only or full folder), shown in the status line; cleared by the first save that works. */
	readOnly: string | undefined;

	private readonly open = new Map<string, Conversation>();
	private readonly listeners = new Set<() => void>();
	private readonly frames: FrameCoalescer;
	private readonly saves: Saves;
	private readonly store: ConversationStoreLike;
	private client: StreamingClient | null;
	private readonly defaults: ConversationSettings;
	private readonly now: () => number;
	private readonly onLastConversation?: (id: string) => void;
	private readonly searchCache = new Map<string, {updatedAt: string; text: string}>();
	/** Per open conversation, its summary when last taken in from disk (syncFromDisk). */
	private readonly seen = new Map<string, string>();
	/** Open conversations with an answer another glm-tui is finishing. */
	private readonly elsewhere = new Set<string>();
	/** The terminal went away (SSH drop): answers that end now are marked so. */
	detached = false;

	constructor(options: ControllerOptions) {
		this.store = options.store;
		this.client = options.client;
		this.defaults = options.defaults;
		this.now = options.now ?? Date.now;
		const timers = options.timers ?? systemTimers;
		this.onLastConversation = options.onLastConversation;
		this.frames = new FrameCoalescer(options.frameMs ?? 100, this.now, timers, () => this.changed());
		this.saves = new Saves(
			this.store,
			{
				streams: this.streams,
				inMemory: (id) => this.inMemory(id),
				saved: (conversation, redraw) => {
					this.readOnly = undefined;
					if (redraw) this.changed();
					this.refreshList();
					this.markSeen(conversation.id);
				},
				failed: (text) => this.say(text, 'error'),
			},
			this.now,
			timers,
			options.checkpointMs ?? 3000,
		);
		this.readOnly = options.readOnly;
		this.conversations = byCreation(this.store.list());
		this.active = this.pickInitial(options.lastConversation);
	}

	subscribe = (listener: () => void): (() => void) => {
		this.listeners.add(listener);
		return () => this.listeners.delete(listener);
	};

	getVersion = (): number => this.version;

	/**
	 * Streamed text arrived in these conversations, and nothing else changed: called at most once a frame,
	 * instead of the subscribe() listeners, so a screen can redraw just the text. Without such a listener,
	 * text changes go to subscribe() like any other.
	 */
	subscribeText = (listener: (ids: ReadonlySet<string>) => void): (() => void) => {
		this.frames.textListeners.add(listener);
		return () => this.frames.textListeners.delete(listener);
	};

	setClient(client: StreamingClient | null): void {
		this.client = client;
		this.changed();
	}

	get hasClient(): boolean {
		return this.client !== null;
	}

	isStreaming(id = this.active.id): boolean {
		return this.streams.has(id);
	}

	stream(id = this.active.id): ActiveStream | undefined {
		return this.streams.get(id);
	}

	/** Messages of the active conversation including the answer being streamed. */
	get messages(): Message[] {
		return this.active.messages;
	}

	say(text: string, tone: Notice['tone'] = 'info'): void {
		this.notice = {text, tone};
		this.changed();
	}

	clearNotice(): void {
		if (!this.notice) return;
		this.notice = undefined;
		this.changed();
	}

	// ---- conversations -------------------------------------------------------------------------

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

	// ---- sending -------------------------------------------------------------------------------

	send(text: string): boolean {
		const conversation = this.active;
		if (this.streams.has(conversation.id)) {
			this.say(controllerText.stillStreaming);
			return false;
		}
		if (this.finishingElsewhere(conversation)) return false;
		if (!this.client) {
			this.say(controllerText.noKey, 'error');
			return false;
		}
		const message: Message = {id: newId(), role: 'user', content: text, state: 'complete', time: new Date(this.now()).toISOString()};
		const draft = conversation.draft;
		const marked = unmarkDetached(conversation, message.time);
		const firstQuestion = !conversation.messages.some((each) => each.role === 'user');
		conversation.messages.push(message);
		conversation.draft = '';
		// The question is on disk before the request leaves, so nothing typed is ever lost.
		if (!this.saves.persist(conversation, controllerText.notSent)) {
			// Neither sent nor kept: the text stays in the composer for another try, and the transcript does not
			// show (and a second Enter does not repeat) a question that was never asked.
			conversation.messages = conversation.messages.filter((each) => each !== message);
			for (const [index, before] of marked) if (conversation.messages[index]?.id === before.id) conversation.messages[index] = before;
			if (draft === undefined) delete conversation.draft;
			else conversation.draft = draft;
			this.changed();
			return false;
		}
		if (firstQuestion) this.nameAfter(conversation, text);
		this.startStream(conversation);
		return true;
	}

	/** A conversation still called by its placeholder name is named after its first question. */
	private nameAfter(conversation: Conversation, question: string): void {
		if (!isDefaultName(conversation.name)) return;
		const name = nameFromQuestion(question);
		if (!name) return;
		// Names are unique: the store refuses one another conversation has, so the free one is asked for.
		const taken = new Set(this.conversations.filter((each) => each.id !== conversation.id).map((each) => nameKey(each.name)));
		try {
			conversation.name = this.store.rename(
				conversation.id,
				uniqueName(name, (candidate) => taken.has(nameKey(candidate))),
			).name;
			this.refreshList();
			this.markSeen(conversation.id);
		} catch {
			// Taken meanwhile by another window, or the file cannot be written now: the placeholder stays.
		}
	}

	/** Drops the last answer and asks again. */
	regenerate(): void {
		const conversation = this.active;
		if (this.streams.has(conversation.id)) return;
		if (this.finishingElsewhere(conversation)) return;
		const last = conversation.messages.at(-1);
		if (!last) {
			this.say(controllerText.nothingToRegenerate);
			return;
		}
		if (!this.client) {
			this.say(controllerText.noKey, 'error');
			return;
		}
		if (last.role === 'assistant') {
			conversation.messages.pop();
			conversation.removedIds = [...(conversation.removedIds ?? []), last.id];
		}
		// A failed question is asked again: it counts as context from now on.
		reopenTurn(conversation, new Date(this.now()).toISOString());
		this.saves.persist(conversation);
		this.startStream(conversation);
	}

	/** An answer of this conversation is being finished by another glm-tui: asking again would be a second request for the same turn. */
	private finishingElsewhere(conversation: Conversation): boolean {
		const last = conversation.messages.at(-1);
		if (!last || !writtenElsewhere(last, currentWorld(this.now()))) return false;
		this.say(controllerText.finishingElsewhere);
		return true;
	}

	stop(id = this.active.id): boolean {
		const stream = this.streams.get(id);
		if (!stream) return false;
		stream.controller.abort();
		return true;
	}

	/**
	 * Synchronous save of everything in memory, partial answers marked stopped: for exit paths. Returns the
	 * conversations that could still not be saved, with the reason.
	 */
	saveAll(): FailedSave[] {
		for (const [id, stream] of [...this.streams]) {
			stream.controller.abort();
			// Out of the live set first: persist() leaves the live answer out of what it writes.
			this.streams.delete(id);
			const conversation = this.inMemory(id);
			if (!conversation) continue;
			const message = stream.answer.fail(new GlmError({kind: 'aborted', message: 'Stopped when glm-tui quit.'}));
			replaceMessage(conversation, message);
			this.saves.persist(conversation);
		}
		this.saves.saveUnsaved();
		return this.saves.unsavedFailures();
	}

	/**
	 * The terminal went away (see source/detach.ts): no screen to notify any more, answers keep streaming and
	 * are marked as finished after the drop; drafts, only in memory so far, are saved now.
	 */
	detach(): void {
		this.detached = true;
		this.listeners.clear();
		this.frames.detach();
		this.saves.saveUnsaved();
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
	private markSeen(id: string): void {
		const summary = this.conversations.find((each) => each.id === id);
		if (summary) this.seen.set(id, summaryKey(summary));
	}

	/** The conversation as it is in memory, if it is open. */
	private inMemory(id: string): Conversation | undefined {
		return this.open.get(id) ?? (this.active.id === id ? this.active : undefined);
	}

	private startStream(conversation: Conversation): void {
		const client = this.client!;
		const {request, firstIncluded} = buildRequest(conversation);
		this.contextStart.set(conversation.id, firstIncluded);
		const answer = startAnswer(newId(), conversation.model, new Date(this.now()).toISOString());
		const controller = new AbortController();
		const stream: ActiveStream = {controller, answer};
		this.streams.set(conversation.id, stream);
		conversation.messages.push(answer.message);
		this.saves.startCheckpoints();
		this.changed();

		const frames = this.frames;
		void (async () => {
			let final: Message;
			let unreadable = 0;
			try {
				await client.send(
					request,
					(event) => {
						if (event.type === 'unreadable') {
							unreadable += event.count;
							return;
						}
						if (event.type === 'retry') {
							stream.retry = {attempt: event.attempt, until: this.now() + event.delayMs, reason: event.error.message};
							this.changed();
							return;
						}
						stream.retry = undefined;
						answer.apply(event);
						replaceMessage(conversation, answer.message);
						frames.grew(conversation.id);
					},
					{signal: controller.signal},
				);
				// The last tokens usually come in the same read as the end: drawn now, they need not wait for the
				// full render of the finished answer, which takes longer in a long conversation.
				frames.flush();
				final = answer.finish();
			} catch (error) {
				final = answer.fail(error instanceof GlmError ? error : new GlmError({kind: 'unknown', message: describe(error)}));
			}
			if (this.streams.get(conversation.id) !== stream) return;
			this.streams.delete(conversation.id);
			if (this.detached) final = {...final, finishedDetached: true};
			replaceMessage(conversation, final);
			// The question goes out of later requests with its failed answer (turns.ts).
			if (failsTurn(final)) failTurn(conversation, final.id, new Date(this.now()).toISOString());
			if (conversation.id !== this.active.id) this.unread.add(conversation.id);
			// Parts of the answer were lost on the way: said once it is over, naming the conversation if it is not in view.
			if (unreadable > 0) {
				const note = unreadableNote(unreadable);
				const text = conversation.id === this.active.id ? note : controllerText.inConversation(conversation.name, note);
				this.notice = {text, tone: 'error'};
			}
			// The finished answer goes on screen first; writing a long conversation takes longer than a frame.
			this.changed();
			this.saves.saveSoon(conversation.id);
		})();
	}

	// ---- plumbing ------------------------------------------------------------------------------

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
	private refreshList(): void {
		this.conversations = byCreation(this.store.list());
	}

	private changed(): void {
		this.frames.drawn();
		this.version++;
		for (const listener of this.listeners) listener();
	}
}

export function describe(error: unknown): string {
	return error instanceof Error ? error.message : String(error);
}

// The chat domain as one observable object, built in layers by job: chat-state.ts (notice, streams, change
// notifications through frames.ts, saving through saves.ts), open-conversations.ts (the open conversations, their
// list, what other glm-tui write), and here the sending: questions, answers streaming, retry, stop, exit. The UI
// subscribes and calls methods; nothing here knows about React or the terminal.
import {branch, cycle, lastBranchPoint} from './versions.js';
import {chatText} from './chat-messages.js';
import type {AttachedFile, Conversation, Message} from '../domain/types.js';
import {GlmError, unreadableNote} from '../glm/errors.js';
import {nameKey, uniqueName} from '../store/order.js';
import {startAnswer} from './answer.js';
import {isDefaultName, nameFromQuestion} from './auto-name.js';
import type {ActiveStream, ControllerOptions} from './controller-types.js';
import {controllerText} from './controller-messages.js';
import {newId, replaceMessage, unmarkDetached} from './conversation-edits.js';
import {OpenConversations, describe} from './open-conversations.js';
import type {StreamingClient} from './ports.js';
import {buildRequest} from './request.js';
import type {FailedSave} from './rescue.js';
import {failTurn, failsTurn, reopenTurn} from './turns.js';
import {currentWorld, writtenElsewhere} from './writer.js';

// The names the screen and the CLI import from here.
export type {ActiveStream, ControllerOptions, Notice} from './controller-types.js';
export type {ConversationStoreLike, ConversationSummaryLike, StreamingClient} from './ports.js';
export {describe} from './open-conversations.js';

export class ChatController extends OpenConversations {
	/** Per conversation: index of the first message the last request included (older ones did not fit). */
	readonly contextStart = new Map<string, number>();
	private client: StreamingClient | null;

	constructor(options: ControllerOptions) {
		super(options);
		this.client = options.client;
	}

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

	// ---- sending -------------------------------------------------------------------------------

	/**
	 * Asks `text`, with `attachments` (read files) kept on the question. With `replacing`, the question at that
	 * index is asked anew instead: what followed it is kept as an earlier version (versions.ts).
	 */
	send(text: string, attachments: AttachedFile[] = [], replacing?: number): boolean {
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
		if (attachments.length > 0) message.attachments = attachments;
		const draft = conversation.draft;
		const before = {messages: conversation.messages, removedIds: conversation.removedIds, versions: conversation.versions};
		const marked = unmarkDetached(conversation, message.time);
		const firstQuestion = !conversation.messages.some((each) => each.role === 'user');
		if (replacing !== undefined && conversation.messages[replacing]?.role === 'user') {
			branch(conversation, replacing, [message], message.time);
		} else {
			conversation.messages.push(message);
		}
		conversation.draft = '';
		// The question is on disk before the request leaves, so nothing typed is ever lost.
		if (!this.saves.persist(conversation, controllerText.notSent)) {
			// Neither sent nor kept: the text stays in the composer for another try, and the transcript does not
			// show (and a second Enter does not repeat) a question that was never asked.
			if (before.messages !== conversation.messages) Object.assign(conversation, before);
			conversation.messages = conversation.messages.filter((each) => each !== message);
			for (const [index, old] of marked) if (conversation.messages[index]?.id === old.id) conversation.messages[index] = old;
			if (draft === undefined) delete conversation.draft;
			else conversation.draft = draft;
			this.changed();
			return false;
		}
		if (firstQuestion) this.nameAfter(conversation, text);
		this.startStream(conversation);
		return true;
	}

	/** Shows the version before (-1) or after (+1) of the latest point with versions; false when there is none. */
	showVersion(step: -1 | 1): boolean {
		const conversation = this.active;
		if (this.streams.has(conversation.id)) {
			this.say(controllerText.stillStreaming);
			return false;
		}
		const at = lastBranchPoint(conversation);
		if (at === undefined || !cycle(conversation, at, step, new Date(this.now()).toISOString(), newId)) return false;
		this.saves.persist(conversation);
		this.changed();
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
			// An answer with any text is kept as an earlier version; an empty one is only dropped.
			if (last.content !== '' || last.reasoning)
				branch(conversation, conversation.messages.length - 1, [], new Date(this.now()).toISOString());
			else {
				conversation.messages.pop();
				conversation.removedIds = [...(conversation.removedIds ?? []), last.id];
			}
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
			const message = stream.answer.fail(new GlmError({kind: 'aborted', message: chatText.stoppedOnQuit}));
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
		this.unsubscribeAll();
		this.saves.saveUnsaved();
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
			// The finished answer goes on screen first; writing a long conversation takes longer than a frame. It is
			// marked unsaved before the screen hears of it: a listener may save everything and exit (the detached wait).
			this.saves.saveSoon(conversation.id);
			this.changed();
		})();
	}
}

// The save bookkeeping of the open conversations: writing one (merged with what another glm-tui wrote), which
// ones hold changes only in memory, why the last save failed, and the checkpoints of answers still streaming.
// Saves happen when a message is sent, when an answer ends and every few seconds while one grows; never per token.
import type {Conversation, Message} from '../domain/types.js';
import {describeFileError, isStoreError} from '../store/errors.js';
import {Checkpoints} from './checkpoints.js';
import type {ActiveStream} from './controller-types.js';
import {controllerText} from './controller-messages.js';
import type {ConversationStoreLike, Timers} from './ports.js';
import type {FailedSave} from './rescue.js';
import {HEARTBEAT_MS, checkpointOf, thisWriter} from './writer.js';

/** Time between two checkpoints of an answer, in multiples of what the last one cost (see checkpointStreams). */
const CHECKPOINT_COST_SPACING = 250;

/** What the saves need of the controller. */
export interface SaveHost {
	readonly streams: ReadonlyMap<string, ActiveStream>;
	/** The conversation as it is in memory, if it is open. */
	inMemory(id: string): Conversation | undefined;
	/** A save worked; `redraw`: the conversation's messages are a new array the screen must be given. */
	saved(conversation: Conversation, redraw: boolean): void;
	/** A save failed: the sentence to show. */
	failed(text: string): void;
}

export class Saves {
	/** Conversations whose finished answer or draft is only in memory yet. */
	readonly unsaved = new Set<string>();
	/** Why the last save of a conversation failed, while it has not succeeded since. */
	readonly failures = new Map<string, string>();
	private readonly checkpoints: Checkpoints;

	constructor(
		private readonly store: ConversationStoreLike,
		private readonly host: SaveHost,
		private readonly now: () => number,
		private readonly timers: Timers,
		checkpointMs: number,
	) {
		this.checkpoints = new Checkpoints(checkpointMs, () => this.checkpointStreams(), timers);
	}

	/** An answer started streaming: checkpoints run while any does. */
	startCheckpoints(): void {
		this.checkpoints.start();
	}

	/** The conversation is gone (deleted): nothing of it is to be saved any more. */
	forget(id: string): void {
		this.unsaved.delete(id);
		this.failures.delete(id);
	}

	/** Writes the conversation, merging what another glm-tui wrote meanwhile; keeps a live answer in memory. */
	persist(
		conversation: Conversation,
		whenFailed = controllerText.savedLater,
		/** The live answer as it is to be written (a checkpoint); without it the live answer stays in memory only. */
		checkpoint?: Message,
	): boolean {
		const live = this.host.streams.get(conversation.id)?.answer.message;
		const others = live ? conversation.messages.filter((each) => each.id !== live.id) : conversation.messages;
		const toSave: Conversation = {
			...conversation,
			updatedAt: new Date(this.now()).toISOString(),
			messages: live && checkpoint ? [...others, checkpoint] : others,
		};
		try {
			const merged = this.store.save(toSave);
			this.forget(conversation.id);
			// Adopt what the merge kept: another glm-tui's messages, rename or settings. The draft stays ours.
			const draft = conversation.draft;
			const before = conversation.messages;
			for (const key of Object.keys(conversation) as Array<keyof Conversation>) if (!(key in merged)) delete conversation[key];
			Object.assign(conversation, merged, {draft});
			if (draft === undefined) delete conversation.draft;
			const kept = live && checkpoint ? merged.messages.filter((each) => each.id !== live.id) : merged.messages;
			conversation.messages = keepIdentity(before, live ? [...kept, live] : kept);
			// The screen draws streamed text from the array it last rendered: a new array must reach it.
			this.host.saved(conversation, conversation.messages !== before);
			return true;
		} catch (error) {
			this.failedSave(conversation, error, whenFailed);
			return false;
		}
	}

	/** Remembers why the conversation could not be saved and says so; it stays unsaved until a save works. */
	private failedSave(conversation: Conversation, error: unknown, whenFailed: string): void {
		const reason = describeFileError(error);
		this.unsaved.add(conversation.id);
		this.failures.set(conversation.id, reason);
		this.host.failed(controllerText.couldNotSave(conversation.name, reason, whenFailed));
	}

	/** Writes now every conversation with changes only in memory. */
	saveUnsaved(): void {
		for (const id of [...this.unsaved]) {
			const conversation = this.host.inMemory(id);
			this.unsaved.delete(id);
			if (conversation) this.persist(conversation);
		}
	}

	/** After the finished answer is on screen: writing a long conversation takes longer than a frame. */
	saveSoon(id: string): void {
		this.unsaved.add(id);
		this.timers.setImmediate(() => this.saveUnsaved());
	}

	/** After the screen shows a loaded conversation, so the first message sent into it is saved as fast as later ones. */
	prepareSoon(conversation: Conversation): void {
		if (!this.store.prepareSave) return;
		this.timers.unref(this.timers.setTimeout(() => this.store.prepareSave?.(conversation), 500));
	}

	/** The conversations that still could not be saved, with the reason; those the file already holds in full are no loss. */
	unsavedFailures(): FailedSave[] {
		return [...this.failures].flatMap(([id, reason]) => {
			const conversation = this.host.inMemory(id);
			return conversation && !this.sameAsOnDisk(conversation) ? [{conversation, reason}] : [];
		});
	}

	/**
	 * Saves each streaming answer that grew since its last save (or, without growth, once a heartbeat, so other
	 * glm-tui see its writer is alive). Timer-driven, every few seconds: the per-token path does not change.
	 */
	private checkpointStreams(): boolean {
		const now = this.now();
		const writer = thisWriter();
		for (const [id, stream] of this.host.streams) {
			const conversation = this.host.inMemory(id);
			if (!conversation) continue;
			const message = stream.answer.message;
			const length = message.content.length + (message.reasoning?.length ?? 0);
			const grew = length !== (stream.saved?.length ?? 0);
			const since = stream.saved ? now - stream.saved.at : Infinity;
			if (!grew && since < HEARTBEAT_MS) continue;
			// The answer is saved alone (a few ms), but a slow disk, or a store that writes the whole conversation,
			// can make a save dear: spaced so saving stays under ~0.4% of the time.
			if (grew && stream.saved && since < stream.saved.cost * CHECKPOINT_COST_SPACING) continue;
			const started = this.timers.elapsed();
			this.checkpoint(conversation, checkpointOf(message, writer, now));
			stream.saved = {length, at: now, cost: this.timers.elapsed() - started};
		}
		return this.host.streams.size > 0;
	}

	/** Saves the growing answer alone where the store can; the whole conversation where it cannot, or when its file is gone or unusable. */
	private checkpoint(conversation: Conversation, answer: Message): void {
		if (this.store.saveAnswer) {
			try {
				this.store.saveAnswer(conversation.id, answer);
				this.host.saved(conversation, false);
				return;
			} catch (error) {
				if (!isStoreError(error, 'not-found') && !isStoreError(error, 'corrupt')) {
					this.failedSave(conversation, error, controllerText.checkpointLater);
					return;
				}
			}
		}
		this.persist(conversation, controllerText.checkpointLater, answer);
	}

	/**
	 * Whether the file already holds everything of the conversation (a read-only folder where a question was
	 * refused and the text then cleared): then a failed save loses nothing, and no rescue copy is needed.
	 */
	private sameAsOnDisk(conversation: Conversation): boolean {
		const essence = (each: Conversation) =>
			JSON.stringify([each.name, each.model, each.system, each.temperature, each.thinking, each.draft || '', each.messages]);
		try {
			return essence(this.store.load(conversation.id)) === essence(conversation);
		} catch {
			return false;
		}
	}
}

/** `before` itself when `after` holds the very same messages: a save that changed nothing keeps the array the screen draws from. */
function keepIdentity(before: Message[], after: Message[]): Message[] {
	return before.length === after.length && after.every((each, index) => each === before[index]) ? before : after;
}

// Conversations on disk: one conf store per conversation, `<data>/conversations/<id>.json`, plus the summary
// index that lets start-up list them without parsing each one.
//
// conf writes each file (atomically, 0600) and migrates old ones. It has no cache (every get parses the
// file, every set rewrites it) and no locking, so the files are read by conversation-cache.ts, which keeps
// what each holds in memory, keyed by the file's fingerprint, and this module wraps every read-modify-write
// in a per-conversation lock file. The schema is checked by schema.ts rather than by conf's ajv, which compiles it again in every
// instance. Everything is synchronous, like conf: a save is one stat, maybe one read, one write, and the
// exit paths need it to finish before the process does.
import {conversationFileText as say} from './messages.js';
import fs from 'node:fs';
import path from 'node:path';
import type {Conversation, Message} from '../domain/types.js';
import {storePaths} from './paths.js';
import {StoreError, describeFileError, isStoreError} from './errors.js';
import {withLock, withReadLock, type LockOptions} from './lock.js';
import {MAX_NAME_LENGTH, isValidId, slugify, uniqueSlug} from './slug.js';
import {prepareSerialization} from './format.js';
import {mergeConversation, sharedFields, type SharedFields} from './merge.js';
import {listOrder, nameKey, uniqueName} from './order.js';
import {
	fileFingerprint,
	readIndex,
	summarize,
	updateIndexEntry,
	writeIndexQuietly,
	type ConversationSummary,
	type IndexEntry,
} from './summary-index.js';
import {emptyTrash, listTrash, moveToTrash, purgeTrash, trashDirOf, type TrashEntry} from './trash.js';
import type {ConversationStore, ConversationStoreOptions, NameClash, NewConversation, RestoredConversation} from './conversation-store.js';
import {checkId, checkName, conversationFile, idsOnDisk, prepareFolder, settingsOf} from './conversation-files.js';
import {copy} from './conversation-doc.js';
import {ProblemLog, StoreProblem} from './problems.js';
import {ConversationCache} from './conversation-cache.js';

export type {TrashEntry} from './trash.js';
export type {ConversationSummary} from './summary-index.js';
export type {ConversationStore, ConversationStoreOptions, NameClash, NewConversation, RestoredConversation} from './conversation-store.js';
export {StoreProblem} from './problems.js';

/** Opens the store and checks the directory against the index, so problems() is meaningful right away. */
export function openConversationStore(options: ConversationStoreOptions = {}): ConversationStore {
	return new FileConversationStore(options);
}

class FileConversationStore implements ConversationStore {
	readonly dir: string;
	readonly #indexFile: string;
	readonly #trashDir: string;
	readonly #lock: LockOptions;
	readonly #cache: ConversationCache;
	/** Per id, the fields as last handed to the caller: the base of the three-way merge of those fields. */
	readonly #handedOut = new Map<string, SharedFields>();
	readonly #problems: ProblemLog;

	readonly unwritable: string | undefined;

	constructor(options: ConversationStoreOptions) {
		const paths = storePaths(options.env);
		this.dir = paths.conversationsDir;
		this.#indexFile = paths.indexFile;
		this.#lock = options.lock ?? {};
		this.#problems = new ProblemLog(options.onProblem);
		this.#cache = new ConversationCache(this.dir, this.#indexFile, this.#problems);
		this.unwritable = prepareFolder(paths.dataDir, paths.conversationsDir);
		this.#trashDir = trashDirOf(paths.dataDir);
		if (!this.unwritable) purgeTrash(this.#trashDir);
		this.list();
	}

	list(): ConversationSummary[] {
		const index = readIndex(this.#indexFile);
		const next = new Map<string, IndexEntry>();
		let changed = false;
		const {ids, withLiveAnswers} = idsOnDisk(this.dir);
		for (const id of ids) {
			const fingerprint = this.#cache.fingerprint(id, withLiveAnswers.has(id));
			if (fingerprint === undefined) continue;
			let entry = index.get(id);
			if (entry?.fingerprint !== fingerprint) {
				changed = true;
				entry = this.#entryFromFile(id, fingerprint);
				if (!entry) continue;
			}
			next.set(id, entry);
		}
		if (changed || next.size !== index.size) writeIndexQuietly(this.#indexFile, next);
		return [...next.values()].map((entry) => entry.summary).sort(listOrder);
	}

	create(init: NewConversation, clash: NameClash = 'refuse'): Conversation {
		const name = this.#freeName(checkName(init.name), clash);
		if (typeof init.model !== 'string' || init.model.trim() === '') {
			throw new StoreError('invalid-value', say.needsModel);
		}
		const now = new Date().toISOString();
		const base = slugify(name);
		for (;;) {
			const id = uniqueSlug(base, (candidate) => fs.existsSync(this.#file(candidate)));
			const created = this.#locked(id, say.create, () => {
				// Another process may have taken the id between our check and the lock.
				if (fs.existsSync(this.#file(id))) return undefined;
				const conversation: Conversation = {...settingsOf(init), id, name, createdAt: now, updatedAt: now, messages: []};
				this.#cache.write(id, conversation);
				return conversation;
			});
			if (created) return this.#handOut(created);
		}
	}

	load(id: string): Conversation {
		checkId(id);
		return this.#handOut(this.#readLocked(id, () => this.#cache.read(id).doc));
	}

	save(conversation: Conversation): Conversation {
		const id = checkId(conversation.id);
		return this.#handOut(
			this.#locked(id, undefined, () => {
				const merged = mergeConversation(conversation, this.#cache.readIfUsable(id), this.#handedOut.get(id));
				this.#cache.write(id, merged);
				return merged;
			}),
		);
	}

	saveAnswer(id: string, answer: Message): void {
		checkId(id);
		this.#locked(id, undefined, () => this.#cache.writeAnswer(id, answer));
	}

	importConversation(conversation: Conversation): Conversation {
		const name = this.#freeName(checkName(conversation.name), 'suffix');
		if (typeof conversation.model !== 'string' || conversation.model.trim() === '') {
			throw new StoreError('invalid-value', say.needsModel);
		}
		const wanted = typeof conversation.id === 'string' && isValidId(conversation.id) ? conversation.id : slugify(name);
		for (;;) {
			const id = uniqueSlug(wanted, (candidate) => fs.existsSync(this.#file(candidate)));
			const written = this.#locked(id, say.import, () => {
				if (fs.existsSync(this.#file(id))) return undefined;
				const imported: Conversation = {...conversation, id, name, messages: [...conversation.messages]};
				this.#cache.write(id, imported);
				return imported;
			});
			if (written) return this.#handOut(written);
		}
	}

	rename(id: string, name: string): Conversation {
		checkId(id);
		const trimmed = this.#freeName(checkName(name), 'refuse', id);
		return this.#handOut(
			this.#locked(id, say.rename, () => {
				const current = this.#cache.read(id).doc;
				const now = new Date().toISOString();
				const renamed = {...current, name: trimmed, updatedAt: now > current.updatedAt ? now : current.updatedAt};
				this.#cache.write(id, renamed);
				return renamed;
			}),
		);
	}

	remove(id: string): boolean {
		checkId(id);
		return this.#locked(id, say.delete, () => {
			const file = this.#file(id);
			this.#cache.foldLiveAnswers(id);
			const existed = fileFingerprint(file) !== undefined;
			if (existed) moveToTrash(this.#trashDir, file, id);
			this.#cache.forget(id);
			this.#handedOut.delete(id);
			updateIndexEntry(this.#indexFile, id, undefined);
			return existed;
		});
	}

	trash(): TrashEntry[] {
		return listTrash(this.#trashDir);
	}

	restore(entry: TrashEntry): RestoredConversation {
		if (!fs.existsSync(entry.file)) throw new StoreError('not-found', say.notInTrash(entry.name), {file: entry.file});
		let id = entry.id;
		for (;;) {
			id = uniqueSlug(entry.id, (candidate) => fs.existsSync(this.#file(candidate)));
			const moved = this.#locked(id, say.restore, () => {
				if (fs.existsSync(this.#file(id))) return false;
				fs.renameSync(entry.file, this.#file(id));
				return true;
			});
			if (moved) break;
		}
		let conversation = this.load(id);
		const original = conversation.name;
		const free = this.#freeName(original, 'suffix', id);
		if (free !== original) conversation = this.rename(id, free);
		return {
			conversation,
			...(conversation.name === original ? {} : {renamedFrom: original}),
			...(id === entry.id ? {} : {idFrom: entry.id}),
		};
	}

	emptyTrash(): TrashEntry[] {
		return emptyTrash(this.#trashDir);
	}

	problems(): StoreProblem[] {
		return this.#problems.take();
	}

	prepareSave(conversation: Conversation): void {
		prepareSerialization(conversation.messages);
	}

	/** `name` if no other conversation (but `self`) has it; else refused or suffixed. */
	#freeName(name: string, clash: NameClash, self?: string): string {
		const taken = new Map(
			this.list()
				.filter((each) => each.id !== self)
				.map((each) => [nameKey(each.name), each]),
		);
		const holder = taken.get(nameKey(name));
		if (!holder) return name;
		if (clash === 'refuse') {
			const position = this.list().findIndex((each) => each.id === holder.id) + 1;
			throw new StoreError('name-taken', say.nameTaken(position, holder.name.slice(0, 80)));
		}
		return uniqueName(name, (candidate) => taken.has(nameKey(candidate)), MAX_NAME_LENGTH);
	}

	#entryFromFile(id: string, fingerprint: string): IndexEntry | undefined {
		const known = this.#cache.known(id);
		if (known?.fingerprint === fingerprint) return {fingerprint, summary: summarize(known.doc)};
		try {
			const state = this.#readLocked(id, () => this.#cache.read(id));
			return {fingerprint: state.fingerprint, summary: summarize(state.doc)};
		} catch (error) {
			// One bad file must not hide the others; each problem is reported once, then the file is skipped.
			if (isStoreError(error, 'newer-format') || isStoreError(error, 'unwritable')) {
				const kind = error.code === 'newer-format' ? 'newer-format' : 'unreadable';
				this.#problems.report(new StoreProblem(kind, id, this.#file(id), error.message), `${id}@${fingerprint}`);
			} else if (!isStoreError(error)) {
				const message = `Conversation "${id}" could not be read: ${error instanceof Error ? error.message : String(error)}`;
				this.#problems.report(new StoreProblem('unreadable', id, this.#file(id), message), `${id}@${fingerprint}`);
			}
			return undefined;
		}
	}

	#handOut(conversation: Conversation): Conversation {
		this.#handedOut.set(conversation.id, sharedFields(conversation));
		return copy(conversation);
	}

	/**
	 * With `action`, a failure to write becomes StoreError `unwritable`, a whole sentence ("Cannot delete this
	 * conversation: the file system is read-only (EROFS)."); save() passes none and keeps the I/O error (callers
	 * put describeFileError's words into their own sentence).
	 */
	#locked<T>(id: string, action: string | undefined, run: () => T): T {
		try {
			return withLock(path.join(this.dir, `${id}.lock`), run, this.#lock);
		} catch (error) {
			if (action === undefined || isStoreError(error) || typeof (error as NodeJS.ErrnoException | undefined)?.code !== 'string')
				throw error;
			throw new StoreError('unwritable', say.cannot(action, describeFileError(error)), {file: this.#file(id), cause: error});
		}
	}

	/** Reading works in a folder that cannot be written: see withReadLock. */
	#readLocked<T>(id: string, run: () => T): T {
		return withReadLock(path.join(this.dir, `${id}.lock`), run, this.#lock);
	}

	#file(id: string): string {
		return conversationFile(this.dir, id);
	}
}

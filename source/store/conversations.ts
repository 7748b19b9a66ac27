// Conversations on disk: one conf store per conversation, `<data>/conversations/<id>.json`, plus the summary
// index that lets start-up list them without parsing each one.
//
// conf writes each file (atomically, 0600) and migrates old ones. It has no cache (every get parses the
// file, every set rewrites it) and no locking, so this module reads the files itself, keeps what each holds
// in memory, keyed by the file's fingerprint, and wraps every read-modify-write in a per-conversation lock
// file. The schema is checked by schema.ts rather than by conf's ajv, which compiles it again in every
// instance. Everything is synchronous, like conf: a save is one stat, maybe one read, one write, and the
// exit paths need it to finish before the process does.
import {conversationFileText as say} from './messages.js';
import fs from 'node:fs';
import path from 'node:path';
import type Conf from 'conf';
import type {Conversation, Message} from '../domain/types.js';
import {storePaths} from './paths.js';
import {StoreError, describeFileError, describeInvalid, isInvalidContent, isStoreError, isUnwritable} from './errors.js';
import {withLock, withReadLock, type LockOptions} from './lock.js';
import {MAX_NAME_LENGTH, isValidId, slugify, uniqueSlug} from './slug.js';
import {FORMAT_VERSION, checkConversationFile, checkMessage, prepareSerialization, type ConversationFile} from './format.js';
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
import {copy, fromFile, lastRead, openConversationConf, parseConversationBytes, toFile} from './conversation-doc.js';
import {ProblemLog, StoreProblem} from './problems.js';
import {moveAside} from './quarantine.js';
import {
	liveAnswersFile,
	overlayLiveAnswers,
	readLiveAnswers,
	removeLiveAnswers,
	writeLiveAnswers,
	type LiveAnswers,
} from './live-answers.js';

export type {TrashEntry} from './trash.js';
export type {ConversationSummary} from './summary-index.js';
export type {ConversationStore, ConversationStoreOptions, NameClash, NewConversation, RestoredConversation} from './conversation-store.js';
export {StoreProblem} from './problems.js';

/** Opens the store and checks the directory against the index, so problems() is meaningful right away. */
export function openConversationStore(options: ConversationStoreOptions = {}): ConversationStore {
	return new FileConversationStore(options);
}

interface FileState {
	/** Of the conversation's file and, when there is one, of its live answers' (live-answers.ts). */
	fingerprint: string;
	/** The conversation as readers see it: the file's, with the live answers merged in. */
	doc: Conversation;
	/** The conversation as its own file holds it, and that file's fingerprint. */
	file: {fingerprint: string; doc: Conversation};
	live?: LiveAnswers;
}

class FileConversationStore implements ConversationStore {
	readonly dir: string;
	readonly #indexFile: string;
	readonly #trashDir: string;
	readonly #lock: LockOptions;
	/** One conf instance per conversation written (or migrated) by this process. */
	readonly #confs = new Map<string, Conf<ConversationFile>>();
	readonly #files = new Map<string, FileState>();
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
			const fingerprint = this.#fingerprint(id, withLiveAnswers.has(id));
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
				this.#write(id, conversation);
				return conversation;
			});
			if (created) return this.#handOut(created);
		}
	}

	load(id: string): Conversation {
		checkId(id);
		return this.#handOut(this.#readLocked(id, () => this.#read(id).doc));
	}

	save(conversation: Conversation): Conversation {
		const id = checkId(conversation.id);
		return this.#handOut(
			this.#locked(id, undefined, () => {
				const merged = mergeConversation(conversation, this.#readIfUsable(id), this.#handedOut.get(id));
				this.#write(id, merged);
				return merged;
			}),
		);
	}

	saveAnswer(id: string, answer: Message): void {
		checkId(id);
		this.#locked(id, undefined, () => {
			const state = this.#read(id);
			const file = liveAnswersFile(this.dir, id);
			try {
				checkMessage(answer);
			} catch (error) {
				if (!isInvalidContent(error)) throw error;
				throw new StoreError('invalid-value', say.cannotSave(id, describeInvalid(error)), {file, cause: error});
			}
			const createdAt = state.file.doc.createdAt;
			const others = state.live?.createdAt === createdAt ? state.live.messages.filter((each) => each.id !== answer.id) : [];
			const live = {createdAt, messages: [...others, answer]};
			writeLiveAnswers(file, live);
			const next: FileState = {
				fingerprint: joinFingerprints(state.file.fingerprint, fileFingerprint(file)),
				doc: overlayLiveAnswers(state.file.doc, live),
				file: state.file,
				live,
			};
			this.#files.set(id, next);
			updateIndexEntry(this.#indexFile, id, {fingerprint: next.fingerprint, summary: summarize(next.doc)});
		});
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
				this.#write(id, imported);
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
				const current = this.#read(id).doc;
				const now = new Date().toISOString();
				const renamed = {...current, name: trimmed, updatedAt: now > current.updatedAt ? now : current.updatedAt};
				this.#write(id, renamed);
				return renamed;
			}),
		);
	}

	remove(id: string): boolean {
		checkId(id);
		return this.#locked(id, say.delete, () => {
			const file = this.#file(id);
			this.#foldLiveAnswers(id);
			const existed = fileFingerprint(file) !== undefined;
			if (existed) moveToTrash(this.#trashDir, file, id);
			this.#forget(id);
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

	// ---- files ----------------------------------------------------------------------------------

	/**
	 * What the file holds, parsed and validated, from memory when its fingerprint has not changed. Call with
	 * the lock held: an older format is migrated (written) by conf, and a corrupt file is moved aside.
	 */
	#read(id: string): FileState {
		// Fingerprints before reading: should a file change in between, the next fingerprint differs and we
		// read again, instead of trusting old content under a new fingerprint.
		const fingerprint = fileFingerprint(this.#file(id));
		if (fingerprint === undefined) throw this.#notFound(id);
		const liveFile = liveAnswersFile(this.dir, id);
		const liveFingerprint = fileFingerprint(liveFile);
		const known = this.#files.get(id);
		const both = joinFingerprints(fingerprint, liveFingerprint);
		if (known?.fingerprint === both) return known;
		const file = known?.file.fingerprint === fingerprint ? known.file : this.#readFile(id, fingerprint);
		const live = liveFingerprint === undefined ? undefined : readLiveAnswers(liveFile);
		const state: FileState = {
			fingerprint: joinFingerprints(file.fingerprint, liveFingerprint),
			doc: overlayLiveAnswers(file.doc, live),
			file,
			...(live ? {live} : {}),
		};
		this.#files.set(id, state);
		return state;
	}

	/** The conversation's own file, parsed and checked (see #read). */
	#readFile(id: string, fingerprint: string): FileState['file'] {
		const file = this.#file(id);
		let raw: Buffer;
		try {
			raw = fs.readFileSync(file);
		} catch (error) {
			if ((error as NodeJS.ErrnoException).code === 'ENOENT') throw this.#notFound(id);
			throw error;
		}
		try {
			const parsed = parseConversationBytes(raw, file);
			let data: unknown = parsed.data;
			const {version} = parsed;
			let current = fingerprint;
			lastRead.set(file, {fingerprint, data: data as ConversationFile});
			if (version !== FORMAT_VERSION) {
				// conf migrates when it opens a file. After that the file changed: fingerprint before reading it.
				const conf = openConversationConf(this.dir, id, {migrate: true});
				this.#confs.set(id, conf);
				current = fileFingerprint(file) ?? fingerprint;
				data = conf.store;
			}
			checkConversationFile(data);
			return {fingerprint: current, doc: fromFile(data as ConversationFile, id)};
		} catch (error) {
			if (isUnwritable(error)) {
				// The only write in here is conf's migration: an older file in a read-only or full folder.
				throw new StoreError(
					'unwritable',
					`Conversation "${id}" is in an older format and cannot be updated here: ${describeFileError(error)}. It was left untouched.`,
					{file, cause: error},
				);
			}
			if (!isInvalidContent(error)) throw error;
			throw this.#quarantine(id, raw, error);
		}
	}

	/** The file's conversation for merging, or undefined if there is none (missing, or just moved aside). */
	#readIfUsable(id: string): Conversation | undefined {
		try {
			return this.#read(id).doc;
		} catch (error) {
			if (isStoreError(error, 'not-found') || isStoreError(error, 'corrupt')) return undefined;
			throw error;
		}
	}

	/** Writes the whole document through conf (temporary file + rename), then records the new state. */
	#write(id: string, conversation: Conversation): void {
		const file = this.#file(id);
		const data = toFile(conversation);
		try {
			checkConversationFile(data);
		} catch (error) {
			if (!isInvalidContent(error)) throw error;
			throw new StoreError('invalid-value', say.cannotSave(id, describeInvalid(error)), {file, cause: error});
		}
		const conf = this.#confs.get(id);
		if (conf) {
			conf.store = data;
		} else if (fs.existsSync(file)) {
			const opened = openConversationConf(this.dir, id);
			this.#confs.set(id, opened);
			opened.store = data;
		} else {
			// conf's only way to create a file with content: `defaults`, written when the file is missing.
			this.#confs.set(id, openConversationConf(this.dir, id, {defaults: data}));
		}
		// Whatever is written was merged with the live answers (every caller read them first): they are in the file now.
		try {
			removeLiveAnswers(liveAnswersFile(this.dir, id));
		} catch {
			// Left behind, they are older than the file's copies and lose every merge.
		}
		const fingerprint = fileFingerprint(file) ?? '';
		this.#files.set(id, {fingerprint, doc: conversation, file: {fingerprint, doc: conversation}});
		updateIndexEntry(this.#indexFile, id, {fingerprint, summary: summarize(conversation)});
	}

	/** Writes the live answers into the conversation's file, before the file leaves (trash). */
	#foldLiveAnswers(id: string): void {
		const file = liveAnswersFile(this.dir, id);
		if (!fs.existsSync(file)) return;
		try {
			const state = this.#read(id);
			if (state.doc !== state.file.doc) this.#write(id, state.doc);
			// Answers of an earlier conversation of this id (see LiveAnswers.createdAt) go with it.
			removeLiveAnswers(file);
		} catch {
			// The conversation cannot be read or written: it leaves as it is.
		}
	}

	/** The conversation's fingerprint as #read computes it; `withLiveAnswers` false spares a stat when a listing says there are none. */
	#fingerprint(id: string, withLiveAnswers = true): string | undefined {
		const fingerprint = fileFingerprint(this.#file(id));
		if (fingerprint === undefined || !withLiveAnswers) return fingerprint;
		return joinFingerprints(fingerprint, fileFingerprint(liveAnswersFile(this.dir, id)));
	}

	/** Moves a file we cannot use out of the way (see moveAside) and reports it once. */
	#quarantine(id: string, raw: Buffer, cause: unknown): StoreError {
		const file = this.#file(id);
		const {movedTo, message} = moveAside(this.dir, id, file, raw, cause);
		if (movedTo !== undefined) {
			this.#forget(id);
			updateIndexEntry(this.#indexFile, id, undefined);
		}
		this.#problems.report(new StoreProblem('corrupt', id, file, message, movedTo));
		return new StoreError('corrupt', message, {file, ...(movedTo === undefined ? {} : {movedTo}), cause});
	}

	#entryFromFile(id: string, fingerprint: string): IndexEntry | undefined {
		const known = this.#files.get(id);
		if (known?.fingerprint === fingerprint) return {fingerprint, summary: summarize(known.doc)};
		try {
			const state = this.#readLocked(id, () => this.#read(id));
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

	#forget(id: string): void {
		this.#confs.delete(id);
		this.#files.delete(id);
		lastRead.delete(this.#file(id));
	}

	#notFound(id: string): StoreError {
		this.#forget(id);
		return new StoreError('not-found', say.notFound(id), {
			file: this.#file(id),
		});
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

function joinFingerprints(file: string, live: string | undefined): string {
	return live === undefined ? file : `${file}+${live}`;
}

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
import type {Conversation, ConversationSettings} from '../domain/types.js';
import {ensurePrivateDir, storePaths, type Env} from './paths.js';
import {StoreError, describeFileError, describeInvalid, isInvalidContent, isStoreError, isUnwritable} from './errors.js';
import {SchemaViolation} from './schema.js';
import {withLock, withReadLock, type LockOptions} from './lock.js';
import {VerifiedConf} from './verified-conf.js';
import {writeNewFile} from './verified-write.js';
import {MAX_NAME_LENGTH, isValidId, slugify, uniqueSlug, validateName} from './slug.js';
import {
	FORMAT_VERSION,
	checkConversationFile,
	conversationMigrations,
	declaredVersion,
	isNewerFormat,
	prepareSerialization,
	serializeConversation,
	type ConversationFile,
} from './format.js';
import {mergeConversation, sharedFields, type SharedFields} from './merge.js';
import {listOrder, nameKey, uniqueName} from './order.js';
import {fileFingerprint, readIndex, summarize, writeIndex, type ConversationSummary, type IndexEntry} from './summary-index.js';
import {emptyTrash, listTrash, moveToTrash, purgeTrash, trashDirOf, type TrashEntry} from './trash.js';

export type {TrashEntry} from './trash.js';

/** A conversation back from the trash; the id or name it had may have been taken meanwhile. */
export interface RestoredConversation {
	conversation: Conversation;
	/** The name it had in the trash, when it had to take another (a conversation of that name exists). */
	renamedFrom?: string;
	/** The id it had, when it had to take another. */
	idFrom?: string;
}

export type {ConversationSummary} from './summary-index.js';

export interface NewConversation extends ConversationSettings {
	name: string;
	draft?: string;
}

/** A file the store could not use. `String(problem)` is the message, ready to show. */
export class StoreProblem {
	constructor(
		readonly kind: 'corrupt' | 'newer-format' | 'unreadable',
		readonly id: string,
		readonly file: string,
		readonly message: string,
		/** For `corrupt`: where the original bytes are now. */
		readonly movedTo?: string,
	) {}

	toString(): string {
		return this.message;
	}
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

/** Opens the store and checks the directory against the index, so problems() is meaningful right away. */
export function openConversationStore(options: ConversationStoreOptions = {}): ConversationStore {
	return new FileConversationStore(options);
}

interface FileState {
	fingerprint: string;
	/** The conversation as the file holds it. */
	doc: Conversation;
}

const FILE_PATTERN = /^([a-z0-9][a-z0-9_-]*)\.json$/;
const TEMPORARY_PATTERN = /^[a-z0-9][a-z0-9_-]*\.json\.tmp-\d+[0-9a-f]*$/;
const ABANDONED_AFTER_MS = 10 * 60_000;

class FileConversationStore implements ConversationStore {
	readonly dir: string;
	readonly #indexFile: string;
	readonly #trashDir: string;
	readonly #lock: LockOptions;
	readonly #onProblem: ((problem: StoreProblem) => void) | undefined;
	/** One conf instance per conversation written (or migrated) by this process. */
	readonly #confs = new Map<string, Conf<ConversationFile>>();
	readonly #files = new Map<string, FileState>();
	/** Per id, the fields as last handed to the caller: the base of the three-way merge of those fields. */
	readonly #handedOut = new Map<string, SharedFields>();
	readonly #pending: StoreProblem[] = [];
	readonly #reported = new Set<string>();

	readonly unwritable: string | undefined;

	constructor(options: ConversationStoreOptions) {
		const paths = storePaths(options.env);
		this.dir = paths.conversationsDir;
		this.#indexFile = paths.indexFile;
		this.#lock = options.lock ?? {};
		this.#onProblem = options.onProblem;
		this.unwritable = prepareFolder(paths.dataDir, paths.conversationsDir);
		this.#trashDir = trashDirOf(paths.dataDir);
		if (!this.unwritable) purgeTrash(this.#trashDir);
		this.list();
	}

	list(): ConversationSummary[] {
		const index = readIndex(this.#indexFile);
		const next = new Map<string, IndexEntry>();
		let changed = false;
		for (const id of this.#idsOnDisk()) {
			const fingerprint = fileFingerprint(this.#file(id));
			if (fingerprint === undefined) continue;
			let entry = index.get(id);
			if (entry?.fingerprint !== fingerprint) {
				changed = true;
				entry = this.#entryFromFile(id, fingerprint);
				if (!entry) continue;
			}
			next.set(id, entry);
		}
		if (changed || next.size !== index.size) this.#writeIndex(next);
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
			const existed = fileFingerprint(file) !== undefined;
			if (existed) moveToTrash(this.#trashDir, file, id);
			this.#forget(id);
			this.#handedOut.delete(id);
			this.#updateIndex(id, undefined);
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
		return this.#pending.splice(0);
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
		const file = this.#file(id);
		// Fingerprint before reading: should the file change in between, the next fingerprint differs and we
		// read again, instead of trusting old content under a new fingerprint.
		const fingerprint = fileFingerprint(file);
		if (fingerprint === undefined) throw this.#notFound(id);
		const known = this.#files.get(id);
		if (known?.fingerprint === fingerprint) return known;
		let raw: Buffer;
		try {
			raw = fs.readFileSync(file);
		} catch (error) {
			if ((error as NodeJS.ErrnoException).code === 'ENOENT') throw this.#notFound(id);
			throw error;
		}
		try {
			let data: unknown = JSON.parse(raw.toString('utf8'));
			if (typeof data !== 'object' || data === null || Array.isArray(data)) throw new SchemaViolation('not a JSON object');
			const version = declaredVersion(data);
			// Checked before conf opens the file, which would rewrite the version number.
			if (isNewerFormat(version)) {
				throw new StoreError('newer-format', say.newerFormat(file, version, FORMAT_VERSION), {file});
			}
			let current = fingerprint;
			lastRead.set(file, {fingerprint, data: data as ConversationFile});
			if (version !== FORMAT_VERSION) {
				// conf migrates when it opens a file. After that the file changed: fingerprint before reading it.
				const conf = this.#openConf(id, {migrate: true});
				this.#confs.set(id, conf);
				current = fileFingerprint(file) ?? fingerprint;
				data = conf.store;
			}
			checkConversationFile(data);
			const state = {fingerprint: current, doc: fromFile(data as ConversationFile, id)};
			this.#files.set(id, state);
			return state;
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
			const opened = this.#openConf(id);
			this.#confs.set(id, opened);
			opened.store = data;
		} else {
			// conf's only way to create a file with content: `defaults`, written when the file is missing.
			this.#confs.set(id, this.#openConf(id, {defaults: data}));
		}
		const state = {fingerprint: fileFingerprint(file) ?? '', doc: conversation};
		this.#files.set(id, state);
		this.#updateIndex(id, {fingerprint: state.fingerprint, summary: summarize(conversation)});
	}

	/** Without `migrate`, conf leaves the version alone: only open files already read as current that way. */
	#openConf(id: string, {migrate = false, defaults}: {migrate?: boolean; defaults?: ConversationFile} = {}): Conf<ConversationFile> {
		return new FileCachedConf<ConversationFile>({
			cwd: this.dir,
			configName: id,
			projectSuffix: '',
			configFileMode: 0o600,
			clearInvalidConfig: false,
			accessPropertiesByDotNotation: false,
			// Bytes: see serializeConversation.
			serialize: serializeConversation as unknown as (value: ConversationFile) => string,
			...(migrate ? {projectVersion: FORMAT_VERSION, migrations: conversationMigrations} : {}),
			...(defaults ? {defaults} : {}),
		});
	}

	/**
	 * Moves a file we cannot use out of the way, byte for byte (conf may have rewritten it while migrating,
	 * so the bytes read before are written, not the file renamed), and reports it once.
	 */
	#quarantine(id: string, raw: Buffer, cause: unknown): StoreError {
		const file = this.#file(id);
		const stamp = new Date().toISOString().replace(/[:.]/g, '-');
		let movedTo = '';
		for (let attempt = 1; ; attempt++) {
			movedTo = path.join(this.dir, `${id}.corrupt-${stamp}${attempt === 1 ? '' : `-${attempt}`}.json`);
			try {
				// Whole or not at all: only a complete copy lets the original go.
				writeNewFile(movedTo, raw);
				break;
			} catch (error) {
				if ((error as NodeJS.ErrnoException).code === 'EEXIST') continue;
				if (!isUnwritable(error)) throw error;
				// A read-only or full folder: the file stays where it is, untouched, and is reported.
				const message = say.unreadableKept(id, describeInvalid(cause), describeFileError(error));
				this.#report(new StoreProblem('corrupt', id, file, message));
				return new StoreError('corrupt', message, {file, cause});
			}
		}
		fs.rmSync(file, {force: true});
		this.#forget(id);
		this.#updateIndex(id, undefined);
		const message = say.unreadableMoved(id, describeInvalid(cause), movedTo);
		this.#report(new StoreProblem('corrupt', id, file, message, movedTo));
		return new StoreError('corrupt', message, {file, movedTo, cause});
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
				this.#report(new StoreProblem(kind, id, this.#file(id), error.message), `${id}@${fingerprint}`);
			} else if (!isStoreError(error)) {
				const message = `Conversation "${id}" could not be read: ${error instanceof Error ? error.message : String(error)}`;
				this.#report(new StoreProblem('unreadable', id, this.#file(id), message), `${id}@${fingerprint}`);
			}
			return undefined;
		}
	}

	#updateIndex(id: string, entry: IndexEntry | undefined): void {
		const index = readIndex(this.#indexFile);
		if (entry) index.set(id, entry);
		else index.delete(id);
		this.#writeIndex(index);
	}

	#writeIndex(index: ReadonlyMap<string, IndexEntry>): void {
		try {
			writeIndex(this.#indexFile, index);
		} catch {
			// The conversation itself is safe; a stale or missing index is only re-checked at the next list().
		}
	}

	#report(problem: StoreProblem, key = `${problem.kind}:${problem.file}:${problem.movedTo ?? ''}`): void {
		if (this.#reported.has(key)) return;
		this.#reported.add(key);
		this.#pending.push(problem);
		this.#onProblem?.(problem);
	}

	#idsOnDisk(): string[] {
		const ids: string[] = [];
		let names: string[];
		try {
			names = fs.readdirSync(this.dir);
		} catch (error) {
			// Never created: a read-only or full disk on the first run.
			if ((error as NodeJS.ErrnoException).code === 'ENOENT') return ids;
			throw error;
		}
		for (const name of names) {
			const id = FILE_PATTERN.exec(name)?.[1];
			if (id !== undefined && isValidId(id)) ids.push(id);
			else if (TEMPORARY_PATTERN.test(name)) this.#removeIfAbandoned(path.join(this.dir, name));
		}
		return ids;
	}

	// conf's temporary files (`<id>.json.tmp-<stamp>`) outlive a process killed mid-save; each can be as big
	// as a conversation. One that old is not being written any more.
	#removeIfAbandoned(file: string): void {
		try {
			if (Date.now() - fs.statSync(file).mtimeMs > ABANDONED_AFTER_MS) fs.rmSync(file, {force: true});
		} catch {
			// gone already, or not ours to remove
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
		return path.join(this.dir, `${id}.json`);
	}
}

/**
 * What each conversation file held when this process last read it, by path and fingerprint. Opening a conf
 * instance reads and parses the whole file (2.4 MB for 5,000 messages), and migrating reads it several
 * times; the store has just read it, so conf is answered from here while the file stays the same.
 */
const lastRead = new Map<string, {fingerprint: string; data: ConversationFile}>();

class FileCachedConf<T extends Record<string, any>> extends VerifiedConf<T> {
	override get store(): T {
		const known = lastRead.get(this.path);
		if (known && known.fingerprint === fileFingerprint(this.path)) return Object.assign(Object.create(null) as object, known.data) as T;
		return super.store;
	}

	override set store(value: T) {
		lastRead.delete(this.path);
		super.store = value;
	}
}

function checkId(id: string): string {
	if (typeof id !== 'string' || !isValidId(id)) {
		throw new StoreError('invalid-id', `"${String(id).slice(0, 80)}" is not a conversation id.`);
	}
	return id;
}

function checkName(name: string): string {
	const reason = typeof name === 'string' ? validateName(name) : say.nameMissing;
	if (reason !== undefined) throw new StoreError('invalid-name', reason);
	return name.trim();
}

function settingsOf(init: NewConversation): Omit<Conversation, 'id' | 'name' | 'createdAt' | 'updatedAt' | 'messages'> {
	const {model, system, temperature, thinking, draft} = init;
	return {
		model: model.trim(),
		...(system === undefined ? {} : {system}),
		...(temperature === undefined ? {} : {temperature}),
		...(thinking === undefined ? {} : {thinking}),
		...(draft === undefined ? {} : {draft}),
	};
}

/** The file name is the id: a file copied or renamed by hand keeps working under its new name. */
function fromFile(data: ConversationFile, id: string): Conversation {
	const {__internal__: _internal, ...rest} = data;
	return {...(rest as unknown as Conversation), id};
}

// conf keeps `__internal__` by re-reading the file when a new value lacks it: passing it saves that read.
// Identity first for whoever opens the file; the serializer puts the messages last.
function toFile(conversation: Conversation): ConversationFile {
	const {id, name, ...rest} = conversation;
	return {id, name, ...rest, __internal__: {migrations: {version: FORMAT_VERSION}}};
}

// The caller may mutate what it gets; the store's own copy of the message list must not change with it.
function copy(conversation: Conversation): Conversation {
	return {
		...conversation,
		messages: [...conversation.messages],
		...(conversation.removedIds ? {removedIds: [...conversation.removedIds]} : {}),
	};
}

/**
 * Creates the folders (0700) and returns, in words, why they cannot be written, if so: a read-only file
 * system, or a full disk (the free space as statfs counts it for this user). Neither stops the store from
 * opening: what is there can still be read.
 */
function prepareFolder(dataDir: string, conversationsDir: string): string | undefined {
	try {
		ensurePrivateDir(dataDir);
		ensurePrivateDir(conversationsDir);
		fs.accessSync(conversationsDir, fs.constants.W_OK);
	} catch (error) {
		if (isUnwritable(error)) return describeFileError(error);
		throw error;
	}
	try {
		const {bavail, bfree} = fs.statfsSync(conversationsDir);
		// root may use the blocks reserved for it.
		if ((process.getuid?.() === 0 ? bfree : bavail) === 0) return describeFileError(Object.assign(new Error('ENOSPC'), {code: 'ENOSPC'}));
	} catch {
		// No statfs here: the first save will tell.
	}
	return undefined;
}

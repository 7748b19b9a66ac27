// What each conversation's files hold, read once per fingerprint: the file itself (through conf: migrated,
// checked, moved aside when corrupt) with the answers streaming beside it (live-answers.ts), and the writes
// that keep both, and the summary index, current. The store (conversations.ts) calls it with the lock held.
import {conversationFileText as say} from './messages.js';
import fs from 'node:fs';
import type Conf from 'conf';
import type {Conversation, Message} from '../domain/types.js';
import {StoreError, describeFileError, describeInvalid, isInvalidContent, isStoreError, isUnwritable} from './errors.js';
import {FORMAT_VERSION, checkConversationFile, checkMessage, type ConversationFile} from './format.js';
import {fileFingerprint, summarize, updateIndexEntry} from './summary-index.js';
import {conversationFile} from './conversation-files.js';
import {fromFile, lastRead, openConversationConf, parseConversationBytes, toFile} from './conversation-doc.js';
import {StoreProblem, type ProblemLog} from './problems.js';
import {moveAside} from './quarantine.js';
import {
	liveAnswersFile,
	overlayLiveAnswers,
	readLiveAnswers,
	removeLiveAnswers,
	writeLiveAnswers,
	type LiveAnswers,
} from './live-answers.js';

export interface FileState {
	/** Of the conversation's file and, when there is one, of its live answers' (live-answers.ts). */
	fingerprint: string;
	/** The conversation as readers see it: the file's, with the live answers merged in. */
	doc: Conversation;
	/** The conversation as its own file holds it, and that file's fingerprint. */
	file: {fingerprint: string; doc: Conversation};
	live?: LiveAnswers;
}

export class ConversationCache {
	/** One conf instance per conversation written (or migrated) by this process. */
	readonly #confs = new Map<string, Conf<ConversationFile>>();
	readonly #files = new Map<string, FileState>();

	constructor(
		private readonly dir: string,
		private readonly indexFile: string,
		private readonly problems: ProblemLog,
	) {}

	/** What was last read or written, if the files have not changed since (the caller compares fingerprints). */
	known(id: string): FileState | undefined {
		return this.#files.get(id);
	}

	/** Saves a streaming answer beside the conversation's file (see ConversationStore.saveAnswer). */
	writeAnswer(id: string, answer: Message): void {
		const state = this.read(id);
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
		updateIndexEntry(this.indexFile, id, {fingerprint: next.fingerprint, summary: summarize(next.doc)});
	}

	/**
	 * What the file holds, parsed and validated, from memory when its fingerprint has not changed. Call with
	 * the lock held: an older format is migrated (written) by conf, and a corrupt file is moved aside.
	 */
	read(id: string): FileState {
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
	readIfUsable(id: string): Conversation | undefined {
		try {
			return this.read(id).doc;
		} catch (error) {
			if (isStoreError(error, 'not-found') || isStoreError(error, 'corrupt')) return undefined;
			throw error;
		}
	}

	/** Writes the whole document through conf (temporary file + rename), then records the new state. */
	write(id: string, conversation: Conversation): void {
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
		updateIndexEntry(this.indexFile, id, {fingerprint, summary: summarize(conversation)});
	}

	/** Writes the live answers into the conversation's file, before the file leaves (trash). */
	foldLiveAnswers(id: string): void {
		const file = liveAnswersFile(this.dir, id);
		if (!fs.existsSync(file)) return;
		try {
			const state = this.read(id);
			if (state.doc !== state.file.doc) this.write(id, state.doc);
			// Answers of an earlier conversation of this id (see LiveAnswers.createdAt) go with it.
			removeLiveAnswers(file);
		} catch {
			// The conversation cannot be read or written: it leaves as it is.
		}
	}

	/** The conversation's fingerprint as #read computes it; `withLiveAnswers` false spares a stat when a listing says there are none. */
	fingerprint(id: string, withLiveAnswers = true): string | undefined {
		const fingerprint = fileFingerprint(this.#file(id));
		if (fingerprint === undefined || !withLiveAnswers) return fingerprint;
		return joinFingerprints(fingerprint, fileFingerprint(liveAnswersFile(this.dir, id)));
	}

	/** Moves a file we cannot use out of the way (see moveAside) and reports it once. */
	#quarantine(id: string, raw: Buffer, cause: unknown): StoreError {
		const file = this.#file(id);
		const {movedTo, message} = moveAside(this.dir, id, file, raw, cause);
		if (movedTo !== undefined) {
			this.forget(id);
			updateIndexEntry(this.indexFile, id, undefined);
		}
		this.problems.report(new StoreProblem('corrupt', id, file, message, movedTo));
		return new StoreError('corrupt', message, {file, ...(movedTo === undefined ? {} : {movedTo}), cause});
	}

	forget(id: string): void {
		this.#confs.delete(id);
		this.#files.delete(id);
		lastRead.delete(this.#file(id));
	}

	#notFound(id: string): StoreError {
		this.forget(id);
		return new StoreError('not-found', say.notFound(id), {
			file: this.#file(id),
		});
	}

	#file(id: string): string {
		return conversationFile(this.dir, id);
	}
}

function joinFingerprints(file: string, live: string | undefined): string {
	return live === undefined ? file : `${file}+${live}`;
}

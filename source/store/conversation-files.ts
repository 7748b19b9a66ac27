// Conversation files by name: which files in the folder are conversations, what an id and a name may be, and
// the folder itself (created private, checked for writing). No file content is read here.
import {conversationFileText as say} from './messages.js';
import fs from 'node:fs';
import path from 'node:path';
import type {Conversation} from '../domain/types.js';
import {StoreError, describeFileError, isUnwritable} from './errors.js';
import {ensurePrivateDir} from './paths.js';
import {isValidId, validateName} from './slug.js';
import type {NewConversation} from './conversation-store.js';

const FILE_PATTERN = /^([a-z0-9][a-z0-9_-]*)\.json$/;
const LIVE_PATTERN = /^([a-z0-9][a-z0-9_-]*)\.live\.json$/;
const TEMPORARY_PATTERN = /^[a-z0-9][a-z0-9_-]*(\.live)?\.json\.tmp-\d+[0-9a-f]*$/;
const ABANDONED_AFTER_MS = 10 * 60_000;

export function conversationFile(dir: string, id: string): string {
	return path.join(dir, `${id}.json`);
}

/** The conversations in the folder, and those of them with answers saved beside them (live-answers.ts). */
export function idsOnDisk(dir: string): {ids: string[]; withLiveAnswers: Set<string>} {
	const ids: string[] = [];
	const withLiveAnswers = new Set<string>();
	let names: string[];
	try {
		names = fs.readdirSync(dir);
	} catch (error) {
		// Never created: a read-only or full disk on the first run.
		if ((error as NodeJS.ErrnoException).code === 'ENOENT') return {ids, withLiveAnswers};
		throw error;
	}
	for (const name of names) {
		const id = FILE_PATTERN.exec(name)?.[1];
		if (id !== undefined && isValidId(id)) ids.push(id);
		else if (TEMPORARY_PATTERN.test(name)) removeIfAbandoned(path.join(dir, name));
		else {
			const live = LIVE_PATTERN.exec(name)?.[1];
			if (live !== undefined) withLiveAnswers.add(live);
		}
	}
	return {ids, withLiveAnswers};
}

// conf's temporary files (`<id>.json.tmp-<stamp>`) outlive a process killed mid-save; each can be as big
// as a conversation. One that old is not being written any more.
function removeIfAbandoned(file: string): void {
	try {
		if (Date.now() - fs.statSync(file).mtimeMs > ABANDONED_AFTER_MS) fs.rmSync(file, {force: true});
	} catch {
		// gone already, or not ours to remove
	}
}

export function checkId(id: string): string {
	if (typeof id !== 'string' || !isValidId(id)) {
		throw new StoreError('invalid-id', `"${String(id).slice(0, 80)}" is not a conversation id.`);
	}
	return id;
}

export function checkName(name: string): string {
	const reason = typeof name === 'string' ? validateName(name) : say.nameMissing;
	if (reason !== undefined) throw new StoreError('invalid-name', reason);
	return name.trim();
}

export function settingsOf(init: NewConversation): Omit<Conversation, 'id' | 'name' | 'createdAt' | 'updatedAt' | 'messages'> {
	const {model, system, temperature, thinking, draft} = init;
	return {
		model: model.trim(),
		...(system === undefined ? {} : {system}),
		...(temperature === undefined ? {} : {temperature}),
		...(thinking === undefined ? {} : {thinking}),
		...(draft === undefined ? {} : {draft}),
	};
}

/**
 * Creates the folders (0700) and returns, in words, why they cannot be written, if so: a read-only file
 * system, or a full disk (the free space as statfs counts it for this user). Neither stops the store from
 * opening: what is there can still be read.
 */
export function prepareFolder(dataDir: string, conversationsDir: string): string | undefined {
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

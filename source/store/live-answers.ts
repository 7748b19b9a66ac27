// Answers still streaming, saved beside their conversation: `<id>.live.json` holds the growing answers of
// `<id>.json`. A checkpoint every few seconds then writes the answer alone, and costs the same in a
// 5,000-message conversation as in a new one (rewriting the 2.4 MB file made every frame of a long
// answer a third dearer). Readers see the conversation with these answers merged in (overlayLiveAnswers);
// the next write of the conversation itself takes them in and removes the file.
import fs from 'node:fs';
import path from 'node:path';
import type {Conversation, Message} from '../domain/types.js';
import {checkMessage} from './format.js';
import {latest, newerMessage, sortByTime} from './merge.js';
import {writeFileVerified} from './verified-write.js';

/** What `<id>.live.json` holds. */
export interface LiveAnswers {
	/**
	 * The `createdAt` of the conversation the answers belong to: a file left behind by a deleted conversation
	 * must not put its answer into a new one that took the same id.
	 */
	createdAt: string;
	messages: Message[];
}

export const LIVE_SUFFIX = '.live.json';

export function liveAnswersFile(dir: string, id: string): string {
	return path.join(dir, `${id}${LIVE_SUFFIX}`);
}

/**
 * The answers in the file; undefined when there is none, or none usable: a file cut by hand or by a broken
 * disk costs its answers, never the conversation. A message the schema refuses is left out alone.
 */
export function readLiveAnswers(file: string): LiveAnswers | undefined {
	let data: unknown;
	try {
		data = JSON.parse(fs.readFileSync(file, 'utf8'));
	} catch {
		return undefined;
	}
	const record = data as Partial<LiveAnswers> | null;
	if (typeof record?.createdAt !== 'string' || !Array.isArray(record.messages)) return undefined;
	const messages = record.messages.filter((message) => {
		try {
			checkMessage(message);
			return true;
		} catch {
			return false;
		}
	});
	return messages.length > 0 ? {createdAt: record.createdAt, messages} : undefined;
}

/** Replaces the file atomically (verified, fsynced): one message per line, like the conversation files. */
export function writeLiveAnswers(file: string, answers: LiveAnswers): void {
	const lines = answers.messages.map((message) => `\t\t${JSON.stringify(message)}`).join(',\n');
	writeFileVerified(file, `{\n\t"createdAt": ${JSON.stringify(answers.createdAt)},\n\t"messages": [\n${lines}\n\t]\n}\n`);
}

export function removeLiveAnswers(file: string): void {
	fs.rmSync(file, {force: true});
}

/**
 * The conversation as its readers see it: each live answer in place of the file's copy of that message
 * (by the store's merge rule: a final state beats `streaming`, then the later change), or after the others.
 * Answers of another conversation (see LiveAnswers.createdAt) or deleted on purpose (`removedIds`) are ignored.
 */
export function overlayLiveAnswers(conversation: Conversation, answers: LiveAnswers | undefined): Conversation {
	if (!answers || answers.createdAt !== conversation.createdAt) return conversation;
	const removed = new Set(conversation.removedIds);
	const messages = [...conversation.messages];
	let updatedAt = conversation.updatedAt;
	for (const answer of answers.messages) {
		if (removed.has(answer.id)) continue;
		// The answer is almost always the last message or close to it.
		let index = messages.length - 1;
		while (index >= 0 && messages[index]!.id !== answer.id) index--;
		if (index >= 0) messages[index] = newerMessage(answer, messages[index]!);
		else messages.push(answer);
		updatedAt = latest(updatedAt, answer.updatedAt ?? answer.time);
	}
	return {...conversation, updatedAt, messages: sortByTime(messages)};
}

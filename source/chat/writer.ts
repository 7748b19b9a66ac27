// Who is writing an answer that a file holds as `streaming`. A glm-tui saves a growing answer every few
// seconds with its `host:pid` (a checkpoint), so another glm-tui reading the file can tell an answer still
// being finished elsewhere (an SSH session that dropped, a second window) from one whose writer died (kill -9,
// a crash, a reboot): the first is shown growing, the second is shown `stopped`.
import os from 'node:os';
import type {Conversation, Message} from '../domain/types.js';
import {isAlive} from '../store/process-alive.js';

/** A writer checkpoints at least this often while its answer streams, even when no text arrived. */
export const HEARTBEAT_MS = 30_000;
/** A checkpoint older than this has no live writer behind it (three missed heartbeats, a slow machine). */
export const STALE_MS = 3 * HEARTBEAT_MS;

export interface WriterWorld {
	host: string;
	pid: number;
	now: number;
	/** Whether a process of this host with that pid exists. */
	isAlive(pid: number): boolean;
}

export function thisWriter(): string {
	return `${os.hostname()}:${process.pid}`;
}

export function currentWorld(now = Date.now()): WriterWorld {
	return {host: os.hostname(), pid: process.pid, now, isAlive};
}

/**
 * True when another live glm-tui is still writing this `streaming` message. On this host the process must
 * exist (and not be us: we know our own answers); on another host only the heartbeat can tell.
 */
export function writtenElsewhere(message: Message, world: WriterWorld): boolean {
	if (message.state !== 'streaming' || !message.writer) return false;
	const at = Date.parse(message.updatedAt ?? message.time);
	if (!Number.isFinite(at) || world.now - at > STALE_MS) return false;
	const split = message.writer.lastIndexOf(':');
	const host = message.writer.slice(0, split);
	const pid = Number(message.writer.slice(split + 1));
	if (split <= 0 || !Number.isInteger(pid) || pid <= 0) return false;
	if (host !== world.host) return true;
	return pid !== world.pid && world.isAlive(pid);
}

/**
 * Marks each `streaming` message no one is writing any more as `stopped` (what arrived stays), in place.
 * Returns whether one is still being written elsewhere.
 */
export function settleStreaming(conversation: Conversation, world: WriterWorld = currentWorld()): {changed: boolean; elsewhere: boolean} {
	let changed = false;
	let elsewhere = false;
	const messages = conversation.messages;
	for (let index = 0; index < messages.length; index++) {
		const message = messages[index]!;
		if (message.state !== 'streaming') continue;
		if (writtenElsewhere(message, world)) {
			elsewhere = true;
			continue;
		}
		const {writer: _writer, ...rest} = message;
		messages[index] = {...rest, state: 'stopped'};
		changed = true;
	}
	return {changed, elsewhere};
}

/** The message as saved mid-stream: marked with its writer and the time of this save. */
export function checkpointOf(message: Message, writer: string, now: number): Message {
	return {...message, writer, updatedAt: new Date(now).toISOString()};
}

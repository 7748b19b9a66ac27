// Text given to the model alongside a question (piped stdin, files): each goes in a Markdown fenced block
// with its name, so the model sees where one ends and the next begins.
import {readFileSync, statSync} from 'node:fs';
import {homedir} from 'node:os';
import path from 'node:path';
import type {AttachedFile} from '../domain/types.js';
import {attachmentText as say} from './attachment-messages.js';

/** Larger files are refused, not cut: a silently truncated log or config gives a wrong answer. */
export const MAX_ATTACHMENT_BYTES = 256 * 1024;
/** All attachments of one question together (~150K tokens of English, more in Chinese: GLM-4.5's window). */
export const MAX_ATTACHED_BYTES = 512 * 1024;

/** `name` is as the user wrote it (`~/x.log`, `src/a.ts`): what the model and the transcript show. */
export type Attachment = AttachedFile;

export class AttachmentError extends Error {}

export function expandHome(file: string, home = homedir()): string {
	return file === '~' ? home : file.startsWith('~/') ? path.join(home, file.slice(2)) : file;
}

const KIB = 1024;
const size = (bytes: number) =>
	bytes < KIB ? `${bytes} B` : bytes < KIB * KIB ? `${Math.round(bytes / KIB)} KB` : `${(bytes / KIB / KIB).toFixed(1)} MB`;

/** Reads a text file to attach; throws AttachmentError with a sentence saying why not. */
export function readAttachment(name: string, cwd = process.cwd(), home?: string): Attachment {
	const file = path.resolve(cwd, expandHome(name, home));
	let bytes: Buffer;
	try {
		const stats = statSync(file);
		if (stats.isDirectory()) throw new AttachmentError(say.folder(name));
		if (stats.size > MAX_ATTACHMENT_BYTES) {
			throw new AttachmentError(say.tooBig(name, size(stats.size), size(MAX_ATTACHMENT_BYTES)));
		}
		bytes = readFileSync(file);
	} catch (error) {
		if (error instanceof AttachmentError) throw error;
		throw new AttachmentError(say.unreadable(name, describeReadError(error as NodeJS.ErrnoException)));
	}
	const text = decodeText(bytes);
	if (text === undefined) throw new AttachmentError(say.binary(name));
	return {name, text, bytes: bytes.length, lines: countLines(text)};
}

export function checkAttachedTotal(attachments: readonly Attachment[]): void {
	const total = attachments.reduce((sum, each) => sum + each.bytes, 0);
	if (total > MAX_ATTACHED_BYTES) {
		throw new AttachmentError(say.tooMuch(size(total), size(MAX_ATTACHED_BYTES)));
	}
}

function describeReadError(error: NodeJS.ErrnoException): string {
	switch (error.code) {
		case 'ENOENT':
			return say.noSuchFile;
		case 'EACCES':
		case 'EPERM':
			return say.permissionDenied;
		case 'ENOTDIR':
			return say.notAFolder;
		case 'ELOOP':
			return say.symlinkLoop;
		default:
			return error.code ?? error.message;
	}
}

/** UTF-8 text (a byte-order mark dropped), or undefined for binary: a NUL byte or bytes that are not UTF-8. */
export function decodeText(bytes: Uint8Array): string | undefined {
	if (bytes.includes(0)) return undefined;
	try {
		return new TextDecoder('utf-8', {fatal: true, ignoreBOM: false}).decode(bytes);
	} catch {
		return undefined;
	}
}

export function countLines(text: string): number {
	if (text === '') return 0;
	let lines = 1;
	for (let index = text.indexOf('\n'); index !== -1 && index < text.length - 1; index = text.indexOf('\n', index + 1)) lines++;
	return lines;
}

/** Backticks enough that no run of them inside the text closes the block. */
export function fenceFor(text: string): string {
	let longest = 0;
	for (const run of text.match(/`{3,}/g) ?? []) longest = Math.max(longest, run.length);
	return '`'.repeat(Math.max(3, longest + 1));
}

/** A fenced block that no run of backticks inside the text can close early. */
export function fenced(text: string, info = ''): string {
	const fence = fenceFor(text);
	return `${fence}${info}\n${text}${text.endsWith('\n') || text === '' ? '' : '\n'}${fence}`;
}

/** A file as the model gets it: its name, then its text fenced (the extension as the language, for code). */
export function attachmentBlock(attachment: Pick<Attachment, 'name' | 'text'>): string {
	const extension = path.extname(attachment.name).slice(1);
	return `${attachment.name}:\n${fenced(attachment.text, /^[\w+-]{1,12}$/.test(extension) ? extension : '')}`;
}

/** What the model is asked: the files first, each fenced under its name, then the question (as one-shot mode does). */
export function questionWithFiles(question: string, files: readonly Pick<Attachment, 'name' | 'text'>[] | undefined): string {
	if (files === undefined || files.length === 0) return question;
	return [...files.map((file) => attachmentBlock(file)), question].join('\n\n');
}

/** `notes.md · 2 KB · 40 lines`: how an attached file is shown instead of its text. */
export function attachmentSummary(file: Pick<Attachment, 'name' | 'bytes' | 'lines'>): string {
	return `${file.name} · ${size(file.bytes)} · ${say.lineCount(file.lines)}`;
}

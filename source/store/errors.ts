// Every failure of the store is a StoreError with a message a person can act on; `code` is for the program.
import {SchemaViolation} from './schema.js';
import {storeText} from './messages.js';

export type StoreErrorCode =
	/** The conversation file does not exist (deleted by another glm-tui, or never created). */
	| 'not-found'
	/** The file is not JSON or does not match the schema; for conversations it has been moved aside. */
	| 'corrupt'
	/** Written by a newer glm-tui: left untouched, because rewriting it here would lose what we don't know. */
	| 'newer-format'
	/** An id that is not a safe slug: refused before it can name a path. */
	| 'invalid-id'
	| 'invalid-name'
	/** Another conversation already has this name (names are unique, so a name finds one conversation). */
	| 'name-taken'
	/** A value the settings schema refuses. */
	| 'invalid-value'
	/** Another glm-tui held the conversation's lock for longer than we wait. */
	| 'locked'
	/** The folder cannot be written (read-only, full, no permission); reading still works. */
	| 'unwritable';

export class StoreError extends Error {
	override readonly name = 'StoreError';
	readonly code: StoreErrorCode;
	/** The file concerned. */
	readonly file?: string;
	/** Where a corrupt conversation was moved. */
	readonly movedTo?: string;

	constructor(code: StoreErrorCode, message: string, details: {file?: string; movedTo?: string; cause?: unknown} = {}) {
		super(message, details.cause === undefined ? undefined : {cause: details.cause});
		this.code = code;
		if (details.file !== undefined) this.file = details.file;
		if (details.movedTo !== undefined) this.movedTo = details.movedTo;
	}
}

export function isStoreError(error: unknown, code?: StoreErrorCode): error is StoreError {
	return error instanceof StoreError && (code === undefined || error.code === code);
}

/** Schema violations, conf's migration errors and JSON.parse's SyntaxError, trimmed to the useful part. */
export function describeInvalid(error: unknown): string {
	const message = error instanceof Error ? error.message : String(error);
	return (
		message
			// V8 quotes the text around a JSON syntax error; in config.json that can be part of the API key.
			.replace(/, ".*" is not valid JSON$/s, ': not valid JSON')
			.replace(/`` must have required property '([^']+)'/g, 'missing `$1`')
	);
}

/** Errors that mean the file's content is bad, as opposed to I/O failures, which pass through. */
export function isInvalidContent(error: unknown): boolean {
	if (!(error instanceof Error)) return false;
	return (
		error instanceof SyntaxError ||
		error instanceof SchemaViolation ||
		error.message.startsWith('Something went wrong during the migration')
	);
}

/** Codes of a folder that can be read but not written: read-only, full, over quota, not ours. */
const UNWRITABLE_CODES = new Set(['EROFS', 'ENOSPC', 'EDQUOT', 'EACCES', 'EPERM']);

/** An I/O failure that means "nothing can be written there now", as opposed to a bug or a vanished file. */
export function isUnwritable(error: unknown): boolean {
	return error instanceof Error && UNWRITABLE_CODES.has((error as NodeJS.ErrnoException).code ?? '');
}

/**
 * An I/O failure in words a person can act on, the code kept for searching: "the disk is full (ENOSPC)".
 * The path only when asked: a status line has no room for it.
 */
export function describeFileError(error: unknown, {withPath = false}: {withPath?: boolean} = {}): string {
	const failure = error as NodeJS.ErrnoException | undefined;
	const where = withPath && failure?.path ? ` (${failure.path})` : '';
	switch (failure?.code) {
		case 'ENOSPC':
			return storeText.diskFull;
		case 'EDQUOT':
			return storeText.quota;
		case 'EROFS':
			return storeText.readOnly(where);
		case 'EACCES':
		case 'EPERM':
			return storeText.noPermission(where, failure.code);
		case 'ENOTDIR':
			return storeText.notDir(where);
		case 'ENOENT':
			return storeText.gone(where);
		case 'EIO':
			return storeText.io;
		default:
			// Without a closing full stop: callers go on with their own sentence.
			return (error instanceof Error ? error.message : String(error)).replace(/\.$/, '');
	}
}

import {closeSync, writeSync} from 'node:fs';
import {constants} from 'node:os';
import {disableBracketedPaste, enableBracketedPaste} from './stdin-filter.js';
import {sanitize} from '../text/sanitize.js';
import {disableMouse} from './mouse.js';
import {capabilities} from './terminal-type.js';

/*
Terminal lifecycle: what is written when the full-screen UI starts and what must be written on every way
out, so the user's shell screen comes back intact (alternate screen left, cursor visible, bracketed paste
off, colours reset), whether the program quits, crashes, is interrupted or loses its SSH connection.
*/

export const enterAltScreen = '\u001B[?1049h';
export const leaveAltScreen = '\u001B[?1049l';
export const showCursor = '\u001B[?25h';
export const hideCursor = '\u001B[?25l';
export const resetSgr = '\u001B[0m';
export {enableBracketedPaste, disableBracketedPaste};

/** Written once before the first frame. */
export const enterSequence = enterAltScreen + enableBracketedPaste;

/** Switches to the alternate screen (bracketed paste is separate: `enableBracketedPaste`). */
export function enterAlternateScreen(stdout: RestoreStream): void {
	stdout.write(enterAltScreen);
}

/** Undoes everything the program may have turned on, in an order that is safe on any terminal. */
export const restoreSequence = resetSgr + disableMouse + disableBracketedPaste + showCursor + leaveAltScreen;

/**
 * A terminal without an alternate screen (linux console, vt100: terminal-type.ts) has the chat on its only
 * screen: it is cleared on the way out, so the shell's prompt comes back on an empty screen, not over the chat.
 */
export const restoreSequenceWithoutAlternateScreen =
	resetSgr + '\u001B[r\u001B[H\u001B[2J' + disableMouse + disableBracketedPaste + showCursor + leaveAltScreen;

export type RestoreStream = {
	write(data: string): unknown;
	fd?: number;
};

export type ExitCause = {kind: 'signal'; signal: 'SIGINT' | 'SIGTERM' | 'SIGHUP' | 'SIGQUIT'} | {kind: 'error'; error: unknown};

/**
 * Calling it (or its `restore`) writes the restore sequence, once; later calls do nothing. The handlers
 * stay installed after a normal restore, so a later crash still exits cleanly; `dispose` removes them.
 */
export type TerminalRestore = (() => void) & {
	restore(): void;
	dispose(): void;
	/** The terminal is gone (SSH drop): from now on nothing is written to it, not even the restore sequence. */
	abandon(): void;
	/** The program took the terminal again (after a suspend): the next restore writes the sequence again. */
	reset(): void;
};

export interface RestoreOptions {
	/**
	 * Called on SIGHUP instead of exiting: the terminal went away, but answers may still be streaming
	 * (see source/detach.ts). Without it, SIGHUP exits like SIGTERM.
	 */
	onHangup?: () => void;
}

const signals = ['SIGINT', 'SIGTERM', 'SIGHUP', 'SIGQUIT'] as const;

/**
 * Restores the terminal exactly once on: process exit, SIGINT, SIGTERM, SIGHUP, SIGQUIT, uncaught exception and
 * unhandled rejection. For a signal: restore, call `onExit` synchronously (save state), exit with
 * 128 + signal number. For an uncaught error: restore, call `onExit`, print the error to stderr (now on
 * the normal screen, where it stays visible), exit with 1. `onExit` must be synchronous; its errors are
 * ignored so they cannot prevent the exit.
 */
export function installTerminalRestore(
	stdout: RestoreStream,
	onExit?: (cause: ExitCause) => void,
	options: RestoreOptions = {},
): TerminalRestore {
	let restored = false;
	let leaving = false;
	let abandoned = false;

	const restore = (): void => {
		if (restored) {
			return;
		}

		restored = true;
		writeNow(stdout, capabilities().alternateScreen ? restoreSequence : restoreSequenceWithoutAlternateScreen);
	};

	const leave = (cause: ExitCause, code: number): void => {
		// A second signal while saving must not start a second save.
		if (leaving) {
			return;
		}

		leaving = true;
		restore();
		try {
			onExit?.(cause);
		} catch {}

		if (cause.kind === 'error' && !abandoned) {
			try {
				process.stderr.write(`${describe(cause.error)}\n`);
			} catch {}
		}

		if (abandoned) exitWithoutTerminal(code);
		else process.exit(code);
	};

	const signalHandlers = signals.map((signal) => {
		const handler = (): void => {
			if (signal === 'SIGHUP' && options.onHangup) options.onHangup();
			else leave({kind: 'signal', signal}, 128 + constants.signals[signal]);
		};

		process.on(signal, handler);
		return [signal, handler] as const;
	});
	const onError = (error: unknown): void => {
		leave({kind: 'error', error}, 1);
	};

	process.on('exit', restore);
	process.on('uncaughtException', onError);
	process.on('unhandledRejection', onError);

	const dispose = (): void => {
		for (const [signal, handler] of signalHandlers) {
			process.off(signal, handler);
		}

		process.off('exit', restore);
		process.off('uncaughtException', onError);
		process.off('unhandledRejection', onError);
	};

	const abandon = (): void => {
		abandoned = true;
		restored = true;
	};

	const reset = (): void => {
		if (!abandoned) restored = false;
	};

	return Object.assign(() => restore(), {restore, dispose, abandon, reset});
}

/**
 * process.exit for a process whose terminal is gone. Node puts the terminal modes back as it exits, and a
 * hung-up terminal refuses (EIO): Node then aborts with an assertion and a native stack trace (node.cc
 * ResetStdio). It skips descriptors that were closed, so they are closed first; all saving is done by now.
 */
export function exitWithoutTerminal(code: number): never {
	for (const fd of [0, 1, 2]) {
		try {
			closeSync(fd);
		} catch {}
	}
	return process.exit(code);
}

// On the way out only synchronous writes are sure to land; a hung-up terminal (EIO) must not throw.
function writeNow(stream: RestoreStream, data: string): void {
	try {
		if (typeof stream.fd === 'number') {
			writeSync(stream.fd, data);
			return;
		}
	} catch {
		return;
	}

	try {
		stream.write(data);
	} catch {}
}

function describe(error: unknown): string {
	if (error instanceof Error) {
		return error.stack ?? `${error.name}: ${error.message}`;
	}

	return `Unhandled rejection: ${String(error)}`;
}

export type Osc52Options = {
	/** Defaults to process.env; `TMUX` and `STY` select the multiplexer wrapping. */
	env?: Record<string, string | undefined>;
};

/**
 * Text fit for the clipboard: escape sequences and control characters neutralized as on the screen
 * (sanitize), except that tabs stay tabs, since code pasted back must keep them.
 */
export function clipboardText(text: string): string {
	return text.includes('\t')
		? text
				.split('\t')
				.map((part) => sanitize(part))
				.join('\t')
		: sanitize(text);
}

/**
 * The OSC 52 sequence that puts `text` on the system clipboard of the terminal the user sits at (it
 * travels through SSH). Inside tmux it is sent twice: plain, which tmux takes when `set-clipboard on`
 * (tmux >= 3.3 then forwards it), and wrapped in tmux's DCS passthrough, which older tmux always honours
 * and newer tmux honours with `allow-passthrough on`. Whichever tmux refuses it drops silently, and setting
 * the clipboard twice to the same text is harmless, so this works with the most configurations. Inside
 * GNU screen the sequence goes through screen's DCS passthrough, in pieces (screen limits one string).
 * Terminals cap the size they accept (often around 100 kB of base64); longer text may be ignored. The text
 * is neutralized first (clipboardText): whatever it is pasted into next may be a terminal.
 */
export function osc52Copy(text: string, options: Osc52Options = {}): string {
	const env = options.env ?? process.env;
	const payload = Buffer.from(clipboardText(text), 'utf8').toString('base64');
	const plain = `\u001B]52;c;${payload}\u0007`;
	if (env['TMUX']) {
		return `${plain}\u001BPtmux;\u001B\u001B]52;c;${payload}\u0007\u001B\\`;
	}

	if (env['STY']) {
		const pieces = payload.match(/.{1,76}/g) ?? [''];
		return `\u001BP\u001B]52;c;${pieces.join('\u001B\\\u001BP')}\u0007\u001B\\`;
	}

	return plain;
}

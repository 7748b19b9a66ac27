import {Readable} from 'node:stream';
import {StringDecoder} from 'node:string_decoder';
import {ForeignSequences} from './foreign-sequences.js';

/*
Sits between the terminal and Ink (`render(app, {stdin: filter})`) and fixes what ink 6.8's input path
gets wrong:

- Bracketed paste (`ESC[200~ ... ESC[201~`, enabled with `enableBracketedPaste`) becomes one 'paste' event
  with the whole text, CRLF and lone CR turned into LF, however the paste is split across reads. The
  pieces are collected in an array and joined once: a 1 MB paste in 4 KB reads stays linear.
- A read of `text\r` is pushed as `text` and `\r`, so Ink sees the text and then Enter (Ink turns one read
  into one input event). Several trailing CRs become several Enters. Alt+Enter (`ESC\r`) stays whole.
- A CR followed by more text in one read, with no paste markers and no escape sequences, is a paste from a
  terminal without bracketed paste: the whole read becomes a 'paste' (trailing CR included, as a newline:
  a paste must never send the message by itself). Reads arriving within `pasteContinuationMs` of such a
  paste continue it, so a large unbracketed paste split across reads never ends in an accidental Enter.
  A read with escape sequences and CRs (fast typing over a laggy link: `abc\rESC[A`) is split at each CR.
- An escape sequence cut at the end of a read (`ESC`, `ESC[`, `ESC[1;5`, `ESC O`, `ESC ESC[`) is held back
  for `escapeTimeoutMs` waiting for the rest, then released as is (a lone ESC is the Escape key). Ink's
  own parser only waits one setImmediate, which a slow SSH link easily exceeds; it then reads the tail
  (`[A`) as typed text.
- Escape sequences that are not keys (terminal answers, focus reports, unknown CSI, OSC/DCS strings) are
  dropped (foreign-sequences.ts): ink would type them into the composer minus their ESC.
- Everything else passes through unchanged.

Ink reads with `stdin.read()` in a 'readable' handler and hands each returned chunk to its parser as one
unit. A byte-mode Readable would concatenate everything buffered into one read, undoing the splitting, so
this stream is in object mode: each pushed string is returned by exactly one `read()`. Pastes travel
through the same queue (as a private object) and are emitted from `read()`, so they are delivered in order
with the keys typed before and after them. Consumers must use `read()` ('readable'), not 'data' events.
If nobody listens for 'paste', the pasted text is returned by `read()` as ordinary input.

Pasted text is not sanitized here (newlines are normalized only): the composer keeps it exactly (what is
sent is what was pasted) and neutralizes it only when drawing (source/ui/text-rows.ts); one-line fields
clean and cap it (source/ui/line-field.ts). Bytes are decoded with one StringDecoder for the whole stream,
so a UTF-8 sequence cut between two reads arrives whole (test/terminal/paste-integrity.test.ts).
*/

export const enableBracketedPaste = '\u001B[?2004h';
export const disableBracketedPaste = '\u001B[?2004l';

const pasteStart = '\u001B[200~';
const pasteEnd = '\u001B[201~';

export type StdinSource = NodeJS.ReadableStream & {
	isTTY?: boolean;
	isRaw?: boolean;
	setRawMode?: (mode: boolean) => unknown;
	ref?: () => unknown;
	unref?: () => unknown;
};

export type StdinFilterOptions = {
	/** How long an incomplete escape sequence at the end of a read is held back. */
	escapeTimeoutMs?: number;
	/** Reads arriving this soon after an unbracketed paste are part of it. */
	pasteContinuationMs?: number;
	/** Sees typed input (never pastes) before the keys are split out; mouse.ts takes mouse reports out here. */
	keyFilter?: (text: string) => string;
};

class Paste {
	constructor(readonly text: string) {}
}

// An escape sequence that has started but cannot be complete yet (anchored at the end of the text).
const incompleteEscape = /^\u001B{1,2}(?:\[\[?[\x20-\x3f]*|O)?$/;
const longestIncompleteEscape = 32;

export class StdinFilter extends Readable {
	readonly isTTY = true;
	private readonly decoder = new StringDecoder('utf8');
	private readonly escapeTimeoutMs: number;
	private readonly pasteContinuationMs: number;
	private readonly keyFilter: ((text: string) => string) | undefined;
	private readonly foreign = new ForeignSequences();
	private attached = false;
	private inPaste = false;
	private pasteParts: string[] = [];
	private pending = '';
	private pendingTimer: NodeJS.Timeout | undefined;
	private lastUnbracketedPaste = Number.NEGATIVE_INFINITY;

	constructor(
		private readonly source: StdinSource,
		options: StdinFilterOptions = {},
	) {
		super({objectMode: true});
		this.escapeTimeoutMs = options.escapeTimeoutMs ?? 30;
		this.pasteContinuationMs = options.pasteContinuationMs ?? 100;
		this.keyFilter = options.keyFilter;
	}

	get isRaw(): boolean {
		return this.source.isRaw ?? false;
	}

	setRawMode(mode: boolean): this {
		this.source.setRawMode?.(mode);
		return this;
	}

	ref(): this {
		this.source.ref?.();
		return this;
	}

	unref(): this {
		this.source.unref?.();
		return this;
	}

	// Ink sets utf8; chunks are always strings already, and a decoder on an object-mode stream is pointless.
	override setEncoding(_encoding?: BufferEncoding): this {
		return this;
	}

	override read(size?: number): unknown {
		for (;;) {
			const chunk: unknown = super.read(size);
			if (!(chunk instanceof Paste)) {
				return chunk;
			}

			if (this.listenerCount('paste') === 0) {
				return chunk.text;
			}

			this.emit('paste', chunk.text);
		}
	}

	/** Feeds raw terminal input; called for each read of the source (and directly by tests). */
	feed(data: Buffer | string): void {
		const text = typeof data === 'string' ? data : this.decoder.write(data);
		if (text !== '') {
			this.process(text, false);
		}
	}

	override _read(): void {
		if (this.attached) {
			return;
		}

		this.attached = true;
		this.source.on('data', this.onData);
		this.source.on('end', this.onEnd);
		this.source.on('error', this.onError);
	}

	override _destroy(error: Error | null, callback: (error?: Error | null) => void): void {
		this.clearPendingTimer();
		if (this.attached) {
			this.source.off('data', this.onData);
			this.source.off('end', this.onEnd);
			this.source.off('error', this.onError);
			this.attached = false;
		}

		callback(error);
	}

	private readonly onData = (data: Buffer | string): void => {
		this.feed(data);
	};

	private readonly onEnd = (): void => {
		const rest = this.decoder.end();
		if (rest !== '') {
			this.process(rest, false);
		}

		this.flushPending();
		if (this.inPaste) {
			// The terminal went away mid-paste: deliver what arrived.
			this.finishPaste();
		}

		this.push(null);
	};

	// A dead terminal (EIO after an SSH drop) is handled by the SIGHUP path; do not crash on it here.
	private readonly onError = (error: Error): void => {
		if (this.listenerCount('error') > 0) {
			this.emit('error', error);
		}
	};

	private process(chunk: string, force: boolean): void {
		this.clearPendingTimer();
		let text = this.pending + chunk;
		this.pending = '';
		while (text !== '') {
			if (this.inPaste) {
				const end = text.indexOf(pasteEnd);
				if (end === -1) {
					// Keep a possible start of the end marker for the next read.
					const keep = force ? 0 : partialSuffix(text, pasteEnd);
					this.pasteParts.push(text.slice(0, text.length - keep));
					this.pending = text.slice(text.length - keep);
					return;
				}

				this.pasteParts.push(text.slice(0, end));
				this.finishPaste();
				text = text.slice(end + pasteEnd.length);
				continue;
			}

			const start = text.indexOf(pasteStart);
			if (start === -1) {
				this.processKeys(text, force);
				return;
			}

			this.processKeys(text.slice(0, start), true);
			this.inPaste = true;
			text = text.slice(start + pasteStart.length);
		}
	}

	private finishPaste(): void {
		this.inPaste = false;
		const pasted = normalizeNewlines(this.pasteParts.join(''));
		this.pasteParts = [];
		if (pasted !== '') {
			this.push(new Paste(pasted));
		}
	}

	private processKeys(text: string, force: boolean): void {
		let complete = text;
		if (!force) {
			const escape = text.lastIndexOf('\u001B');
			if (escape !== -1 && text.length - escape <= longestIncompleteEscape) {
				// ESC ESC [ ... : hold from the first ESC of the pair.
				const from = escape > 0 && text.charCodeAt(escape - 1) === 0x1b ? escape - 1 : escape;
				if (incompleteEscape.test(text.slice(from))) {
					complete = text.slice(0, from);
					this.pending = text.slice(from);
					this.pendingTimer = setTimeout(this.releasePending, this.escapeTimeoutMs);
					this.pendingTimer.unref?.();
				}
			}
		}

		if (complete !== '' && this.keyFilter) {
			complete = this.keyFilter(complete);
		}

		if (complete !== '') {
			complete = this.foreign.filter(complete);
		}

		if (complete !== '') {
			this.pushKeys(complete);
		}
	}

	private pushKeys(text: string): void {
		const now = performance.now();
		const cr = text.indexOf('\r');
		const hasEscape = text.includes('\u001B');
		if (!hasEscape && now - this.lastUnbracketedPaste < this.pasteContinuationMs && text !== '\r') {
			this.lastUnbracketedPaste = now;
			this.push(new Paste(normalizeNewlines(text)));
			return;
		}

		if (cr === -1 || text === '\r') {
			this.pushTyped(text);
			return;
		}

		if (!hasEscape) {
			let body = text.length;
			while (body > 0 && text.charCodeAt(body - 1) === 13) {
				body--;
			}

			if (text.lastIndexOf('\r', body - 1) !== -1) {
				this.lastUnbracketedPaste = now;
				this.push(new Paste(normalizeNewlines(text)));
				return;
			}
		}

		// Split before and after each CR so every Enter is its own read; keep ESC CR (Alt+Enter) together.
		let from = 0;
		for (let index = cr; index !== -1; index = text.indexOf('\r', index + 1)) {
			const keyStart = index > from && text.charCodeAt(index - 1) === 0x1b ? index - 1 : index;
			if (keyStart > from) {
				this.pushTyped(text.slice(from, keyStart));
			}

			this.push(text.slice(keyStart, index + 1));
			from = index + 1;
		}

		if (from < text.length) {
			this.pushTyped(text.slice(from));
		}
	}

	/**
	 * Ink reads `Ctrl+U` typed together with text (`\x15abc`, one read over a laggy link) as one input of
	 * text with the control character inside, and a Backspace after an arrow key (`ESC[C\x7f`) as text too;
	 * each control key becomes its own read so it acts as a key. ESC + control (Alt+Backspace) stays one key.
	 * (No control can be inside an escape sequence here: strings ended by BEL are gone, foreign-sequences.ts.)
	 */
	private pushTyped(text: string): void {
		if (text.length < 2 || !controlCharacter.test(text)) {
			this.push(text);
			return;
		}

		for (const piece of text.split(controlSplit)) {
			if (piece !== '') {
				this.push(piece);
			}
		}
	}

	private readonly releasePending = (): void => {
		this.pendingTimer = undefined;
		this.flushPending();
	};

	private flushPending(): void {
		const held = this.pending;
		this.pending = '';
		if (held !== '') {
			this.process(held, true);
		}
	}

	private clearPendingTimer(): void {
		if (this.pendingTimer !== undefined) {
			clearTimeout(this.pendingTimer);
			this.pendingTimer = undefined;
		}
	}
}

const controlCharacter = /[\u0000-\u0008\u000A-\u001A\u001C-\u001F\u007F]/;
const controlSplit = /(\u001B?[\u0000-\u0008\u000A-\u001A\u001C-\u001F\u007F])/;

function normalizeNewlines(text: string): string {
	return text.includes('\r') ? text.replace(/\r\n?/g, '\n') : text;
}

// Length of the longest suffix of `text` that is a proper prefix of `marker`.
function partialSuffix(text: string, marker: string): number {
	for (let length = Math.min(marker.length - 1, text.length); length > 0; length--) {
		if (text.endsWith(marker.slice(0, length))) {
			return length;
		}
	}

	return 0;
}

// Server-sent events from raw bytes. Network reads split frames anywhere, including inside a UTF-8 character
// and between the CR and LF of a CRLF, so all state that spans reads lives in the parser.
import {StringDecoder} from 'node:string_decoder';

export interface SseEvent {
	/** The event's `data:` lines joined with \n. Other fields (event, id, retry) are not used by GLM. */
	data: string;
}

export class SseParser {
	// Node's own decoder, not TextDecoder: TextDecoder's streaming mode (ICU) was 33 of the 54 ms the reads of a
	// 500-token answer at 50 tokens/s took in a profile. After every wake-up it runs cold, and cold it is slow.
	readonly #decoder = new StringDecoder('utf8');
	#started = false;
	#line = '';
	#data: string[] = [];
	#hasData = false;
	// The previous read ended in CR; a LF at the start of the next one belongs to the same line break.
	#skipLf = false;

	push(bytes: Uint8Array): SseEvent[] {
		const events: SseEvent[] = [];
		this.#feed(this.#text(this.#decoder.write(bytes)), events);
		return events;
	}

	/** End of stream: flushes a final line and dispatches an event that lacked its closing blank line. */
	end(): SseEvent[] {
		const events: SseEvent[] = [];
		this.#feed(this.#text(this.#decoder.end()), events);
		if (this.#line !== '') {
			this.#processLine(this.#line, events);
			this.#line = '';
		}
		this.#dispatch(events);
		this.#skipLf = false;
		this.#started = false;
		return events;
	}

	/** A byte order mark at the start of the stream is not part of the first line (TextDecoder dropped it too). */
	#text(text: string): string {
		if (this.#started || text === '') return text;
		this.#started = true;
		return text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
	}

	#feed(text: string, events: SseEvent[]): void {
		if (text === '') return;
		let start = 0;
		if (this.#skipLf) {
			this.#skipLf = false;
			if (text.charCodeAt(0) === 10) start = 1;
		}
		for (let i = start; i < text.length; i++) {
			const c = text.charCodeAt(i);
			if (c !== 10 && c !== 13) continue;
			const line = this.#line + text.slice(start, i);
			this.#line = '';
			this.#processLine(line, events);
			if (c === 13) {
				if (i + 1 === text.length) this.#skipLf = true;
				else if (text.charCodeAt(i + 1) === 10) i++;
			}
			start = i + 1;
		}
		this.#line += text.slice(start);
	}

	#processLine(line: string, events: SseEvent[]): void {
		if (line === '') {
			this.#dispatch(events);
			return;
		}
		if (line.charCodeAt(0) === 58) return; // ':' starts a comment (keep-alive)
		const colon = line.indexOf(':');
		const field = colon === -1 ? line : line.slice(0, colon);
		if (field !== 'data') return;
		let value = colon === -1 ? '' : line.slice(colon + 1);
		if (value.charCodeAt(0) === 32) value = value.slice(1);
		this.#data.push(value);
		this.#hasData = true;
	}

	#dispatch(events: SseEvent[]): void {
		if (!this.#hasData) return;
		events.push({data: this.#data.join('\n')});
		this.#data = [];
		this.#hasData = false;
	}
}

const FIELDS = ['data', 'event', 'id', 'retry'];

/**
 * Whether a body that begins with `start` is an event stream, judged from its first line: one that is a comment
 * or an SSE field (`data:`...). 'undecided' until that line is complete or cannot become one. Used on the first
 * bytes of a 200 only, so a page from a proxy or another service is refused at once instead of ignored line by
 * line until the connection ends.
 */
export function sniffSse(start: string): 'sse' | 'not-sse' | 'undecided' {
	let text = start.charCodeAt(0) === 0xfeff ? start.slice(1) : start;
	text = text.replace(/^[\r\n]+/, '');
	if (text === '') return 'undecided';
	const end = text.search(/[\r\n]/);
	const line = end === -1 ? text : text.slice(0, end);
	if (line.startsWith(':')) return 'sse';
	for (const field of FIELDS) {
		if (line === field && end !== -1) return 'sse';
		if (line.startsWith(`${field}:`)) return 'sse';
		if (end === -1 && field.startsWith(line)) return 'undecided';
	}
	return 'not-sse';
}

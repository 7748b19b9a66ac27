import {PassThrough} from 'node:stream';
import {describe, expect, it} from 'vitest';
import {StdinFilter, disableBracketedPaste, enableBracketedPaste} from '../../source/terminal/stdin-filter.js';

const start = '\u001B[200~';
const end = '\u001B[201~';

type Event = {read: string} | {paste: string};

// Reads the filter the way ink 6.8 does: read() in a loop inside a 'readable' handler.
function attach(filter: StdinFilter): Event[] {
	const events: Event[] = [];
	filter.on('paste', (text: string) => events.push({paste: text}));
	filter.on('readable', () => {
		let chunk: unknown;
		while ((chunk = filter.read()) !== null) {
			events.push({read: chunk as string});
		}
	});
	return events;
}

const tick = async (ms = 0): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

function setup(options = {}) {
	const source = new PassThrough();
	const filter = new StdinFilter(source, options);
	const events = attach(filter);
	return {source, filter, events};
}

describe('StdinFilter', () => {
	it('exports the bracketed paste switches', () => {
		expect(enableBracketedPaste).toBe('\u001B[?2004h');
		expect(disableBracketedPaste).toBe('\u001B[?2004l');
	});

	it('passes plain keys and complete escape sequences through unchanged', async () => {
		const {source, events} = setup();
		for (const key of ['a', 'hello', '\u001B[A', '\u0003', '\u007F', '中文', '\u001B[1;5C', '\u001Bb']) {
			source.write(key);
			await tick();
		}

		expect(events).toEqual(['a', 'hello', '\u001B[A', '\u0003', '\u007F', '中文', '\u001B[1;5C', '\u001Bb'].map((read) => ({read})));
	});

	it('delivers "hello\\r" as two reads: the text, then Enter', async () => {
		const {source, events} = setup();
		source.write('hello\r');
		await tick();
		expect(events).toEqual([{read: 'hello'}, {read: '\r'}]);
	});

	it('splits trailing Enters and keeps Alt+Enter whole', async () => {
		const {source, events} = setup();
		source.write('ok\r\r');
		await tick();
		source.write('x\u001B\r');
		await tick();
		source.write('\r');
		await tick();
		expect(events).toEqual([{read: 'ok'}, {read: '\r'}, {read: '\r'}, {read: 'x'}, {read: '\u001B\r'}, {read: '\r'}]);
	});

	it('splits keys typed fast over a laggy link at each Enter', async () => {
		const {source, events} = setup();
		source.write('abc\r\u001B[A');
		await tick();
		expect(events).toEqual([{read: 'abc'}, {read: '\r'}, {read: '\u001B[A'}]);
	});

	it('gives each control key typed after an arrow in one read its own read; Alt+Backspace stays whole', async () => {
		const {source, events} = setup();
		source.write('\u001B[C\u001B[C\u007F\u007F');
		await tick();
		source.write('\u001B[Dx\u0015\u001B\u007F');
		await tick();
		expect(events).toEqual(['\u001B[C\u001B[C', '\u007F', '\u007F', '\u001B[Dx', '\u0015', '\u001B\u007F'].map((read) => ({read})));
	});

	it('turns a bracketed paste into one paste event with normalized newlines', async () => {
		const {source, events} = setup();
		source.write(`a${start}line1\r\nline2\rline3\n${end}b`);
		await tick();
		expect(events).toEqual([{read: 'a'}, {paste: 'line1\nline2\nline3\n'}, {read: 'b'}]);
	});

	it('reassembles a paste whose markers and CRLF are split across reads', async () => {
		const {source, events} = setup();
		const whole = `${start}x\r\ny${end}\r`;
		for (const character of whole) {
			source.write(character);
			await tick();
		}

		expect(events).toEqual([{paste: 'x\ny'}, {read: '\r'}]);
	});

	it('gives the same events for a paste cut at every position', async () => {
		const whole = `k${start}p1\r\np2${end}\r`;
		for (let cut = 1; cut < whole.length; cut++) {
			const {source, events} = setup();
			source.write(whole.slice(0, cut));
			source.write(whole.slice(cut));
			await tick(5);
			expect(events, `cut ${cut}`).toEqual([{read: 'k'}, {paste: 'p1\np2'}, {read: '\r'}]);
		}
	});

	it('takes a 1 MB paste in 4 KB reads whole (its speed is the bench row "stdin filter 1 MB")', async () => {
		const {filter, events} = setup();
		const body = 'abcdefghij\r\n'.repeat(90_000);
		const data = Buffer.from(`${start}${body}${end}`);
		for (let offset = 0; offset < data.length; offset += 4096) {
			filter.feed(data.subarray(offset, offset + 4096));
		}

		await tick();
		expect(events).toHaveLength(1);
		const event = events[0] as {paste: string};
		expect(event.paste.length).toBe(body.length - 90_000);
		expect(event.paste.startsWith('abcdefghij\nabc')).toBe(true);
	});

	it('decodes UTF-8 split across reads', async () => {
		const {filter, events} = setup();
		const bytes = Buffer.from('中');
		filter.feed(bytes.subarray(0, 1));
		filter.feed(bytes.subarray(1));
		await tick();
		expect(events).toEqual([{read: '中'}]);
	});

	it('holds an incomplete escape sequence and joins it with the rest', async () => {
		const {source, events} = setup();
		source.write('x\u001B[1;');
		await tick(5);
		expect(events).toEqual([{read: 'x'}]);
		source.write('5A');
		await tick();
		expect(events).toEqual([{read: 'x'}, {read: '\u001B[1;5A'}]);
	});

	it('releases a held escape after the timeout (a lone ESC is the Escape key)', async () => {
		const {source, events} = setup({escapeTimeoutMs: 20});
		source.write('\u001B');
		await tick(5);
		expect(events).toEqual([]);
		await tick(40);
		expect(events).toEqual([{read: '\u001B'}]);
	});

	it('treats CRs inside an unbracketed read as a paste, trailing CR included', async () => {
		const {source, events} = setup();
		source.write('line1\rline2\r');
		await tick();
		expect(events).toEqual([{paste: 'line1\nline2\n'}]);
	});

	it('continues an unbracketed paste across quick reads so it never ends in an Enter', async () => {
		const {source, events} = setup({pasteContinuationMs: 200});
		source.write('one\rtw');
		await tick();
		source.write('o\r');
		await tick();
		expect(events).toEqual([{paste: 'one\ntw'}, {paste: 'o\n'}]);
	});

	it('returns pasted text as input when nobody listens for paste', async () => {
		const source = new PassThrough();
		const filter = new StdinFilter(source);
		const reads: string[] = [];
		filter.on('readable', () => {
			let chunk: unknown;
			while ((chunk = filter.read()) !== null) {
				reads.push(chunk as string);
			}
		});
		source.write(`${start}a\r\nb${end}`);
		await tick();
		expect(reads).toEqual(['a\nb']);
	});

	it('forwards raw mode, ref and unref to the real stdin and looks like a TTY', () => {
		const calls: string[] = [];
		const source = Object.assign(new PassThrough(), {
			isTTY: true,
			setRawMode: (mode: boolean) => calls.push(`raw:${mode}`),
			ref: () => calls.push('ref'),
			unref: () => calls.push('unref'),
		});
		const filter = new StdinFilter(source);
		expect(filter.isTTY).toBe(true);
		filter.setEncoding('utf8');
		filter.ref();
		filter.setRawMode(true);
		filter.setRawMode(false);
		filter.unref();
		expect(calls).toEqual(['ref', 'raw:true', 'raw:false', 'unref']);
	});
});

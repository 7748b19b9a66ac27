import {describe, expect, it} from 'vitest';
import {SseParser, sniffSse, type SseEvent} from '../../source/glm/sse.js';
import {mulberry32 as seeded} from '../support/random.js';

const encoder = new TextEncoder();

function frame(obj: unknown): string {
	return `data: ${JSON.stringify(obj)}\n\n`;
}

function chunk(delta: Record<string, unknown>, extra: Record<string, unknown> = {}): unknown {
	return {id: '20250903152859cc3f3b5982e4473d', created: 1756884539, model: 'glm-4.6', choices: [{index: 0, delta}], ...extra};
}

// Shaped like a real GLM capture: reasoning first, then content, the last chunk carries finish_reason and usage.
const RECORDED =
	frame(chunk({role: 'assistant', reasoning_content: '用户说你好'})) +
	frame(chunk({role: 'assistant', reasoning_content: '，我应该回应🤔'})) +
	frame(chunk({role: 'assistant', content: '你好🌍'})) +
	frame(chunk({role: 'assistant', content: '！👨‍👩‍👧 family, ça va?'})) +
	frame({
		...(chunk({role: 'assistant', content: ''}) as object),
		choices: [{index: 0, delta: {role: 'assistant', content: ''}, finish_reason: 'stop'}],
		usage: {prompt_tokens: 8, completion_tokens: 20, total_tokens: 28, prompt_tokens_details: {cached_tokens: 0}},
	}) +
	'data: [DONE]\n\n';

const SHORT = 'data: 你🌍\r\n:c\r\ndata:x\r\n\r\ndata: [DONE]\n\n';

function parseWhole(bytes: Uint8Array): SseEvent[] {
	const parser = new SseParser();
	return [...parser.push(bytes), ...parser.end()];
}

function parseSplit(bytes: Uint8Array, cuts: number[]): SseEvent[] {
	const parser = new SseParser();
	const events: SseEvent[] = [];
	let start = 0;
	for (const cut of [...cuts, bytes.length]) {
		events.push(...parser.push(bytes.subarray(start, cut)));
		start = cut;
	}
	events.push(...parser.end());
	return events;
}

const RECORDED_BYTES = encoder.encode(RECORDED);
const RECORDED_CRLF = encoder.encode(RECORDED.replace(/\n/g, '\r\n'));
const RECORDED_CR = encoder.encode(RECORDED.replace(/\n/g, '\r'));
const EXPECTED = parseWhole(RECORDED_BYTES);

describe('SseParser on a recorded GLM stream', () => {
	it('yields every frame with its exact text', () => {
		expect(EXPECTED).toHaveLength(6);
		expect(EXPECTED.at(-1)).toEqual({data: '[DONE]'});
		const texts = EXPECTED.slice(0, 4).map((e) => {
			const delta = (JSON.parse(e.data) as {choices: Array<{delta: Record<string, string>}>}).choices[0]!.delta;
			return delta['reasoning_content'] ?? delta['content'];
		});
		expect(texts).toEqual(['用户说你好', '，我应该回应🤔', '你好🌍', '！👨‍👩‍👧 family, ça va?']);
		expect(JSON.parse(EXPECTED[4]!.data)).toMatchObject({usage: {total_tokens: 28}});
	});

	it.each([
		['LF', RECORDED_BYTES],
		['CRLF', RECORDED_CRLF],
		['CR', RECORDED_CR],
	])('gives the same events for every single cut (%s)', (_name, bytes) => {
		for (let cut = 0; cut <= bytes.length; cut++) {
			expect(parseSplit(bytes, [cut]), `cut at ${cut}`).toEqual(EXPECTED);
		}
	});

	it.each([
		['LF', RECORDED_BYTES],
		['CRLF', RECORDED_CRLF],
	])('gives the same events fed byte by byte (%s)', (_name, bytes) => {
		const cuts = Array.from({length: bytes.length - 1}, (_, i) => i + 1);
		expect(parseSplit(bytes, cuts)).toEqual(EXPECTED);
	});

	it('gives the same events under many seeded random splits', () => {
		const random = seeded(20250903);
		for (const bytes of [RECORDED_BYTES, RECORDED_CRLF, RECORDED_CR]) {
			for (let round = 0; round < 300; round++) {
				const count = 1 + Math.floor(random() * 40);
				const cuts = Array.from({length: count}, () => Math.floor(random() * (bytes.length + 1))).sort((a, b) => a - b);
				expect(parseSplit(bytes, cuts), `cuts ${cuts.join(',')}`).toEqual(EXPECTED);
			}
		}
	});

	it('gives the same events for every pair of cuts in a short stream (CRLF, comment, emoji)', () => {
		const bytes = encoder.encode(SHORT);
		const expected = parseWhole(bytes);
		expect(expected).toEqual([{data: '你🌍\nx'}, {data: '[DONE]'}]);
		for (let a = 0; a <= bytes.length; a++) {
			for (let b = a; b <= bytes.length; b++) {
				expect(parseSplit(bytes, [a, b])).toEqual(expected);
			}
		}
	});
});

describe('SseParser framing rules', () => {
	const parse = (text: string): string[] => parseWhole(encoder.encode(text)).map((e) => e.data);

	it('separates glued frames from one read', () => {
		expect(parse('data: a\n\ndata: b\n\ndata: [DONE]\n\n')).toEqual(['a', 'b', '[DONE]']);
	});

	it('joins several data lines of one event with newlines', () => {
		expect(parse('data: {"a":\ndata: 1}\n\n')).toEqual(['{"a":\n1}']);
	});

	it('skips comments and ignores other fields', () => {
		expect(parse(': keep-alive\n\nevent: message\nid: 7\nretry: 10\ndata: x\n: mid\n\n')).toEqual(['x']);
	});

	it('accepts data: with or without a space and strips only one space', () => {
		expect(parse('data:x\n\ndata:  y\n\ndata\n\n')).toEqual(['x', ' y', '']);
	});

	it('dispatches a trailing event that has no closing blank line', () => {
		expect(parse('data: a\n\ndata: [DONE]')).toEqual(['a', '[DONE]']);
		expect(parse('data: a\n\ndata: last\n')).toEqual(['a', 'last']);
	});

	it('does not dispatch blank lines without data', () => {
		expect(parse('\n\n\r\n:x\n\n')).toEqual([]);
	});

	it('handles mixed line endings', () => {
		expect(parse('data: a\r\rdata: b\r\n\ndata: c\n\r\n')).toEqual(['a', 'b', 'c']);
	});

	it('does not lose a CR split from its LF across reads', () => {
		const parser = new SseParser();
		expect(parser.push(encoder.encode('data: a\r'))).toEqual([]);
		expect(parser.push(encoder.encode('\n'))).toEqual([]);
		expect(parser.push(encoder.encode('\r'))).toEqual([{data: 'a'}]);
		expect(parser.push(encoder.encode('\ndata: b\n\n'))).toEqual([{data: 'b'}]);
		expect(parser.end()).toEqual([]);
	});

	it('keeps a split character intact across empty and partial reads', () => {
		const bytes = encoder.encode('data: 🌍\n\n');
		const parser = new SseParser();
		const events = [
			...parser.push(bytes.subarray(0, 7)),
			...parser.push(new Uint8Array()),
			...parser.push(bytes.subarray(7, 8)),
			...parser.push(bytes.subarray(8)),
			...parser.end(),
		];
		expect(events).toEqual([{data: '🌍'}]);
	});

	it('drops a byte order mark at the start of the stream, even one split across reads, and only there', () => {
		const bytes = encoder.encode('\uFEFFdata: a\n\ndata: \uFEFFb\n\n');
		const parser = new SseParser();
		const events = [
			...parser.push(bytes.subarray(0, 1)),
			...parser.push(bytes.subarray(1, 2)),
			...parser.push(bytes.subarray(2)),
			...parser.end(),
		];
		expect(events).toEqual([{data: 'a'}, {data: '\uFEFFb'}]);
	});

	it('ends a stream cut inside a character with a replacement character, not a lost line', () => {
		const bytes = encoder.encode('data: ok\n\ndata: 你');
		const parser = new SseParser();
		expect([...parser.push(bytes.subarray(0, bytes.length - 1)), ...parser.end()]).toEqual([{data: 'ok'}, {data: '\uFFFD'}]);
	});
});

describe('sniffSse: is a 200 an event stream?', () => {
	it('waits for a first line that could still become a field', () => {
		for (const start of ['', '\n\r\n', '\ufeff', 'd', 'da', 'dat', 'data', 'ev', 'retr', 'i'])
			expect(sniffSse(start), JSON.stringify(start)).toBe('undecided');
	});

	it('knows a stream by its first line: a field or a comment', () => {
		for (const start of ['data:', 'data: {"id"', ': keep-alive', 'event: x\n', 'id\n', '\ufeff\r\ndata:x', 'retry: 10'])
			expect(sniffSse(start), JSON.stringify(start)).toBe('sse');
	});

	it('refuses anything else as soon as it shows', () => {
		for (const start of ['<', 'Hello', '{"error"', 'OK\n', 'data\u00e9', 'database', 'data \n'])
			expect(sniffSse(start), JSON.stringify(start)).toBe('not-sse');
	});

	it('never refuses any prefix of a real stream (seeded)', () => {
		const seed = Date.now() % 100_000;
		const random = seeded(seed);
		for (let run = 0; run < 200; run++) {
			const body = (random() < 0.3 ? ': ping\n\n' : '') + (random() < 0.2 ? '\r\n' : '') + RECORDED;
			const cut = Math.floor(random() * 40);
			expect(sniffSse(body.slice(0, cut)), `seed ${seed}, cut ${cut}`).not.toBe('not-sse');
		}
	});
});

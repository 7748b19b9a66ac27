// Issue 11.3: a paste arrives exactly as pasted (CRLF and lone CR as LF, everything else byte for byte:
// tabs, control characters, emoji sequences), whatever the reads it is cut into, UTF-8 sequences and the
// paste markers included, and the composer's text (what Enter sends) is the draft plus exactly that.
// Seeded: a failure prints the seed that reproduces it (PASTE_SEED=n runs 300 seeds from n).
import {describe, expect, it} from 'vitest';
import {StdinFilter} from '../../source/terminal/stdin-filter.js';
import {createBuffer, insert} from '../../source/ui/text-buffer.js';
import {mulberry32} from '../support/random.js';
import {randomPasteText} from '../support/unicode-text.js';
import {PassThrough} from 'node:stream';

const start = '\u001B[200~';
const end = '\u001B[201~';

const tick = async (): Promise<void> => new Promise((resolve) => setImmediate(resolve));

type Delivered = {pastes: string[]; keys: string[]};

/** Feeds `bytes` cut into reads of random sizes and collects what the filter delivers. */
async function deliver(bytes: Buffer, random: () => number): Promise<Delivered> {
	const filter = new StdinFilter(new PassThrough());
	const delivered: Delivered = {pastes: [], keys: []};
	filter.on('paste', (text: string) => delivered.pastes.push(text));
	filter.on('readable', () => {
		let chunk: unknown;
		while ((chunk = filter.read()) !== null) delivered.keys.push(chunk as string);
	});
	// Read sizes: a byte at a time, a few bytes, a pty's 4 KB, or anything up to 64 KB.
	const style = Math.floor(random() * 4);
	const size = () => (style === 0 ? 1 : style === 1 ? 1 + Math.floor(random() * 7) : style === 2 ? 4095 : 1 + Math.floor(random() * 65536));
	for (let at = 0; at < bytes.length;) {
		const next = Math.min(bytes.length, at + size());
		filter.feed(bytes.subarray(at, next));
		at = next;
		// Sometimes the reader runs between reads, sometimes many reads pile up first.
		if (random() < 0.02) await tick();
	}

	await tick();
	filter.destroy();
	return delivered;
}

const expected = (text: string) => text.replace(/\r\n?/g, '\n');

async function check(seed: number, length: number): Promise<void> {
	const random = mulberry32(seed);
	const text = randomPasteText(random, length);
	const bytes = Buffer.from(`ab${start}${text}${end}cd`, 'utf8');
	const {pastes, keys} = await deliver(bytes, random);
	const problem =
		pastes.length !== 1
			? `${pastes.length} pastes`
			: pastes[0] !== expected(text)
				? `the paste differs from offset ${firstDifference(pastes[0]!, expected(text))}`
				: keys.join('') !== 'abcd'
					? `typed keys around it read as ${JSON.stringify(keys)}`
					: insert(createBuffer('draft '), pastes[0]!).text !== `draft ${expected(text)}`
						? 'the composer changed it'
						: undefined;
	if (problem) expect.fail(`seed ${seed} (length ${length}): ${problem}`);
}

function firstDifference(a: string, b: string): number {
	let index = 0;
	while (index < a.length && a[index] === b[index]) index++;
	return index;
}

describe('paste integrity through the stdin filter', () => {
	it('random Unicode text in random read chunkings arrives exactly (300 seeds)', async () => {
		const base = Number(process.env['PASTE_SEED'] ?? 11_3000);
		for (let seed = base; seed < base + 300; seed++) await check(seed, 2_000);
	});

	it('large pastes (1 MB and 5 MB) in random read chunkings arrive exactly', async () => {
		await check(1103, 1_000_000);
		await check(1105, 5_000_000);
	}, 60_000);

	it('a UTF-8 sequence cut between two reads is decoded as one character, not two U+FFFD', async () => {
		const bytes = Buffer.from(`${start}中文${end}`, 'utf8');
		const filter = new StdinFilter(new PassThrough());
		const pastes: string[] = [];
		filter.on('paste', (text: string) => pastes.push(text));
		filter.on('readable', () => {
			while (filter.read() !== null);
		});
		// Cut inside 中 (3 bytes) and inside 文.
		const cuts = [start.length + 1, start.length + 5, bytes.length];
		let at = 0;
		for (const cut of cuts) {
			filter.feed(bytes.subarray(at, cut));
			at = cut;
		}

		await tick();
		expect(pastes).toEqual(['中文']);
	});
});

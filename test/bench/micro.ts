// In-process rows of the bench: the speed of the pure modules on 1 MB inputs, figures that used to be
// wall-clock limits inside unit tests (a busy machine made those flaky; the tests now check only the result).
// `node --import tsx test/bench/micro.ts` prints just these rows; bench.ts adds them to its table.
import path from 'node:path';
import {PassThrough} from 'node:stream';
import {fileURLToPath} from 'node:url';
import {sanitize} from '../../source/text/sanitize.js';
import {wrap} from '../../source/terminal/wrap.js';
import {StdinFilter} from '../../source/terminal/stdin-filter.js';
import {renderMarkdown} from '../../source/terminal/markdown.js';
import {MarkdownStream} from '../../source/terminal/markdown-stream.js';
import {backspace, createBuffer, insert, layoutWindow, left, up} from '../../source/ui/text-buffer.js';

export interface MicroRow {
	key: string;
	label: string;
	/** One figure per repetition. */
	values: number[];
	unit: string;
	digits: number;
	how: string;
	target?: number;
}

const REPEAT = 5;

function times(run: () => void, repeat = REPEAT): number[] {
	run(); // warm-up: JIT and caches
	return Array.from({length: repeat}, () => {
		const started = performance.now();
		run();
		return performance.now() - started;
	});
}

function pasteRow(): MicroRow {
	const chunk = 'The quick brown fox 敏捷的棕色狐狸 jumps over 🦊 the lazy dog, café.\n'.repeat(50);
	const paste = chunk.repeat(Math.ceil(1_000_000 / chunk.length));
	return {
		key: 'micro.paste',
		label: 'paste 1 MB into the composer',
		values: times(() => {
			let b = insert(createBuffer('draft: '), paste);
			let w = layoutWindow(b, 80, 10);
			b = insert(b, '!');
			w = layoutWindow(b, 80, 10, w.anchor);
			b = backspace(left(b));
			b = up(b, 80) ?? b;
			layoutWindow(b, 80, 10, w.anchor);
		}),
		unit: 'ms',
		digits: 0,
		how: 'insert + layoutWindow + 3 keystrokes with layout, 1 MB of mixed lines (text-buffer.ts)',
		target: 5000,
	};
}

function sanitizeRow(): MicroRow {
	const clean = 'The quick brown fox 中文 jumps.\n'.repeat(34_000);
	const dirty = 'text \u001B[31mred\u001B[0m \u001B]0;t\u0007 \u0007\r\n\ttab '.repeat(30_000);
	const tabs = 'a\t'.repeat(300_000);
	return {
		key: 'micro.sanitize',
		label: 'sanitize 1 MB',
		values: times(() => {
			sanitize(clean);
			sanitize(dirty);
			sanitize(tabs);
		}),
		unit: 'ms',
		digits: 0,
		how: '1 MB clean + 1 MB full of controls + one 600 KB line of tabs (the old test: 500 ms each)',
		target: 1500,
	};
}

function wrapRow(): MicroRow {
	const text = 'Lorem ipsum dolor sit amet, 中文字符 consectetur adipiscing elit. '.repeat(2000);
	return {
		key: 'micro.wrap',
		label: 'wrap 130 KB at 80 columns',
		values: times(() => wrap(text, 80)),
		unit: 'ms',
		digits: 0,
		how: 'one paragraph, Latin and CJK (terminal/wrap.ts)',
		target: 500,
	};
}

async function stdinRow(): Promise<MicroRow> {
	const data = Buffer.from(`\u001B[200~${'abcdefghij\r\n'.repeat(90_000)}\u001B[201~`);
	const once = async (): Promise<number> => {
		const filter = new StdinFilter(new PassThrough());
		const pasted = new Promise<void>((resolve) => filter.once('paste', () => resolve()));
		// Read the way ink 6.8 does: read() in a loop inside a 'readable' handler.
		filter.on('readable', () => {
			while (filter.read() !== null);
		});
		const started = performance.now();
		for (let offset = 0; offset < data.length; offset += 4096) filter.feed(data.subarray(offset, offset + 4096));
		await pasted;
		return performance.now() - started;
	};
	await once();
	const values: number[] = [];
	for (let index = 0; index < REPEAT; index++) values.push(await once());
	return {
		key: 'micro.stdin',
		label: 'stdin filter, 1 MB paste',
		values,
		unit: 'ms',
		digits: 0,
		how: 'bracketed paste fed in 4 KB reads until the paste event',
		target: 1000,
	};
}

function markdownRow(): MicroRow {
	const paragraph = 'The model explains **something** with `code` and 中文 text, sentence after sentence. ';
	const answer = Array.from({length: 60}, (_, index) =>
		index % 10 === 5 ? '```js\nconst x = 1;\nfunction f() { return x; }\n```' : paragraph.repeat(2),
	).join('\n\n');
	const values: number[] = [];
	for (let round = 0; round < 3; round++) {
		const full = median(times(() => renderMarkdown(answer, 80)));
		const stream = new MarkdownStream();
		const frames: number[] = [];
		for (let end = 8; end <= answer.length; end += 8) {
			const started = performance.now();
			stream.render(answer.slice(0, end), 80);
			frames.push(performance.now() - started);
		}
		// A frame near the end of a long answer against re-rendering all of it.
		const last = frames.slice(-100);
		values.push(last.reduce((sum, each) => sum + each, 0) / last.length / full);
	}
	return {
		key: 'micro.markdownFrame',
		label: 'markdown frame / full render',
		values,
		unit: 'x',
		digits: 2,
		how: 'mean of the last 100 streamed frames (8 chars each) over one full render, 10 KB answer',
		target: 0.33,
	};
}

function median(values: number[]): number {
	const sorted = [...values].sort((a, b) => a - b);
	return sorted[Math.floor(sorted.length / 2)]!;
}

export async function microBench(): Promise<MicroRow[]> {
	return [pasteRow(), sanitizeRow(), wrapRow(), await stdinRow(), markdownRow()];
}

if (process.argv[1] !== undefined && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
	for (const row of await microBench()) {
		const figures = row.values.map((each) => each.toFixed(row.digits)).join(' / ');
		const target = row.target === undefined ? '' : ` (target <= ${row.target} ${row.unit})`;
		console.log(`${row.label}: median ${median(row.values).toFixed(row.digits)} ${row.unit}${target}; ${figures}`);
	}
}

import stringWidth from 'string-width';
import stripAnsi from 'strip-ansi';
import {beforeAll, describe, expect, it} from 'vitest';
import {loadHighlighting} from '../../source/terminal/highlight.js';
import {createTheme, renderMarkdown, renderPlain} from '../../source/terminal/markdown.js';
import {MarkdownStream} from '../../source/terminal/markdown-stream.js';
import {splitStableBlocks} from '../../source/terminal/markdown-stable.js';
import {mulberry32} from '../support/random.js';

// The chat loads the grammars after its first frame; here, before the first render.
beforeAll(async () => {
	await loadHighlighting();
});

const plain = (lines: string[]): string[] => lines.map((line) => stripAnsi(line));
const text = (lines: string[]): string => plain(lines).join('\n');

// Only SGR may appear: strip it and nothing below U+0020 (other than nothing at all) may remain.
function expectSafe(lines: string[]): void {
	for (const line of lines) {
		const withoutSgr = line.replace(/\u001B\[[\d;]*m/g, '');
		expect(withoutSgr, JSON.stringify(line)).not.toMatch(/[\u0000-\u001F\u007F-\u009F]/);
	}
}

function expectFits(lines: string[], width: number): void {
	for (const line of lines) {
		expect(stringWidth(line), JSON.stringify(line)).toBeLessThanOrEqual(width);
	}
}

const sample = `# Heading one

Intro with **bold**, *italic*, ~~gone~~, \`inline code\`, a [link](https://example.com/path) and <https://auto.example>.
A second line 中文混合 English, emoji 👍 and 👨‍👩‍👧.

## Lists

- first item with enough words to wrap around at narrow widths
- second
  - nested 嵌套项目 with CJK text that wraps
    1. deep ordered
- [ ] open task
- [x] done task

1. one
2. two

> A quote that is long enough to wrap onto a second line at forty columns.
>
> Second paragraph.

---

\`\`\`python
def greet(name: str) -> str:
    return f"Hello, {name}!"  # a comment that is long enough to be broken at narrow widths
\`\`\`

| Language | Typing | Notes |
|:---------|:------:|------:|
| Python | dynamic | 简单易学 |
| Rust | static | memory safety without a garbage collector |

Final paragraph.
`;

describe('renderMarkdown', () => {
	it('renders headings with their marker, bold', () => {
		const lines = renderMarkdown('# Title\n\n### Third', 40);
		expect(plain(lines)).toEqual(['# Title', '', '### Third']);
		expect(lines[0]).toContain('\u001B[1');
	});

	it('hangs the indent of a wrapped heading', () => {
		expect(plain(renderMarkdown('## A heading that wraps', 14))).toEqual(['## A heading', '   that wraps']);
	});

	it('styles bold, italic, strikethrough and inline code without markup characters', () => {
		const lines = renderMarkdown('**b** *i* ~~d~~ `c`', 40);
		expect(plain(lines)).toEqual(['b i d c']);
		expect(lines[0]).toContain('\u001B[1mb\u001B[22m');
		expect(lines[0]).toContain('\u001B[3mi\u001B[23m');
		expect(lines[0]).toContain('\u001B[9md\u001B[29m');
		expect(lines[0]).toContain('\u001B[33mc\u001B[39m');
	});

	it('shows link text and a dim URL, and an autolink once', () => {
		expect(text(renderMarkdown('[docs](https://x.io/a) and <https://y.io>', 60))).toBe('docs (https://x.io/a) and https://y.io');
	});

	it('keeps single newlines inside a paragraph as line breaks', () => {
		expect(plain(renderMarkdown('line one\nline two', 40))).toEqual(['line one', 'line two']);
	});

	it('renders bullet and numbered lists, nested, with a hanging indent', () => {
		const lines = plain(renderMarkdown('- alpha beta gamma delta\n  - nested\n    1. deep\n- [x] done', 16));
		expect(lines).toEqual(['• alpha beta', '  gamma delta', '  ◦ nested', '    1. deep', '• [x] done']);
		expect(plain(renderMarkdown('9. nine\n10. ten', 20))).toEqual(['9.  nine', '10. ten']);
	});

	it('puts a bar on every line of a blockquote, wrapped lines included', () => {
		const lines = plain(renderMarkdown('> one two three four five\n>\n> six', 12));
		expect(lines).toEqual(['│ one two', '│ three four', '│ five', '│', '│ six']);
	});

	it('draws a horizontal rule across the width', () => {
		expect(plain(renderMarkdown('a\n\n---\n\nb', 10))).toEqual(['a', '', '──────────', '', 'b']);
	});

	it('highlights fenced code with a language label, hard-breaking long lines', () => {
		const lines = renderMarkdown('```ts\nconst answer: number = 42; // the answer\n```', 20);
		expect(plain(lines)).toEqual(['── ts', 'const answer: number', ' = 42; // the answer']);
		expect(lines[1]).toMatch(/\u001B\[35mconst/);
		expect(lines.slice(1).join('')).toMatch(/\u001B\[\d+m/);
	});

	it('keeps code indentation and shows unknown languages plain', () => {
		const lines = renderMarkdown('```brainfuck\n  ++>\n\n<<\n```', 20);
		expect(lines).toEqual([expect.stringContaining('── brainfuck'), '  ++>', '', '<<']);
	});

	it('renders an unclosed fence as code to the end (streaming)', () => {
		const lines = renderMarkdown('Text\n\n```py\nprint(1)\nx = **2', 40);
		expect(plain(lines)).toEqual(['Text', '', '── py', 'print(1)', 'x = **2']);
	});

	it('renders tables with box characters when they fit', () => {
		const lines = plain(renderMarkdown('| a | b |\n|:-|-:|\n| 1 | 中文 |', 40));
		expect(lines).toEqual(['┌───┬──────┐', '│ a │    b │', '├───┼──────┤', '│ 1 │ 中文 │', '└───┴──────┘']);
	});

	it('wraps table cells when the table is a little too wide', () => {
		const lines = plain(renderMarkdown('| name | description |\n|---|---|\n| x | a fairly long description here |', 30));
		expectFits(lines, 30);
		expect(lines[0]!.startsWith('┌')).toBe(true);
		expect(lines.join(' ')).toContain('description');
	});

	it('degrades a table that cannot fit to key: value records', () => {
		const lines = plain(renderMarkdown(sample.slice(sample.indexOf('| Language')), 20));
		expectFits(lines, 20);
		expect(lines.join('\n')).not.toContain('┌');
		expect(lines).toContain('Language: Python');
		expect(lines).toContain('Typing: static');
	});

	it('renders half a table (streaming) sensibly', () => {
		for (const partial of ['| a | b |', '| a | b |\n|--', '| a | b |\n|---|---|\n| 1', '| a | b |\n|---|---|\n| 1 | 2 |\n| 3']) {
			const lines = renderMarkdown(partial, 30);
			expect(lines.length).toBeGreaterThan(0);
			expectFits(lines, 30);
		}
	});

	it('keeps every line within the width and free of raw escapes at 20, 40 and 100 columns', () => {
		for (const width of [20, 40, 100]) {
			const lines = renderMarkdown(sample, width);
			expectFits(lines, width);
			expectSafe(lines);
			expect(text(lines)).toContain('Final paragraph.');
		}
	});

	it('never throws on any prefix of a streamed answer, and every prefix fits', () => {
		for (const width of [20, 40, 100]) {
			for (let end = 0; end <= sample.length; end += 3) {
				const lines = renderMarkdown(sample.slice(0, end), width);
				expectFits(lines, width);
				expectSafe(lines);
			}
		}
	});

	it('survives tiny widths', () => {
		for (const width of [0, 1, 2, 3, 5]) {
			const lines = renderMarkdown(sample, width);
			expectFits(lines, Math.max(1, width));
		}
	});

	it('neutralizes hostile input, including escapes decoded from character references', () => {
		const hostile = [
			'Title\u001B]0;pwned\u0007 \u001B[2J\u001B[31mred\u009B31m',
			'[click](http://x/&#27;[2J "t&#27;") &#27;[2J &#x1b;]0;t&#7;',
			'```py&#27;[2J\ncode \u001B[2J\n```',
			'| a&#27;[2J | b |\n|---|---|\n| \u001B[31mx | y |',
			'<b>&#27;[2J</b> ![alt&#27;](http://i/&#27;)',
		].join('\n\n');
		for (const width of [10, 40]) {
			const lines = renderMarkdown(hostile, width);
			expectSafe(lines);
			expect(text(lines)).not.toContain('\u001B');
		}
	});

	it('decodes the common named entities', () => {
		expect(text(renderMarkdown('a &amp; b &lt;c&gt; &quot;d&quot;', 40))).toBe('a & b <c> "d"');
	});

	it('produces plain text with a level-0 theme', () => {
		const lines = renderMarkdown(sample, 60, createTheme(0));
		expect(lines.join('\n')).not.toContain('\u001B');
	});
});

describe('renderPlain', () => {
	it('sanitizes and wraps without interpreting markdown', () => {
		expect(renderPlain('**not bold** \u001B[2Jtext that wraps', 12)).toEqual(['**not bold**', 'text that', 'wraps']);
	});
});

describe('splitStableBlocks', () => {
	it('cuts before a new block that follows a blank line', () => {
		const input = 'para one\n\npara two\nmore';
		expect(splitStableBlocks(input)).toBe(input.indexOf('para two'));
	});

	it('cuts before a line still being streamed only once its first character rules out a list item or indentation', () => {
		expect(splitStableBlocks('para one\n\npara')).toBe('para one\n\n'.length);
		expect(splitStableBlocks('para one\n\n中文')).toBe('para one\n\n'.length);
		expect(splitStableBlocks('para one\n\n')).toBe(0);
		for (const partial of ['1', '12', '-', '*', '+', ' ', '\t', '\u3000x'])
			expect(splitStableBlocks(`para one\n\n${partial}`), partial).toBe(0);
		expect(splitStableBlocks('```\n\npara')).toBe(0);
	});

	it('does not cut inside a fenced code block', () => {
		const input = 'intro\n\n```py\na = 1\n\nb = 2\n';
		expect(splitStableBlocks(input)).toBe(input.indexOf('```'));
		const closed = `${input}\`\`\`\n\nafter\n`;
		expect(splitStableBlocks(closed)).toBe(closed.indexOf('after'));
	});

	it('treats a longer or different fence as content', () => {
		const input = '````md\n```\n\ninside\n````\n\nout\n';
		expect(splitStableBlocks(input)).toBe(input.indexOf('out'));
		const tilde = '~~~\n```\n\nstill code\n';
		expect(splitStableBlocks(tilde)).toBe(0);
	});

	it('does not cut before a list item or an indented line (they may continue a list)', () => {
		expect(splitStableBlocks('- a\n\n- b\n')).toBe(0);
		expect(splitStableBlocks('1. a\n\n2. b\n')).toBe(0);
		expect(splitStableBlocks('- a\n\n  continued\n')).toBe(0);
		const after = '- a\n\n  continued\n\nNew paragraph\n';
		expect(splitStableBlocks(after)).toBe(after.indexOf('New'));
	});

	it('does not cut inside an HTML comment or pre block', () => {
		expect(splitStableBlocks('<!-- a\n\nb -->\n')).toBe(0);
		const input = '<pre>\n\nx\n</pre>\n\ny\n';
		expect(splitStableBlocks(input)).toBe(input.indexOf('y\n'));
	});

	it('resumes from an earlier cut', () => {
		const input = 'a\n\nb\n\nc\n';
		const first = splitStableBlocks(input.slice(0, 5));
		expect(first).toBe(3);
		expect(splitStableBlocks(input, first)).toBe(input.indexOf('c'));
	});
});

describe('MarkdownStream', () => {
	it('gives the same lines as a full render at every prefix', () => {
		for (const width of [20, 40]) {
			const stream = new MarkdownStream();
			for (let end = 0; end <= sample.length; end += 1) {
				const partial = sample.slice(0, end);
				expect(stream.render(partial, width), `at ${end}`).toEqual(renderMarkdown(partial, width));
			}

			expect(stream.stableLength).toBeGreaterThan(sample.length / 2);
		}
	});

	it('gives the same lines as a full render at every prefix of random markdown (seeded)', () => {
		const pieces = [
			'Plain words and more words',
			'中文的段落，继续写下去',
			'**bold** and `code`',
			'- item one',
			'* star item',
			'+ plus',
			'1. first',
			'2) second',
			'   indented',
			'    code line',
			'> quoted',
			'# Heading',
			'## Sub',
			'```ts',
			'```',
			'~~~',
			'| a | b |',
			'|---|---|',
			'<!-- note',
			'-->',
			'<pre>',
			'</pre>',
			'***',
			'---',
			'===',
			'[link](https://example.com)',
			'',
			'',
			'',
		];
		for (let seed = 1; seed <= 25; seed++) {
			const random = mulberry32(seed);
			const lines: string[] = [];
			while (lines.join('\n').length < 220) lines.push(pieces[Math.floor(random() * pieces.length)]!);
			const input = lines.join('\n');
			const stream = new MarkdownStream();
			for (let end = 0; end <= input.length; end++) {
				const partial = input.slice(0, end);
				expect(stream.render(partial, 30), `seed ${seed} at ${end}: ${JSON.stringify(partial)}`).toEqual(renderMarkdown(partial, 30));
			}
		}
	});

	it('starts over when the text is replaced or the width changes', () => {
		const stream = new MarkdownStream();
		stream.render('one\n\ntwo\n\nthree', 40);
		expect(stream.render('other\n\ntext', 40)).toEqual(renderMarkdown('other\n\ntext', 40));
		expect(stream.render('other\n\ntext', 10)).toEqual(renderMarkdown('other\n\ntext', 10));
	});
});

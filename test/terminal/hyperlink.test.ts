// OSC 8 hyperlinks: only http(s), neutralized, carried across wrapped lines, kept by the frame diff.
import {afterEach, describe, expect, it} from 'vitest';
import stripAnsi from 'strip-ansi';
import {hyperlink, hyperlinksSupported, linkTarget, setHyperlinks} from '../../source/terminal/hyperlink.js';
import {renderMarkdown} from '../../source/terminal/markdown.js';
import {MarkdownStream} from '../../source/terminal/markdown-stream.js';
import {wrap} from '../../source/terminal/wrap.js';
import {diffFrames, firstDifference} from '../../source/terminal/frame-diff.js';
import {cellWidth} from '../../source/text/unicode.js';

const open = (uri: string) => `\u001B]8;;${uri}\u001B\\`;
const close = '\u001B]8;;\u001B\\';
const osc = /\u001B\]8;;([^\u001B\u0007]*)\u001B\\/g;

afterEach(() => setHyperlinks(false));

describe('hyperlinks', () => {
	it('are sent where the terminal can take them: not on the linux console, dumb or vt100 terminals, or GNU screen', () => {
		expect(hyperlinksSupported({TERM: 'xterm-256color'})).toBe(true);
		expect(hyperlinksSupported({TERM: 'tmux-256color', TMUX: '/tmp/x'})).toBe(true);
		for (const TERM of ['linux', 'dumb', 'vt100', 'vt220', '']) expect(hyperlinksSupported({TERM}), TERM).toBe(false);
		expect(hyperlinksSupported({})).toBe(false);
		expect(hyperlinksSupported({TERM: 'screen', STY: '1.pts'})).toBe(false);
		expect(hyperlinksSupported({TERM: 'linux', FORCE_HYPERLINK: '1'})).toBe(true);
		expect(hyperlinksSupported({TERM: 'xterm', FORCE_HYPERLINK: '0'})).toBe(false);
	});

	it('link only http(s) URLs, percent-encoded, with no control character inside the sequence', () => {
		expect(linkTarget('https://example.com/a?b=1#c')).toBe('https://example.com/a?b=1#c');
		expect(linkTarget('https://例子.cn/路径 x')).toBe('https://xn--fsqu00a.cn/%E8%B7%AF%E5%BE%84%20x');
		for (const bad of ['javascript:alert(1)', 'file:///etc/passwd', 'ftp://x.y', 'data:text/html,hi', 'https://', 'mailto:a@b.c'])
			expect(linkTarget(bad), bad).toBeUndefined();
		expect(linkTarget('https://x.y/\u001B]8;;evil\u0007')).not.toMatch(/[\u0000-\u001f\u007f]/);
		setHyperlinks(true);
		expect(hyperlink('javascript:alert(1)', 'text')).toBe('text');
		expect(hyperlink('https://a.b/', 'text')).toBe(`${open('https://a.b/')}text${close}`);
		setHyperlinks(false);
		expect(hyperlink('https://a.b/', 'text')).toBe('text');
	});

	it('a link broken over lines is closed at each line end and reopened on the next, so each line stands alone', () => {
		const url = 'https://example.com/a/very/long/path/that/cannot/fit/on/one/line?query=string&and=more';
		const text = `see ${open(url)}\u001B[34m${url}\u001B[39m${close} for more`;
		const lines = wrap(text, 30);
		expect(
			lines
				.map((line) => stripAnsi(line))
				.join('')
				.replaceAll(' ', ''),
		).toBe(`see${url}formore`);
		for (const line of lines) {
			expect(cellWidth(line)).toBeLessThanOrEqual(30);
			const opens = [...line.matchAll(osc)].map((match) => match[1]);
			// Balanced: every open has its close on the same line.
			expect(opens.filter((uri) => uri !== '').length).toBe(opens.filter((uri) => uri === '').length);
			for (const uri of opens.filter(Boolean)) expect(uri).toBe(url);
		}
		expect(lines.filter((line) => line.includes(open(url))).length).toBeGreaterThanOrEqual(3);
	});

	it('Markdown links and bare URLs link their text and the URL shown; other schemes never link', () => {
		setHyperlinks(true);
		const lines = renderMarkdown(
			'Read [the docs](https://docs.example.com/guide) or https://example.org/x, not [this](javascript:alert(1)).',
			200,
		);
		const text = lines.join('\n');
		expect([...text.matchAll(osc)].map((match) => match[1]).filter(Boolean)).toEqual([
			'https://docs.example.com/guide',
			'https://docs.example.com/guide',
			'https://example.org/x',
		]);
		expect(stripAnsi(text)).toBe(
			'Read the docs (https://docs.example.com/guide) or https://example.org/x, not this (javascript:alert(1)).',
		);
		setHyperlinks(false);
		expect(renderMarkdown('[the docs](https://docs.example.com/guide)', 80).join('')).not.toContain('\u001B]8');
	});

	it('a change inside a link is written inside the link', () => {
		const before = `${open('https://a.b/')}link text${close}`;
		const after = `${open('https://a.b/')}link test${close}`;
		expect(firstDifference(before, after)).toMatchObject({column: 7, link: open('https://a.b/')});
		const {output} = diffFrames([before], [after], undefined, {x: 0, y: 0});
		expect(output).toBe(`\u001B[1;8H${open('https://a.b/')}st${close}`);
	});

	it('while an answer streams, a URL still arriving is never linked to the part seen so far', () => {
		setHyperlinks(true);
		const urls = ['https://example.com/a/very/long/path?q=1', 'https://docs.example.org/guide.'];
		const answer = `See [the guide](${urls[0]}) and ${urls[1]} then <${urls[0]}> too.`;
		const stream = new MarkdownStream();
		for (let end = 1; end <= answer.length; end++) {
			const text = stream.render(answer.slice(0, end), 60).join('\n');
			const targets = [...text.matchAll(osc)].map((match) => match[1]).filter(Boolean);
			for (const target of targets)
				expect(['https://example.com/a/very/long/path?q=1', 'https://docs.example.org/guide'], answer.slice(0, end)).toContain(target);
		}
		const done = renderMarkdown(answer, 60).join('\n');
		expect(new Set([...done.matchAll(osc)].map((match) => match[1]).filter(Boolean)).size).toBe(2);
	});
});

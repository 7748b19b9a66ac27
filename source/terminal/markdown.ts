import {Lexer, type Token, type Tokens} from 'marked';
import {highlight} from './highlight.js';
import {hyperlink} from './hyperlink.js';
import {sanitize, sanitizeLine} from '../text/sanitize.js';
import {renderTable, type Align} from './table.js';
import {defaultTheme, type Theme} from './theme.js';
import {cellWidth} from '../text/unicode.js';
import {wrap} from './wrap.js';

/*
Markdown (assistant answers) to styled screen lines, each at most `width` cells and self-contained (see
wrap.ts). The input is sanitized here, and again after lexing where marked decodes numeric character
references (`&#27;` would otherwise become a raw ESC), so the output never carries an escape sequence other
than the SGR this module adds.

Choices:
- A single newline inside a paragraph is kept as a line break: models put one thing per line and mean it.
- Headings keep their `#` marker (dimmed): depth stays visible without relying on colour.
- Code blocks: a dim label line (`── python`), then the code, highlighted, hard-broken at the width rather
  than word-wrapped or truncated, so nothing is hidden and the text stays copyable. No side bars on code
  lines, so a mouse selection copies clean code.
- Streaming: marked already treats an unclosed fence as code to the end and an unmatched `**` as text.
  For incremental rendering see markdown-stream.ts.
*/

export {defaultTheme, createTheme, type Theme} from './theme.js';
export {splitStableBlocks} from './markdown-stable.js';

// The last whitespace-free run of a text that is still arriving: a bare URL in it may be cut short
// (`https://example.c` of `https://example.com/…`), and a link to it would open the wrong place if
// clicked mid-stream. Set only while renderMarkdown runs (it is synchronous).
let unfinishedTail: string | undefined;

/** `growing`: the text is an answer still streaming, so a bare URL at its very end is not linked yet. */
export function renderMarkdown(text: string, width: number, theme: Theme = defaultTheme, growing = false): string[] {
	const cells = Math.max(1, Math.floor(width) || 1);
	const source = sanitize(text);
	if (source.trim() === '') {
		return [];
	}

	const tokens = Lexer.lex(source, {gfm: true});
	unfinishedTail = growing ? /\S*$/.exec(source)![0] : undefined;
	try {
		return renderBlocks(tokens, cells, {theme, depth: 0, tight: false});
	} finally {
		unfinishedTail = undefined;
	}
}

/** User messages and other plain text: sanitized and word-wrapped, no markup. */
export function renderPlain(text: string, width: number): string[] {
	return wrap(sanitize(text), width);
}

type Context = {
	theme: Theme;
	// List nesting depth, for the bullet shape.
	depth: number;
	// Inside a tight list item: blocks follow each other without a blank line.
	tight: boolean;
};

function renderBlocks(tokens: Token[], width: number, context: Context): string[] {
	const lines: string[] = [];
	for (const token of tokens) {
		const block = renderBlock(token, width, context);
		if (block.length === 0) {
			continue;
		}

		if (lines.length > 0 && !context.tight) {
			lines.push('');
		}

		for (const line of block) {
			lines.push(line);
		}
	}

	return lines;
}

function renderBlock(token: Token, width: number, context: Context): string[] {
	const {theme} = context;
	const t = token as Tokens.Generic;
	switch (token.type) {
		case 'space':
		case 'def': {
			return [];
		}

		case 'paragraph':
		case 'text': {
			const inline = t['tokens'] ? renderInline(t['tokens'] as Token[], theme) : clean(t['text'] as string);
			return wrap(inline, width);
		}

		case 'heading': {
			const heading = token as Tokens.Heading;
			const style = theme.heading[Math.min(heading.depth, 3) - 1]!;
			const marker = '#'.repeat(heading.depth) + ' ';
			return hang(theme.headingMarker(marker), marker.length, style(renderInline(heading.tokens, theme)), width);
		}

		case 'code': {
			return renderCode(token as Tokens.Code, width, theme);
		}

		case 'blockquote': {
			const inner = renderBlocks((token as Tokens.Blockquote).tokens, width - 2, {...context, tight: false});
			if (width < 3) {
				return inner;
			}

			const bar = theme.quoteBar('│ ');
			const emptyBar = theme.quoteBar('│');
			return inner.map((line) => (line === '' ? emptyBar : bar + line));
		}

		case 'list': {
			return renderList(token as Tokens.List, width, context);
		}

		case 'hr': {
			return [theme.rule('─'.repeat(width))];
		}

		case 'table': {
			const table = token as Tokens.Table;
			const cell = (value: Tokens.TableCell): string => sanitizeLine(renderInline(value.tokens, theme));
			return renderTable(
				{
					header: table.header.map(cell),
					rows: table.rows.map((row) => row.map(cell)),
					align: table.align as Align[],
				},
				width,
				theme,
			);
		}

		case 'html': {
			return wrap(clean(t['text'] as string).replace(/\n+$/, ''), width);
		}

		default: {
			return typeof t['text'] === 'string' ? wrap(clean(t['text']), width) : [];
		}
	}
}

function renderCode(token: Tokens.Code, width: number, theme: Theme): string[] {
	const language =
		sanitizeLine(token.lang ?? '')
			.trim()
			.split(/\s+/)[0] ?? '';
	const label = language === '' ? '──' : `── ${language}`;
	const lines = wrap(theme.codeLabel(label), width, {mode: 'char'});
	const code = highlight(token.text, language.replace(/^\{?\.?/, '').replace(/\}$/, ''), theme);
	for (const line of wrap(code, width, {mode: 'char'})) {
		lines.push(line);
	}

	return lines;
}

function renderList(list: Tokens.List, width: number, context: Context): string[] {
	const {theme} = context;
	const start = typeof list.start === 'number' ? list.start : 1;
	const bullets = ['•', '◦', '▪'];
	const markers = list.items.map((_, index) => (list.ordered ? `${start + index}.` : bullets[context.depth % bullets.length]!));
	const markerWidth = Math.max(...markers.map((marker) => cellWidth(marker))) + 1;
	const lines: string[] = [];
	for (const [index, item] of list.items.entries()) {
		if (index > 0 && list.loose) {
			lines.push('');
		}

		const itemContext: Context = {theme, depth: context.depth + 1, tight: !item.loose};
		const content = renderItem(item, width - markerWidth, itemContext);
		const marker = markers[index]!;
		const padded = theme.bullet(marker) + ' '.repeat(markerWidth - cellWidth(marker));
		for (const line of prefixLines(content.length === 0 ? [''] : content, padded, ' '.repeat(markerWidth), markerWidth, width)) {
			lines.push(line);
		}
	}

	return lines;
}

function renderItem(item: Tokens.ListItem, width: number, context: Context): string[] {
	let tokens = item.tokens;
	let checkbox = '';
	const first = tokens[0];
	if (first?.type === 'checkbox') {
		checkbox = (first as Tokens.Checkbox).checked ? context.theme.taskDone('[x]') : context.theme.taskOpen('[ ]');
		tokens = tokens.slice(1);
	}

	if (checkbox === '') {
		return renderBlocks(tokens, width, context);
	}

	// The box leads the first line; the item's text wraps beside it.
	const lines = renderBlocks(tokens, width - 4, context);
	return prefixLines(lines.length === 0 ? [''] : lines, checkbox + ' ', '    ', 4, width);
}

// A first-line marker and a hanging indent for the rest; falls back to no indent when the width is too small.
function hang(marker: string, markerWidth: number, text: string, width: number): string[] {
	if (width - markerWidth < 1) {
		return wrap(text, width);
	}

	return prefixLines(wrap(text, width - markerWidth), marker, ' '.repeat(markerWidth), markerWidth, width);
}

/**
 * Prefixes lines rendered at `width - prefixWidth`. If the width cannot hold the prefix, the lines are
 * re-wrapped at the full width without it, so no line ever exceeds the width.
 */
function prefixLines(lines: string[], first: string, rest: string, prefixWidth: number, width: number): string[] {
	if (width - prefixWidth < 1) {
		return lines.flatMap((line) => wrap(line, width));
	}

	const out: string[] = [];
	for (const [index, line] of lines.entries()) {
		const prefix = index === 0 ? first : rest;
		out.push(line === '' && prefix.trim() === '' ? '' : prefix + line);
	}

	return out;
}

function renderInline(tokens: Token[], theme: Theme): string {
	let out = '';
	for (const token of tokens) {
		out += renderInlineToken(token, theme);
	}

	return out;
}

function renderInlineToken(token: Token, theme: Theme): string {
	const t = token as Tokens.Generic;
	switch (token.type) {
		case 'text': {
			return t['tokens'] ? renderInline(t['tokens'] as Token[], theme) : clean(t['text'] as string);
		}

		case 'escape': {
			return clean(t['text'] as string);
		}

		case 'strong': {
			return theme.strong(renderInline((token as Tokens.Strong).tokens, theme));
		}

		case 'em': {
			return theme.em(renderInline((token as Tokens.Em).tokens, theme));
		}

		case 'del': {
			return theme.del(renderInline((token as Tokens.Del).tokens, theme));
		}

		case 'codespan': {
			return theme.code(sanitizeLine((token as Tokens.Codespan).text));
		}

		case 'br': {
			return '\n';
		}

		case 'link': {
			const link = token as Tokens.Link;
			const text = renderInline(link.tokens, theme);
			const href = sanitizeLine(link.href);
			const plain = sanitizeLine(link.text);
			// With OSC 8 (hyperlink.ts) the text and the URL shown after it open the whole URL; the URL stays
			// visible so a link's text cannot hide where it leads.
			const bare = !link.raw.startsWith('[') && !link.raw.startsWith('<');
			if (bare && unfinishedTail?.includes(link.raw)) return theme.link(text);
			if (link.autolink || href === '' || plain === href || `mailto:${plain}` === href) {
				return hyperlink(link.href, theme.link(text));
			}

			return `${hyperlink(link.href, theme.link(text))} ${theme.url(`(${hyperlink(link.href, href)})`)}`;
		}

		case 'image': {
			const image = token as Tokens.Image;
			const alt = clean(image.text);
			return theme.muted(`[image${alt === '' ? '' : `: ${alt}`}]`) + ' ' + theme.url(`(${sanitizeLine(image.href)})`);
		}

		case 'html': {
			return clean(t['text'] as string);
		}

		case 'checkbox': {
			return (token as Tokens.Checkbox).checked ? theme.taskDone('[x] ') : theme.taskOpen('[ ] ');
		}

		default: {
			return typeof t['text'] === 'string' ? clean(t['text']) : '';
		}
	}
}

const namedEntities: Record<string, string> = {
	'&amp;': '&',
	'&lt;': '<',
	'&gt;': '>',
	'&quot;': '"',
	'&apos;': "'",
	'&nbsp;': '\u00A0',
};

// marked leaves named references for an HTML renderer and decodes numeric ones (possibly to controls).
function clean(text: string): string {
	const decoded = text.includes('&') ? text.replace(/&(?:amp|lt|gt|quot|apos|nbsp);/g, (entity) => namedEntities[entity]!) : text;
	return sanitize(decoded);
}

import {splitStableBlocks} from './markdown-stable.js';
import {renderMarkdown} from './markdown.js';
import {defaultTheme, type Theme} from './theme.js';

/*
Renders one growing answer repeatedly without re-rendering what cannot change. The text is cut at stable
block boundaries (markdown-stable.ts); the lines of everything before the last cut are kept, and each
call renders only the tail (the block being streamed). Completed blocks are rendered once, when the cut
moves past them. The cache is dropped when the width or theme changes or when the text stops being an
extension of what was seen (regenerated, edited).

One instance per message. Per-call cost is the tail's size plus a prefix comparison, not the answer's.
*/

export class MarkdownStream {
	private width = 0;
	private theme: Theme = defaultTheme;
	private stableText = '';
	private stableLines: string[] = [];

	/** Lines for `text` at `width`; the returned array is fresh and may be kept by the caller. */
	render(text: string, width: number, theme: Theme = defaultTheme): string[] {
		if (width !== this.width || theme !== this.theme || !text.startsWith(this.stableText)) {
			this.width = width;
			this.theme = theme;
			this.stableText = '';
			this.stableLines = [];
		}

		const from = this.stableText.length;
		const cut = splitStableBlocks(text, from);
		if (cut > from) {
			append(this.stableLines, renderMarkdown(text.slice(from, cut), width, theme));
			this.stableText = text.slice(0, cut);
		}

		const lines = this.stableLines.slice();
		append(lines, renderMarkdown(text.slice(cut), width, theme, true));
		return lines;
	}

	/** How much of the text is cached (for tests and diagnostics). */
	get stableLength(): number {
		return this.stableText.length;
	}
}

// Blocks are separated by one blank line, as renderMarkdown does between blocks.
function append(lines: string[], block: string[]): void {
	if (block.length === 0) {
		return;
	}

	if (lines.length > 0) {
		lines.push('');
	}

	for (const line of block) {
		lines.push(line);
	}
}

/*
Where a growing markdown text can be cut so that the part before the cut will render the same whatever is
appended later. Rendering `text.slice(0, cut)` and `text.slice(cut)` separately and joining them with one
blank line then gives the same lines as rendering the whole (see markdown-stream.ts).

A cut is made only at the start of a complete line that follows one or more blank lines and that
unambiguously starts a new top-level block:
- not inside a fenced code block (``` or ~~~, any indentation; closed by the same fence character, at least
  as long, indented at most 3 more than the opening) nor inside an HTML comment or <pre>/<script>/<style>/
  <textarea> block, all of which may contain blank lines;
- the line is not indented (it could continue a list item or be indented code) and is not a list item
  (`- `, `* `, `+ `, `1. `, `1) `), which would continue a preceding list across the blank line;
- the line is complete (ends with a newline), or, for the last line still being streamed, its first character
  already rules out a list item and indentation (a partial `1` could still turn into `1. item`, a partial `-`
  into `- item` or a rule): cutting there keeps the re-rendered tail to the block being streamed alone.
This is conservative: when in doubt no cut is made, which costs only re-rendering time.
Not handled: reference-style link definitions used before the cut but defined after it (models rarely
write them; the link then shows as literal text).
*/

const fenceOpen = /^(\s*)(`{3,}|~{3,})(.*)$/;
const fenceClose = /^(\s*)(`{3,}|~{3,})\s*$/;
const listItem = /^(?:[-+*]|\d{1,9}[.)])(?:[ \t]|$)/;
const htmlOpen = /^ {0,3}<(?:(!--)|(pre|script|style|textarea)(?:[\s>]|$))/i;

/**
 * The index up to which `text` consists of complete blocks; `from` must be 0 or an index this function
 * returned for a prefix of the same text (scanning resumes there, so a growing text costs only its tail).
 */
export function splitStableBlocks(text: string, from = 0): number {
	let stable = from;
	let fence: {marker: string; indent: number} | undefined;
	let htmlEnd: string | undefined;
	let sawContent = false;
	let sawBlank = false;
	let start = from;
	for (;;) {
		const end = text.indexOf('\n', start);
		if (end === -1) {
			if (sawBlank && !fence && htmlEnd === undefined && start < text.length && startsBlock(text.charCodeAt(start))) {
				stable = start;
			}

			break;
		}

		const line = text.charCodeAt(end - 1) === 13 ? text.slice(start, end - 1) : text.slice(start, end);
		if (fence) {
			const close = fenceClose.exec(line);
			if (close && close[2]![0] === fence.marker[0] && close[2]!.length >= fence.marker.length && close[1]!.length <= fence.indent + 3) {
				fence = undefined;
			}
		} else if (htmlEnd !== undefined) {
			if (line.toLowerCase().includes(htmlEnd)) {
				htmlEnd = undefined;
			}
		} else if (line.trim() === '') {
			sawBlank = sawContent;
		} else {
			if (sawBlank && !/^\s/.test(line) && !listItem.test(line)) {
				stable = start;
			}

			sawContent = true;
			sawBlank = false;
			const open = fenceOpen.exec(line);
			// A backtick fence's info string cannot contain a backtick (that would be inline code).
			if (open && !(open[2]![0] === '`' && open[3]!.includes('`'))) {
				fence = {marker: open[2]!, indent: open[1]!.length};
			} else {
				const html = htmlOpen.exec(line);
				if (html) {
					const close = html[1] ? '-->' : `</${html[2]!.toLowerCase()}>`;
					if (!line.toLowerCase().includes(close, html[0].length)) {
						htmlEnd = close;
					}
				}
			}
		}

		start = end + 1;
	}

	return stable;
}

/**
 * Whether a line starting with this character, whatever follows, is neither indented nor a list item: true for
 * anything but white space, a list marker (`-`, `+`, `*`) or a digit (an ordered item's number).
 */
function startsBlock(code: number): boolean {
	if (code <= 32 || code === 0x2d || code === 0x2b || code === 0x2a) return false;
	if (code >= 0x30 && code <= 0x39) return false;
	// Other white space (NBSP, ideographic space...) is not indentation to markdown, but the complete-line rule
	// (`^\s`) treats it as such: the same here.
	return !/\s/.test(String.fromCharCode(code));
}

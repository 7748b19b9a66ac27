// Stands in for the string-width package everywhere in the bundle (scripts/build.mjs): ink, wrap-ansi,
// cli-truncate and slice-ansi measure through the one Unicode module, with its ASCII/CJK fast path and its
// one cache of cluster widths. Width of a frame's rows is ink's hottest computation.
import stringWidth from 'string-width';
import {cellWidth} from './unicode.js';

type Options = Parameters<typeof stringWidth>[1];

export default function fastStringWidth(text: string, options?: Options): number {
	if (typeof text !== 'string' || text.length === 0) return 0;
	// Options nobody in the bundle passes today go to the package itself.
	if (options?.countAnsiEscapeCodes === true || options?.ambiguousIsNarrow === false) return stringWidth(text, options);
	return cellWidth(text);
}

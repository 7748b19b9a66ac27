// OSC 8 hyperlinks: a link's text (and its URL, which stays visible) open the whole URL when clicked, even
// where the screen had to break it over lines, so a mouse-copy of a broken URL is not the only way to get it.
import {osc8Close, osc8Open} from './sgr.js';

let enabled = false;

/**
 * Whether to send OSC 8. Terminals that do not know it ignore it, except the linux console (which prints
 * it) and the dumb and vt100-era ones; GNU screen drops it on its way. FORCE_HYPERLINK=1 / 0 overrides.
 */
export function hyperlinksSupported(env: Record<string, string | undefined>): boolean {
	const force = env['FORCE_HYPERLINK'];
	if (force !== undefined && force !== '') return force !== '0' && force !== 'false';
	const term = env['TERM'] ?? '';
	if (term === '' || term === 'dumb' || term === 'linux' || /^vt\d/.test(term) || term === 'cons25') return false;
	if (env['STY'] && !env['TMUX']) return false;
	return true;
}

/** Set once at start-up, before anything is rendered (rendered lines are cached). */
export function setHyperlinks(on: boolean): void {
	enabled = on;
}

/**
 * The URL as it may go inside OSC 8: http(s) only, normalized by the URL parser (spaces and non-ASCII
 * percent-encoded), nothing but printable ASCII, a length terminals accept; undefined otherwise.
 */
export function linkTarget(url: string): string | undefined {
	if (!/^https?:\/\//i.test(url)) return undefined;
	let href: string;
	try {
		href = new URL(url).href;
	} catch {
		return undefined;
	}
	if (!/^https?:\/\//.test(href) || !/^[\x21-\x7e]+$/.test(href) || href.length > 2048) return undefined;
	return href;
}

/** `text` (already styled) as a link to `url` when hyperlinks are on and the URL may be one; else as is. */
export function hyperlink(url: string, text: string): string {
	if (!enabled) return text;
	const target = linkTarget(url);
	return target === undefined ? text : osc8Open(target) + text + osc8Close;
}

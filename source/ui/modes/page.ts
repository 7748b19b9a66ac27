// Keys on the two read-only pages (help, start-up problems): a pure step from one mode to the next, so a chunk of
// keys is handled in order by folding them, with no terminal and no React state in between.
import type {Key} from 'ink';
import type {Mode} from './mode.js';
import type {ChatScreen} from '../chat-screen.js';
import {helpLines} from '../components/Help.js';
import {problemLines} from '../components/Problems.js';

type HelpMode = Extract<Mode, {type: 'help'}>;
type ProblemsMode = Extract<Mode, {type: 'problems'}>;

/** How the page is shown: rows it has on screen and how many lines it holds. */
export interface PageView {
	readonly rows: number;
	readonly lines: number;
}

/** The room a page has below its own title and above the status line. */
export function pageView(height: number, statusHeight: number, lines: number): PageView {
	return {rows: Math.max(1, height - statusHeight - 1), lines};
}

/** Scrolling shared by both pages; undefined when the key is not a scroll key. */
function scrolled(offset: number, input: string, key: Key, view: PageView, withEnds: boolean): number | undefined {
	const last = Math.max(0, view.lines - view.rows);
	const to = (next: number) => Math.max(0, Math.min(last, next));
	if (key.upArrow) return to(offset - 1);
	if (key.downArrow) return to(offset + 1);
	if (key.pageUp) return to(offset - view.rows);
	if (key.pageDown || input === ' ') return to(offset + view.rows);
	if (withEnds && key.home) return 0;
	if (withEnds && key.end) return last;
	return undefined;
}

/** `sequence` is the raw bytes of the key: F1 (ESC O P) closes help as it opened it. */
export function helpKey(mode: HelpMode, input: string, key: Key, view: PageView, sequence?: string): Mode {
	const offset = scrolled(mode.offset, input, key, view, true);
	if (offset !== undefined) return {...mode, offset};
	if (key.escape || input === 'q' || key.return || (key.ctrl && (input === 'g' || input === 'c')) || sequence === '\u001BOP')
		return {type: 'chat'};
	return mode;
}

export function problemsKey(mode: ProblemsMode, input: string, key: Key, view: PageView): Mode {
	const offset = scrolled(mode.offset, input, key, view, false);
	if (offset !== undefined) return {...mode, offset};
	if (key.escape || input === 'q' || key.return || (key.ctrl && input === 'c')) return mode.back;
	return mode;
}

/** The wheel on the help page: `lines` down (negative: up), kept within the page. */
export function helpWheel(mode: HelpMode, lines: number, view: PageView): Mode {
	const last = Math.max(0, view.lines - view.rows);
	return {...mode, offset: Math.max(0, Math.min(last, mode.offset + lines))};
}

/** Routes a key on either page of the chat screen. */
export function pageModeKey(screen: ChatScreen, mode: HelpMode | ProblemsMode, input: string, key: Key, sequence?: string): void {
	const next =
		mode.type === 'help' ? helpKey(mode, input, key, helpView(screen), sequence) : problemsKey(mode, input, key, problemsView(screen));
	if (next !== mode) screen.setMode(next);
}

export function pageModeWheel(screen: ChatScreen, mode: HelpMode, lines: number): void {
	screen.setMode(helpWheel(mode, lines, helpView(screen)));
}

function helpView(screen: ChatScreen): PageView {
	const {width, height} = screen.size();
	return pageView(height, screen.layout().statusHeight, helpLines(width).length);
}

function problemsView(screen: ChatScreen): PageView {
	const {width, height} = screen.size();
	return pageView(height, screen.layout().statusHeight, problemLines(screen.ports.startupProblems, width - 2).length);
}

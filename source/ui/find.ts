// Find in a conversation. The messages' texts are searched once per query (not per frame), which gives the
// count and where each match is; the highlighting is done on the rows about to be drawn only, so a frame
// costs the same in a conversation of 10 messages or 5,000.
import {defineMessages} from '../i18n/catalog.js';
import type {Message} from '../domain/types.js';

export interface FindMatch {
	/** Message index. */
	index: number;
	/** Which occurrence in that message, from 0. */
	nth: number;
}

/** More than this many matches are not counted: the count then says "10000+". */
export const MATCH_LIMIT = 10_000;

const folded = new WeakMap<Message, string>();

/** Case-insensitive, code unit for code unit (a lower-casing that changes the length keeps the character). */
export function fold(text: string): string {
	const lower = text.toLowerCase();
	if (lower.length === text.length) return lower;
	let out = '';
	for (const character of text) {
		const each = character.toLowerCase();
		out += each.length === character.length ? each : character;
	}
	return out;
}

/** Every occurrence of `query` in the messages' texts, in order; white space at its ends counts. */
export function findMatches(messages: readonly Message[], query: string): FindMatch[] {
	const needle = fold(query);
	if (needle === '') return [];
	const matches: FindMatch[] = [];
	for (let index = 0; index < messages.length; index++) {
		const message = messages[index]!;
		let text = folded.get(message);
		if (text === undefined) {
			text = fold(message.content);
			folded.set(message, text);
		}
		let nth = 0;
		for (let at = text.indexOf(needle); at !== -1; at = text.indexOf(needle, at + needle.length)) {
			matches.push({index, nth: nth++});
			if (matches.length >= MATCH_LIMIT) return matches;
		}
	}
	return matches;
}

// Escape sequences in a styled row take no cells: SGR and other CSI, and OSC (links) ended by BEL or ST.
const ESCAPE = /\u001B(?:\[[0-?]*[ -/]*[@-~]|\][^\u0007\u001B]*(?:\u0007|\u001B\\)?)/g;

interface PlainRow {
	plain: string;
	/** For each code unit of `plain`, where it is in the row. */
	at: number[];
}

function plainOf(row: string): PlainRow {
	let plain = '';
	const at: number[] = [];
	let last = 0;
	const copy = (from: number, to: number) => {
		for (let index = from; index < to; index++) at.push(index);
		plain += row.slice(from, to);
	};
	for (const match of row.matchAll(ESCAPE)) {
		copy(last, match.index);
		last = match.index + match[0].length;
	}
	copy(last, row.length);
	return {plain, at};
}

/** Occurrences of the (folded) needle in a styled row. */
export function countInRow(row: string, needle: string): number {
	if (needle === '') return 0;
	const text = fold(row.includes('\u001B') ? plainOf(row).plain : row);
	let count = 0;
	for (let at = text.indexOf(needle); at !== -1; at = text.indexOf(needle, at + needle.length)) count++;
	return count;
}

export const MATCH_ON = '\u001B[7m';
export const MATCH_OFF = '\u001B[27m';
/** The current match: inverse and underlined, so it stands out without colour (NO_COLOR) too. */
export const CURRENT_ON = '\u001B[7;4m';
export const CURRENT_OFF = '\u001B[27;24m';

/**
 * The row with every occurrence of the (folded) needle in inverse video; occurrence `current` of this row
 * (if any) also underlined. The row's own styles are kept: inverse is switched on again after each of its
 * sequences inside a match, since one of them may reset it.
 */
export function highlightRow(row: string, needle: string, current = -1): string {
	if (needle === '') return row;
	const {plain, at} = plainOf(row);
	const text = fold(plain);
	let out = '';
	let copied = 0;
	let nth = 0;
	for (let start = text.indexOf(needle); start !== -1; start = text.indexOf(needle, start + needle.length), nth++) {
		const [on, off] = nth === current ? [CURRENT_ON, CURRENT_OFF] : [MATCH_ON, MATCH_OFF];
		const from = at[start]!;
		const to = at[start + needle.length - 1]! + 1;
		out += row.slice(copied, from) + on + row.slice(from, to).replace(ESCAPE, (sequence) => sequence + on) + off;
		copied = to;
	}
	return copied === 0 ? row : out + row.slice(copied);
}

/** Where the current match is among a message's rendered lines (the header, line 0, is left out). */
export interface MessageOccurrences {
	/** Occurrences on lines before each line. */
	before: number[];
	total: number;
}

export function occurrencesIn(lines: readonly string[], needle: string): MessageOccurrences {
	const before: number[] = [];
	let total = 0;
	for (let line = 0; line < lines.length; line++) {
		before.push(total);
		if (line > 0) total += countInRow(lines[line]!, needle);
	}
	return {before, total};
}

/** The line holding occurrence `nth`, or the first line after the header when there is no such line. */
export function lineOfOccurrence(occurrences: MessageOccurrences, lines: readonly string[], needle: string, nth: number): number {
	const target = Math.min(nth, occurrences.total - 1);
	if (target < 0) return Math.min(1, lines.length - 1);
	for (let line = 1; line < lines.length; line++) {
		if (occurrences.before[line]! <= target && target < occurrences.before[line]! + countInRow(lines[line]!, needle)) return line;
	}
	return Math.min(1, lines.length - 1);
}

const findText = defineMessages('find', {noMatch: 'no match'}, {noMatch: '无匹配'});

export function formatMatchCount(current: number, total: number): string {
	if (total === 0) return findText.noMatch;
	return `${current + 1}/${total >= MATCH_LIMIT ? `${MATCH_LIMIT}+` : total}`;
}

/**
 * What to find in a conversation opened from the picker whose filter matched its text rather than its name:
 * the whole filter, then each of its words that is not in the name. None when the name matched.
 */
export function pickerQueries(name: string, id: string, filter: string): string[] {
	const lowerName = name.toLowerCase();
	const words = filter.toLowerCase().split(/\s+/).filter(Boolean);
	const missing = words.filter((word) => !lowerName.includes(word) && !id.includes(word));
	if (missing.length === 0) return [];
	return [...new Set([filter.trim(), ...missing])];
}

interface LinesSource {
	lines(index: number): string[];
	before?(index: number): string[];
}

/**
 * Find over the transcript of the conversation on screen: remembers the matches of the last query (searched
 * again only when the query or the message list changes) and where the occurrences are in the current
 * match's message, so frames reuse both.
 */
export class TranscriptFind {
	private found: {query: string; messages: readonly Message[]; length: number; matches: FindMatch[]} | undefined;
	private occurrences: {lines: string[]; needle: string; occurrences: MessageOccurrences} | undefined;

	matches(messages: readonly Message[], query: string): FindMatch[] {
		const found = this.found;
		if (found && found.query === query && found.messages === messages && found.length === messages.length) return found.matches;
		const matches = findMatches(messages, query);
		this.found = {query, messages, length: messages.length, matches};
		return matches;
	}

	/** Highlights a visible row (`line` of message `index`); the current match also marked. */
	decorator(source: LinesSource, query: string, current: FindMatch | undefined): (index: number, line: number, row: string) => string {
		const needle = fold(query);
		return (index, line, row) => {
			// Line 0 is the message's header (who and when), not its text.
			if (line === 0 || needle === '') return row;
			let nth = -1;
			if (current && index === current.index) {
				const occurrences = this.occurrencesOf(source.lines(index), needle);
				nth = Math.min(current.nth, occurrences.total - 1) - occurrences.before[line]!;
			}
			return highlightRow(row, needle, nth);
		};
	}

	/** A viewport top that shows the match a third of the way down (the viewport keeps it on screen near the end). */
	positionOf(source: LinesSource, match: FindMatch, query: string, height: number): {follow: false; index: number; line: number} {
		const needle = fold(query);
		const block = (index: number) => source.lines(index).length + (source.before?.(index).length ?? 0);
		const lines = source.lines(match.index);
		let index = match.index;
		let line = lineOfOccurrence(this.occurrencesOf(lines, needle), lines, needle, match.nth) + (source.before?.(index).length ?? 0);
		let steps = Math.floor(height / 3);
		while (steps > 0) {
			if (line >= steps) {
				line -= steps;
				break;
			}
			steps -= line;
			if (index === 0) {
				line = 0;
				break;
			}
			index--;
			line = block(index);
		}
		return {follow: false, index, line};
	}

	private occurrencesOf(lines: string[], needle: string): MessageOccurrences {
		const cached = this.occurrences;
		if (cached && cached.lines === lines && cached.needle === needle) return cached.occurrences;
		const occurrences = occurrencesIn(lines, needle);
		this.occurrences = {lines, needle, occurrences};
		return occurrences;
	}
}

// No English sentence is written straight into the chat screen's code: what the screen says comes from a catalog
// (defineMessages), so it is there in Chinese too. A scan of source/ui, not a parser: it looks where words reach
// the screen — JSX text, string props (title, label, hint, placeholder), say()/fail() calls and chalk-styled lines —
// outside comments.
import {readdirSync, readFileSync} from 'node:fs';
import path from 'node:path';
import {describe, expect, it} from 'vitest';

const root = path.resolve(import.meta.dirname, '../../source/ui');

function files(dir: string): string[] {
	return readdirSync(dir, {withFileTypes: true}).flatMap((entry) => {
		const file = path.join(dir, entry.name);
		if (entry.isDirectory()) return files(file);
		return /\.tsx?$/.test(entry.name) && !entry.name.endsWith('-messages.ts') ? [file] : [];
	});
}

/** Two English words in a row: a sentence or a phrase, not a key name or a symbol. */
const words = /[A-Za-z]{2,}[ ,][a-z]{2,}/;
const places = [
	/<\/?[A-Za-z][\w.]*(?:\s[^<>]*)?>([^<>{}();=\n]+)</g, // JSX text
	/\b(?:title|label|hint|placeholder|empty)=["']([^"']+)["']/g,
	/\b(?:title|label|hint|placeholder|empty):\s*(['`][^'`]+['`])/g,
	/\b(?:say|fail)\(\s*(['`][^'`]*['`])/g,
	/\bchalk(?:\.\w+)+\(\s*(['`][^'`]*['`])/g, // a styled line drawn straight
	/\{\s*(['`][^'`]+['`])\s*\}/g,
];

function stripComments(text: string): string {
	return text.replace(/\/\*[\s\S]*?\*\//g, (comment) => comment.replace(/[^\n]/g, ' ')).replace(/(^|[^:'"`])\/\/.*$/gm, '$1');
}

export function literalsIn(text: string): string[] {
	const found: string[] = [];
	for (const pattern of places)
		for (const match of stripComments(text).matchAll(pattern)) if (words.test(match[1]!)) found.push(match[1]!.trim());
	return found;
}

describe('user-visible words in source/ui', () => {
	it('the scan finds English written into JSX, props and notices', () => {
		expect(literalsIn('<Text>No conversation matches.</Text>')).toEqual(['No conversation matches.']);
		expect(literalsIn(`controller.say('Key saved. Type a message.');`)).toEqual([`'Key saved. Type a message.'`]);
		expect(literalsIn('<LinePrompt hint="Enter confirms · Esc cancels" />')).toEqual(['Enter confirms · Esc cancels']);
		expect(literalsIn('chalk.dim(`── ${n} earlier messages not sent ──`)')).toEqual(['`── ${n} earlier messages not sent ──`']);
		expect(literalsIn('// say("Not this one, a comment")\n<Text>{text.title}</Text>')).toEqual([]);
	});

	it('all go through a catalog', () => {
		const found = files(root).flatMap((file) =>
			literalsIn(readFileSync(file, 'utf8')).map((literal) => `${path.relative(root, file)}: ${literal}`),
		);
		expect(found).toEqual([]);
	});
});

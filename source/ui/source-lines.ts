// The pages GLM's web search gave for an answer, under it: a dim "Sources" line, then one line each (title ·
// site, the title linked to the page where the terminal takes OSC 8), at most five shown. Titles and sites come
// from the web: sanitized before they reach the screen.
import chalk from 'chalk';
import type {Message} from '../domain/types.js';
import {defineMessages} from '../i18n/catalog.js';
import {sanitizeLine} from '../text/sanitize.js';
import {hyperlink} from '../terminal/hyperlink.js';
import {wrap} from '../terminal/wrap.js';

const SHOWN = 5;

const text = defineMessages(
	'sources',
	{
		heading: (count: number) => `Sources (${count}, from GLM's web search):`,
		more: (count: number) => `… ${count} more (/export keeps them all)`,
	},
	{
		heading: (count: number) => `来源（${count} 个，来自 GLM 联网搜索）：`,
		more: (count: number) => `… 还有 ${count} 个（/export 会全部保留）`,
	},
);

export function sourceLines(message: Message, width: number): string[] {
	const sources = message.sources ?? [];
	if (sources.length === 0 || message.role !== 'assistant') return [];
	// A blank line apart from the answer's text, which can end in a list of its own.
	const lines = ['', chalk.dim(sanitizeLine(text.heading(sources.length)))];
	sources.slice(0, SHOWN).forEach((source, index) => {
		const site = source.media ? ` · ${sanitizeLine(source.media)}` : '';
		const line = `${index + 1}. ${sanitizeLine(source.title)}${site}`;
		for (const [row, part] of wrap(line, width).entries())
			lines.push(row === 0 ? hyperlink(source.link, chalk.cyan(part)) : chalk.cyan(part));
		// The address itself, dim, so it can be read (and copied) where links do not work.
		for (const part of wrap(`   ${sanitizeLine(source.link)}`, width)) lines.push(chalk.dim(part));
	});
	if (sources.length > SHOWN) lines.push(chalk.dim(text.more(sources.length - SHOWN)));
	return lines;
}

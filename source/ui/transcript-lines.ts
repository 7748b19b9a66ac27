// The transcript as screen lines: each message is rendered once per width and cached, and only the rows that
// fit the viewport are ever produced, so a frame costs the same with 10 messages or 5,000.
import chalk from 'chalk';
import type {Message} from '../domain/types.js';
import {renderMarkdown, renderPlain} from '../terminal/markdown.js';
import {MarkdownStream} from '../terminal/markdown-stream.js';
import {highlightGeneration} from '../terminal/highlight.js';
import {sanitizeLine} from '../text/sanitize.js';
import {clockTime} from './format-time.js';
import {formatCount} from './format-count.js';
import {attachmentLines} from './attachment-lines.js';
import {sourceLines} from './source-lines.js';
import {currentLanguage} from '../i18n/language.js';
import {transcriptText as say} from './transcript-messages.js';

const INDENT = '  ';

export interface LineOptions {
	width: number;
	showReasoning: boolean;
	/** The message's number in its conversation, shown in its header: what `/copy N` takes. */
	number?: number;
	/** Where versions part at this message (chat/versions.ts): which is shown, of how many. */
	version?: {shown: number; count: number} | undefined;
}

interface CacheEntry {
	key: string;
	lines: string[];
}

export class TranscriptLines {
	private readonly cache = new Map<string, CacheEntry>();
	private readonly streaming = new Map<string, MarkdownStream>();

	linesFor(message: Message, options: LineOptions): string[] {
		const key = cacheKey(message, options);
		const hit = this.cache.get(message.id);
		if (hit && hit.key === key) return hit.lines;
		const lines = this.render(message, options);
		this.cache.set(message.id, {key, lines});
		if (message.state !== 'streaming') this.streaming.delete(message.id);
		return lines;
	}

	/** Forget everything (e.g. after the conversation was switched): memory stays bounded. */
	clear(): void {
		this.cache.clear();
		this.streaming.clear();
	}

	private render(message: Message, options: LineOptions): string[] {
		const width = Math.max(4, options.width);
		const inner = Math.max(2, width - INDENT.length);
		const lines: string[] = [header(message, width, options.number, options.version)];

		if (message.reasoning) {
			if (options.showReasoning) {
				for (const line of renderPlain(message.reasoning, Math.max(1, inner - 2))) lines.push(INDENT + chalk.dim(`┊ ${line}`));
			} else {
				const label = message.state === 'streaming' && !message.content ? say.thinking : say.reasoning;
				lines.push(INDENT + chalk.dim(say.reasoningFolded(label, formatCount(message.reasoning.length))));
			}
		}

		const body =
			message.role === 'user'
				? renderPlain(message.content, inner)
				: message.state === 'streaming'
					? this.renderStreaming(message, inner)
					: // An answer that just finished: its streamed rendering needs only the last block, not the whole text again.
						(this.streaming.get(message.id)?.render(message.content, inner) ?? renderMarkdown(message.content, inner));
		for (const line of body) lines.push(INDENT + line);
		for (const line of attachmentLines(message, inner)) lines.push(INDENT + line);
		if (message.state !== 'streaming') for (const line of sourceLines(message, inner)) lines.push(INDENT + line);

		// A question's state is in its header; the lines say how an answer ended.
		if (message.role === 'assistant') for (const line of stateLines(message, inner)) lines.push(INDENT + line);
		lines.push('');
		return lines;
	}

	/** Re-renders only the unfinished last block of a growing answer. */
	private renderStreaming(message: Message, width: number): string[] {
		let stream = this.streaming.get(message.id);
		if (!stream) {
			stream = new MarkdownStream();
			this.streaming.set(message.id, stream);
		}
		return stream.render(message.content, width);
	}
}

function cacheKey(message: Message, options: LineOptions): string {
	return `${currentLanguage()}:${options.width}:${options.number ?? 0}:${options.version ? `${options.version.shown}/${options.version.count}` : ''}:${highlightGeneration()}:${options.showReasoning ? 1 : 0}:${message.state}:${message.content.length}:${message.reasoning?.length ?? 0}:${message.error ?? ''}:${message.writer ? 1 : 0}${message.finishedDetached ? 1 : 0}:${message.attachments?.length ?? 0}:${message.sources?.length ?? 0}`;
}

function header(message: Message, width: number, number: number | undefined, version: LineOptions['version']): string {
	const time =
		clockTime(message.time) +
		(number === undefined ? '' : `  #${number}`) +
		(version ? `  ${say.version(version.shown, version.count)}` : '');
	if (message.role === 'user') {
		const failed = message.state === 'failed' ? chalk.red(`  ${say.failedMark}`) : '';
		return clip(chalk.bold.cyan('▌You') + chalk.dim(`  ${time}`) + failed, width);
	}
	// A role from an imported file (`tool`, ...): shown for what it is, never sent.
	if (message.role !== 'assistant')
		return clip(chalk.bold.dim(`▌${sanitizeLine(String(message.role))}`) + chalk.dim(`  ${time}  ${say.notSent}`), width);
	const model = message.model ? `  ${sanitizeLine(message.model)}` : '';
	return clip(chalk.bold.magenta('▌GLM') + chalk.dim(`${model}  ${time}`), width);
}

/** How an answer ended, when that is worth saying; wrapped, since errors can be long. */
function stateLines(message: Message, width: number): string[] {
	const lines = (paint: (text: string) => string, text: string) => renderPlain(text, width).map((line) => paint(line));
	// A failed turn is not sent as context again (chat/turns.ts); Ctrl+R asks again, Up brings the question back.
	const leftOut = () => lines(chalk.dim, say.failedTurn);
	// Answers another glm-tui finishes (its terminal went away) or finished that way: say why they grow or look new.
	const detached = message.finishedDetached ? lines(chalk.dim, say.finishedDetached) : [];
	switch (message.state) {
		case 'streaming':
			return message.writer ? lines(chalk.cyan, say.finishingElsewhere) : [];
		case 'stopped':
			return lines(chalk.yellow, say.stopped);
		case 'failed':
			return [...lines(chalk.red, `✖ ${message.error ?? say.failed}`), ...leftOut(), ...detached];
		case 'filtered':
			return [...lines(chalk.yellow, `⊘ ${message.error ?? say.withdrawn}`), ...leftOut()];
		case 'complete':
			return [...(message.error ? lines(chalk.yellow, `▲ ${message.error}`) : []), ...detached];
		default:
			return [];
	}
}

/** Header lines are short; clipping by code units is safe because they hold no wide characters beyond the model name. */
function clip(text: string, width: number): string {
	return width < 12 ? text.slice(0, Math.max(0, width)) : text;
}

// What `/copy` puts on the clipboard: the last answer, message N (as numbered in the transcript's headers),
// or code block N of the last answer (`/copy code [N]`, default its last), the code exactly as written (no
// fences, no hard breaks, tabs kept), however the screen had to wrap it.
import {chatText} from './chat-messages.js';
import {Lexer, type Token} from 'marked';
import type {Message} from '../domain/types.js';

export type CopyTarget = {text: string; what: string} | {error: string};

export function copyTarget(messages: readonly Message[], argument: string): CopyTarget {
	const words = argument.trim().toLowerCase().split(/\s+/).filter(Boolean);
	const answer = lastAnswer(messages);
	if (words.length === 0) {
		if (!answer) return {error: chatText.noAnswer};
		return {text: answer.content, what: chatText.lastAnswer};
	}
	if (words.length === 1 && /^\d+$/.test(words[0]!)) {
		const number = Number(words[0]);
		const message = messages[number - 1];
		if (number < 1 || !message) return {error: chatText.noMessage(number, messages.length)};
		if (message.content === '') return {error: chatText.messageEmpty(number)};
		return {text: message.content, what: chatText.message(number)};
	}
	if (words[0] === 'code' && words.length <= 2 && (words.length === 1 || /^\d+$/.test(words[1]!))) {
		if (!answer) return {error: chatText.noAnswerForCode};
		const blocks = codeBlocks(answer.content);
		if (blocks.length === 0) return {error: chatText.noCodeBlock};
		const number = words.length === 1 ? blocks.length : Number(words[1]);
		const block = blocks[number - 1];
		if (number < 1 || block === undefined) return {error: chatText.noCodeBlockNumber(number, blocks.length)};
		return {text: block, what: chatText.codeBlock(number, blocks.length)};
	}
	return {error: chatText.copyUsage};
}

function lastAnswer(messages: readonly Message[]): Message | undefined {
	for (let index = messages.length - 1; index >= 0; index--) {
		const message = messages[index]!;
		if (message.role === 'assistant' && message.content) return message;
	}
	return undefined;
}

/** The fenced and indented code blocks of a Markdown text, in order, nested ones (in lists, quotes) too. */
export function codeBlocks(markdown: string): string[] {
	const blocks: string[] = [];
	const walk = (tokens: readonly Token[]) => {
		for (const token of tokens) {
			if (token.type === 'code') blocks.push((token as {text: string}).text);
			const children = (token as {tokens?: Token[]}).tokens;
			if (children) walk(children);
			const items = (token as {items?: Array<{tokens: Token[]}>}).items;
			if (items) for (const item of items) walk(item.tokens);
		}
	};
	walk(Lexer.lex(markdown, {gfm: true}));
	return blocks;
}

// A question's attached files in the transcript: one dim line each (name, size, lines), never their text, which
// is saved with the question and sent with it but would bury the conversation on screen.
import chalk from 'chalk';
import type {Message} from '../domain/types.js';
import {attachmentSummary} from '../chat/attachments.js';
import {sanitizeLine} from '../text/sanitize.js';
import {renderPlain} from '../terminal/markdown.js';

export function attachmentLines(message: Message, width: number): string[] {
	const lines: string[] = [];
	for (const file of message.attachments ?? []) {
		for (const line of renderPlain(`📎 ${sanitizeLine(attachmentSummary(file))}`, width)) lines.push(chalk.dim(line));
	}
	return lines;
}

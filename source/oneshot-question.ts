// What a one-shot run asks, from its three sources: the -p text (and any words after it), piped stdin, and
// -f files. `git diff | glm-tui -p "review this"` sends the diff fenced, then the request, as llm, aichat and
// gemini-cli do; stdin alone is the question itself.
import {questionText} from './cli-messages.js';
import {attachmentBlock, checkAttachedTotal, fenced, readAttachment} from './chat/attachments.js';

export interface QuestionSources {
	/** The -p value; "-" means the question itself is on stdin. */
	prompt: string | undefined;
	/** Words after the options (`glm-tui -p hi there` asks "hi there"). */
	words: readonly string[];
	/** Reads all of stdin; undefined when stdin is a terminal. */
	stdin: (() => Promise<string>) | undefined;
	files: readonly string[];
	cwd?: string;
}

/** Throws an Error whose message is a sentence for the user (a usage error). */
export async function composeQuestion(sources: QuestionSources): Promise<string> {
	const attachments = sources.files.map((file) => readAttachment(file, sources.cwd));
	checkAttachedTotal(attachments);

	let asked = [sources.prompt === '-' ? undefined : sources.prompt, ...sources.words].filter((each) => each !== undefined).join(' ');
	let piped = '';
	if (sources.prompt === '-') {
		if (!sources.stdin) throw new Error(questionText.stdinIsTerminal);
		asked = [await sources.stdin(), ...sources.words].join(' ');
	} else if (sources.stdin) {
		piped = await sources.stdin();
	}

	const blocks = attachments.map((each) => attachmentBlock(each));
	if (piped.trim() !== '') {
		// Alone, what was piped in is the question, exactly as it came.
		if (asked.trim() === '' && blocks.length === 0) return piped;
		blocks.unshift(fenced(piped));
	}
	if (asked.trim() !== '') blocks.push(asked);
	if (blocks.length === 0) throw new Error(questionText.empty);
	if (asked.trim() === '' && blocks.length > 0 && attachments.length > 0 && piped.trim() === '') {
		// Files alone: the model gets them with nothing asked; that is a mistake more often than not.
		throw new Error(questionText.filesOnly);
	}
	return blocks.join('\n\n');
}

// One question, the answer streamed to stdout as it arrives: for scripts and pipes.
import {oneShotText} from './cli-messages.js';
import {createGlmClient} from './glm/client.js';
import {GlmError, exitCodes, unreadableNote} from './glm/errors.js';
import {parseApiKey} from './glm/api-key.js';
import {createThinkSplitter} from './glm/think.js';
import {sanitize, sanitizeLine} from './text/sanitize.js';
import {plainHttpWarning} from './glm/plain-http.js';
import type {ChatMessage, ChatRequest} from './glm/types.js';
import type {Usage, WebSource} from './domain/types.js';
import {WEB_SEARCH_TOOL} from './glm/web-search.js';
import {clampTemperature} from './chat/request.js';
import type {SavedTurn, TurnResult} from './oneshot-conversation.js';

export interface OneShotOptions {
	question: string;
	apiKey?: string;
	baseUrl: string;
	/** Longest silence of the answer; 0: none. Default: the client's. */
	idleTimeoutMs?: number;
	model: string;
	system?: string;
	temperature?: number;
	thinking?: 'enabled' | 'disabled';
	/** Ask GLM to search the web (--web): its sources are said after the answer. */
	web?: boolean;
	showReasoning: boolean;
	verbose: boolean;
	/** Print one JSON object (answer, reasoning, usage, finish reason) at the end instead of streaming text. */
	json?: boolean;
	/** A turn inside a saved conversation (-c / --new): opened once the key is known to be usable. */
	openTurn?: () => SavedTurn;
	stdout: NodeJS.WritableStream & {isTTY?: boolean};
	stderr: NodeJS.WritableStream & {isTTY?: boolean};
	signal?: AbortSignal;
}

/** 128 + SIGPIPE: what a shell reports for a command whose reader closed the pipe. */
const EXIT_PIPE_CLOSED = 141;

const dim = (text: string, tty: boolean | undefined) => (tty ? `\u001B[2m${text}\u001B[22m` : text);

/** Returns the process exit code; every failure has printed one clear line on stderr. */
export async function runOneShot(options: OneShotOptions): Promise<number> {
	const {stdout, stderr} = options;
	let answer = '';
	let reasoning = '';
	let usage: Usage | undefined;
	let finish: string | undefined;
	let sources: WebSource[] | undefined;
	let unreadable = 0;
	// Messages quote GLM, proxies and pages: neutralized as on the chat screen, whatever stderr is.
	const note = (text: string) => stderr.write(`glm-tui: ${sanitizeLine(text)}\n`);
	const sayUnreadable = () => {
		if (unreadable > 0) note(unreadableNote(unreadable));
		unreadable = 0;
	};
	// The web search's pages, after the answer on stderr: stdout stays the answer alone, for pipes.
	const saySources = () => {
		if (!sources || options.json) return;
		note(oneShotText.sources);
		sources.forEach((source, index) =>
			stderr.write(
				`  ${index + 1}. ${sanitizeLine(source.title)}${source.media ? ` · ${sanitizeLine(source.media)}` : ''} — ${sanitizeLine(source.link)}\n`,
			),
		);
	};
	// --json: everything a script needs in one object on stdout, written once, whatever happened.
	const report = (error?: GlmError) => {
		if (!options.json) return;
		const result = {
			model: options.model,
			answer,
			reasoning,
			finish_reason: finish ?? null,
			...(sources ? {sources} : {}),
			// GLM's own field names, as a script reading the API would expect them.
			usage: usage
				? {
						prompt_tokens: usage.promptTokens,
						completion_tokens: usage.completionTokens,
						total_tokens: usage.totalTokens,
						...(usage.cachedTokens === undefined ? {} : {cached_tokens: usage.cachedTokens}),
						...(usage.reasoningTokens === undefined ? {} : {reasoning_tokens: usage.reasoningTokens}),
					}
				: null,
			...(error ? {error: {kind: error.kind, message: error.shellMessage}} : {}),
		};
		stdout.write(`${JSON.stringify(result)}\n`);
	};
	let turn: SavedTurn | undefined;
	// The answer goes into the saved conversation however it ended; a failed save is said, never fatal.
	const saveTurn = (state: TurnResult['state'], error?: GlmError) => {
		const problem = turn?.finish({
			content: answer,
			reasoning,
			state,
			...(usage ? {usage} : {}),
			...(finish ? {finishReason: finish} : {}),
			...(error ? {error: error.message} : {}),
			...(sources ? {sources} : {}),
		});
		turn = undefined;
		if (problem) note(problem);
	};
	const fail = (error: GlmError) => {
		saveTurn(error.kind === 'content-filter' ? 'filtered' : error.kind === 'interrupted' ? 'stopped' : 'failed', error);
		note(error.shellMessage);
		report(error);
		return exitCodes[error.kind];
	};
	const succeed = () => {
		saveTurn('complete');
		report();
		return 0;
	};

	if (!options.apiKey) {
		return fail(
			new GlmError({
				kind: 'no-key',
				message: oneShotText.noKey,
			}),
		);
	}
	try {
		parseApiKey(options.apiKey);
	} catch (error) {
		if (error instanceof GlmError) return fail(error);
		throw error;
	}

	const insecure = plainHttpWarning(options.baseUrl);
	if (insecure) note(`warning: ${insecure}`);

	turn = options.openTurn?.();
	if (turn?.unsaved) stderr.write(`glm-tui: ${turn.unsaved}; asking anyway.\n`);
	const request = turn?.request ?? singleQuestion(options);
	if (options.web && !request.tools) request.tools = [WEB_SEARCH_TOOL];

	// A reader that goes away (`glm-tui -p ... | head -1`) makes writes fail with EPIPE. Unhandled, that is a stack
	// trace; instead stop the request and exit quietly with 141 (128 + SIGPIPE), as command-line tools do.
	const stop = new AbortController();
	if (options.signal?.aborted) stop.abort(options.signal.reason);
	options.signal?.addEventListener('abort', () => stop.abort(options.signal?.reason), {once: true});
	let readerGone = false;
	const pipeClosed = (error: NodeJS.ErrnoException) => error.code === 'EPIPE' || error.code === 'ERR_STREAM_DESTROYED';
	stdout.on('error', (error: NodeJS.ErrnoException) => {
		if (!pipeClosed(error)) throw error;
		readerGone = true;
		stop.abort();
	});
	// A closed stderr only loses the notes; the answer and the exit code still count.
	stderr.on('error', (error: NodeJS.ErrnoException) => {
		if (!pipeClosed(error)) throw error;
	});

	const client = createGlmClient({
		apiKey: options.apiKey,
		baseUrl: options.baseUrl,
		totalTimeoutMs: 0,
		...(options.idleTimeoutMs === undefined ? {} : {idleTimeoutMs: options.idleTimeoutMs}),
	});
	// Terminal output is sanitized; a pipe gets the model's bytes as they are, for scripts that want them.
	const clean = (text: string, tty: boolean | undefined) => (tty ? sanitize(text) : text);
	const splitter = createThinkSplitter();
	let wroteContent = false;
	let wroteReasoning = false;
	let endsWithNewline = true;

	const writeContent = (text: string) => {
		if (!text) return;
		answer += text;
		if (options.json) return;
		if (wroteReasoning && !wroteContent && options.showReasoning) stderr.write('\n');
		stdout.write(clean(text, stdout.isTTY));
		wroteContent = true;
		endsWithNewline = text.endsWith('\n');
	};
	const writeReasoning = (text: string) => {
		reasoning += text;
		if (options.json || !text || !options.showReasoning) return;
		stderr.write(dim(clean(text, stderr.isTTY), stderr.isTTY));
		wroteReasoning = true;
	};

	try {
		for await (const event of client.stream(request, {signal: stop.signal})) {
			if (readerGone) break;
			switch (event.type) {
				case 'reasoning':
					writeReasoning(event.text);
					break;
				case 'content': {
					const parts = splitter.push(event.text);
					writeReasoning(parts.reasoning);
					writeContent(parts.content);
					break;
				}
				case 'usage':
					usage = event.usage;
					break;
				case 'sources':
					sources = event.sources;
					break;
				case 'finish':
					finish = event.reason;
					break;
				case 'unreadable':
					unreadable += event.count;
					break;
				case 'retry':
					if (options.verbose) note(`${event.error.shellMessage} ${oneShotText.retrying((event.delayMs / 1000).toFixed(1))}`);
					break;
			}
		}
		const rest = splitter.end();
		writeReasoning(rest.reasoning);
		writeContent(rest.content);
	} catch (error) {
		if (readerGone) {
			saveTurn('stopped');
			return EXIT_PIPE_CLOSED;
		}
		if (wroteContent && !endsWithNewline) stdout.write('\n');
		sayUnreadable();
		if (error instanceof GlmError) return fail(error);
		throw error;
	}

	if (readerGone) {
		saveTurn('stopped');
		return EXIT_PIPE_CLOSED;
	}
	if (wroteContent && !endsWithNewline) stdout.write('\n');
	sayUnreadable();
	saySources();
	if (options.verbose && usage) {
		stderr.write(dim(oneShotText.tokens(usage.promptTokens, usage.completionTokens, usage.totalTokens), stderr.isTTY));
	}

	switch (finish ?? 'stop') {
		case 'stop':
		case 'tool_calls':
			return succeed();
		case 'length':
			stderr.write(`glm-tui: ${oneShotText.cutOff}\n`);
			return succeed();
		case 'sensitive':
			return fail(new GlmError({kind: 'content-filter', message: oneShotText.withdrawn}));
		case 'network_error':
			return fail(new GlmError({kind: 'interrupted', message: options.json ? oneShotText.stoppedJson : oneShotText.stopped}));
		case 'model_context_window_exceeded':
			return fail(new GlmError({kind: 'prompt-too-long', message: oneShotText.tooLong}));
		default:
			stderr.write(`glm-tui: ${oneShotText.otherFinish(sanitize(finish ?? ''))}\n`);
			return succeed();
	}
}

function singleQuestion(options: OneShotOptions): ChatRequest {
	const messages: ChatMessage[] = [];
	if (options.system) messages.push({role: 'system', content: options.system});
	messages.push({role: 'user', content: options.question});
	const request: ChatRequest = {model: options.model, messages};
	if (options.temperature !== undefined) request.temperature = clampTemperature(options.temperature);
	if (options.thinking) request.thinking = {type: options.thinking};
	return request;
}

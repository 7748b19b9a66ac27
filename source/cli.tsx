// Entry point: parse arguments, pick a mode (chat UI, one-shot, subcommand), own process exit codes.
import {parseArgs} from 'node:util';
import {readFileSync} from 'node:fs';
import {setFlagsFromString} from 'node:v8';
import {sanitizeLine} from './terminal/sanitize.js';
// Everything else is imported when the chosen mode needs it: --help must not pay for the chat screen.

// A chat client is idle most of the time and busy in short bursts (a token, a frame, a key). V8 optimizes a
// function once it has run ~66 KB of bytecode; at that budget it keeps compiling lukewarm code in the
// background while an answer streams (~18% of the CPU of a 50 tokens/s answer here). Sixteen times the budget
// still optimizes what is really hot (a 1 MB paste, a 5,000-message conversation) a moment later.
setFlagsFromString('--interrupt-budget=1081344');

const VERSION = readVersion();

const HELP = `glm-tui ${VERSION} — chat with Zhipu GLM models in the terminal

Usage
  glm-tui                       open the full-screen chat (last conversation)
  glm-tui -p "question"         one question, answer streamed to stdout
  echo "question" | glm-tui     the same, question read from stdin
  glm-tui config set key        save the API key (read from stdin, not from the command line)
  glm-tui config set base-url URL | model NAME
  glm-tui config get [key|base-url|model]
  glm-tui config path           where settings are stored
  glm-tui list                  saved conversations
  glm-tui export NAME [--json] [-o FILE]
  glm-tui import FILE [--name NAME]

Options
  -p, --prompt TEXT        the question (one-shot mode)
  -m, --model NAME         model, e.g. glm-4.6, glm-4.5-air, glm-4-flash
  -s, --system TEXT        system prompt
  -t, --temperature X      0.01 .. 1
      --thinking on|off    ask GLM-4.5+ to think first (or not)
      --no-reasoning       do not print the model's reasoning (one-shot prints it dimmed on stderr)
      --base-url URL       API base, e.g. https://api.z.ai/api/paas/v4
  -v, --verbose            print token usage and retries on stderr
  -h, --help               this help
  -V, --version            version

Environment
  ZHIPUAI_API_KEY / ZAI_API_KEY     API key "<id>.<secret>" (used, never saved)
  ZHIPUAI_BASE_URL / ZAI_BASE_URL   API base URL
  HTTPS_PROXY, NO_PROXY             proxy for HTTPS requests
`;

function readVersion(): string {
	try {
		const url = new URL('../package.json', import.meta.url);
		return (JSON.parse(readFileSync(url, 'utf8')) as {version: string}).version;
	} catch {
		return 'unknown';
	}
}

class UsageError extends Error {}

async function main(argv: string[]): Promise<number> {
	let parsed;
	try {
		parsed = parseArgs({
			args: argv,
			allowPositionals: true,
			options: {
				prompt: {type: 'string', short: 'p'},
				model: {type: 'string', short: 'm'},
				system: {type: 'string', short: 's'},
				temperature: {type: 'string', short: 't'},
				thinking: {type: 'string'},
				'no-reasoning': {type: 'boolean'},
				'base-url': {type: 'string'},
				verbose: {type: 'boolean', short: 'v'},
				help: {type: 'boolean', short: 'h'},
				version: {type: 'boolean', short: 'V'},
				json: {type: 'boolean'},
				output: {type: 'string', short: 'o'},
				name: {type: 'string'},
			},
		});
	} catch (error) {
		// node's messages can span lines and end in a full stop; a usage error is one line.
		const message = (error as Error).message.replace(/\s*\n\s*/g, ' ').replace(/\.+$/, '');
		throw new UsageError(`${message}. See glm-tui --help.`);
	}
	const {values, positionals} = parsed;
	if (values.help) {
		process.stdout.write(HELP);
		return 0;
	}
	if (values.version) {
		process.stdout.write(`${VERSION}\n`);
		return 0;
	}

	const temperature = parseTemperature(values.temperature);
	const thinking = parseThinking(values.thinking);
	const [command, ...rest] = positionals;

	// With -p every word is part of the question: `glm-tui -p hi list` asks "hi list".
	if (command === 'config' && values.prompt === undefined) return runConfig(rest);
	if ((command === 'list' || command === 'export' || command === 'import') && values.prompt === undefined) {
		const {runConversationCommand} = await import('./conversation-commands.js');
		return runConversationCommand(command, rest, {json: values.json ?? false, output: values.output, name: values.name});
	}
	if (command !== undefined && values.prompt === undefined) {
		throw new UsageError(`Unknown command "${sanitizeLine(command)}". To ask a question use: glm-tui -p "${sanitizeLine(command)}"`);
	}

	const {openSettings, resolveConfig} = await import('./store/settings.js');
	const settings = openSettings();
	const config = resolveConfig({flags: {baseUrl: values['base-url'], model: values.model}, env: process.env, settings});

	let question = values.prompt;
	if (question === undefined && !process.stdin.isTTY) question = await readAll(process.stdin);
	if (question !== undefined) {
		if (command !== undefined) question = [question, command, ...rest].join(' ');
		if (question.trim() === '') throw new UsageError('The question is empty.');
		const controller = new AbortController();
		process.once('SIGINT', () => controller.abort());
		const {runOneShot} = await import('./oneshot.js');
		return runOneShot({
			question,
			apiKey: config.apiKey,
			baseUrl: config.baseUrl,
			model: config.model,
			system: values.system,
			temperature,
			thinking,
			showReasoning: !values['no-reasoning'],
			verbose: values.verbose ?? false,
			stdout: process.stdout,
			stderr: process.stderr,
			signal: controller.signal,
		});
	}

	if (!process.stdout.isTTY) {
		throw new UsageError('stdout is not a terminal: the chat needs one. For scripts use: glm-tui -p "question" > answer.txt');
	}
	// ink decides at import time whether it runs "in CI" (one frame at exit, no resize). A terminal is a
	// terminal even on a build server that exports CI=true.
	delete process.env['CI'];
	delete process.env['CONTINUOUS_INTEGRATION'];
	// Keys typed while the chat loads wait in the terminal, unechoed, for the composer; in cooked mode the
	// terminal would echo them over the shell prompt and hand them over only at Enter. (Node puts the
	// terminal back as it found it when the process exits, whatever happens.)
	if (process.stdin.isTTY) process.stdin.setRawMode(true);
	const {runInteractive} = await import('./interactive.js');
	return runInteractive({config, settings, flags: {model: values.model, system: values.system, temperature, thinking}});
}

function parseTemperature(value: string | undefined): number | undefined {
	if (value === undefined) return undefined;
	const number = Number(value);
	if (!Number.isFinite(number) || number <= 0 || number > 1) {
		throw new UsageError(`--temperature must be a number in (0, 1], got "${sanitizeLine(value)}".`);
	}
	return number;
}

function parseThinking(value: string | undefined): 'enabled' | 'disabled' | undefined {
	if (value === undefined) return undefined;
	if (/^(on|enabled?|true|1)$/i.test(value)) return 'enabled';
	if (/^(off|disabled?|false|0)$/i.test(value)) return 'disabled';
	throw new UsageError(`--thinking takes on or off, got "${sanitizeLine(value)}".`);
}

async function readAll(stream: NodeJS.ReadableStream): Promise<string> {
	const chunks: Buffer[] = [];
	for await (const chunk of stream) chunks.push(typeof chunk === 'string' ? Buffer.from(chunk) : (chunk as Buffer));
	return Buffer.concat(chunks).toString('utf8');
}

async function runConfig(args: string[]): Promise<number> {
	const {runConfigCommand} = await import('./config-command.js');
	return runConfigCommand(args);
}

main(process.argv.slice(2)).then(
	(code) => {
		process.exitCode = code;
	},
	(error: unknown) => {
		if (error instanceof UsageError) {
			process.stderr.write(`glm-tui: ${error.message}\n`);
			process.exitCode = 2;
			return;
		}
		process.stderr.write(`glm-tui: ${error instanceof Error ? error.message : String(error)}\n`);
		process.exitCode = 1;
	},
);

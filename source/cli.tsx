// Entry point: parse arguments, pick a mode (chat UI, one-shot, subcommand), own process exit codes.
import {parseArgs} from 'node:util';
import {readFileSync} from 'node:fs';
import {sanitizeLine} from './text/sanitize.js';
import {COMMANDS, commandHelp, completionScript, mainHelp, parseArgsOptions} from './cli-spec.js';
import {resolveLanguage, setLanguage} from './i18n/language.js';
import {storePaths} from './store/paths.js';
import {cliText} from './cli-messages.js';
// Everything else is imported when the chosen mode needs it: --help must not pay for loading the chat screen.

const VERSION = readVersion();

function readVersion(): string {
	try {
		const url = new URL('../package.json', import.meta.url);
		return (JSON.parse(readFileSync(url, 'utf8')) as {version: string}).version;
	} catch {
		return 'unknown';
	}
}

class UsageError extends Error {}

/**
 * The `language` setting, read straight from config.json before anything is printed: a missing or unreadable file
 * costs one failed open, not conf (and the schema check) on the way to --help.
 */
function storedLanguage(): string | undefined {
	try {
		const settings = JSON.parse(readFileSync(storePaths(process.env).configFile, 'utf8')) as {language?: unknown};
		return typeof settings.language === 'string' ? settings.language : undefined;
	} catch {
		return undefined;
	}
}

async function main(argv: string[]): Promise<number> {
	setLanguage(resolveLanguage(storedLanguage(), process.env));
	let parsed;
	try {
		parsed = parseArgs({args: withPromptFromStdin(argv), allowPositionals: true, options: parseArgsOptions});
	} catch (error) {
		// node's messages can span lines and end in a full stop; a usage error is one line.
		const message = (error as Error).message.replace(/\s*\n\s*/g, ' ').replace(/\.+$/, '');
		throw new UsageError(cliText.seeHelp(message));
	}
	const values = parsed.values as CliValues;
	const {positionals} = parsed;
	if (values.help) {
		process.stdout.write(mainHelp(VERSION));
		return 0;
	}
	if (values.version) {
		process.stdout.write(`${VERSION}\n`);
		return 0;
	}

	const temperature = parseTemperature(values.temperature);
	const thinking = parseThinking(values.thinking);
	const [command, ...rest] = positionals;
	const asking = values.prompt !== undefined || values.continue !== undefined || values.new !== undefined || (values.file ?? []).length > 0;

	// With -p every word is part of the question: `glm-tui -p hi list` asks "hi list".
	if (!asking && command !== undefined) {
		if (command === 'help') {
			const topic = rest[0];
			if (topic === undefined) process.stdout.write(mainHelp(VERSION));
			else {
				const text = commandHelp(topic);
				if (!text) throw new UsageError(cliText.noCommand(sanitizeLine(topic), COMMANDS.map((each) => each.name).join(', ')));
				process.stdout.write(text);
			}
			return 0;
		}
		if (command === 'completion') {
			const script = completionScript(rest[0] ?? '');
			if (!script) throw new UsageError(cliText.completionUsage);
			process.stdout.write(script);
			return 0;
		}
		if (command === 'models') {
			const {modelTable} = await import('./chat/models.js');
			process.stdout.write(modelTable());
			return 0;
		}
		if (command === 'config') return runConfig(rest);
		if (command === 'list' || command === 'export' || command === 'import') {
			const {runConversationCommand} = await import('./conversation-commands.js');
			return runConversationCommand(command, rest, {
				json: values.json ?? false,
				output: values.output,
				name: values.name,
				stdoutIsTerminal: process.stdout.isTTY === true,
			});
		}
		if (command === 'trash') {
			const {runTrashCommand} = await import('./trash-command.js');
			return runTrashCommand(rest, {json: values.json ?? false});
		}
		throw new UsageError(cliText.unknownCommand(sanitizeLine(command)));
	}

	const {openSettings, resolveConfig, parseIdleTimeout} = await import('./store/settings.js');
	const settings = openSettings();
	const config = resolveConfig({
		flags: {baseUrl: values['base-url'], model: values.model, idleTimeout: parseIdle(values['idle-timeout'], parseIdleTimeout)},
		env: process.env,
		settings,
	});
	checkBaseUrl(config.baseUrl, config.sources.baseUrl);

	const piped = !process.stdin.isTTY;
	if (asking || piped) {
		const {composeQuestion} = await import('./oneshot-question.js');
		let question: string;
		try {
			question = await composeQuestion({
				prompt: values.prompt,
				words: command === undefined ? [] : [command, ...rest],
				stdin: piped ? () => readAll(process.stdin) : undefined,
				files: values.file ?? [],
			});
		} catch (error) {
			throw new UsageError((error as Error).message);
		}
		const controller = new AbortController();
		process.once('SIGINT', () => controller.abort());
		const {runOneShot} = await import('./oneshot.js');
		return runOneShot({
			question,
			apiKey: config.apiKey,
			baseUrl: config.baseUrl,
			idleTimeoutMs: config.idleTimeoutMs,
			model: config.model,
			...definedOnly({
				system: values.system ?? config.system,
				temperature: temperature ?? config.temperature,
				thinking: thinking ?? config.thinking,
			}),
			showReasoning: !values['no-reasoning'],
			verbose: values.verbose ?? false,
			web: values.web ?? false,
			json: values.json ?? false,
			...(values.continue !== undefined || values.new !== undefined
				? {openTurn: await turnOpener(values, question, config, {temperature, thinking})}
				: {}),
			stdout: process.stdout,
			stderr: process.stderr,
			signal: controller.signal,
		});
	}
	if (values.json) throw new UsageError(cliText.jsonWhere);

	if (!process.stdout.isTTY) {
		throw new UsageError(cliText.notATerminal);
	}
	// TERM decides how the screen is drawn (terminal-type.ts) and whether it can be at all; colours come from
	// NO_COLOR, FORCE_COLOR and the theme setting (palette.ts).
	const {terminalCapabilities, setCapabilities} = await import('./terminal/terminal-type.js');
	const terminal = terminalCapabilities(process.env['TERM']);
	if (!terminal.fullScreen) {
		const {interactiveText} = await import('./interactive-messages.js');
		const term = process.env['TERM'] ? `TERM=${sanitizeLine(process.env['TERM'])}` : interactiveText.termNotSet;
		throw new UsageError(interactiveText.needsFullScreen(term));
	}
	setCapabilities(terminal);
	const {resolveColorMode, setColorMode} = await import('./terminal/palette.js');
	setColorMode(resolveColorMode(process.env, settings.get('theme'), terminal.colors));
	// The palette takes colours out where the screen is written; chalk must still write bold, dim and inverse.
	const {default: chalk} = await import('chalk');
	if (chalk.level === 0) chalk.level = 1;
	// ink decides at import time whether it runs "in CI" (one frame at exit, no resize). A terminal is a
	// terminal even on a build server that exports CI=true.
	delete process.env['CI'];
	delete process.env['CONTINUOUS_INTEGRATION'];
	// Node writes its warnings (a deprecation; "NO_COLOR is ignored due to FORCE_COLOR", which any colour check
	// raises) straight to stderr: on the chat screen they would land in the middle of a frame.
	process.removeAllListeners('warning');
	// Keys typed while the chat loads wait in the terminal, unechoed, for the composer; in cooked mode the
	// terminal would echo them over the shell prompt and hand them over only at Enter. (Node puts the
	// terminal back as it found it when the process exits, whatever happens.)
	if (process.stdin.isTTY) process.stdin.setRawMode(true);
	const {runInteractive} = await import('./interactive.js');
	return runInteractive({config, settings, flags: {...definedOnly({model: values.model, system: values.system, temperature, thinking})}});
}

interface CliValues {
	prompt?: string;
	file?: string[];
	continue?: string;
	new?: string;
	model?: string;
	system?: string;
	temperature?: string;
	thinking?: string;
	'no-reasoning'?: boolean;
	json?: boolean;
	'base-url'?: string;
	'idle-timeout'?: string;
	output?: string;
	name?: string;
	verbose?: boolean;
	web?: boolean;
	help?: boolean;
	version?: boolean;
}

/** -c / --new: the turn is opened inside runOneShot, after the key check, so a refused run saves nothing. */
async function turnOpener(
	values: CliValues,
	question: string,
	config: import('./store/settings.js').ResolvedConfig,
	parsed: {temperature: number | undefined; thinking: 'enabled' | 'disabled' | undefined},
) {
	if (values.continue !== undefined && values.new !== undefined) throw new UsageError(cliText.continueOrNew);
	if (values.new !== undefined && values.new.trim() === '') throw new UsageError(cliText.newNeedsName);
	const {openTurn, ConversationNotFound} = await import('./oneshot-conversation.js');
	return () => {
		try {
			return openTurn({
				question,
				...definedOnly({continue: values.continue, newName: values.new}),
				overrides: definedOnly({model: values.model, system: values.system, temperature: parsed.temperature, thinking: parsed.thinking}),
				defaults: {
					model: config.model,
					...definedOnly({system: config.system, temperature: config.temperature, thinking: config.thinking}),
				},
			});
		} catch (error) {
			if (error instanceof ConversationNotFound) throw new UsageError(error.message);
			throw error;
		}
	};
}

/** `echo hi | glm-tui -p` and `glm-tui -p -v`: a -p without its text means "the question is on stdin". */
function withPromptFromStdin(argv: string[]): string[] {
	const args = [...argv];
	for (let index = 0; index < args.length; index++) {
		if (args[index] === '--') break;
		if (args[index] !== '-p' && args[index] !== '--prompt') continue;
		const next = args[index + 1];
		if (next === undefined || /^--?[a-zA-Z]/.test(next)) args.splice(index + 1, 0, '-');
		index++;
	}
	return args;
}

/** A base URL that is not an http(s) URL is a usage error, said with where it came from. */
function checkBaseUrl(baseUrl: string, source: string): void {
	let url: URL | undefined;
	try {
		url = new URL(baseUrl);
	} catch {}
	if (url && (url.protocol === 'https:' || url.protocol === 'http:')) return;
	const from = source === 'flag' ? '--base-url' : source === 'settings' ? cliText.savedBaseUrl : source.replace(/^env /, '');
	throw new UsageError(cliText.badBaseUrl(from, sanitizeLine(baseUrl)));
}

function definedOnly<T extends object>(values: T): {[K in keyof T]?: Exclude<T[K], undefined>} {
	return Object.fromEntries(Object.entries(values).filter(([, value]) => value !== undefined)) as {
		[K in keyof T]?: Exclude<T[K], undefined>;
	};
}

function parseTemperature(value: string | undefined): number | undefined {
	if (value === undefined) return undefined;
	const number = Number(value);
	if (!Number.isFinite(number) || number <= 0 || number > 1) {
		throw new UsageError(cliText.badTemperature(sanitizeLine(value)));
	}
	return number;
}

function parseIdle(value: string | undefined, parse: (text: string) => number | undefined): number | undefined {
	if (value === undefined) return undefined;
	const seconds = parse(value);
	if (seconds === undefined) throw new UsageError(`--idle-timeout takes a number of seconds (0: no limit), got "${sanitizeLine(value)}".`);
	return seconds;
}

function parseThinking(value: string | undefined): 'enabled' | 'disabled' | undefined {
	if (value === undefined) return undefined;
	if (/^(on|enabled?|true|1)$/i.test(value)) return 'enabled';
	if (/^(off|disabled?|false|0)$/i.test(value)) return 'disabled';
	throw new UsageError(cliText.badThinking(sanitizeLine(value)));
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
		// Messages can quote what came from outside (a server, a file, the environment): neutralized like the screen.
		process.stderr.write(`glm-tui: ${sanitizeLine(error instanceof Error ? error.message : String(error))}\n`);
		process.exitCode = 1;
	},
);

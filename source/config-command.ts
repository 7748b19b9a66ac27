// `glm-tui config ...`: save settings without the key ever appearing in shell history or on screen.
import {openSettings} from './store/settings.js';
import {maskKey, parseApiKey} from './glm/api-key.js';
import {GlmError} from './glm/errors.js';
import {sanitizeLine} from './terminal/sanitize.js';

const NAMES = {key: 'apiKey', 'base-url': 'baseUrl', model: 'model'} as const;
type Name = keyof typeof NAMES;

const USAGE = 'Usage: glm-tui config set key | set base-url URL | set model NAME | get [key|base-url|model] | unset NAME | path';

export async function runConfigCommand(args: string[]): Promise<number> {
	const [action, rawName, value] = args;
	const settings = openSettings();
	const out = (line: string) => process.stdout.write(`${line}\n`);
	const err = (line: string) => {
		process.stderr.write(`glm-tui: ${line}\n`);
		return 2;
	};

	if (action === 'path') {
		out(settings.path);
		return 0;
	}
	const name = rawName as Name | undefined;
	if (name !== undefined && !(name in NAMES)) return err(`Unknown setting "${sanitizeLine(rawName ?? '')}". ${USAGE}`);

	switch (action) {
		case 'get': {
			for (const each of name ? [name] : (Object.keys(NAMES) as Name[])) {
				const stored = settings.get(NAMES[each]);
				const shown = stored === undefined ? '(not set)' : each === 'key' ? maskKey(String(stored)) : String(stored);
				out(name ? shown : `${each}: ${shown}`);
			}
			return 0;
		}
		case 'unset': {
			if (!name) return err(USAGE);
			settings.delete(NAMES[name]);
			out(`${name} removed from ${settings.path}`);
			return 0;
		}
		case 'set': {
			if (!name) return err(USAGE);
			if (name === 'key') {
				if (value !== undefined) {
					return err('Refusing to take the key from the command line (it would stay in your shell history). Run `glm-tui config set key` and paste it, or pipe it in.');
				}
				const key = (await readSecret('Paste your GLM API key (id.secret): ')).trim();
				try {
					parseApiKey(key);
				} catch (error) {
					if (error instanceof GlmError) return err(error.message);
					throw error;
				}
				settings.set('apiKey', key);
				out(`Saved key ${maskKey(key)} to ${settings.path} (mode 600).`);
				return 0;
			}
			if (value === undefined || value.trim() === '') return err(`config set ${name} needs a value. ${USAGE}`);
			if (name === 'base-url' && !/^https?:\/\/[^\s]+$/i.test(value)) {
				return err(`"${sanitizeLine(value)}" is not an http(s) URL, e.g. https://api.z.ai/api/paas/v4`);
			}
			settings.set(NAMES[name], value.trim());
			out(`Saved ${name} = ${sanitizeLine(value.trim())}`);
			return 0;
		}
		default:
			return err(USAGE);
	}
}

/** Reads one line without echo on a terminal, or all of stdin from a pipe. */
async function readSecret(prompt: string): Promise<string> {
	const stdin = process.stdin;
	if (!stdin.isTTY) {
		const chunks: Buffer[] = [];
		for await (const chunk of stdin) chunks.push(chunk as Buffer);
		return Buffer.concat(chunks).toString('utf8');
	}
	process.stderr.write(prompt);
	stdin.setRawMode(true);
	stdin.setEncoding('utf8');
	return new Promise((resolve, reject) => {
		let text = '';
		const done = (result: string | Error) => {
			stdin.setRawMode(false);
			stdin.pause();
			stdin.off('data', onData);
			process.stderr.write('\n');
			if (result instanceof Error) reject(result);
			else resolve(result);
		};
		const onData = (chunk: string) => {
			for (const char of chunk) {
				if (char === '\r' || char === '\n') return done(text);
				if (char === '\u0003') return done(new Error('Cancelled.'));
				if (char === '\u007F' || char === '\b') text = text.slice(0, -1);
				else if (char >= ' ') text += char;
			}
		};
		stdin.on('data', onData);
		stdin.resume();
	});
}

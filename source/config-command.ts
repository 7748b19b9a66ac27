// `glm-tui config ...`: save settings without the key ever appearing in shell history or on screen.
import {
	DEFAULT_DETACHED_LIMIT_MINUTES,
	MAX_IDLE_TIMEOUT_S,
	openSettings,
	parseIdleTimeout,
	resolveConfig,
	type ConfigSource,
} from './store/settings.js';
import {maskKey, parseApiKey} from './glm/api-key.js';
import {GlmError} from './glm/errors.js';
import {sanitizeLine} from './text/sanitize.js';
import {isPalette} from './terminal/palette.js';
import {configText} from './cli-messages.js';
import {languageFromLocale, parseLanguageSetting} from './i18n/language.js';

const NAMES = {
	key: 'apiKey',
	'base-url': 'baseUrl',
	model: 'model',
	system: 'system',
	temperature: 'temperature',
	thinking: 'thinking',
	'detached-limit': 'detachedLimitMinutes',
	theme: 'theme',
	'idle-timeout': 'idleTimeout',
	language: 'language',
} as const;
type Name = keyof typeof NAMES;

/** A value as typed on the command line, as the settings file keeps it; an Error says what is wrong. */
function parseValue(name: Exclude<Name, 'key'>, raw: string): string | number {
	const value = raw.trim();
	switch (name) {
		case 'base-url': {
			let url: URL | undefined;
			try {
				url = new URL(value);
			} catch {}
			if (!url || !/^https?:$/.test(url.protocol)) throw new Error(configText.badUrl(sanitizeLine(value)));
			return value;
		}
		case 'temperature': {
			const number = Number(value);
			if (value === '' || !Number.isFinite(number) || number <= 0 || number > 1)
				throw new Error(configText.badTemperature(sanitizeLine(value)));
			return number;
		}
		case 'idle-timeout': {
			const seconds = parseIdleTimeout(value);
			if (seconds === undefined)
				throw new Error(`idle-timeout takes a number of seconds from 0 (no limit) to ${MAX_IDLE_TIMEOUT_S}, got "${sanitizeLine(value)}".`);
			return seconds;
		}
		case 'thinking':
			if (/^(on|enabled?)$/i.test(value)) return 'enabled';
			if (/^(off|disabled?)$/i.test(value)) return 'disabled';
			throw new Error(configText.badThinking(sanitizeLine(value)));
		case 'detached-limit': {
			// Minutes the answers still streaming may take after the terminal went away (an SSH drop).
			const number = Number(value);
			if (value === '' || !Number.isFinite(number) || number < 0) throw new Error(configText.badDetachedLimit(sanitizeLine(value)));
			return number;
		}
		case 'theme': {
			const theme = value.toLowerCase();
			if (!isPalette(theme)) throw new Error(`theme is dark, light or none; got "${sanitizeLine(value)}".`);
			return theme;
		}
		case 'language': {
			const language = parseLanguageSetting(value);
			if (!language) throw new Error(configText.badLanguage(sanitizeLine(value)));
			return language;
		}
		default:
			return raw;
	}
}

const describeSource = (source: ConfigSource | 'locale' | undefined) =>
	source === undefined
		? configText.notSet
		: source === 'settings'
			? configText.sourceFile
			: source === 'default'
				? configText.sourceDefault
				: source === 'locale'
					? configText.sourceLocale
					: source;

export async function runConfigCommand(args: string[]): Promise<number> {
	const [action, rawName, value] = args;
	const settings = openSettings();
	const out = (line: string) => process.stdout.write(`${line}\n`);
	const err = (line: string) => {
		process.stderr.write(`glm-tui: ${sanitizeLine(line)}\n`);
		return 2;
	};

	if (action === 'path') {
		out(settings.path);
		return 0;
	}
	const name = rawName as Name | undefined;
	if (name !== undefined && !(name in NAMES)) return err(configText.unknownSetting(sanitizeLine(rawName ?? ''), configText.usage));

	switch (action) {
		case 'get': {
			// What is in effect for a run without flags, and where each value comes from.
			const config = resolveConfig({env: process.env, settings});
			const effective: Record<Name, {value: string | undefined; source: ConfigSource | 'locale' | undefined}> = {
				key: {value: config.apiKey === undefined ? undefined : maskKey(config.apiKey), source: config.sources.apiKey},
				'base-url': {value: config.baseUrl, source: config.sources.baseUrl},
				model: {value: config.model, source: config.sources.model},
				system: {value: config.system, source: config.sources.system},
				temperature: {value: config.temperature === undefined ? undefined : String(config.temperature), source: config.sources.temperature},
				thinking: {
					value: config.thinking === undefined ? undefined : config.thinking === 'enabled' ? 'on' : 'off',
					source: config.sources.thinking,
				},
				'detached-limit': detachedLimit(settings.get('detachedLimitMinutes')),
				theme: {value: settings.get('theme'), source: settings.get('theme') === undefined ? undefined : 'settings'},
				'idle-timeout': {value: String(config.idleTimeoutMs / 1000), source: config.sources.idleTimeout},
				language: languageInEffect(settings.get('language')),
			};
			if (name) {
				out(effective[name].value === undefined ? configText.notSetValue : sanitizeLine(effective[name].value));
				return 0;
			}
			const width = Math.max(...Object.keys(NAMES).map((each) => each.length)) + 1;
			for (const each of Object.keys(NAMES) as Name[]) {
				const {value, source} = effective[each];
				const shown =
					value === undefined ? configText.notSetValue : sanitizeLine(value.split('\n')[0] ?? '') + (value.includes('\n') ? ' …' : '');
				out(`${`${each}:`.padEnd(width)} ${shown}  [${describeSource(source)}]`);
			}
			out(`(${settings.path})`);
			return 0;
		}
		case 'unset': {
			if (!name) return err(configText.usage);
			settings.delete(NAMES[name]);
			out(configText.removed(name, settings.path));
			return 0;
		}
		case 'set': {
			if (!name) return err(configText.usage);
			if (name === 'key') {
				if (value !== undefined) {
					return err(configText.keyOnCommandLine);
				}
				const key = (await readSecret(configText.pasteKey)).trim();
				try {
					parseApiKey(key);
				} catch (error) {
					if (error instanceof GlmError) return err(error.message);
					throw error;
				}
				settings.set('apiKey', key);
				out(configText.savedKey(maskKey(key), settings.path));
				return 0;
			}
			const raw = args.slice(2).join(' ');
			if (value === undefined || raw.trim() === '') return err(configText.needsValue(name, configText.usage));
			let parsed: string | number;
			try {
				parsed = parseValue(name, name === 'system' ? raw : raw.trim());
			} catch (error) {
				return err((error as Error).message);
			}
			settings.set(NAMES[name], parsed as never);
			const shownValue = sanitizeLine(String(parsed));
			out(
				name === 'idle-timeout'
					? configText.saved(name, `${shownValue} s`)
					: name === 'base-url' || name === 'model' || name === 'detached-limit' || name === 'theme' || name === 'language'
						? configText.saved(name, shownValue)
						: configText.savedDefault(name, shownValue),
			);
			return 0;
		}
		default:
			return err(configText.usage);
	}
}

/** The language setting, or (unset / auto) the language the locale gives. */
function languageInEffect(stored: 'en' | 'zh' | 'auto' | undefined): {value: string; source: ConfigSource | 'locale'} {
	if (stored === 'en' || stored === 'zh') return {value: stored, source: 'settings'};
	return {value: `${stored === 'auto' ? 'auto' : ''}${stored === 'auto' ? ' → ' : ''}${languageFromLocale(process.env)}`, source: 'locale'};
}

function detachedLimit(stored: number | undefined): {value: string; source: ConfigSource} {
	return stored === undefined
		? {value: String(DEFAULT_DETACHED_LIMIT_MINUTES), source: 'default'}
		: {value: String(stored), source: 'settings'};
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
				if (char === '\u0003') return done(new Error(configText.cancelled));
				if (char === '\u007F' || char === '\b') text = text.slice(0, -1);
				else if (char >= ' ') text += char;
			}
		};
		stdin.on('data', onData);
		stdin.resume();
	});
}

// Settings: one conf store, `<config>/config.json`, 0600 in a 0700 directory since it holds the API key.
// Environment variables override what is stored but are never written to it.
import {conversationFileText} from './messages.js';
import {readFileSync} from 'node:fs';
import {VerifiedConf} from './verified-conf.js';
import type {Thinking} from '../domain/types.js';
import {ensurePrivateDir, ensurePrivateFile, storePaths, type Env} from './paths.js';
import {StoreError, describeInvalid, isInvalidContent, isUnwritable} from './errors.js';
import {compileSchema, type JsonSchema} from './schema.js';

export const DEFAULT_MODEL = 'glm-4.6';
export const DEFAULT_BASE_URL = 'https://open.bigmodel.cn/api/paas/v4';
/** Seconds; the client notices a silent answer within this (see glm/client.ts idleTimeoutMs). */
export const DEFAULT_IDLE_TIMEOUT_S = 30;
export const MAX_IDLE_TIMEOUT_S = 3600;

export interface StoredSettings {
	apiKey?: string;
	baseUrl?: string;
	/** Default model for new conversations. */
	model?: string;
	/** Default system prompt for new conversations. */
	system?: string;
	temperature?: number;
	thinking?: Thinking;
	/** Id of the conversation open when glm-tui last quit. */
	lastConversation?: string;
	/** false: no mouse reporting, the terminal keeps the mouse (selection); see terminal/mouse.ts. */
	mouse?: boolean;
	/** After the terminal went away, how long answers still streaming may take to finish (default 10). */
	detachedLimitMinutes?: number;
	/** Colours: dark, light or none (source/terminal/palette.ts). Unset: dark, or none under NO_COLOR. */
	theme?: 'dark' | 'light' | 'none';
	/** Seconds of silence after which an answer is given up (`idle-timeout`); 0: never. */
	idleTimeout?: number;
	/** The interface language; `auto` (or unset) follows the locale (LC_ALL, LC_MESSAGES, LANG). */
	language?: 'en' | 'zh' | 'auto';
}

export const DEFAULT_DETACHED_LIMIT_MINUTES = 10;

export type SettingKey = keyof StoredSettings;

export interface Settings {
	readonly path: string;
	get<K extends SettingKey>(key: K): StoredSettings[K];
	/** `undefined` deletes. Throws StoreError `invalid-value` for a value of the wrong type. */
	set<K extends SettingKey>(key: K, value: StoredSettings[K] | undefined): void;
	delete(key: SettingKey): void;
	all(): StoredSettings;
}

export const settingsSchema = {
	type: 'object',
	properties: {
		apiKey: {type: 'string', minLength: 1},
		baseUrl: {type: 'string', pattern: '^https?://'},
		model: {type: 'string', minLength: 1},
		system: {type: 'string'},
		temperature: {type: 'number', minimum: 0, maximum: 1},
		thinking: {enum: ['enabled', 'disabled']},
		lastConversation: {type: 'string', pattern: '^[a-z0-9][a-z0-9_-]*$'},
		mouse: {type: 'boolean'},
		detachedLimitMinutes: {type: 'number', minimum: 0},
		theme: {enum: ['dark', 'light', 'none']},
		idleTimeout: {type: 'number', minimum: 0, maximum: MAX_IDLE_TIMEOUT_S},
		language: {enum: ['en', 'zh', 'auto']},
	} satisfies Record<SettingKey, JsonSchema>,
} satisfies JsonSchema;

// Checked here rather than by conf, whose ajv compiles the schema on every start (~20 ms before the first frame).
const checkSettings = compileSchema(settingsSchema);

/**
 * Opens the settings store. A config.json that is not JSON or breaks the schema throws StoreError `corrupt`
 * naming the file, and the file is left exactly as it is: it holds the key and was most likely edited by
 * hand, so the person should fix their edit rather than find their settings moved away. Every later
 * get/set reads the file again (conf has no cache) and reports the same way.
 */
export function openSettings(env: Env = process.env): Settings {
	const {configDir, configFile} = storePaths(env);
	try {
		ensurePrivateDir(configDir);
	} catch (error) {
		// A read-only or full disk: the settings are read as they are (none, if the folder is missing), and
		// a change fails with the reason when it is made.
		if (!isUnwritable(error)) throw error;
	}
	ensurePrivateFile(configFile);
	const conf = guard(
		configFile,
		() =>
			new VerifiedConf<StoredSettings>({
				projectName: 'glm-tui',
				projectSuffix: '',
				cwd: configDir,
				configName: 'config',
				configFileMode: 0o600,
				clearInvalidConfig: false,
				accessPropertiesByDotNotation: false,
			}),
	);
	/** What the file holds, checked against the schema. */
	const read = (): StoredSettings & {__internal__?: unknown} =>
		guard(configFile, () => {
			const stored = conf.store;
			checkSettings(stored);
			return stored;
		});
	const write = (next: StoredSettings, settingKey: SettingKey) => {
		try {
			checkSettings(next);
		} catch (error) {
			if (!isInvalidContent(error)) throw error;
			throw new StoreError('invalid-value', conversationFileText.cannotSaveSetting(settingKey, describeInvalid(error)), {
				file: configFile,
				cause: error,
			});
		}
		guard(configFile, () => {
			conf.store = next;
		});
	};
	read();
	return {
		path: conf.path,
		get: (key) => read()[key],
		set: (key, value) => {
			const next = read();
			if (value === undefined) delete next[key];
			else next[key] = value;
			write(next, key);
		},
		delete: (key) => {
			const next = read();
			delete next[key];
			write(next, key);
		},
		all: () => {
			const {__internal__: _internal, ...stored} = read();
			return stored;
		},
	};
}

function guard<T>(file: string, run: () => T): T {
	try {
		return run();
	} catch (error) {
		if (!isInvalidContent(error)) throw error;
		throw new StoreError('corrupt', conversationFileText.badSettingsFile(file, describeProblem(error, file)), {file, cause: error});
	}
}

/**
 * What is wrong with config.json, never quoting it: the file holds the API key. JSON.parse's messages carry a
 * token or the text around the error (`..."cr3t","t":NaN}"`), so a syntax error is told by line and column
 * only; a schema violation names the setting and the rule, which come from the schema, not the file.
 */
function describeProblem(error: unknown, file: string): string {
	if (!(error instanceof SyntaxError)) return describeInvalid(error);
	const position = /\bat position (\d+)/.exec(error.message);
	const where = position ? lineAndColumn(file, Number(position[1])) : undefined;
	return where ? `not valid JSON at line ${where.line}, column ${where.column}` : 'not valid JSON';
}

function lineAndColumn(file: string, position: number): {line: number; column: number} | undefined {
	let text: string;
	try {
		text = readFileSync(file, 'utf8');
	} catch {
		return undefined;
	}
	if (position > text.length) return undefined;
	const before = text.slice(0, position);
	const lineStart = before.lastIndexOf('\n') + 1;
	return {line: before.split('\n').length, column: Array.from(before.slice(lineStart)).length + 1};
}

export interface ConfigFlags {
	baseUrl?: string | undefined;
	model?: string | undefined;
	/** Seconds, already checked (--idle-timeout). */
	idleTimeout?: number | undefined;
}

/** Where a value in effect came from, for `glm-tui config get`. */
export type ConfigSource = 'flag' | `env ${string}` | 'settings' | 'default';

export interface ResolvedConfig {
	apiKey: string | undefined;
	/** Where the key came from; undefined when there is none. `env` keys cannot be changed from the app. */
	apiKeySource: 'env' | 'settings' | undefined;
	baseUrl: string;
	model: string;
	system?: string;
	temperature?: number;
	thinking?: Thinking;
	sources: {
		apiKey?: ConfigSource;
		baseUrl: ConfigSource;
		model: ConfigSource;
		system?: ConfigSource;
		temperature?: ConfigSource;
		thinking?: ConfigSource;
		idleTimeout: ConfigSource;
	};
	/** Longest silence of an answer, in ms; 0: no limit. */
	idleTimeoutMs: number;
}

/** A number of seconds for idle-timeout, or undefined when `text` is not one. */
export function parseIdleTimeout(text: string): number | undefined {
	const value = Number(text.trim());
	return text.trim() !== '' && Number.isFinite(value) && value >= 0 && value <= MAX_IDLE_TIMEOUT_S ? value : undefined;
}

/**
 * What this run uses. Key: ZHIPUAI_API_KEY, else ZAI_API_KEY (the two official SDKs' names), else settings;
 * there is no key flag, since a key on the command line ends up in shell history and `ps`. Base URL: flag,
 * ZHIPUAI_BASE_URL, ZAI_BASE_URL, settings, else BigModel's. Model: flag, settings, else DEFAULT_MODEL.
 * Idle timeout: flag, GLM_TUI_IDLE_TIMEOUT, settings, else DEFAULT_IDLE_TIMEOUT_S (seconds, 0 for none).
 * Empty or blank values count as unset.
 */
export function resolveConfig({
	flags = {},
	env = process.env,
	settings,
}: {
	flags?: ConfigFlags;
	env?: Env;
	settings?: Settings | StoredSettings;
}): ResolvedConfig {
	const stored: StoredSettings = settings === undefined ? {} : isSettings(settings) ? settings.all() : settings;
	const apiKey = pick(
		['env ZHIPUAI_API_KEY', env['ZHIPUAI_API_KEY']],
		['env ZAI_API_KEY', env['ZAI_API_KEY']],
		['settings', stored.apiKey],
	);
	const baseUrl = pick(
		['flag', flags.baseUrl],
		['env ZHIPUAI_BASE_URL', env['ZHIPUAI_BASE_URL']],
		['env ZAI_BASE_URL', env['ZAI_BASE_URL']],
		['settings', stored.baseUrl],
	);
	const model = pick(['flag', flags.model], ['settings', stored.model]);
	const idle = idleTimeout(flags.idleTimeout, env, stored.idleTimeout);
	const config: ResolvedConfig = {
		apiKey: apiKey?.value,
		apiKeySource: apiKey ? (apiKey.source === 'settings' ? 'settings' : 'env') : undefined,
		// Without the trailing slash, so `${baseUrl}/chat/completions` has one.
		baseUrl: (baseUrl?.value ?? DEFAULT_BASE_URL).replace(/\/+$/, ''),
		model: model?.value ?? DEFAULT_MODEL,
		idleTimeoutMs: Math.round((idle?.value ?? DEFAULT_IDLE_TIMEOUT_S) * 1000),
		sources: {
			baseUrl: baseUrl?.source ?? 'default',
			model: model?.source ?? 'default',
			idleTimeout: idle?.source ?? 'default',
			...(apiKey ? {apiKey: apiKey.source} : {}),
		},
	};
	if (stored.system !== undefined) {
		config.system = stored.system;
		config.sources.system = 'settings';
	}
	if (stored.temperature !== undefined) {
		config.temperature = stored.temperature;
		config.sources.temperature = 'settings';
	}
	if (stored.thinking !== undefined) {
		config.thinking = stored.thinking;
		config.sources.thinking = 'settings';
	}
	return config;
}

/** The first candidate with a non-blank value, trimmed, with where it came from. */
function pick(...candidates: Array<[ConfigSource, string | undefined]>): {value: string; source: ConfigSource} | undefined {
	for (const [source, value] of candidates) {
		const trimmed = value?.trim();
		if (trimmed) return {value: trimmed, source};
	}
	return undefined;
}

function idleTimeout(flag: number | undefined, env: Env, stored: number | undefined): {value: number; source: ConfigSource} | undefined {
	if (flag !== undefined) return {value: flag, source: 'flag'};
	const raw = env['GLM_TUI_IDLE_TIMEOUT']?.trim();
	if (raw) {
		const value = parseIdleTimeout(raw);
		// The value is not quoted: an environment variable can hold anything.
		if (value === undefined) {
			throw new StoreError(
				'invalid-value',
				`GLM_TUI_IDLE_TIMEOUT must be a number of seconds from 0 (no limit) to ${MAX_IDLE_TIMEOUT_S}, e.g. 30.`,
			);
		}
		return {value, source: 'env GLM_TUI_IDLE_TIMEOUT'};
	}
	return stored === undefined ? undefined : {value: stored, source: 'settings'};
}

function isSettings(value: Settings | StoredSettings): value is Settings {
	return typeof (value as Settings).all === 'function';
}

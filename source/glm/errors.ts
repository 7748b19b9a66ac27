// Every failure of the GLM service becomes one GlmError: a kind the program branches on, a sentence a person can
// act on, and whether sending the same request again may help. Codes and retry policy follow the error-code list
// in GLM's API documentation.

export type GlmErrorKind =
	| 'no-key'
	| 'key-format'
	| 'auth'
	| 'balance'
	| 'locked'
	| 'quota'
	| 'rate-limit'
	| 'overloaded'
	| 'bad-request'
	| 'model-not-found'
	| 'prompt-too-long'
	| 'content-filter'
	| 'server'
	| 'network'
	| 'timeout'
	| 'aborted'
	| 'interrupted'
	| 'unknown';

/**
 * Exit status of the one-shot mode (`glm-tui -p`) per error kind. Scripts branch on these, so they never change:
 *
 * | exit | kinds                                             | meaning                                   |
 * |------|---------------------------------------------------|-------------------------------------------|
 * | 1    | unknown                                           | anything else                             |
 * | 2    | no-key, key-format                                | usage: fix the key / arguments            |
 * | 3    | auth                                              | the key was rejected                      |
 * | 4    | balance, locked, quota                            | the account cannot be used right now      |
 * | 5    | content-filter                                    | GLM refused the content                   |
 * | 6    | network, timeout                                  | GLM could not be reached or went silent   |
 * | 7    | interrupted                                       | the answer broke off midway               |
 * | 8    | rate-limit, overloaded, server                    | GLM busy or failing, even after retries   |
 * | 9    | bad-request, model-not-found, prompt-too-long     | the request itself must change            |
 * | 130  | aborted                                           | stopped by the user (128 + SIGINT)        |
 */
export const exitCodes: Readonly<Record<GlmErrorKind, number>> = {
	unknown: 1,
	'no-key': 2,
	'key-format': 2,
	auth: 3,
	balance: 4,
	locked: 4,
	quota: 4,
	'content-filter': 5,
	network: 6,
	timeout: 6,
	interrupted: 7,
	'rate-limit': 8,
	overloaded: 8,
	server: 8,
	'bad-request': 9,
	'model-not-found': 9,
	'prompt-too-long': 9,
	aborted: 130,
};

export interface GlmErrorInit {
	kind: GlmErrorKind;
	message: string;
	retryable?: boolean;
	code?: string;
	status?: number;
	requestId?: string;
	serviceMessage?: string;
	/** From a Retry-After header; the client waits this long instead of its own backoff. */
	retryAfterMs?: number;
	cause?: unknown;
}

export class GlmError extends Error {
	override readonly name = 'GlmError';
	readonly kind: GlmErrorKind;
	readonly retryable: boolean;
	readonly code?: string;
	readonly status?: number;
	readonly requestId?: string;
	readonly serviceMessage?: string;
	readonly retryAfterMs?: number;

	constructor(init: GlmErrorInit) {
		super(init.message, init.cause === undefined ? undefined : {cause: init.cause});
		this.kind = init.kind;
		this.retryable = init.retryable ?? false;
		if (init.code !== undefined) this.code = init.code;
		if (init.status !== undefined) this.status = init.status;
		if (init.requestId !== undefined) this.requestId = init.requestId;
		if (init.serviceMessage !== undefined) this.serviceMessage = init.serviceMessage;
		if (init.retryAfterMs !== undefined) this.retryAfterMs = init.retryAfterMs;
	}

	get exitCode(): number {
		return exitCodes[this.kind];
	}

	/** The message for a shell (`glm-tui -p`): chat-screen keys and slash commands become shell commands. */
	get shellMessage(): string {
		return toShellAdvice(this.message);
	}
}

// Chat-screen advice and its shell form. One-shot errors must not send a script's user looking for keys that only
// exist in the chat screen (issue 17).
const SHELL_ADVICE: ReadonlyArray<readonly [string, string]> = [
	['switch to another model with /model', 'switch to another model with `glm-tui -m NAME` (see `glm-tui models`)'],
	['Pick another with /model', 'Pick another with `glm-tui -m NAME` (see `glm-tui models`)'],
	['Remove earlier messages or start a new conversation (Ctrl+N)', 'Shorten the prompt or start a new conversation'],
	['`glm-tui config set key` or /key', '`glm-tui config set key`'],
	['`glm-tui config set key`, use /key,', '`glm-tui config set key`'],
];

export function toShellAdvice(message: string): string {
	let text = message;
	for (const [chat, shell] of SHELL_ADVICE) text = text.split(chat).join(shell);
	return text;
}

export function isGlmError(value: unknown): value is GlmError {
	return value instanceof GlmError;
}

/** What the caller knows that the response does not say: used to make messages concrete. */
export interface ErrorContext {
	model?: string;
	/** Host of the base URL, e.g. open.bigmodel.cn. */
	host?: string;
	/** Proxy URL in use (credentials stripped), for connection failures. */
	proxy?: string;
}

const SET_KEY_HINT = 'Set a new key with `glm-tui config set key` or /key';
// A paid flagship and the free model: one of them works for nearly every key.
const SUGGESTED_MODELS = ['glm-4.6', 'glm-4-flash', 'glm-4.5-air'];

function lowerFirst(text: string): string {
	return text.charAt(0).toLowerCase() + text.slice(1);
}
const AUTH_TOKEN_CODES = new Set(['1000', '1002', '1003', '1004']);
// Codes that look transient by HTTP status (429, 500) but are not: a retry only burns time or quota.
const NEVER_RETRY = new Set(['1113', '1112', '1121', '1301', '1261', '1304', '1308', '1310', '1001']);
const ALWAYS_RETRY = new Set(['1302', '1303', '1305', '1312', '500']);

function isNeverRetry(code: string): boolean {
	return NEVER_RETRY.has(code) || /^121\d$/.test(code) || AUTH_TOKEN_CODES.has(code);
}

/** True for a 401 the client answers with one freshly signed token before giving up. */
export function needsFreshToken(error: GlmError): boolean {
	if (error.status !== 401) return false;
	return error.code === undefined || AUTH_TOKEN_CODES.has(error.code);
}

type HeaderSource = Headers | Record<string, string | string[] | undefined> | undefined;

function header(headers: HeaderSource, name: string): string | undefined {
	if (!headers) return undefined;
	if (typeof (headers as Headers).get === 'function') return (headers as Headers).get(name) ?? undefined;
	const record = headers as Record<string, string | string[] | undefined>;
	for (const [key, value] of Object.entries(record)) {
		if (key.toLowerCase() === name) return Array.isArray(value) ? value[0] : value;
	}
	return undefined;
}

function retryAfter(headers: HeaderSource): number | undefined {
	const ms = Number(header(headers, 'retry-after-ms'));
	if (Number.isFinite(ms) && ms > 0) return ms;
	const raw = header(headers, 'retry-after');
	if (raw === undefined) return undefined;
	const seconds = Number(raw);
	if (Number.isFinite(seconds) && seconds >= 0) return seconds * 1000;
	const date = Date.parse(raw);
	return Number.isNaN(date) ? undefined : Math.max(0, date - Date.now());
}

/** Retry policy of glm-api.md: the never-codes win over everything, then x-should-retry, then code and status. */
export function shouldRetry(status: number | undefined, code: string | undefined, headers?: HeaderSource): boolean {
	if (code !== undefined && isNeverRetry(code)) return false;
	const hint = header(headers, 'x-should-retry')?.trim().toLowerCase();
	if (hint === 'true') return true;
	if (hint === 'false') return false;
	if (code !== undefined && ALWAYS_RETRY.has(code)) return true;
	if (status === undefined) return false;
	return status === 408 || status === 409 || status === 429 || status >= 500;
}

// Terminal control a quoted text could carry: escape sequences whole (CSI, OSC/DCS/APC strings, two-character
// escapes, their 8-bit forms), then any C0/C1 control left and the bidi controls that reorder what is shown.
const CONTROL_SEQUENCE =
	/(?:\u001b\[|\u009b)[\u0030-\u003f]*[\u0020-\u002f]*[\u0040-\u007e]|(?:\u001b[\]P^_X]|[\u009d\u0090\u009e\u009f\u0098])[^\u0007\u001b\u009c]*(?:\u0007|\u001b\\|\u009c)?|\u001b[\u0020-\u002f]*[\u0030-\u007e]?/g;
const CONTROL = /[\u0000-\u001f\u007f-\u009f\u2028\u2029]+/g;
const BIDI = /[\u202a-\u202e\u2066-\u2069]/g;

/**
 * Text from the other side (GLM's message, a proxy's page), made safe to quote in one line: no markup, no
 * escape sequence or control character (the terminal would obey them), no bidi override, bounded. Every message
 * is neutralized again where it is shown (text/sanitize.ts); this keeps the error itself clean for logs.
 */
export function excerpt(text: string | undefined, max = 300): string | undefined {
	if (text === undefined) return undefined;
	if (/<\s*(html|!doctype|head|body)\b/i.test(text)) return undefined;
	const clean = text.replace(CONTROL_SEQUENCE, '').replace(CONTROL, ' ').replace(BIDI, '').replace(/\s+/g, ' ').trim();
	if (clean === '') return undefined;
	const chars = Array.from(clean);
	return chars.length > max ? `${chars.slice(0, max - 1).join('')}…` : clean;
}

function quote(serviceMessage: string | undefined): string {
	return serviceMessage ? ` GLM says: "${serviceMessage}"` : '';
}

interface Described {
	kind: GlmErrorKind;
	message: string;
}

interface ParsedBody {
	code?: string;
	message?: string;
	requestId?: string;
	filteredRole?: string;
}

function str(value: unknown): string | undefined {
	if (typeof value === 'string' && value !== '') return value;
	if (typeof value === 'number') return String(value);
	return undefined;
}

function parseErrorObject(obj: unknown): ParsedBody {
	if (!obj || typeof obj !== 'object') return {};
	const record = obj as Record<string, unknown>;
	const result: ParsedBody = {};
	const inner = record['error'];
	if (inner && typeof inner === 'object') {
		const error = inner as Record<string, unknown>;
		const code = str(error['code']);
		const message = str(error['message']);
		if (code !== undefined) result.code = code;
		if (message !== undefined) result.message = message;
	} else if (typeof inner === 'string') {
		result.message = inner;
	} else {
		// Some gateways answer OpenAI-style or flat: {code, message} / {msg}.
		const code = str(record['code']);
		const message = str(record['message']) ?? str(record['msg']);
		if (code !== undefined) result.code = code;
		if (message !== undefined) result.message = message;
	}
	const requestId = str(record['request_id']) ?? str(record['id']);
	if (requestId !== undefined) result.requestId = requestId;
	const filter = record['contentFilter'];
	if (Array.isArray(filter)) {
		const role = (filter[0] as Record<string, unknown> | undefined)?.['role'];
		if (typeof role === 'string') result.filteredRole = role;
	}
	return result;
}

function describe(
	status: number | undefined,
	code: string | undefined,
	service: string | undefined,
	context: ErrorContext,
	body: ParsedBody,
	location?: string,
): Described {
	const tag = code ?? (status === undefined ? '' : `HTTP ${status}`);
	const ref = tag ? ` (${tag})` : '';
	const model = context.model ? `"${context.model}"` : 'the requested model';
	switch (code) {
		case '1000':
		case '1002':
		case '1004':
			return {
				kind: 'auth',
				message: `GLM rejected the API key${ref}. Check that it is complete and still active in your GLM console. ${SET_KEY_HINT}.`,
			};
		case '1003':
			return {
				kind: 'auth',
				message: `GLM says the sign-in token has expired${ref}, even though glm-tui signs a fresh one: check that this computer's clock is right. If it is, the key may be revoked; ${lowerFirst(SET_KEY_HINT)}.`,
			};
		case '1001':
			return {
				kind: 'auth',
				message: `GLM received no Authorization header${ref}; a proxy between you and GLM is probably removing it. Check your proxy settings (HTTPS_PROXY / NO_PROXY).`,
			};
		case '1113':
			return {
				kind: 'balance',
				message: `Your GLM account has no balance left${ref}. Top up at open.bigmodel.cn (or z.ai for international keys) and try again.`,
			};
		case '1112':
		case '1121':
			return {
				kind: 'locked',
				message: `Your GLM account is locked${ref}. Contact Zhipu support to unlock it; retrying will not help.${quote(service)}`,
			};
		case '1304':
		case '1308':
		case '1310': {
			const period = code === '1304' ? 'daily' : code === '1308' ? '5-hour' : 'weekly';
			return {
				kind: 'quota',
				message: `You have used up your ${period} GLM quota${ref}. Wait until it resets, or switch to another model with /model.${quote(service)}`,
			};
		}
		case '1302':
		case '1303':
			return {kind: 'rate-limit', message: `GLM is limiting how fast you send requests${ref}. Wait a moment and try again.`};
		case '1305':
		case '1312':
			return {
				kind: 'overloaded',
				message: `GLM is overloaded right now${ref}. Try again in a minute, or switch to another model with /model.`,
			};
		case '1211': {
			const others = SUGGESTED_MODELS.filter((name) => name !== context.model)
				.slice(0, 2)
				.join(' or ');
			return {
				kind: 'model-not-found',
				message: `The model ${model} does not exist or your key cannot use it${ref}. Pick another with /model, e.g. ${others}.`,
			};
		}
		case '1261':
			return {
				kind: 'prompt-too-long',
				message: `The conversation is too long for ${model}${ref}. Remove earlier messages or start a new conversation (Ctrl+N), then try again.`,
			};
		case '1301': {
			const what = body.filteredRole === 'assistant' ? 'the answer' : 'your message';
			return {
				kind: 'content-filter',
				message: `GLM refused to continue because it flagged ${what} as unsafe or sensitive${ref}. Rephrase and try again.`,
			};
		}
		case '500':
			return {kind: 'server', message: `GLM had an internal error${ref}. Try again in a moment.${quote(service)}`};
		default:
			break;
	}
	if (code !== undefined && /^121\d$/.test(code)) {
		return {
			kind: 'bad-request',
			message: `GLM rejected a parameter of the request${ref}. Check the options for ${model} (/temperature, /thinking).${quote(service)}`,
		};
	}
	if (status === 401) {
		return {kind: 'auth', message: `GLM rejected the API key${ref}. ${SET_KEY_HINT}.${quote(service)}`};
	}
	if (status === 403) {
		return {
			kind: 'auth',
			message: `GLM refused access${ref}: this key may not be allowed to use ${model} or this endpoint. Check the key's permissions, or ${lowerFirst(SET_KEY_HINT)}.${quote(service)}`,
		};
	}
	if (status === 404) {
		const host = context.host ? ` on ${context.host}` : '';
		return {
			kind: 'bad-request',
			message: `GLM found no chat endpoint${host}${ref}. Check the base URL (glm-tui config set base-url), e.g. https://open.bigmodel.cn/api/paas/v4.${quote(service)}`,
		};
	}
	if (status !== undefined && status >= 300 && status < 400) {
		// fetch used to follow redirects; a POST cannot be replayed to just any place, so say where it points.
		const to = excerpt(location, 200);
		return {
			kind: 'bad-request',
			message: `${context.host ?? 'The server'} redirects the chat endpoint elsewhere${ref}${to ? ` (to ${to})` : ''}. Check the base URL (glm-tui config set base-url), e.g. https://open.bigmodel.cn/api/paas/v4.`,
		};
	}
	if (status === 413) {
		return {
			kind: 'prompt-too-long',
			message: `The request is too large for GLM${ref}. Remove earlier messages or start a new conversation, then try again.`,
		};
	}
	if (status === 408) return {kind: 'timeout', message: `GLM timed out handling the request${ref}. Try again.`};
	if (status === 429) return {kind: 'rate-limit', message: `GLM is limiting requests${ref}. Wait a moment and try again.${quote(service)}`};
	if (status === 503)
		return {kind: 'overloaded', message: `GLM is unavailable or overloaded${ref}. Try again in a minute.${quote(service)}`};
	if (status !== undefined && status >= 500) {
		return {kind: 'server', message: `GLM's server failed${ref}. Try again in a moment.${quote(service)}`};
	}
	if (status === 400 || status === 422) {
		return {kind: 'bad-request', message: `GLM rejected the request as invalid${ref}. Check the model name and options.${quote(service)}`};
	}
	return {kind: 'unknown', message: `GLM returned an unexpected error${ref}.${quote(service)}`};
}

function fromParsed(status: number | undefined, body: ParsedBody, headers: HeaderSource, context: ErrorContext): GlmError {
	const serviceMessage = excerpt(body.message);
	const {kind, message} = describe(status, body.code, serviceMessage, context, body, header(headers, 'location'));
	const requestId = body.requestId ?? header(headers, 'x-request-id');
	const init: GlmErrorInit = {kind, message, retryable: shouldRetry(status, body.code, headers)};
	if (body.code !== undefined) init.code = body.code;
	if (status !== undefined) init.status = status;
	if (requestId !== undefined) init.requestId = requestId;
	if (serviceMessage !== undefined) init.serviceMessage = serviceMessage;
	const after = retryAfter(headers);
	if (after !== undefined) init.retryAfterMs = after;
	return new GlmError(init);
}

/** An HTTP error response. The body may be GLM's JSON, a proxy's HTML page, plain text or nothing. */
export function errorFromResponse(status: number, bodyText: string, headers?: HeaderSource, context: ErrorContext = {}): GlmError {
	let body: ParsedBody = {};
	try {
		body = parseErrorObject(JSON.parse(bodyText));
	} catch {
		const text = excerpt(bodyText, 200);
		if (text !== undefined) body = {message: text};
	}
	return fromParsed(status, body, headers, context);
}

/** A `data: {"error":{...}}` frame in the middle of a stream (HTTP status was 200). */
export function errorFromFrame(obj: unknown, context: ErrorContext = {}): GlmError {
	return fromParsed(undefined, parseErrorObject(obj), undefined, context);
}

const NETWORK_CAUSES: Record<string, string> = {
	ECONNREFUSED: 'connection refused',
	ENOTFOUND: 'host name not found',
	EAI_AGAIN: 'DNS lookup failed',
	ECONNRESET: 'connection reset',
	EPIPE: 'connection closed',
	ETIMEDOUT: 'connection timed out',
	EHOSTUNREACH: 'host unreachable',
	ENETUNREACH: 'network unreachable',
	ENETDOWN: 'network is down',
};

/** A proxy that answered the CONNECT request with something other than 2xx; 407 means it wants credentials. */
export class ProxyRefusedError extends Error {
	override readonly name = 'ProxyRefusedError';
	readonly status: number;

	constructor(status: number) {
		super(`The proxy answered CONNECT with HTTP ${status}`);
		this.status = status;
	}
}

const TLS_CODES = /CERT|SELF_SIGNED|UNABLE_TO_VERIFY|ERR_TLS|ERR_SSL/;

function errorChain(e: unknown): Array<Record<string, unknown>> {
	const chain: Array<Record<string, unknown>> = [];
	const queue: unknown[] = [e];
	while (queue.length > 0 && chain.length < 10) {
		const item = queue.shift();
		if (!item || typeof item !== 'object' || chain.includes(item as Record<string, unknown>)) continue;
		const record = item as Record<string, unknown>;
		chain.push(record);
		queue.push(record['cause']);
		if (Array.isArray(record['errors'])) queue.push(...record['errors']);
	}
	return chain;
}

export function abortedError(cause?: unknown): GlmError {
	return new GlmError({kind: 'aborted', message: 'Stopped: the request was cancelled.', cause});
}

/**
 * A thrown request / socket failure. `AbortError`s map to `aborted`; the client turns its own timeouts into
 * `timeout` errors before they reach here, because only it knows which timer fired.
 */
export function errorFromException(e: unknown, context: ErrorContext = {}): GlmError {
	if (e instanceof GlmError) return e;
	const chain = errorChain(e);
	if (chain.some((item) => item['name'] === 'AbortError')) return abortedError(e);
	const where = context.host ?? 'the GLM service';
	const via = context.proxy ? ` through the proxy ${context.proxy}` : '';
	for (const item of chain) {
		const code = typeof item['code'] === 'string' ? item['code'] : undefined;
		if (item instanceof ProxyRefusedError) {
			const why =
				item.status === 407
					? 'it wants credentials: put them in the proxy URL (http://user:pass@host:port)'
					: 'check HTTPS_PROXY / NO_PROXY';
			return new GlmError({
				kind: 'network',
				message: `The proxy${context.proxy ? ` ${context.proxy}` : ''} refused to connect to ${where} (HTTP ${item.status}); ${why}.`,
				retryable: false,
				cause: e,
			});
		}
		if (code && TLS_CODES.test(code)) {
			return new GlmError({
				kind: 'network',
				message: `Could not make a secure connection to ${where}${via}: the certificate is not trusted (${code}). Behind a TLS-inspecting proxy, point NODE_EXTRA_CA_CERTS at its CA certificate.`,
				retryable: false,
				cause: e,
			});
		}
		if (code && code in NETWORK_CAUSES) {
			return new GlmError({
				kind: code === 'ETIMEDOUT' ? 'timeout' : 'network',
				message: `Could not reach ${where}${via}: ${NETWORK_CAUSES[code]} (${code}). Check your network connection${context.proxy ? ' and proxy' : ' (and HTTPS_PROXY if you need a proxy)'}, then try again.`,
				retryable: true,
				cause: e,
			});
		}
	}
	const first = chain.find((item) => typeof item['message'] === 'string' && item['message'] !== '');
	const detail = first ? excerpt(String(first['message']), 200) : undefined;
	return new GlmError({
		kind: 'network',
		message: `Could not talk to ${where}${via}${detail ? `: ${detail}` : ''}. Check your network connection, then try again.`,
		retryable: true,
		cause: e,
	});
}

/**
 * A 200 that is not a chat answer (a captive portal, a gateway's page, another service at the base URL), with
 * its first words quoted, neutralized and short, so the person can tell what answered. Not retried: asking again
 * gets the same page.
 */
export function notChatError(context: ErrorContext, body?: string): GlmError {
	const words = body === undefined ? undefined : excerpt(body, 80);
	const html = body !== undefined && words === undefined && /<\s*(html|!doctype|head|body)\b/i.test(body);
	const what = words ? `: "${words}"` : html ? ' (an HTML page)' : '';
	return new GlmError({
		kind: 'unknown',
		message: `${context.host ?? 'The server'} answered with something that is not a GLM chat response${what}. Check the base URL (glm-tui config set base-url); a captive portal or proxy may also be in the way.`,
	});
}

/** What an unreadable part of a stream means for the answer: one-shot's stderr and the chat's notice say it. */
export function unreadableNote(count: number): string {
	return `${count} ${count === 1 ? 'event' : 'events'} of the answer could not be read (not JSON): the answer may have gaps.`;
}

export function noKeyError(): GlmError {
	return new GlmError({
		kind: 'no-key',
		message:
			'No GLM API key is set. Create one at open.bigmodel.cn (or z.ai), then run `glm-tui config set key`, use /key, or set ZHIPUAI_API_KEY / ZAI_API_KEY.',
	});
}

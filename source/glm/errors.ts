// Every failure of the GLM service becomes one GlmError: a kind the program branches on, a sentence a person can
// act on, and whether sending the same request again may help. Codes and retry policy follow the error-code list
// in GLM's API documentation.

import {networkText} from './network-messages.js';
import {CODE_ROWS, rowForCode, rowForStatus, type CodeRow} from './error-codes.js';
import {exitCodes, type GlmErrorKind} from './error-kinds.js';
import {glmErrorText, type ErrorFacts} from './error-messages.js';

export {exitCodes, type GlmErrorKind} from './error-kinds.js';

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
	/** The message for a shell, when its advice differs from the chat screen's (keys and slash commands). */
	shellMessage?: string;
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
	readonly #shellMessage: string | undefined;

	constructor(init: GlmErrorInit) {
		super(init.message, init.cause === undefined ? undefined : {cause: init.cause});
		this.kind = init.kind;
		this.retryable = init.retryable ?? false;
		if (init.code !== undefined) this.code = init.code;
		if (init.status !== undefined) this.status = init.status;
		if (init.requestId !== undefined) this.requestId = init.requestId;
		if (init.serviceMessage !== undefined) this.serviceMessage = init.serviceMessage;
		if (init.retryAfterMs !== undefined) this.retryAfterMs = init.retryAfterMs;
		this.#shellMessage = init.shellMessage;
	}

	get exitCode(): number {
		return exitCodes[this.kind];
	}

	/** The message for a shell (`glm-tui -p`): chat-screen keys and slash commands become shell commands. */
	get shellMessage(): string {
		return this.#shellMessage ?? this.message;
	}
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

// A paid flagship and the free model: one of them works for nearly every key.
const SUGGESTED_MODELS = ['glm-4.6', 'glm-4-flash', 'glm-4.5-air'];

/** True for a 401 the client answers with one freshly signed token before giving up. */
export function needsFreshToken(error: GlmError): boolean {
	if (error.status !== 401) return false;
	return error.code === undefined || CODE_ROWS[error.code]?.retry === 'fresh-token';
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

/** Retry policy of glm-api.md: the code's row wins over everything, then x-should-retry, then the status. */
export function shouldRetry(status: number | undefined, code: string | undefined, headers?: HeaderSource): boolean {
	const policy = rowForCode(code)?.retry ?? 'status';
	if (policy === 'never' || policy === 'fresh-token') return false;
	const hint = header(headers, 'x-should-retry')?.trim().toLowerCase();
	if (hint === 'true') return true;
	if (hint === 'false') return false;
	if (policy === 'always') return true;
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

/** The row that explains a failure: the code's own, else the HTTP status's. */
export function rowFor(status: number | undefined, code: string | undefined): CodeRow {
	return rowForCode(code) ?? rowForStatus(status);
}

function factsFor(status: number | undefined, body: ParsedBody, context: ErrorContext, row: CodeRow, location?: string): ErrorFacts {
	const tag = body.code ?? (status === undefined ? '' : `HTTP ${status}`);
	const facts: ErrorFacts = {
		ref: tag ? ` (${tag})` : '',
		model: context.model ? `"${context.model}"` : 'the requested model',
		others: SUGGESTED_MODELS.filter((name) => name !== context.model)
			.slice(0, 2)
			.join(' or '),
		service: excerpt(body.message),
		flagged: body.filteredRole === 'assistant' ? 'answer' : 'prompt',
		period: row.period ?? 'daily',
		host: context.host,
		// fetch used to follow redirects; a POST cannot be replayed to just any place, so say where it points.
		to: excerpt(location, 200),
		shell: false,
	};
	return facts;
}

function fromParsed(status: number | undefined, body: ParsedBody, headers: HeaderSource, context: ErrorContext): GlmError {
	const row = rowFor(status, body.code);
	const facts = factsFor(status, body, context, row, header(headers, 'location'));
	const explain = glmErrorText[row.message];
	const message = explain(facts);
	const shellMessage = explain({...facts, shell: true});
	const requestId = body.requestId ?? header(headers, 'x-request-id');
	const init: GlmErrorInit = {kind: row.kind, message, retryable: shouldRetry(status, body.code, headers)};
	if (shellMessage !== message) init.shellMessage = shellMessage;
	if (body.code !== undefined) init.code = body.code;
	if (status !== undefined) init.status = status;
	if (requestId !== undefined) init.requestId = requestId;
	if (facts.service !== undefined) init.serviceMessage = facts.service;
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

const NETWORK_CODES = [
	'ECONNREFUSED',
	'ENOTFOUND',
	'EAI_AGAIN',
	'ECONNRESET',
	'EPIPE',
	'ETIMEDOUT',
	'EHOSTUNREACH',
	'ENETUNREACH',
	'ENETDOWN',
] as const;
type NetworkCode = (typeof NETWORK_CODES)[number];
const isNetworkCode = (code: string): code is NetworkCode => (NETWORK_CODES as readonly string[]).includes(code);

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
	return new GlmError({kind: 'aborted', message: networkText.aborted, cause});
}

/**
 * A thrown request / socket failure. `AbortError`s map to `aborted`; the client turns its own timeouts into
 * `timeout` errors before they reach here, because only it knows which timer fired.
 */
export function errorFromException(e: unknown, context: ErrorContext = {}): GlmError {
	if (e instanceof GlmError) return e;
	const chain = errorChain(e);
	if (chain.some((item) => item['name'] === 'AbortError')) return abortedError(e);
	const host = context.host ?? networkText.theService;
	const where = host + (context.proxy ? networkText.viaProxy(context.proxy) : '');
	for (const item of chain) {
		const code = typeof item['code'] === 'string' ? item['code'] : undefined;
		if (item instanceof ProxyRefusedError) {
			const why = item.status === 407 ? networkText.proxyWantsCredentials : networkText.checkProxy;
			return new GlmError({
				kind: 'network',
				message: networkText.proxyRefused(context.proxy ? ` ${context.proxy}` : '', host, item.status, why),
				retryable: false,
				cause: e,
			});
		}
		if (code && TLS_CODES.test(code)) {
			return new GlmError({
				kind: 'network',
				message: networkText.untrusted(where, code),
				retryable: false,
				cause: e,
			});
		}
		if (code && isNetworkCode(code)) {
			return new GlmError({
				kind: code === 'ETIMEDOUT' ? 'timeout' : 'network',
				message: networkText.unreachable(where, networkText[code], code, context.proxy !== undefined),
				retryable: true,
				cause: e,
			});
		}
	}
	const first = chain.find((item) => typeof item['message'] === 'string' && item['message'] !== '');
	const detail = first ? excerpt(String(first['message']), 200) : undefined;
	return new GlmError({
		kind: 'network',
		message: networkText.noTalk(where, detail ?? ''),
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
	const what = words ? `: "${words}"` : html ? networkText.htmlPage : '';
	return new GlmError({
		kind: 'unknown',
		message: networkText.notChat(context.host ?? networkText.theServer, what),
	});
}

/** What an unreadable part of a stream means for the answer: one-shot's stderr and the chat's notice say it. */
export function unreadableNote(count: number): string {
	return networkText.unreadable(count);
}

export function noKeyError(): GlmError {
	return new GlmError({kind: 'no-key', message: glmErrorText.noKey(false), shellMessage: glmErrorText.noKey(true)});
}

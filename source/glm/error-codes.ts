// One row per GLM code of glm-api.md (and the few more the service's code table lists, checked against
// https://docs.z.ai/api-reference/api-code: 1110/1111/1120 account, 1212/1220 method and permission, 1231
// request already running, 1234 the service's own network error): what kind of failure it is (which also
// fixes the one-shot exit code), whether asking again may help, and which message explains it. HTTP statuses
// without a known code fall back to the status rows below.
import type {GlmErrorKind} from './error-kinds.js';
import {glmErrorText} from './error-messages.js';

/**
 * never: asking again cannot help (some of these come as 429 or 500, which look transient);
 * always: transient whatever the status; fresh-token: a 401 answered with one new token, then never;
 * status: decided by x-should-retry and the HTTP status like an unknown code.
 */
export type RetryPolicy = 'never' | 'always' | 'fresh-token' | 'status';

export type ErrorMessageKey = Exclude<keyof typeof glmErrorText, 'noKey'>;

export interface CodeRow {
	kind: GlmErrorKind;
	retry: RetryPolicy;
	message: ErrorMessageKey;
	/** For the quota codes: which quota ran out. */
	period?: 'daily' | '5-hour' | 'weekly';
}

const row = (kind: GlmErrorKind, retry: RetryPolicy, message: ErrorMessageKey, period?: CodeRow['period']): CodeRow =>
	period === undefined ? {kind, retry, message} : {kind, retry, message, period};

export const CODE_ROWS: Readonly<Record<string, CodeRow>> = {
	'1000': row('auth', 'fresh-token', 'auth'),
	'1001': row('auth', 'never', 'noAuthHeader'),
	'1002': row('auth', 'fresh-token', 'auth'),
	'1003': row('auth', 'fresh-token', 'tokenExpired'),
	'1004': row('auth', 'fresh-token', 'auth'),
	'1110': row('auth', 'never', 'noAccount'),
	'1111': row('auth', 'never', 'noAccount'),
	'1112': row('locked', 'never', 'locked'),
	'1113': row('balance', 'never', 'balance'),
	'1120': row('locked', 'never', 'locked'),
	'1121': row('locked', 'never', 'locked'),
	'1210': row('bad-request', 'never', 'badParameter'),
	'1211': row('model-not-found', 'never', 'modelNotFound'),
	'1212': row('bad-request', 'never', 'badParameter'),
	'1213': row('bad-request', 'never', 'badParameter'),
	'1214': row('bad-request', 'never', 'badParameter'),
	'1215': row('bad-request', 'never', 'badParameter'),
	'1220': row('auth', 'never', 'noPermission'),
	'1231': row('bad-request', 'never', 'badParameter'),
	'1234': row('server', 'always', 'internal'),
	'1261': row('prompt-too-long', 'never', 'promptTooLong'),
	'1301': row('content-filter', 'never', 'contentFilter'),
	'1302': row('rate-limit', 'always', 'rateLimit'),
	'1303': row('rate-limit', 'always', 'rateLimit'),
	'1304': row('quota', 'never', 'quota', 'daily'),
	'1305': row('overloaded', 'always', 'overloaded'),
	'1308': row('quota', 'never', 'quota', '5-hour'),
	'1310': row('quota', 'never', 'quota', 'weekly'),
	'1312': row('overloaded', 'always', 'overloaded'),
	'500': row('server', 'always', 'internal'),
};

/** A code glm-api.md does not list: 121x are all parameter errors; anything else is judged by its HTTP status. */
export function rowForCode(code: string | undefined): CodeRow | undefined {
	if (code === undefined) return undefined;
	return CODE_ROWS[code] ?? (/^121\d$/.test(code) ? row('bad-request', 'never', 'badParameter') : undefined);
}

/** No (known) code: the HTTP status decides. Redirects are handled by the caller (they name a place). */
export function rowForStatus(status: number | undefined): CodeRow {
	if (status === undefined) return row('unknown', 'status', 'unknown');
	if (status === 401) return row('auth', 'fresh-token', 'http401');
	if (status === 403) return row('auth', 'status', 'http403');
	if (status === 404) return row('bad-request', 'status', 'http404');
	if (status >= 300 && status < 400) return row('bad-request', 'status', 'redirect');
	if (status === 413) return row('prompt-too-long', 'status', 'http413');
	if (status === 408) return row('timeout', 'status', 'http408');
	if (status === 429) return row('rate-limit', 'status', 'http429');
	if (status === 503) return row('overloaded', 'status', 'http503');
	if (status >= 500) return row('server', 'status', 'http5xx');
	if (status === 400 || status === 422) return row('bad-request', 'status', 'http400');
	return row('unknown', 'status', 'unknown');
}

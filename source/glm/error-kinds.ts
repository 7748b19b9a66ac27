// What kind of failure an error is: the program branches on it and the one-shot mode exits with its status.

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

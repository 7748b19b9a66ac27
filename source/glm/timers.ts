// The client's own time limits: connect, idle (a stalled answer) and total, and the errors that say which one
// ended a request. The transport has no timeouts of its own, so these options mean what they say.
import {GlmError, type ErrorContext} from './errors.js';
import type {Answer} from './http.js';
import {networkText as say} from './network-messages.js';

export type TimerReason = 'connect' | 'idle' | 'total';

export const DEFAULT_IDLE_TIMEOUT_MS = 30_000;
// The idle check looks at the byte count this many times per idle period: a silence is noticed between 90% and
// 100% of the limit, at the cost of 10 wake-ups per period (one every 3 s by default).
const IDLE_CHECKS = 10;
// setTimeout fires at once for anything above 2^31-1 ms; treat such limits as "none".
const MAX_TIMER = 2 ** 31 - 1;

export function limit(ms: number | undefined, fallback: number): number | undefined {
	const value = ms ?? fallback;
	return value > 0 && value <= MAX_TIMER ? value : undefined;
}

function seconds(ms: number): string {
	return ms < 1000 ? `${ms} ms` : `${Math.round(ms / 100) / 10} s`;
}

export interface Limits {
	connectTimeoutMs: number | undefined;
	idleTimeoutMs: number | undefined;
	totalTimeoutMs: number | undefined;
}

/**
 * Silence is noticed by one coarse timer comparing the transport's byte count, not by a timer restarted per
 * chunk: an answer's chunks cost nothing here. Returns the function that stops watching.
 */
export function watchIdle(answer: Answer, idleTimeoutMs: number, onSilence: () => void): () => void {
	let seen = answer.received;
	let quiet = 0;
	let stopped = false;
	const check = setInterval(
		() => {
			if (answer.received !== seen) {
				seen = answer.received;
				quiet = 0;
				return;
			}
			// A socket resting between paced reads is not silent: its rest ends within readPaceMs.
			if (answer.resting || ++quiet < IDLE_CHECKS - 1) return;
			// A loop held up past the limit runs timers before it reads the socket: look again after the reads.
			setImmediate(() => {
				if (!stopped && answer.received === seen) onSilence();
			});
		},
		Math.max(1, Math.floor(idleTimeoutMs / IDLE_CHECKS)),
	);
	return () => {
		stopped = true;
		clearInterval(check);
	};
}

export function timeoutError(
	reason: TimerReason,
	limits: Limits,
	baseContext: ErrorContext,
	yielded: boolean,
	received: boolean,
	cause: unknown,
): GlmError {
	const where = (baseContext.host ?? 'GLM') + (baseContext.proxy ? say.via(baseContext.proxy) : '');
	switch (reason) {
		case 'connect':
			return new GlmError({
				kind: 'timeout',
				message: say.connectTimeout(where, seconds(limits.connectTimeoutMs ?? 0)),
				retryable: true,
				cause,
			});
		case 'idle': {
			const silence = seconds(limits.idleTimeoutMs ?? 0);
			if (yielded) {
				return new GlmError({
					kind: 'timeout',
					message: say.idleMidAnswer(silence),
					retryable: false,
					cause,
				});
			}
			// Said as it happened: whether any byte of an answer came, so nobody looks for a half answer.
			return new GlmError({
				kind: 'timeout',
				message: received ? say.idleBegan(where, silence) : say.idleAccepted(where, silence),
				retryable: true,
				cause,
			});
		}
		case 'total':
			return new GlmError({
				kind: 'timeout',
				message: say.totalTimeout(seconds(limits.totalTimeoutMs ?? 0), yielded),
				retryable: false,
				cause,
			});
	}
}

/** The connection ended before the answer did. */
export function interrupted(yielded: boolean, cause?: unknown): GlmError {
	return new GlmError({
		kind: 'interrupted',
		message: yielded ? say.brokeOff : say.closedEarly,
		retryable: !yielded,
		...(cause === undefined ? {} : {cause}),
	});
}

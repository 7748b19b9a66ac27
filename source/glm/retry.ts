// When a failed request is sent again: transient failures before the first event, with the official SDKs'
// backoff, a fresh token once, a stalled GLM once, never past the total deadline.
import {GlmError, abortedError, errorFromException, needsFreshToken, type ErrorContext} from './errors.js';
import type {AttemptState, StreamListener} from './frames.js';

const MAX_RETRY_AFTER_MS = 60_000;

/** Backoff of the official SDKs: min(0.5 * 2^n, 8) s, times a jitter in [0.75, 1]. */
export function backoffDelay(retriesSoFar: number, random: () => number = Math.random): number {
	const base = Math.min(0.5 * 2 ** retriesSoFar, 8) * 1000;
	return Math.round(base * (1 - 0.25 * random()));
}

export function defaultSleep(ms: number, signal?: AbortSignal): Promise<void> {
	return new Promise((resolve, reject) => {
		if (signal?.aborted) {
			reject(abortedError(signal.reason));
			return;
		}
		const onAbort = (): void => {
			clearTimeout(timer);
			reject(abortedError(signal?.reason));
		};
		const timer = setTimeout(() => {
			signal?.removeEventListener('abort', onAbort);
			resolve();
		}, ms);
		signal?.addEventListener('abort', onAbort, {once: true});
	});
}

export interface RetryPolicy {
	maxRetries: number;
	/** Wall-clock end of the whole request (the client's clock), if any. */
	deadline: number | undefined;
	signal: AbortSignal | undefined;
	baseContext: ErrorContext;
	sleep: (ms: number, signal?: AbortSignal) => Promise<void>;
	random: () => number;
	now: () => number;
	/** Drops the cached token so the next attempt signs a new one. */
	invalidateToken: () => void;
}

/** Runs `attempt` until it succeeds or its failure is final; each retry is announced as an event first. */
export async function withRetries(
	attempt: (state: AttemptState) => Promise<void>,
	policy: RetryPolicy,
	emit: StreamListener,
): Promise<void> {
	const {signal, deadline, baseContext} = policy;
	let retries = 0;
	let freshTokenTried = false;
	let stallRetried = false;
	for (;;) {
		const state: AttemptState = {yielded: false};
		let error: GlmError;
		try {
			await attempt(state);
			return;
		} catch (e) {
			error = e instanceof GlmError ? e : errorFromException(e, baseContext);
		}
		if (state.yielded || error.kind === 'aborted') throw error;
		// A silent GLM is tried once more; twice silent, it will not answer soon.
		if (state.stalled) {
			if (stallRetried) throw error;
			stallRetried = true;
		}
		if (needsFreshToken(error)) {
			if (freshTokenTried) throw error;
			freshTokenTried = true;
			policy.invalidateToken();
			continue;
		}
		if (!error.retryable || retries >= policy.maxRetries) throw error;
		if (error.retryAfterMs !== undefined && error.retryAfterMs > MAX_RETRY_AFTER_MS) throw error;
		const delayMs = error.retryAfterMs ?? backoffDelay(retries, policy.random);
		if (deadline !== undefined && policy.now() + delayMs >= deadline) throw error;
		retries++;
		emit({type: 'retry', attempt: retries, delayMs, error});
		try {
			await policy.sleep(delayMs, signal);
		} catch (e) {
			throw signal?.aborted ? abortedError(e) : errorFromException(e, baseContext);
		}
		if (signal?.aborted) throw abortedError(signal.reason);
	}
}

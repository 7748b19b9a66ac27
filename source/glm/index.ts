export {createGlmClient, backoffDelay, defaultSleep} from './client.js';
export type {GlmClient, GlmClientOptions, RequestOptions} from './client.js';
export {
	GlmError,
	abortedError,
	errorFromException,
	errorFromFrame,
	errorFromResponse,
	exitCodes,
	isGlmError,
	needsFreshToken,
	noKeyError,
	shouldRetry,
} from './errors.js';
export type {ErrorContext, GlmErrorInit, GlmErrorKind} from './errors.js';
export {bypassesProxy, displayProxy, proxyFor} from './proxy.js';
export {SseParser} from './sse.js';
export type {SseEvent} from './sse.js';
export {TokenSigner, maskKey, parseApiKey, signToken} from './token.js';
export type {ApiKeyParts, TokenSignerOptions} from './token.js';
export type {ChatMessage, ChatRequest, Completion, StreamEvent} from './types.js';

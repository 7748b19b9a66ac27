// One POST over node:http(s), optionally tunnelled through a proxy with CONNECT. Node's own HTTP stack parses
// with its native llhttp: no WebAssembly to compile and keep in memory. The body is taken from 'data' events, the
// cheapest way to read a Node stream chunk by chunk. Loaded on first use (node:https brings in TLS).
import http from 'node:http';
import https from 'node:https';
import type {Duplex} from 'node:stream';
import {ProxyRefusedError} from './errors.js';

export interface Transport {
	/**
	 * Resolves once the response headers are in. Aborting `signal` ends the request and the connection at any
	 * point until the whole response has arrived.
	 */
	post(headers: Record<string, string>, body: string, signal: AbortSignal): Promise<Answer>;
	/** Ends every connection, pooled, in flight or still tunnelling, so nothing keeps the process alive. */
	destroy(): void;
}

/** A response whose headers are in; its body arrives on its own (no backpressure: chat answers are small). */
export class Answer {
	readonly status: number;
	readonly headers: http.IncomingHttpHeaders;
	readonly #response: http.IncomingMessage;
	// Node detaches the socket from the response before 'end' reaches us; pacing needs it until then.
	readonly #socket: unknown;
	#chunks: Buffer[] = [];
	#ended = false;
	#error: Error | undefined;
	#wake: (() => void) | undefined;
	#sink: ((chunk: Buffer) => void) | undefined;
	#paceMs = 0;
	#resting = false;
	#restTimer: NodeJS.Timeout | undefined;
	#turnBytes = 0;
	#received = 0;

	constructor(response: http.IncomingMessage) {
		this.status = response.statusCode ?? 0;
		this.headers = response.headers;
		this.#response = response;
		this.#socket = response.socket;
		response.on('data', (chunk: Buffer) => {
			this.#turnBytes += chunk.length;
			this.#received += chunk.length;
			this.#rest();
			if (this.#sink) {
				this.#sink(chunk);
				return;
			}
			this.#chunks.push(chunk);
			this.#notify();
		});
		response.on('end', () => {
			this.#ended = true;
			// The socket may go back to the pool, where it must be read to notice the server closing it.
			this.#wakeSocket();
			this.#notify();
		});
		response.on('error', (error) => {
			this.#error ??= error;
			this.#notify();
		});
		response.on('close', () => {
			if (!this.#ended) this.#error ??= Object.assign(new Error('aborted'), {code: 'ECONNRESET'});
			clearTimeout(this.#restTimer);
			this.#notify();
		});
	}

	/**
	 * Bytes of the body that arrived so far, read or not. The client's idle check compares it between the ticks of
	 * one coarse timer: the only per-chunk cost of noticing a silent answer is this addition.
	 */
	get received(): number {
		return this.#received;
	}

	/** True while the socket rests between paced reads: what arrives meanwhile waits in the kernel, unseen. */
	get resting(): boolean {
		return this.#resting;
	}

	/** True once the whole body has arrived, read or not. */
	get complete(): boolean {
		return this.#response.complete;
	}

	/** What arrived since the last read, waiting if nothing did; undefined at the end of the body. */
	async read(): Promise<Buffer | undefined> {
		while (this.#chunks.length === 0) {
			if (this.#error) throw this.#error;
			if (this.#ended) return undefined;
			await new Promise<void>((resolve) => {
				this.#wake = resolve;
			});
		}
		const chunks = this.#chunks;
		this.#chunks = [];
		return chunks.length === 1 ? chunks[0] : Buffer.concat(chunks);
	}

	/**
	 * Hands every chunk to `sink` within the socket's own callback, what arrived before first. No promise per
	 * chunk: at 50 chunks a second, each one resumed through promises costs more than parsing it. Resolves at the
	 * end of the body or once `sink` returns true (it has what it wants; later chunks wait for read()); rejects
	 * on a connection error or when `signal` aborts. `sink` must not throw.
	 */
	each(sink: (chunk: Buffer) => boolean, signal: AbortSignal): Promise<void> {
		return new Promise((resolve, reject) => {
			const settle = (error?: unknown): void => {
				this.#sink = undefined;
				this.#wake = undefined;
				signal.removeEventListener('abort', onAbort);
				if (error === undefined) resolve();
				else reject(error);
			};
			const onAbort = (): void => settle(signal.reason ?? new Error('aborted'));
			const check = (): void => {
				if (this.#error) settle(this.#error);
				else if (this.#ended) settle();
				else this.#wake = check;
			};
			if (signal.aborted) {
				onAbort();
				return;
			}
			while (this.#chunks.length > 0) {
				if (sink(this.#chunks.shift()!)) {
					resolve();
					return;
				}
			}
			this.#sink = (chunk) => {
				if (sink(chunk)) settle();
			};
			signal.addEventListener('abort', onAbort, {once: true});
			check();
		});
	}

	/**
	 * From now on, reads the socket at most once every `ms`. GLM sends a small chunk per token, ~50 a second, and
	 * on a virtual machine each wake-up of the process costs more CPU than handling the token it brings. libuv
	 * leaves a stopped socket in epoll until its next data arrives, so each rest costs one extra wake-up: a rest
	 * shorter than a frame saves little (measured at 50 tokens/s: 50 ms -10%, 100 ms -35% CPU).
	 */
	pace(ms: number): void {
		this.#paceMs = ms;
	}

	// After the reads of this turn of the event loop: everything already in the kernel is taken first, and a turn
	// that brought a lot means the answer is arriving in bulk, where resting would only slow it down. Node has no
	// public way to stop reading a socket that feeds an HTTP parser (pause() only holds back 'data' events), so
	// this stops and starts the socket's handle, as net.Socket itself does.
	#rest(): void {
		if (this.#paceMs <= 0 || this.#resting) return;
		this.#resting = true;
		setImmediate(() => {
			const bulk = this.#turnBytes >= BULK_BYTES;
			this.#turnBytes = 0;
			const handle = this.#ended || bulk ? undefined : socketHandle(this.#socket);
			if (!this.#resting || !handle || handle.readStop() !== 0) {
				this.#resting = false;
				return;
			}
			this.#restTimer = setTimeout(() => this.#wakeSocket(), this.#paceMs);
		});
	}

	#wakeSocket(): void {
		if (!this.#resting) return;
		this.#resting = false;
		clearTimeout(this.#restTimer);
		socketHandle(this.#socket)?.readStart();
	}

	#notify(): void {
		const wake = this.#wake;
		this.#wake = undefined;
		wake?.();
	}
}

// A token's SSE frame is ~200 bytes; a turn of the event loop that read this much is not a trickle.
const BULK_BYTES = 16 * 1024;

interface ReadControl {
	readStop(): number;
	readStart(): number;
}

function socketHandle(socket: unknown): ReadControl | undefined {
	const handle = (socket as {_handle?: Partial<ReadControl> | null} | null)?._handle;
	return typeof handle?.readStop === 'function' && typeof handle.readStart === 'function' ? (handle as ReadControl) : undefined;
}

// Passed through the agent's options to createConnection, so a tunnel still being set up can be abandoned.
const TUNNEL_SIGNAL = 'glmTunnelSignal';

export function createTransport(target: URL, proxy: string | undefined): Transport {
	const secure = target.protocol === 'https:';
	// One pooled connection, kept between messages: the next message skips the TCP and TLS handshakes.
	const agent = secure ? new https.Agent({keepAlive: true}) : new http.Agent({keepAlive: true});
	const tunnels = new Set<http.ClientRequest>();
	if (proxy) {
		const proxyUrl = new URL(proxy);
		const authority = `${target.hostname}:${target.port || (secure ? 443 : 80)}`;
		// https.Agent's own createConnection does the TLS handshake (SNI, certificate checks, session reuse);
		// handed the tunnel as `socket`, it runs it through the proxy.
		const direct = agent.createConnection.bind(agent);
		agent.createConnection = (options, callback) => {
			const signal = (options as Record<string, unknown>)[TUNNEL_SIGNAL] as AbortSignal | undefined;
			tunnel(proxyUrl, authority, signal, tunnels).then(
				(socket) => callback?.(null, (secure ? direct({...options, socket} as http.ClientRequestArgs) : socket)!),
				(error: Error) => callback?.(error, undefined as unknown as Duplex),
			);
			return undefined;
		};
	}
	const request = secure ? https.request : http.request;

	return {
		post(headers, body, signal) {
			return new Promise((resolve, reject) => {
				const send = (mayResend: boolean): void => {
					const options = {
						method: 'POST',
						headers: {...headers, 'content-length': Buffer.byteLength(body)},
						agent,
						[TUNNEL_SIGNAL]: signal,
					};
					const req = request(target, options);
					let response: http.IncomingMessage | undefined;
					// Not the `signal` option: aborting a response that has fully arrived would destroy the socket
					// Node is handing back to the pool, and that error would go unhandled (a crash). A complete
					// response needs no cutting off; the client stops reading it on its own.
					const onAbort = (): void => {
						if (!response?.complete) req.destroy(signal.reason instanceof Error ? signal.reason : new Error('aborted'));
					};
					signal.addEventListener('abort', onAbort, {once: true});
					req.on('close', () => signal.removeEventListener('abort', onAbort));
					req.on('response', (answer) => {
						response = answer;
						resolve(new Answer(answer));
					});
					req.on('error', (error: NodeJS.ErrnoException) => {
						// A pooled connection the server closed while idle fails at once; GLM never saw the request,
						// so sending it again on a new connection is safe and spares the caller a backoff.
						if (mayResend && req.reusedSocket && !response && error.code === 'ECONNRESET' && !signal.aborted) send(false);
						else reject(error);
					});
					if (signal.aborted) onAbort();
					else req.end(body);
				};
				send(true);
			});
		},
		destroy() {
			for (const pending of tunnels) pending.destroy();
			agent.destroy();
		},
	};
}

/** An HTTP CONNECT to the proxy; resolves with the raw tunnel to `authority` (host:port). */
function tunnel(proxy: URL, authority: string, signal: AbortSignal | undefined, pending: Set<http.ClientRequest>): Promise<Duplex> {
	return new Promise((resolve, reject) => {
		const viaTls = proxy.protocol === 'https:';
		// Without a connection header Node adds `Connection: close`, which a proxy may apply to the tunnel.
		const headers: http.OutgoingHttpHeaders = {host: authority, connection: 'keep-alive'};
		if (proxy.username || proxy.password) {
			const credentials = `${decodeURIComponent(proxy.username)}:${decodeURIComponent(proxy.password)}`;
			headers['proxy-authorization'] = `Basic ${Buffer.from(credentials).toString('base64')}`;
		}
		const connect = (viaTls ? https : http).request({
			host: proxy.hostname.replace(/^\[(.*)\]$/, '$1'),
			port: proxy.port || (viaTls ? 443 : 80),
			method: 'CONNECT',
			path: authority,
			headers,
			agent: false,
		});
		// Not the `signal` option: that would stay attached to the pooled tunnel after this request is done.
		const onAbort = (): void => {
			connect.destroy(signal?.reason instanceof Error ? signal.reason : new Error('aborted'));
		};
		const settle = (): void => {
			pending.delete(connect);
			signal?.removeEventListener('abort', onAbort);
		};
		pending.add(connect);
		signal?.addEventListener('abort', onAbort, {once: true});
		connect.on('connect', (response: http.IncomingMessage, socket: Duplex, head: Buffer) => {
			settle();
			const status = response.statusCode ?? 0;
			if (status < 200 || status >= 300) {
				socket.destroy();
				reject(new ProxyRefusedError(status));
				return;
			}
			if (head.length > 0) socket.unshift(head);
			resolve(socket);
		});
		connect.on('error', (error) => {
			settle();
			reject(error);
		});
		if (signal?.aborted) onAbort();
		else connect.end();
	});
}

// A base URL with plain http:// sends the signed token (good for minutes, enough to spend the account's
// balance) and the whole conversation readable by anyone on the way. To this machine that is harmless (a local
// gateway, the test server); to anywhere else the person must be told, once, before it happens.

/** The warning for `baseUrl`, or undefined when it is https or reaches only this machine. */
export function plainHttpWarning(baseUrl: string): string | undefined {
	let url: URL;
	try {
		url = new URL(baseUrl);
	} catch {
		return undefined;
	}
	if (url.protocol !== 'http:' || isLoopback(url.hostname)) return undefined;
	// host only: credentials in the URL are not repeated.
	return `the base URL http://${url.host} is plain http: the signed key token and the conversation travel unencrypted and can be read on the way. Use https:// unless this network is yours (glm-tui config set base-url).`;
}

/** localhost (and *.localhost, RFC 6761), 127.0.0.0/8, ::1 and 127/8 mapped into IPv6. WHATWG URL has already normalized the forms. */
export function isLoopback(hostname: string): boolean {
	const host = hostname
		.toLowerCase()
		.replace(/^\[(.*)\]$/, '$1')
		.replace(/\.$/, '');
	if (host === 'localhost' || host.endsWith('.localhost')) return true;
	if (/^127\.\d{1,3}\.\d{1,3}\.\d{1,3}$/.test(host)) return true;
	if (host === '::1' || host === '0:0:0:0:0:0:0:1') return true;
	// ::ffff:127.0.0.1 is written ::ffff:7f00:1 by the URL parser.
	return /^::ffff:7f[0-9a-f]{2}:[0-9a-f]{1,4}$/.test(host);
}

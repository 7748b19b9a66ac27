// Which proxy, if any, a URL goes through, by the conventions of curl: lower-case variables win over upper-case,
// https URLs use HTTPS_PROXY (not HTTP_PROXY), ALL_PROXY is the fallback, NO_PROXY lists exceptions.
// Node's HTTP stack ignores all of these, so http.ts applies them itself (a CONNECT tunnel through the proxy).

type Env = Record<string, string | undefined>;

function pick(env: Env, ...names: string[]): string | undefined {
	for (const name of names) {
		const value = env[name]?.trim();
		if (value) return value;
	}
	return undefined;
}

function ipv4(host: string): number | undefined {
	const parts = host.split('.');
	if (parts.length !== 4 || !parts.every((part) => /^\d{1,3}$/.test(part) && Number(part) <= 255)) return undefined;
	return parts.reduce((sum, part) => sum * 256 + Number(part), 0);
}

function matchesCidr(host: string, entry: string): boolean {
	const [base = '', bitsText = ''] = entry.split('/');
	const address = ipv4(host);
	const network = ipv4(base);
	const bits = Number(bitsText);
	if (address === undefined || network === undefined || !Number.isInteger(bits) || bits < 0 || bits > 32) return false;
	const size = 2 ** (32 - bits);
	return Math.floor(address / size) === Math.floor(network / size);
}

/**
 * NO_PROXY entries: `*` (everything), `host` (the host and its subdomains), `.suffix` / `*.suffix` (same),
 * `host:port` (only that port), `[v6]`, and IPv4 CIDR ranges like `10.0.0.0/8`.
 */
export function bypassesProxy(url: URL, noProxy: string | undefined): boolean {
	if (!noProxy) return false;
	const host = url.hostname.toLowerCase().replace(/^\[(.*)\]$/, '$1');
	const port = url.port || (url.protocol === 'https:' ? '443' : '80');
	for (const raw of noProxy.split(/[\s,]+/)) {
		let entry = raw.trim().toLowerCase();
		if (entry === '') continue;
		if (entry === '*') return true;
		let entryPort: string | undefined;
		const withPort = /^(\[[^\]]+\]|[^:]+):(\d+)$/.exec(entry);
		if (withPort) {
			entry = withPort[1] ?? entry;
			entryPort = withPort[2];
		}
		if (entryPort !== undefined && entryPort !== port) continue;
		entry = entry.replace(/^\[(.*)\]$/, '$1').replace(/^\*?\./, '');
		if (entry.includes('/')) {
			if (matchesCidr(host, entry)) return true;
			continue;
		}
		if (host === entry || host.endsWith(`.${entry}`)) return true;
	}
	return false;
}

/** The proxy URL for `target`, or undefined for a direct connection. A scheme-less value means http://. */
export function proxyFor(target: URL, env: Env): string | undefined {
	const proxy =
		target.protocol === 'https:'
			? pick(env, 'https_proxy', 'HTTPS_PROXY', 'all_proxy', 'ALL_PROXY')
			: pick(env, 'http_proxy', 'HTTP_PROXY', 'all_proxy', 'ALL_PROXY');
	if (proxy === undefined) return undefined;
	if (bypassesProxy(target, pick(env, 'no_proxy', 'NO_PROXY'))) return undefined;
	return /^[a-z][a-z0-9+.-]*:\/\//i.test(proxy) ? proxy : `http://${proxy}`;
}

/** The proxy URL without its credentials, for messages. */
export function displayProxy(proxy: string): string {
	try {
		const url = new URL(proxy);
		url.username = '';
		url.password = '';
		return url.href.replace(/\/$/, '');
	} catch {
		return proxy.replace(/\/\/[^@/]*@/, '//');
	}
}

import {describe, expect, it} from 'vitest';
import {isLoopback, plainHttpWarning} from '../../source/glm/plain-http.js';

describe('plainHttpWarning', () => {
	it.each([
		'http://localhost:8080/api/paas/v4',
		'http://LOCALHOST./v4',
		'http://glm.localhost/v4',
		'http://127.0.0.1:1234/v4',
		'http://127.1.2.3/v4',
		'http://0x7f.1/v4',
		'http://[::1]:80/v4',
		'http://[::ffff:127.0.0.1]/v4',
		'https://open.bigmodel.cn/api/paas/v4',
		'https://10.0.0.5/v4',
		'not a url',
	])('stays quiet for %s', (url) => {
		expect(plainHttpWarning(url)).toBeUndefined();
	});

	it.each([
		['http://open.bigmodel.cn/api/paas/v4', 'open.bigmodel.cn'],
		['http://10.0.0.5:8000/v4', '10.0.0.5:8000'],
		['http://0.0.0.0:9/v4', '0.0.0.0:9'],
		['http://[::ffff:10.0.0.1]/v4', '[::ffff:a00:1]'],
		['http://localhost.evil.com/v4', 'localhost.evil.com'],
		['http://127.0.0.1.nip.io/v4', '127.0.0.1.nip.io'],
		['http://[fe80::1]/v4', '[fe80::1]'],
	])('warns for %s, naming %s and what travels in clear', (url, host) => {
		const warning = plainHttpWarning(url);
		expect(warning).toContain(`http://${host} is plain http`);
		expect(warning).toMatch(/token and the conversation travel unencrypted/);
	});

	it('does not repeat credentials written into the URL', () => {
		expect(plainHttpWarning('http://user:hunter2@gateway.example/v4')).not.toMatch(/hunter2|user/);
	});

	it('isLoopback takes bare and bracketed IPv6', () => {
		expect(isLoopback('[::1]')).toBe(true);
		expect(isLoopback('::1')).toBe(true);
		expect(isLoopback('::2')).toBe(false);
	});
});

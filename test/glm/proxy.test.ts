import {describe, expect, it} from 'vitest';
import {bypassesProxy, displayProxy, proxyFor} from '../../source/glm/proxy.js';

const GLM = new URL('https://open.bigmodel.cn/api/paas/v4/chat/completions');

describe('proxyFor', () => {
	it('uses HTTPS_PROXY for https, lower case first, ALL_PROXY as the fallback, never HTTP_PROXY', () => {
		expect(proxyFor(GLM, {})).toBeUndefined();
		expect(proxyFor(GLM, {HTTP_PROXY: 'http://h:1'})).toBeUndefined();
		expect(proxyFor(GLM, {HTTPS_PROXY: 'http://upper:1', https_proxy: 'http://lower:1'})).toBe('http://lower:1');
		expect(proxyFor(GLM, {https_proxy: '  ', HTTPS_PROXY: 'http://upper:1'})).toBe('http://upper:1');
		expect(proxyFor(GLM, {ALL_PROXY: 'socks5://s:1080'})).toBe('socks5://s:1080');
		expect(proxyFor(GLM, {HTTPS_PROXY: 'proxy.corp:3128'})).toBe('http://proxy.corp:3128');
	});

	it('leaves hosts in NO_PROXY alone', () => {
		expect(proxyFor(GLM, {HTTPS_PROXY: 'http://p:1', NO_PROXY: 'bigmodel.cn'})).toBeUndefined();
		expect(proxyFor(GLM, {HTTPS_PROXY: 'http://p:1', no_proxy: 'other.cn', NO_PROXY: 'bigmodel.cn'})).toBe('http://p:1');
	});
});

describe('bypassesProxy', () => {
	const cases: Array<[string, string, boolean]> = [
		['https://open.bigmodel.cn/', 'open.bigmodel.cn', true],
		['https://open.bigmodel.cn/', 'bigmodel.cn', true],
		['https://open.bigmodel.cn/', '.bigmodel.cn', true],
		['https://open.bigmodel.cn/', '*.bigmodel.cn', true],
		['https://bigmodel.cn/', '.bigmodel.cn', true],
		['https://notbigmodel.cn/', 'bigmodel.cn', false],
		['https://open.bigmodel.cn/', 'OPEN.BIGMODEL.CN:443', true],
		['https://open.bigmodel.cn/', 'open.bigmodel.cn:8443', false],
		['http://127.0.0.1:8080/', '127.0.0.1:8080', true],
		['http://127.0.0.1:8080/', '127.0.0.1:80', false],
		['http://10.1.2.3/', '10.0.0.0/8', true],
		['http://11.1.2.3/', '10.0.0.0/8', false],
		['http://[::1]:9/', '::1', true],
		['http://[::1]:9/', '[::1]:9', true],
		['https://api.z.ai/', 'a.com, b.com *', true],
		['https://api.z.ai/', 'a.com,,b.com', false],
		['https://api.z.ai/', '', false],
	];
	it.each(cases)('%s with NO_PROXY=%j -> %s', (url, noProxy, expected) => {
		expect(bypassesProxy(new URL(url), noProxy)).toBe(expected);
	});
});

describe('displayProxy', () => {
	it('strips credentials', () => {
		expect(displayProxy('http://user:secret@proxy:3128')).toBe('http://proxy:3128');
		expect(displayProxy('http://proxy:3128/')).toBe('http://proxy:3128');
	});
});

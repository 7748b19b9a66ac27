// What a failed connection, a timeout or an unreadable stream says, in English and Simplified Chinese. The host,
// the proxy and the system's error code (ECONNREFUSED ...) stay as they are: they are what to look up.
import {defineMessages} from '../i18n/catalog.js';

export const networkText = defineMessages(
	'network',
	{
		via: (proxy: string) => ` (through the proxy ${proxy})`,
		viaProxy: (proxy: string) => ` through the proxy ${proxy}`,
		theService: 'the GLM service',
		connectTimeout: (where: string, limit: string) =>
			`${where} did not answer within ${limit} (connect timeout). Check your network connection, then try again.`,
		idleMidAnswer: (silence: string) =>
			`GLM sent nothing more for ${silence} in the middle of the answer (idle timeout); what arrived is kept. Retry for a full answer.`,
		idleBegan: (where: string, silence: string) =>
			`${where} began the answer but sent no text, then nothing for ${silence} (idle timeout). Try again; if GLM is only slow, raise the limit: glm-tui config set idle-timeout SECONDS.`,
		idleAccepted: (where: string, silence: string) =>
			`${where} accepted the request, then sent nothing for ${silence} (idle timeout). Try again; if GLM is only slow, raise the limit: glm-tui config set idle-timeout SECONDS.`,
		totalTimeout: (limit: string, kept: boolean) =>
			`The answer took longer than ${limit}, glm-tui's limit, and was stopped${kept ? '; what arrived is kept' : ''}.`,
		brokeOff: 'The connection to GLM broke off before the answer was complete; what arrived is kept. Retry to get a full answer.',
		closedEarly: 'The connection to GLM closed before an answer arrived. Try again.',
		aborted: 'Stopped: the request was cancelled.',
		proxyWantsCredentials: 'it wants credentials: put them in the proxy URL (http://user:pass@host:port)',
		checkProxy: 'check HTTPS_PROXY / NO_PROXY',
		proxyRefused: (proxy: string, where: string, status: number, why: string) =>
			`The proxy${proxy} refused to connect to ${where} (HTTP ${status}); ${why}.`,
		untrusted: (where: string, code: string) =>
			`Could not make a secure connection to ${where}: the certificate is not trusted (${code}). Behind a TLS-inspecting proxy, point NODE_EXTRA_CA_CERTS at its CA certificate.`,
		unreachable: (where: string, cause: string, code: string, proxy: boolean) =>
			`Could not reach ${where}: ${cause} (${code}). Check your network connection${proxy ? ' and proxy' : ' (and HTTPS_PROXY if you need a proxy)'}, then try again.`,
		noTalk: (where: string, detail: string) =>
			`Could not talk to ${where}${detail ? `: ${detail}` : ''}. Check your network connection, then try again.`,
		notChat: (host: string, what: string) =>
			`${host} answered with something that is not a GLM chat response${what}. Check the base URL (glm-tui config set base-url); a captive portal or proxy may also be in the way.`,
		theServer: 'The server',
		htmlPage: ' (an HTML page)',
		unreadable: (count: number) =>
			`${count} ${count === 1 ? 'event' : 'events'} of the answer could not be read (not JSON): the answer may have gaps.`,
		ECONNREFUSED: 'connection refused',
		ENOTFOUND: 'host name not found',
		EAI_AGAIN: 'DNS lookup failed',
		ECONNRESET: 'connection reset',
		EPIPE: 'connection closed',
		ETIMEDOUT: 'connection timed out',
		EHOSTUNREACH: 'host unreachable',
		ENETUNREACH: 'network unreachable',
		ENETDOWN: 'network is down',
	},
	{
		via: (proxy: string) => `（经代理 ${proxy}）`,
		viaProxy: (proxy: string) => `（经代理 ${proxy}）`,
		theService: 'GLM 服务',
		connectTimeout: (where: string, limit: string) => `${where} 在 ${limit} 内没有响应（连接超时）。请检查网络连接后重试。`,
		idleMidAnswer: (silence: string) =>
			`回答到一半时 GLM 有 ${silence} 没有再发送内容（空闲超时）；已收到的部分已保留。重试可获得完整回答。`,
		idleBegan: (where: string, silence: string) =>
			`${where} 开始了回答但没有发出文字，之后 ${silence} 没有任何内容（空闲超时）。请重试；如果只是 GLM 较慢，可以调高上限：glm-tui config set idle-timeout 秒数。`,
		idleAccepted: (where: string, silence: string) =>
			`${where} 接受了请求，之后 ${silence} 没有发送任何内容（空闲超时）。请重试；如果只是 GLM 较慢，可以调高上限：glm-tui config set idle-timeout 秒数。`,
		totalTimeout: (limit: string, kept: boolean) =>
			`回答用时超过了 glm-tui 的上限 ${limit}，已被停止${kept ? '；已收到的部分已保留' : ''}。`,
		brokeOff: '回答完成之前与 GLM 的连接中断了；已收到的部分已保留。重试可获得完整回答。',
		closedEarly: '回答到达之前与 GLM 的连接就关闭了。请重试。',
		aborted: '已停止：请求被取消。',
		proxyWantsCredentials: '代理需要凭据：请把它们写进代理 URL（http://user:pass@host:port）',
		checkProxy: '请检查 HTTPS_PROXY / NO_PROXY',
		proxyRefused: (proxy: string, where: string, status: number, why: string) =>
			`代理${proxy}拒绝连接 ${where}（HTTP ${status}）；${why}。`,
		untrusted: (where: string, code: string) =>
			`无法与 ${where} 建立安全连接：证书不受信任（${code}）。如果在会检查 TLS 的代理之后，请把 NODE_EXTRA_CA_CERTS 指向它的 CA 证书。`,
		unreachable: (where: string, cause: string, code: string, proxy: boolean) =>
			`无法连接 ${where}：${cause}（${code}）。请检查网络连接${proxy ? '和代理' : '（需要代理时还有 HTTPS_PROXY）'}后重试。`,
		noTalk: (where: string, detail: string) => `无法与 ${where} 通信${detail ? `：${detail}` : ''}。请检查网络连接后重试。`,
		notChat: (host: string, what: string) =>
			`${host} 返回的不是 GLM 的聊天响应${what}。请检查 base URL（glm-tui config set base-url）；也可能是认证门户或代理挡在中间。`,
		theServer: '服务器',
		htmlPage: '（一个 HTML 页面）',
		unreadable: (count: number) => `回答中有 ${count} 个事件无法读取（不是 JSON）：回答可能有缺失。`,
		ECONNREFUSED: '连接被拒绝',
		ENOTFOUND: '找不到主机名',
		EAI_AGAIN: 'DNS 查询失败',
		ECONNRESET: '连接被重置',
		EPIPE: '连接已关闭',
		ETIMEDOUT: '连接超时',
		EHOSTUNREACH: '主机不可达',
		ENETUNREACH: '网络不可达',
		ENETDOWN: '网络已断开',
	},
);

/** What is wrong with an API key as typed or set. */
export const keyText = defineMessages(
	'api-key',
	{
		problem: (problem: string) =>
			`${problem}. A GLM API key looks like <id>.<secret>: two parts joined by one dot. Copy the whole key again from your GLM console and set it with \`glm-tui config set key\` or /key.`,
		space: 'The API key contains a space or line break, probably from copying it across lines',
		noDot: 'The API key has no dot',
		dots: (count: number) => `The API key has ${count} dots where one is expected`,
		noId: 'The API key has nothing before the dot (the id part is missing)',
		noSecret: 'The API key has nothing after the dot (the secret part is missing)',
		stray: (shown: string) => `The id part of the API key (before the dot) contains ${shown}, which GLM key ids never do`,
	},
	{
		problem: (problem: string) =>
			`${problem}。GLM API 密钥的格式是 <id>.<secret>：用一个点连接的两部分。请从 GLM 控制台重新复制完整的密钥，再用 \`glm-tui config set key\` 或 /key 设置。`,
		space: 'API 密钥中有空格或换行，可能是跨行复制造成的',
		noDot: 'API 密钥中没有点',
		dots: (count: number) => `API 密钥中有 ${count} 个点，应该只有一个`,
		noId: 'API 密钥的点前面没有内容（缺少 id 部分）',
		noSecret: 'API 密钥的点后面没有内容（缺少 secret 部分）',
		stray: (shown: string) => `API 密钥的 id 部分（点之前）含有 ${shown}，GLM 的密钥 id 从不包含它`,
	},
);

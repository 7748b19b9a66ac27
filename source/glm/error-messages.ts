// What each GLM failure tells a person, in English and Simplified Chinese. The table in error-codes.ts picks the
// message; the facts give it the code, the model and the service's own words (already neutralized by excerpt()).
import {defineMessages} from '../i18n/catalog.js';

/** Everything a message may mention. Advice differs between the chat screen and a shell (`glm-tui -p`). */
export interface ErrorFacts {
	/** " (1301)" / " (HTTP 502)" / "" in English; "（1301）" in Chinese. */
	ref: string;
	/** The model, quoted, or "the requested model". */
	model: string;
	/** Models worth trying instead of the missing one. */
	others: string;
	/** GLM's own message, neutralized and bounded; undefined when it said nothing readable. */
	service: string | undefined;
	/** For 1301: whether the answer or the prompt was flagged. */
	flagged: 'answer' | 'prompt';
	/** glm-api.md: 1304 daily, 1308 5-hour, 1310 weekly. */
	period: 'daily' | '5-hour' | 'weekly';
	host: string | undefined;
	/** Where a redirect points, neutralized. */
	to: string | undefined;
	shell: boolean;
}

const enSays = (service: string | undefined): string => (service ? ` GLM says: "${service}"` : '');
const zhSays = (service: string | undefined): string => (service ? `GLM 的说明：“${service}”` : '');
const enKey = (f: ErrorFacts): string => (f.shell ? '`glm-tui config set key`' : '`glm-tui config set key` or /key');
const zhKey = (f: ErrorFacts): string => (f.shell ? '`glm-tui config set key`' : '`glm-tui config set key` 或 /key');
const enModel = (f: ErrorFacts): string => (f.shell ? '`glm-tui -m NAME` (see `glm-tui models`)' : '/model');
const zhModel = (f: ErrorFacts): string => (f.shell ? '`glm-tui -m 模型名`（见 `glm-tui models`）' : '/model');
const enModelName = (f: ErrorFacts): string => f.model;
const zhModelName = (f: ErrorFacts): string => (f.model === 'the requested model' ? '所请求的模型' : f.model);
const BASE_URL = 'https://open.bigmodel.cn/api/paas/v4';
const zhPeriod = {daily: '每日', '5-hour': '5 小时', weekly: '每周'} as const;

export const glmErrorText = defineMessages(
	'glm-errors',
	{
		auth: (f: ErrorFacts) =>
			`GLM rejected the API key${f.ref}. Check that it is complete and still active in your GLM console. Set a new key with ${enKey(f)}.`,
		tokenExpired: (f: ErrorFacts) =>
			`GLM says the sign-in token has expired${f.ref}, even though glm-tui signs a fresh one: check that this computer's clock is right. If it is, the key may be revoked; set a new key with ${enKey(f)}.`,
		noAuthHeader: (f: ErrorFacts) =>
			`GLM received no Authorization header${f.ref}; a proxy between you and GLM is probably removing it. Check your proxy settings (HTTPS_PROXY / NO_PROXY).`,
		noAccount: (f: ErrorFacts) =>
			`GLM does not know this account or it is not activated${f.ref}. Check the key in your GLM console. Set a new key with ${enKey(f)}.${enSays(f.service)}`,
		balance: (f: ErrorFacts) =>
			`Your GLM account has no balance left${f.ref}. Top up at open.bigmodel.cn (or z.ai for international keys) and try again.`,
		locked: (f: ErrorFacts) =>
			`Your GLM account is locked${f.ref}. Contact Zhipu support to unlock it; retrying will not help.${enSays(f.service)}`,
		quota: (f: ErrorFacts) =>
			`You have used up your ${f.period} GLM quota${f.ref}. Wait until it resets, or switch to another model with ${enModel(f)}.${enSays(f.service)}`,
		rateLimit: (f: ErrorFacts) => `GLM is limiting how fast you send requests${f.ref}. Wait a moment and try again.`,
		overloaded: (f: ErrorFacts) =>
			`GLM is overloaded right now${f.ref}. Try again in a minute, or switch to another model with ${enModel(f)}.`,
		modelNotFound: (f: ErrorFacts) =>
			`The model ${enModelName(f)} does not exist or your key cannot use it${f.ref}. Pick another with ${enModel(f)}, e.g. ${f.others}.`,
		promptTooLong: (f: ErrorFacts) =>
			`The conversation is too long for ${enModelName(f)}${f.ref}. ${f.shell ? 'Shorten the prompt or start a new conversation' : 'Remove earlier messages or start a new conversation (Ctrl+N)'}, then try again.`,
		contentFilter: (f: ErrorFacts) =>
			`GLM refused to continue because it flagged ${f.flagged === 'answer' ? 'the answer' : 'your message'} as unsafe or sensitive${f.ref}. Rephrase and try again.`,
		internal: (f: ErrorFacts) => `GLM had an internal error${f.ref}. Try again in a moment.${enSays(f.service)}`,
		badParameter: (f: ErrorFacts) =>
			`GLM rejected a parameter of the request${f.ref}. Check the options for ${enModelName(f)} (/temperature, /thinking).${enSays(f.service)}`,
		noPermission: (f: ErrorFacts) =>
			`This key may not use this API or ${enModelName(f)}${f.ref}. Check the key's permissions in your GLM console.${enSays(f.service)}`,
		http401: (f: ErrorFacts) => `GLM rejected the API key${f.ref}. Set a new key with ${enKey(f)}.${enSays(f.service)}`,
		http403: (f: ErrorFacts) =>
			`GLM refused access${f.ref}: this key may not be allowed to use ${enModelName(f)} or this endpoint. Check the key's permissions, or set a new key with ${enKey(f)}.${enSays(f.service)}`,
		http404: (f: ErrorFacts) =>
			`GLM found no chat endpoint${f.host ? ` on ${f.host}` : ''}${f.ref}. Check the base URL (glm-tui config set base-url), e.g. ${BASE_URL}.${enSays(f.service)}`,
		redirect: (f: ErrorFacts) =>
			`${f.host ?? 'The server'} redirects the chat endpoint elsewhere${f.ref}${f.to ? ` (to ${f.to})` : ''}. Check the base URL (glm-tui config set base-url), e.g. ${BASE_URL}.`,
		http413: (f: ErrorFacts) =>
			`The request is too large for GLM${f.ref}. Remove earlier messages or start a new conversation, then try again.`,
		http408: (f: ErrorFacts) => `GLM timed out handling the request${f.ref}. Try again.`,
		http429: (f: ErrorFacts) => `GLM is limiting requests${f.ref}. Wait a moment and try again.${enSays(f.service)}`,
		http503: (f: ErrorFacts) => `GLM is unavailable or overloaded${f.ref}. Try again in a minute.${enSays(f.service)}`,
		http5xx: (f: ErrorFacts) => `GLM's server failed${f.ref}. Try again in a moment.${enSays(f.service)}`,
		http400: (f: ErrorFacts) => `GLM rejected the request as invalid${f.ref}. Check the model name and options.${enSays(f.service)}`,
		unknown: (f: ErrorFacts) => `GLM returned an unexpected error${f.ref}.${enSays(f.service)}`,
		noKey: (shell: boolean) =>
			`No GLM API key is set. Create one at open.bigmodel.cn (or z.ai), then run \`glm-tui config set key\`${shell ? '' : ', use /key,'} or set ZHIPUAI_API_KEY / ZAI_API_KEY.`,
	},
	{
		auth: (f: ErrorFacts) => `GLM 拒绝了这个 API 密钥${f.ref}。请在 GLM 控制台确认密钥完整且仍然有效，然后用 ${zhKey(f)} 设置新密钥。`,
		tokenExpired: (f: ErrorFacts) =>
			`GLM 说登录令牌已过期${f.ref}，但 glm-tui 每次都签发新令牌：请检查这台电脑的时钟是否准确。若时钟无误，密钥可能已被吊销；请用 ${zhKey(f)} 设置新密钥。`,
		noAuthHeader: (f: ErrorFacts) =>
			`GLM 没有收到 Authorization 请求头${f.ref}；很可能是你和 GLM 之间的代理删掉了它。请检查代理设置（HTTPS_PROXY / NO_PROXY）。`,
		noAccount: (f: ErrorFacts) =>
			`GLM 找不到这个账户或账户未激活${f.ref}。请在 GLM 控制台检查密钥，并用 ${zhKey(f)} 设置新密钥。${zhSays(f.service)}`,
		balance: (f: ErrorFacts) => `你的 GLM 账户余额不足${f.ref}。请在 open.bigmodel.cn（国际版密钥在 z.ai）充值后重试。`,
		locked: (f: ErrorFacts) => `你的 GLM 账户已被锁定${f.ref}。请联系智谱客服解锁；重试没有用。${zhSays(f.service)}`,
		quota: (f: ErrorFacts) =>
			`你的 GLM ${zhPeriod[f.period]}额度已用完${f.ref}。请等额度重置，或用 ${zhModel(f)} 换一个模型。${zhSays(f.service)}`,
		rateLimit: (f: ErrorFacts) => `GLM 正在限制你的请求频率${f.ref}。请稍等片刻再试。`,
		overloaded: (f: ErrorFacts) => `GLM 当前负载过高${f.ref}。请一分钟后再试，或用 ${zhModel(f)} 换一个模型。`,
		modelNotFound: (f: ErrorFacts) =>
			`模型 ${zhModelName(f)} 不存在，或你的密钥无权使用它${f.ref}。请用 ${zhModel(f)} 另选一个，例如 ${f.others.replace(' or ', ' 或 ')}。`,
		promptTooLong: (f: ErrorFacts) =>
			`对话太长，超出了 ${zhModelName(f)} 的限制${f.ref}。请${f.shell ? '缩短提问或新建对话' : '删掉前面的消息或新建对话（Ctrl+N）'}后重试。${zhSays(f.service)}`,
		contentFilter: (f: ErrorFacts) =>
			`GLM 认为${f.flagged === 'answer' ? '回答' : '你的消息'}含有不安全或敏感内容，拒绝继续${f.ref}。请换个说法再试。${zhSays(f.service)}`,
		internal: (f: ErrorFacts) => `GLM 内部出错${f.ref}。请稍后再试。${zhSays(f.service)}`,
		badParameter: (f: ErrorFacts) =>
			`GLM 拒绝了请求中的某个参数${f.ref}。请检查 ${zhModelName(f)} 的选项（/temperature、/thinking）。${zhSays(f.service)}`,
		noPermission: (f: ErrorFacts) =>
			`这个密钥可能无权使用该 API 或 ${zhModelName(f)}${f.ref}。请在 GLM 控制台检查密钥权限。${zhSays(f.service)}`,
		http401: (f: ErrorFacts) => `GLM 拒绝了这个 API 密钥${f.ref}。请用 ${zhKey(f)} 设置新密钥。${zhSays(f.service)}`,
		http403: (f: ErrorFacts) =>
			`GLM 拒绝访问${f.ref}：这个密钥可能无权使用 ${zhModelName(f)} 或这个接口。请检查密钥权限，或用 ${zhKey(f)} 设置新密钥。${zhSays(f.service)}`,
		http404: (f: ErrorFacts) =>
			`${f.host ? `${f.host} 上` : ''}没有 GLM 聊天接口${f.ref}。请检查 base URL（glm-tui config set base-url），例如 ${BASE_URL}。${zhSays(f.service)}`,
		redirect: (f: ErrorFacts) =>
			`${f.host ?? '服务器'}把聊天接口重定向到了别处${f.ref}${f.to ? `（到 ${f.to}）` : ''}。请检查 base URL（glm-tui config set base-url），例如 ${BASE_URL}。`,
		http413: (f: ErrorFacts) => `请求太大，GLM 无法处理${f.ref}。请删掉前面的消息或新建对话后重试。`,
		http408: (f: ErrorFacts) => `GLM 处理请求超时${f.ref}。请重试。`,
		http429: (f: ErrorFacts) => `GLM 正在限制请求${f.ref}。请稍等片刻再试。${zhSays(f.service)}`,
		http503: (f: ErrorFacts) => `GLM 暂时不可用或负载过高${f.ref}。请一分钟后再试。${zhSays(f.service)}`,
		http5xx: (f: ErrorFacts) => `GLM 服务器出错${f.ref}。请稍后再试。${zhSays(f.service)}`,
		http400: (f: ErrorFacts) => `GLM 认为请求无效${f.ref}。请检查模型名和选项。${zhSays(f.service)}`,
		unknown: (f: ErrorFacts) => `GLM 返回了意外的错误${f.ref}。${zhSays(f.service)}`,
		noKey: (shell: boolean) =>
			`还没有设置 GLM API 密钥。请在 open.bigmodel.cn（或 z.ai）创建一个，然后运行 \`glm-tui config set key\`${shell ? ' ' : '、使用 /key，'}或设置 ZHIPUAI_API_KEY / ZAI_API_KEY。`,
	},
);

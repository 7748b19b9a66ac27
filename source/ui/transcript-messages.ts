// The transcript's own words (headers, how an answer ended, the scroll indicator), in English and Simplified
// Chinese. The header names (You, GLM) stay: they are short, and GLM is a name.
import {defineMessages, plural} from '../i18n/catalog.js';

export const transcriptText = defineMessages(
	'transcript',
	{
		thinking: 'Thinking…',
		reasoning: 'Reasoning',
		reasoningFolded: (label: string, chars: string) => `▸ ${label} (${chars} chars) · Ctrl+T shows it`,
		failedMark: '✖ failed',
		notSent: 'not sent to GLM',
		failedTurn: 'left out of later requests · Ctrl+R retries · Up edits',
		finishedDetached: '↻ finished after the connection dropped',
		finishingElsewhere: '● finishing in another glm-tui',
		stopped: '■ stopped · Ctrl+R regenerates',
		failed: 'failed',
		withdrawn: 'withdrawn by the content filter',
		contextCut: (count: number) => `── ${plural(count, 'earlier message')} not sent: over the context window ──`,
		version: (shown: number, count: number) => `version ${shown}/${count} · Alt+P/Alt+N`,
		below: (count: number) => `  ↓ ${count >= 9_999 ? 'many more lines' : `${plural(count, 'more line')}`} below · End to follow`,
	},
	{
		thinking: '思考中…',
		reasoning: '思考过程',
		reasoningFolded: (label: string, chars: string) => `▸ ${label}（${chars} 字）· Ctrl+T 展开`,
		failedMark: '✖ 失败',
		notSent: '不会发送给 GLM',
		failedTurn: '之后的请求不含这一轮 · Ctrl+R 重试 · Up 编辑',
		finishedDetached: '↻ 连接断开后完成',
		finishingElsewhere: '● 另一个 glm-tui 正在完成',
		stopped: '■ 已停止 · Ctrl+R 重新生成',
		failed: '失败',
		withdrawn: '已被内容过滤撤回',
		contextCut: (count: number) => `── 之前的 ${count} 条消息没有发送：超出了上下文窗口 ──`,
		version: (shown: number, count: number) => `版本 ${shown}/${count} · Alt+P/Alt+N`,
		below: (count: number) => `  ↓ 下面还有 ${count >= 9_999 ? '很多' : count} 行 · End 跟随`,
	},
);

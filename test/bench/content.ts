// Deterministic, realistic text for the benchmark: stored messages (mixed Markdown, English and Chinese,
// ~200-400 characters each), the streamed answers, and the text typed into the composer.
import type {Message} from '../../source/domain/types.js';
import {tokenize} from '../support/glm-server.js';
import {mulberry32} from '../support/random.js';

const ENGLISH = [
	'The scheduler keeps one queue per core and steals work when a queue runs dry.',
	'Use a read-write lock here: reads outnumber writes by two orders of magnitude.',
	'If the connection drops mid-stream, the partial answer is kept and marked as stopped.',
	'Profile first; the hot path is usually JSON parsing, not the network.',
	'A B-tree keeps its nodes half full, so inserts rarely touch more than one page.',
	'Set the timeout slightly above the p99 latency, then add jittered retries.',
	'The migration runs in batches of 1,000 rows to keep the replication lag low.',
	'Prefer composition here; the inheritance chain already has four levels.',
];

const CHINESE = [
	'这个函数在高并发下会出现竞态条件，需要加锁或者改用原子操作。',
	'建议先在测试环境复现问题，再逐步缩小范围。',
	'缓存失效的策略决定了系统在高峰期的表现。',
	'请注意：这里的时间戳使用的是协调世界时，而不是本地时间。',
	'数据库连接池的大小应该和线程数相匹配。',
	'日志里出现了大量超时，说明下游服务已经过载。',
	'我们可以把大文件分块上传，每块校验一次摘要。',
	'这个正则表达式在最坏情况下是指数级复杂度。',
];

const CODE = [
	['```ts', 'const total = items.reduce((sum, item) => sum + item.price * item.count, 0);', '```'],
	[
		'```python',
		'def retry(fn, attempts=3):',
		'    for i in range(attempts):',
		'        try: return fn()',
		'        except TimeoutError: sleep(2 ** i)',
		'```',
	],
	['```sh', 'grep -rn "timeout" /var/log/app | tail -20', '```'],
	['```go', 'ctx, cancel := context.WithTimeout(ctx, 5*time.Second)', 'defer cancel()', '```'],
];

const HEADINGS = ['## 小结 Summary', '### 原因 Cause', '### Fix 修复', '## Next steps 下一步'];

function pick<T>(random: () => number, list: readonly T[]): T {
	return list[Math.floor(random() * list.length)]!;
}

function sentence(random: () => number): string {
	const english = pick(random, ENGLISH);
	const chinese = pick(random, CHINESE);
	const word = english.split(' ')[Math.floor(random() * 6)]!.replace(/[^\w-]/g, '') || 'cache';
	switch (Math.floor(random() * 4)) {
		case 0:
			return `${chinese} ${english}`;
		case 1:
			return `${english.replace(word, `**${word}**`)} ${chinese}`;
		case 2:
			return `${chinese.slice(0, 8)} \`${word}\` ${english}`;
		default:
			return `${english} ${chinese.slice(0, 12)}。`;
	}
}

/** A user question: plain text, 200-300 characters. */
export function userText(random: () => number): string {
	let text = '';
	while (text.length < 200) text += (text ? ' ' : '') + sentence(random);
	return text.slice(0, 300);
}

/** An assistant answer: Markdown with a heading, a list, sometimes code, 300-400 characters. */
export function assistantText(random: () => number): string {
	const parts: string[] = [pick(random, HEADINGS), '', sentence(random), ''];
	const kind = random();
	if (kind < 0.4) parts.push(`- ${sentence(random).slice(0, 60)}`, `- ${sentence(random).slice(0, 60)}`, '');
	else if (kind < 0.75) parts.push(...pick(random, CODE), '');
	else parts.push(`> ${pick(random, CHINESE)}`, '');
	parts.push(sentence(random));
	let text = parts.join('\n');
	if (text.length > 400) text = text.slice(0, 400).replace(/\s+\S*$/, '');
	return text;
}

export function seedMessages(count: number, seed: number, model: string, lastMarker: string): Message[] {
	const random = mulberry32(seed);
	const start = Date.parse('2025-01-01T00:00:00Z');
	const messages: Message[] = [];
	for (let index = 0; index < count; index++) {
		const user = index % 2 === 0;
		let content = user ? userText(random) : assistantText(random);
		if (index === count - 1) content += `\n\n${lastMarker}`;
		messages.push({
			id: (seed * 1_000_000 + index).toString(16).padStart(16, '0'),
			role: user ? 'user' : 'assistant',
			content,
			state: 'complete',
			time: new Date(start + index * 30_000).toISOString(),
			...(user ? {} : {model}),
		});
	}
	return messages;
}

/**
 * A streamed answer of exactly `tokens` test-server tokens (see tokenize in glm-server.ts) whose last token
 * is `marker`, so its arrival on screen marks the complete answer.
 */
export function answerText(tokens: number, marker: string, seed = 7): string {
	// Some counts cannot be cut exactly from one text (joining merges neighbouring pieces back and forth):
	// another seed's text then gives them.
	for (let each = seed; each < seed + 20; each++) {
		const text = exactAnswer(tokens, marker, each);
		if (text !== undefined) return text;
	}
	throw new Error(`could not build an answer of ${tokens} tokens`);
}

function exactAnswer(tokens: number, marker: string, seed: number): string | undefined {
	const random = mulberry32(seed);
	const pieces: string[] = [];
	const want = tokens - 1;
	while (pieces.length < want + 50) {
		const block = random() < 0.3 ? assistantText(random) : sentence(random);
		pieces.push(...tokenize(`${block}\n\n`));
	}
	// The marker must be a token of its own, after white space; joining can merge neighbouring pieces, so
	// adjust the cut until the count is exact.
	let take = want;
	for (let attempt = 0; attempt < 20; attempt++) {
		const body = pieces.slice(0, take).join('');
		const text = `${body}${/\s$/.test(body) ? '' : ' '}${marker}`;
		const count = tokenize(text).length;
		if (count === tokens) return text;
		take += tokens - count;
	}
	return undefined;
}

/** Exactly `count` characters (code points) of what a person might type: English with some Chinese. */
export function typedText(count: number): string {
	const random = mulberry32(99);
	let text = '';
	while ([...text].length < count) text += (text ? ' ' : '') + sentence(random).replace(/[`*]/g, '');
	return [...text].slice(0, count).join('');
}

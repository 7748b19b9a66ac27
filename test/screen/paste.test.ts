// Pastes arrive exactly as pasted (issue 11.3): big Chinese text with tabs, split by the pty wherever it likes.
import {describe, expect, it} from 'vitest';
import {keys, readConversations, statusLine, until, useHarness} from '../support/screen-kit.js';

const h = useHarness();

const ready = (s: string) => /\bready\b/.test(statusLine(s.split('\n')));

/** ~660 KB of Chinese prose with tab-separated columns, CRLF line ends and a final marker. */
function chineseWithTabs(): {pasted: string; expected: string} {
	const rows: string[] = [];
	for (let index = 0, size = 0; size < 660_000; index++) {
		rows.push(`第${index}行\t服务器磁盘分区已满，需要清理日志文件。\t/var/log/应用-${index}.log\t容量：${index % 97}%`);
		size += rows.at(-1)!.length + 2;
	}
	const pasted = `${rows.join('\r\n')}\r\n结束。`;
	return {pasted, expected: pasted.replaceAll('\r\n', '\n')};
}

describe('pasting', () => {
	it('a 660 KB Chinese paste with tabs reaches the server exactly: no U+FFFD, tabs kept, CRLF as LF', async () => {
		const {server, app} = await h.chat();
		const {pasted, expected} = chineseWithTabs();
		app.write(`${keys.pasteStart}${pasted}${keys.pasteEnd}`);
		await app.waitFor((s) => /结束。$/m.test(s) && /^↑ /m.test(s), 60_000);
		// Tabs are drawn as spaces: no raw tab reaches the screen.
		expect(app.text()).not.toContain('\t');
		app.write(keys.enter);
		await until(() => server.requests.length === 1, 'the request', 60_000);
		const content = server.requests[0]!.body.messages.at(-1).content as string;
		expect(content.includes('\uFFFD')).toBe(false);
		expect(content.length).toBe(expected.length);
		expect(content === expected).toBe(true);
		await app.waitFor((s) => ready(s) && s.includes('You said'), 60_000);
	}, 180_000);
});

/** 5 MB of Chinese, English and emoji with tabs and no newline: one logical line, the worst case for measuring. */
const fiveMegabytes = (): string => '服务器磁盘分区已满 disk full 👩‍💻 清理日志\t'.repeat(Math.ceil(5_000_000 / 28)).slice(0, 5_000_000);

/** 5 MB of Chinese and English with tabs, an emoji now and then, a newline every ~1,000 characters. */
const fiveMegabyteDocument = (): string => {
	const paragraph = `${'服务器磁盘分区已满，需要清理日志文件。\tdisk full\t'.repeat(30)}👩‍💻 完毕\n`;
	return paragraph.repeat(Math.ceil(5_000_000 / paragraph.length)).slice(0, 5_000_000);
};

describe('pasting into one-line fields', () => {
	const ctrlN = '\u000E';
	const ctrlO = '\u000F';

	it('a 5 MB paste into the name field is cut to 1,000 characters with a notice, and keys are drawn at once after it', async () => {
		const {app, home} = await h.chat();
		app.write(ctrlN);
		await app.waitFor('New conversation');
		app.write(`${keys.pasteStart}${fiveMegabytes()}${keys.pasteEnd}`);
		await app.waitFor(/Cut at 1,000 characters/, 30_000);
		// Still responsive: the field is emptied and a name typed, each key drawn within the usual wait.
		app.write('\u0015');
		await app.waitFor((s) => /Name: \s*$/m.test(s) || /Name: chat/.test(s));
		await app.type('项目');
		await app.waitFor(/Name: 项目/);
		app.write(keys.enter);
		await app.waitFor((s) => ready(s) && statusLine(s.split('\n')).includes('项目'));
		expect(readConversations(home).map((each) => each.name)).toContain('项目');
	}, 60_000);

	it('a 5 MB paste into the picker filter and into the key field is cut with a notice; both stay responsive', async () => {
		const {app} = await h.chat();
		app.write(ctrlO);
		await app.waitFor(/Conversations \(\d+\)/);
		app.write(`${keys.pasteStart}${fiveMegabytes()}${keys.pasteEnd}`);
		await app.waitFor(/Cut at 1,000 characters/, 30_000);
		await app.waitFor('No conversation matches.');
		app.write('\u0015');
		await app.waitFor((s) => !s.includes('No conversation matches.'));
		app.write(keys.esc);
		await app.waitFor((s) => s.includes('› Message GLM') && !s.includes('Conversations ('));

		app.write('/key');
		app.write(keys.enter);
		await app.waitFor('Change the API key');
		app.write(`${keys.pasteStart}${fiveMegabytes()}${keys.pasteEnd}`);
		await app.waitFor(/API key: \*{20}/, 30_000);
		await app.waitFor(/Cut at 1,000 characters/);
		app.write(keys.esc);
		await app.waitFor((s) => s.includes('› Message GLM') && !s.includes('Change the API key'));
	}, 60_000);
});

describe('a 5 MB paste into the composer', () => {
	const lastComposerRow = (s: string) =>
		s
			.split('\n')
			.filter((line) => /^(↑ |↓ | {2}|› )/.test(line))
			.at(-1) ?? '';

	it('one 5 MB line: keys typed after it are drawn at once, Up moves through it', async () => {
		const {app} = await h.chat();
		app.write(`${keys.pasteStart}${fiveMegabytes()}${keys.pasteEnd}`);
		await app.waitFor((s) => /^↑ /m.test(s), 60_000);
		await app.type('ok!');
		await app.waitFor((s) => /ok!\s*$/.test(lastComposerRow(s)));
		// Up past the window's top: it scrolls, rows are now hidden below.
		app.write(keys.up.repeat(12));
		await app.waitFor((s) => /^↓ /m.test(s));
		await app.type('#');
		await app.waitFor((s) => s.includes('#'));
	}, 120_000);

	it('a 5 MB document arrives whole, and a key typed after it is drawn at once', async () => {
		const {server, app} = await h.chat();
		const big = fiveMegabyteDocument();
		app.write(`${keys.pasteStart}${big}${keys.pasteEnd}`);
		await app.waitFor((s) => /^↑ /m.test(s), 60_000);
		app.write('!');
		await app.waitFor((s) => /!\s*$/.test(lastComposerRow(s)));
		app.write(keys.enter);
		await until(() => server.requests.length === 1, 'the 5 MB request', 120_000);
		const content = server.requests[0]!.body.messages.at(-1).content as string;
		expect(content.length).toBe(big.length + 1);
		expect(content === `${big}!`).toBe(true);
	}, 240_000);
});

describe('what reaches the terminal', () => {
	it('a typed C1 control (U+009D) is dropped: the rest of the line stays visible and is sent without it', async () => {
		const {server, app} = await h.chat();
		app.write('ab\u009Dcd');
		await app.waitFor(/› abcd/);
		expect(app.output()).not.toContain('\u009D');
		app.write(keys.enter);
		await until(() => server.requests.length === 1, 'the request');
		expect(server.requests[0]!.body.messages.at(-1).content).toBe('abcd');
	});

	it('pasted control characters are drawn as visible symbols and sent as pasted', async () => {
		const {server, app} = await h.chat();
		app.write(`${keys.pasteStart}bell\u0007 form\u000C osc\u009D end${keys.pasteEnd}`);
		await app.waitFor(/› bell␇ form␌ osc␦ end/);
		app.write(keys.enter);
		await until(() => server.requests.length === 1, 'the request');
		expect(server.requests[0]!.body.messages.at(-1).content).toBe('bell\u0007 form\u000C osc\u009D end');
		await app.waitFor((s) => ready(s) && s.includes('You said'));
		expect(app.output()).not.toMatch(/[\u0007\u000C\u009D]/);
	});

	it('no zero-width joiner is written at the end of a cluster (terminals join the next character printed anywhere to it)', async () => {
		const {app} = await h.chat();
		app.write('ab\u200d');
		app.write(keys.ctrlJ);
		app.write('yz 👩\u200d');
		app.write(keys.ctrlJ);
		app.write(`${'a'.repeat(98)}\u200d${'b'.repeat(20)} 👨\u200d👩\u200d👧`);
		await app.waitFor((s) => /^ {2}b{20} 👨‍👩‍👧$/m.test(s));
		app.write(keys.enter);
		await app.waitFor((s) => ready(s) && s.includes('You said'));
		const loose = app.output().match(/\u200d(?!\p{Extended_Pictographic})/gu) ?? [];
		expect(loose).toHaveLength(0);
		expect(app.text()).toMatch(/^ {2}yz 👩$/m);
	});
});

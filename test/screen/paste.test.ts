// Pastes arrive exactly as pasted (issue 11.3): big Chinese text with tabs, split by the pty wherever it likes.
import {describe, expect, it} from 'vitest';
import {keys, statusLine, until, useHarness} from '../support/screen-kit.js';

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
		let t = Date.now();
		app.write(`${keys.pasteStart}${pasted}${keys.pasteEnd}`);
		await app.waitFor((s) => /结束。$/m.test(s) && /^↑ /m.test(s), 60_000);
		console.info('shown', Date.now() - t); t = Date.now();
		// Tabs are drawn as spaces: no raw tab reaches the screen.
		expect(app.text()).not.toContain('\t');
		app.write(keys.enter);
		await until(() => server.requests.length === 1, 'the request', 60_000);
		console.info('sent', Date.now() - t);
		const content = server.requests[0]!.body.messages.at(-1).content as string;
		expect(content.includes('\uFFFD')).toBe(false);
		expect(content.length).toBe(expected.length);
		expect(content === expected).toBe(true);
		await app.waitFor((s) => ready(s) && s.includes('You said'), 60_000);
	}, 180_000);
});

describe('drawing what was typed', () => {
	it('a zero-width joiner at the end of a line does not swallow the next row', async () => {
		const {app} = await h.chat();
		app.write('ab\u200d');
		app.write(keys.ctrlJ);
		app.write('yz');
		app.write(keys.ctrlJ);
		app.write('👩\u200d');
		app.write(keys.ctrlJ);
		app.write('end');
		await app.waitFor((s) => /^  end$/m.test(s));
		expect(app.text()).toMatch(/^  yz$/m);
		app.write(keys.ctrlC);
		// A row that fills the width and ends in a joiner, in the composer and then in the transcript.
		app.write(`${'a'.repeat(98)}\u200d${'b'.repeat(20)}`);
		await app.waitFor((s) => /^  b{20}$/m.test(s));
		console.info(app.text());
		app.write(keys.enter);
		await app.waitFor((s) => ready(s) && s.includes('You said'));
		console.info(app.text());
	});
});

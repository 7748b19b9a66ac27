// Links open whole from the screen (OSC 8) where the terminal can take them; /copy code and /copy N put
// exactly the code or message on the clipboard (OSC 52), whatever the screen had to break.
import {describe, expect, it} from 'vitest';
import {keys, statusLine, useHarness} from '../support/screen-kit.js';

const h = useHarness();

const ready = (s: string) => /\bready\b/.test(statusLine(s.split('\n')));
const url = 'https://example.com/a/very/long/path/that/will/not/fit/on/one/line/of/forty/columns?q=1';
const code = 'func main() {\n\tfmt.Println("a long line of code that the screen breaks in two, 很长的一行代码")\n}';
const answer = `See [the guide](${url}).\n\n\`\`\`go\n${code}\n\`\`\`\n\nAnd:\n\n\`\`\`sh\nmake all\n\`\`\`\n\nA [bad one](javascript:alert(1)).`;

function copied(output: string): string[] {
	return [...output.matchAll(/\u001B\]52;c;([A-Za-z0-9+/=]*)\u0007/g)].map((match) => Buffer.from(match[1]!, 'base64').toString('utf8'));
}

describe('links and copy', () => {
	it('draws links as OSC 8 hyperlinks to the whole URL, never for other schemes; none on the linux console', async () => {
		for (const TERM of ['xterm-256color', 'linux']) {
			const {server, app} = await h.chat({columns: 40, rows: 40, env: {TERM}});
			server.enqueue({reply: answer});
			app.clearOutput();
			await app.type('links');
			app.write(keys.enter);
			await app.waitFor((s) => ready(s) && s.includes('make all'));
			await app.settle(200);
			const targets = [...app.output().matchAll(/\u001B\]8;[^;]*;([^\u0007\u001B]*)(?:\u0007|\u001B\\)/g)]
				.map((match) => match[1])
				.filter(Boolean);
			if (TERM === 'linux') expect(targets).toEqual([]);
			else {
				expect(targets.length).toBeGreaterThan(2);
				expect(new Set(targets)).toEqual(new Set([url]));
			}
			// The text reads the same either way.
			expect(app.text()).toContain('the guide');
			expect(app.text()).toContain('bad one');
			app.kill();
		}
	});

	it('/copy code, /copy code 1, /copy N copy exactly the code and the message; bad numbers are said', async () => {
		const {server, app} = await h.chat({columns: 40, rows: 20});
		server.enqueue({reply: answer});
		await app.type('code please');
		app.write(keys.enter);
		// The header shows the number /copy N takes.
		await app.waitFor(/▌You .*#1/);
		await app.waitFor((s) => ready(s) && s.includes('make all'));

		const copy = async (command: string, notice: RegExp) => {
			app.clearOutput();
			await app.type(command);
			app.write(keys.enter);
			await app.waitFor(notice);
			return copied(app.output());
		};
		expect(await copy('/copy code', /Copied code block 2 of 2/)).toEqual(['make all']);
		expect(await copy('/copy code 1', /Copied code block 1 of 2/)).toEqual([code]);
		expect(await copy('/copy 1', /Copied message 1/)).toEqual(['code please']);
		expect(await copy('/copy 2', /Copied message 2/)).toEqual([answer]);
		expect(await copy('/copy 9', /no message 9/)).toEqual([]);
		expect(await copy('/copy code 3', /no code block 3/)).toEqual([]);
	});
});

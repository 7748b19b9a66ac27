// The filter in front of ink 6.8 itself: what a component's useInput receives.
import {EventEmitter} from 'node:events';
import {PassThrough} from 'node:stream';
import {Text, render, useInput} from 'ink';
import React from 'react';
import {afterEach, describe, expect, it} from 'vitest';
import {StdinFilter} from '../../source/terminal/stdin-filter.js';

class FakeStdout extends EventEmitter {
	readonly isTTY = true;
	columns = 80;
	rows = 24;
	write(): boolean {
		return true;
	}
}

type Received = {input: string; return: boolean; escape: boolean; upArrow: boolean};

function Probe({onInput}: {onInput: (received: Received) => void}): React.JSX.Element {
	useInput((input, key) => {
		onInput({input, return: key.return, escape: key.escape, upArrow: key.upArrow});
	});
	return <Text>probe</Text>;
}

const tick = async (ms = 0): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

let cleanup: (() => void) | undefined;
afterEach(() => {
	cleanup?.();
	cleanup = undefined;
});

async function mount() {
	const source = Object.assign(new PassThrough(), {isTTY: true, setRawMode() {}, ref() {}, unref() {}});
	const filter = new StdinFilter(source, {escapeTimeoutMs: 20});
	const received: Array<Received | {paste: string}> = [];
	filter.on('paste', (text: string) => received.push({paste: text}));
	const instance = render(<Probe onInput={(item) => received.push(item)} />, {
		stdin: filter as unknown as NodeJS.ReadStream,
		stdout: new FakeStdout() as unknown as NodeJS.WriteStream,
		patchConsole: false,
		exitOnCtrlC: false,
	});
	cleanup = () => {
		instance.unmount();
		instance.cleanup();
	};
	await tick(10);
	return {source, received};
}

describe('StdinFilter with ink', () => {
	it('turns a single read of "hello\\r" into the text and then Enter', async () => {
		const {source, received} = await mount();
		source.write('hello\r');
		await tick(10);
		expect(received).toEqual([{input: 'hello', return: false, escape: false, upArrow: false}, expect.objectContaining({return: true})]);
	});

	it('reassembles an arrow key split across reads slower than a tick', async () => {
		const {source, received} = await mount();
		source.write('\u001B[');
		await tick(8);
		source.write('A');
		await tick(10);
		expect(received).toEqual([expect.objectContaining({upArrow: true, input: ''})]);
	});

	it('still delivers a lone Escape', async () => {
		const {source, received} = await mount();
		source.write('\u001B');
		await tick(60);
		expect(received).toEqual([expect.objectContaining({escape: true})]);
	});

	it('delivers a paste between the keys around it, in order', async () => {
		const {source, received} = await mount();
		source.write('a\u001B[200~pasted\r\ntext\u001B[201~\r');
		await tick(10);
		expect(received).toEqual([expect.objectContaining({input: 'a'}), {paste: 'pasted\ntext'}, expect.objectContaining({return: true})]);
	});
});

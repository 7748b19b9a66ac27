import {type Key, Text, useInput, useStdin} from 'ink';
import {render} from 'ink-testing-library';
import {createElement, useEffect} from 'react';
import {afterAll, beforeAll, describe, expect, it} from 'vitest';
import {
	applyComposerCommand,
	type ComposerCommand,
	composerCommand,
	type GlobalAction,
	globalAction,
} from '../../source/ui/key-bindings.js';
import {createBuffer} from '../../source/ui/text-buffer.js';

type Received = {input: string; key: Key; sequence: string};

// What a component sees: the raw bytes go through ink's own input parser and useInput, exactly as in the
// app. The raw sequence comes from the same event emitter useInput listens to; it is registered first,
// so both lists line up event by event.
const sequences: string[] = [];
const inputs: Array<{input: string; key: Key}> = [];

function Probe() {
	const {internal_eventEmitter: emitter} = useStdin();
	useEffect(() => {
		const onInput = (sequence: string) => {
			sequences.push(sequence);
		};

		emitter.on('input', onInput);
		return () => {
			emitter.off('input', onInput);
		};
	}, [emitter]);
	useInput((input, key) => {
		inputs.push({input, key});
	});
	return createElement(Text, null, 'probe');
}

let app: ReturnType<typeof render>;

const tick = async (ms = 0) =>
	new Promise<void>((resolve) => {
		setTimeout(resolve, ms);
	});

beforeAll(async () => {
	app = render(createElement(Probe));
	await tick(10);
});

afterAll(() => {
	app.unmount();
});

async function press(raw: string): Promise<Received[]> {
	sequences.length = 0;
	inputs.length = 0;
	app.stdin.write(raw);
	// A lone ESC is held back by ink until the next turn of the event loop.
	await tick(5);
	expect(inputs).toHaveLength(sequences.length);
	return inputs.map((event, i) => ({...event, sequence: sequences[i]!}));
}

async function pressOne(raw: string): Promise<Received> {
	const events = await press(raw);
	expect(events, JSON.stringify(raw)).toHaveLength(1);
	return events[0]!;
}

function flags(key: Key): string[] {
	return Object.entries(key)
		.filter(([, value]) => value === true)
		.map(([name]) => name)
		.sort();
}

describe('what ink 6.8 delivers', () => {
	it.each([
		['\x7f', '', ['delete']],
		['\x1b[3~', '', ['delete']],
		['\b', '', ['backspace']],
		['\r', '\r', ['return']],
		['\x1b\r', '\r', ['meta', 'return']],
		['\n', '\n', []],
		['\x1bb', 'b', ['meta']],
		['\x1bf', 'f', ['meta']],
		['\x01', 'a', ['ctrl']],
		['\x17', 'w', ['ctrl']],
		['\x1b[H', '', ['home']],
		['\x1b[1~', '', ['home']],
		['\x1bOH', '', ['home']],
		['\x1b[4~', '', ['end']],
		['\x1b[1;2A', '', ['shift', 'upArrow']],
		['\x1b[1;3D', '', ['leftArrow', 'meta']],
		['\x1b\x1b[D', '', ['leftArrow', 'meta']],
		['\x1b[5;5~', '', ['ctrl', 'pageUp']],
		['\x1bOP', '', []],
		['\x1b1', '1', ['meta']],
		['\x1b', '', ['escape', 'meta']],
		['\x1b\x1b', '\x1b', ['escape', 'meta']],
		['A', 'A', ['shift']],
		['abc\r', 'abc\r', []],
	])('%j arrives as input %j with %j', async (raw, input, keyFlags) => {
		const got = await pressOne(raw);
		expect(got.input).toBe(input);
		expect(flags(got.key)).toEqual(keyFlags);
		expect(got.sequence).toBe(raw);
	});
});

describe('composer commands', () => {
	const cases: Array<[string, ComposerCommand | undefined]> = [
		['x', {type: 'insert', text: 'x'}],
		['中文', {type: 'insert', text: '中文'}],
		['👨‍👩‍👧', {type: 'insert', text: '👨‍👩‍👧'}],
		['A', {type: 'insert', text: 'A'}],
		[' ', {type: 'insert', text: ' '}],
		['pasted\nlines', {type: 'insert', text: 'pasted\nlines'}],
		['\r', {type: 'submit'}],
		['\n', {type: 'newline'}],
		['\x1b\r', {type: 'newline'}],
		['\x7f', {type: 'backspace'}],
		['\b', {type: 'backspace'}],
		['\x1b[3~', {type: 'delete'}],
		['\x1b[3;5~', {type: 'delete'}],
		['\x1b\x7f', {type: 'deleteWordBackward'}],
		['\x1b[D', {type: 'left'}],
		['\x1b[C', {type: 'right'}],
		['\x1bOD', {type: 'left'}],
		['\x1b[1;5D', {type: 'wordLeft'}],
		['\x1b[1;5C', {type: 'wordRight'}],
		['\x1bb', {type: 'wordLeft'}],
		['\x1bf', {type: 'wordRight'}],
		['\x1b[A', {type: 'up'}],
		['\x1b[B', {type: 'down'}],
		['\x1b[H', {type: 'home'}],
		['\x1b[1~', {type: 'home'}],
		['\x1bOH', {type: 'home'}],
		['\x1b[7~', {type: 'home'}],
		['\x1b[F', {type: 'end'}],
		['\x1b[4~', {type: 'end'}],
		['\x1bOF', {type: 'end'}],
		['\x1b[8~', {type: 'end'}],
		['\x01', {type: 'home'}],
		['\x05', {type: 'end'}],
		['\x15', {type: 'killToLineStart'}],
		['\x0b', {type: 'killToLineEnd'}],
		['\x17', {type: 'deleteWordBackward'}],
		['\x04', {type: 'delete'}],
		// Not the composer's: no letter typed for chords, nothing for function keys.
		['\x1b[1;2A', undefined],
		['\x1b[1;3D', undefined],
		['\x1b\x1b[C', undefined],
		['\x1b[5~', undefined],
		['\x1b[5;5~', undefined],
		['\x1bOP', undefined],
		['\x1b1', undefined],
		['\x1bx', undefined],
		['\x0e', undefined],
		['\x0f', undefined],
		['\x12', undefined],
		['\x07', undefined],
		['\x03', undefined],
		['\x1b', undefined],
		['\x1b\x1b', undefined],
		['\t', undefined],
		['\x1b[Z', undefined],
		['\x1b[2~', undefined],
	];

	it.each(cases)('%j -> %j', async (raw, expected) => {
		const {input, key, sequence} = await pressOne(raw);
		expect(composerCommand(input, key, sequence)).toEqual(expected);
	});

	it('tells Backspace from Delete only with the raw sequence', async () => {
		const backspaceKey = await pressOne('\x7f');
		const deleteKey = await pressOne('\x1b[3~');
		expect(composerCommand(backspaceKey.input, backspaceKey.key)).toEqual({type: 'backspace'});
		// Without the sequence, both look the same; the safe reading is Backspace.
		expect(composerCommand(deleteKey.input, deleteKey.key)).toEqual({type: 'backspace'});
		expect(composerCommand(deleteKey.input, deleteKey.key, deleteKey.sequence)).toEqual({type: 'delete'});
	});

	it('drops control characters that arrive inside typed text', async () => {
		const {input, key, sequence} = await pressOne('ab\x7fc\x01');
		expect(composerCommand(input, key, sequence)).toEqual({type: 'insert', text: 'abc'});
	});

	it('drops a typed C1 control (U+009D would start an OSC string in the terminal), keeps typed tabs', async () => {
		const typed = await pressOne('ab\u009Dcd\u0085e\tf');
		expect(composerCommand(typed.input, typed.key, typed.sequence)).toEqual({type: 'insert', text: 'abcde\tf'});
	});

	it('applies commands to the buffer, leaving submit and edge moves to the caller', () => {
		const b = createBuffer('one\ntwo');
		expect(applyComposerCommand(b, {type: 'insert', text: '!'}, 20)).toEqual({text: 'one\ntwo!', cursor: 8});
		expect(applyComposerCommand(b, {type: 'submit'}, 20)).toBeUndefined();
		expect(applyComposerCommand(b, {type: 'down'}, 20)).toBeUndefined();
		expect(applyComposerCommand(b, {type: 'up'}, 20)).toMatchObject({cursor: 3});
		expect(applyComposerCommand(b, {type: 'killToLineStart'}, 20)).toEqual({text: 'one\n', cursor: 4});
	});
});

describe('global actions', () => {
	const cases: Array<[string, GlobalAction | undefined]> = [
		['\x1b[5~', {type: 'scrollPageUp'}],
		['\x1b[6~', {type: 'scrollPageDown'}],
		['\x1b[[5~', {type: 'scrollPageUp'}],
		['\x1b[1;2A', {type: 'scrollLineUp'}],
		['\x1b[1;2B', {type: 'scrollLineDown'}],
		['\x1b[a', {type: 'scrollLineUp'}],
		['\x1b[b', {type: 'scrollLineDown'}],
		['\x1b[H', {type: 'home'}],
		['\x1b[1~', {type: 'home'}],
		['\x1bOH', {type: 'home'}],
		['\x1b[F', {type: 'end'}],
		['\x1b[4~', {type: 'end'}],
		['\x1bOF', {type: 'end'}],
		['\x0e', {type: 'newConversation'}],
		['\x0f', {type: 'picker'}],
		['\x1b[1;3D', {type: 'prevConversation'}],
		['\x1b[1;3C', {type: 'nextConversation'}],
		['\x1b\x1b[D', {type: 'prevConversation'}],
		['\x1b\x1b[C', {type: 'nextConversation'}],
		['\x1b[5;5~', {type: 'prevConversation'}],
		['\x1b[6;5~', {type: 'nextConversation'}],
		['\x1b[5^', {type: 'prevConversation'}],
		['\x1b[6^', {type: 'nextConversation'}],
		['\x1b1', {type: 'jump', index: 0}],
		['\x1b9', {type: 'jump', index: 8}],
		['\x12', {type: 'regenerate'}],
		['\x19', {type: 'copy'}],
		['\x0c', {type: 'repaint'}],
		['\x1bOP', {type: 'help'}],
		['\x1b[11~', {type: 'help'}],
		['\x1b[[A', {type: 'help'}],
		['\x07', {type: 'help'}],
		['\x1b', {type: 'stop'}],
		['\x1b\x1b', {type: 'stop'}],
		['\x03', {type: 'interrupt'}],
		['\x04', {type: 'eof'}],
		// The composer's keys.
		['x', undefined],
		['1', undefined],
		['\x1b0', undefined],
		['\r', undefined],
		['\n', undefined],
		['\x1b[A', undefined],
		['\x1b[D', undefined],
		['\x01', undefined],
		['\x1bb', undefined],
		['\x7f', undefined],
		['\x1bOQ', undefined],
	];

	it.each(cases)('%j -> %j', async (raw, expected) => {
		const {input, key, sequence} = await pressOne(raw);
		expect(globalAction(input, key, sequence)).toEqual(expected);
	});

	it('needs the raw sequence for F1 only', async () => {
		const f1 = await pressOne('\x1bOP');
		expect(globalAction(f1.input, f1.key)).toBeUndefined();
		const ctrlG = await pressOne('\x07');
		expect(globalAction(ctrlG.input, ctrlG.key)).toEqual({type: 'help'});
	});
});

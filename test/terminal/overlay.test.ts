import {afterEach, describe, expect, it} from 'vitest';
import xterm from '@xterm/headless';
import {Unicode11Addon} from '@xterm/addon-unicode11';
import logUpdate from '../../source/terminal/log-update.js';
import {FrameOverlay, transcriptOverlay} from '../../source/terminal/overlay.js';

const COLUMNS = 30;
const ROWS = 8;

function terminal() {
	const term = new xterm.Terminal({cols: COLUMNS, rows: ROWS, allowProposedApi: true});
	term.loadAddon(new Unicode11Addon());
	term.unicode.activeVersion = '11';
	return term;
}

const write = (term: xterm.Terminal, data: string) => new Promise<void>((resolve) => term.write(data, resolve));
const screen = (term: xterm.Terminal) => Array.from({length: ROWS}, (_, row) => term.buffer.active.getLine(row)!.translateToString(true));

function writer() {
	const sink = {written: '', isTTY: true, write: (data: string) => ((sink.written += data), true)};
	const log = logUpdate.create(sink as unknown as NodeJS.WritableStream);
	return {sink, log};
}

// ink's frame with the transcript's box left empty: four blank rows, a separator, the composer, the status.
const inkFrame = (status: string) => ['', '', '', '', '─'.repeat(COLUMNS), '› draft', status].join('\n');

afterEach(() => transcriptOverlay.hide());

describe('frame overlay', () => {
	it('puts its rows at its top row and clips a row wider than the screen instead of letting it wrap', () => {
		const overlay = new FrameOverlay();
		overlay.set(1, ['one', '中'.repeat(20)], 10);
		expect(overlay.apply(['a', 'b', 'c', 'd'])).toEqual(['a', 'one', '中'.repeat(5), 'd']);
		overlay.set(3, ['x', 'y', 'z'], 10);
		expect(overlay.apply(['a', 'b', 'c', 'd'])).toEqual(['a', 'b', 'c', 'x']);
	});

	it("streamed rows are drawn on ink's last frame, sending only what changed and putting the cursor back", async () => {
		const term = terminal();
		const {sink, log} = writer();
		transcriptOverlay.set(0, ['▌GLM', '  Hello'], COLUMNS);
		log.setCursorPosition({x: 7, y: 5});
		log(inkFrame('1:chat ● streaming'));
		await write(term, sink.written);
		expect(screen(term).slice(0, 7)).toEqual(['▌GLM', '  Hello', '', '', '─'.repeat(COLUMNS), '› draft', '1:chat ● streaming']);

		sink.written = '';
		transcriptOverlay.update(0, ['▌GLM', '  Hello, 世界', '  and more'], COLUMNS);
		// Two changed rows, not the frame: a few bytes for the new text plus cursor moves.
		expect(sink.written.length).toBeLessThan(60);
		expect(sink.written).not.toContain('draft');
		await write(term, sink.written);
		expect(screen(term).slice(0, 7)).toEqual([
			'▌GLM',
			'  Hello, 世界',
			'  and more',
			'',
			'─'.repeat(COLUMNS),
			'› draft',
			'1:chat ● streaming',
		]);
		expect({x: term.buffer.active.cursorX, y: term.buffer.active.cursorY}).toEqual({x: 7, y: 5});

		sink.written = '';
		transcriptOverlay.update(0, ['▌GLM', '  Hello, 世界', '  and more'], COLUMNS);
		expect(sink.written).toBe('');
	});

	it('an ink frame drawn while rows are set keeps them; once hidden, the next frame clears them', async () => {
		const term = terminal();
		const {sink, log} = writer();
		transcriptOverlay.set(0, ['row a', 'row b'], COLUMNS);
		log(inkFrame('ready'));
		transcriptOverlay.update(0, ['row a', 'row b', 'row c'], COLUMNS);
		// The status changes: ink draws again, and the overlay's latest rows are still there.
		log(inkFrame('1:chat ready'));
		await write(term, sink.written);
		expect(screen(term).slice(0, 3)).toEqual(['row a', 'row b', 'row c']);
		expect(screen(term)[6]).toBe('1:chat ready');

		transcriptOverlay.hide();
		log('Conversations (1)\n› 1 chat');
		await write(term, sink.written);
		expect(screen(term).slice(0, 3)).toEqual(['Conversations (1)', '› 1 chat', '']);
	});

	it('after ink wrote a frame itself (sync), the rows are drawn over it', async () => {
		const term = terminal();
		const {sink, log} = writer();
		transcriptOverlay.set(0, ['kept text'], COLUMNS);
		const frame = inkFrame('ready');
		// What ink does when a frame is as tall as the screen: clear, write the frame itself, then sync().
		sink.written = '\u001B[H\u001B[2J' + frame.split('\n').join('\r\n');
		log.sync(frame);
		await write(term, sink.written);
		expect(screen(term)[0]).toBe('kept text');
		expect(screen(term)[6]).toBe('ready');
	});

	it('nothing is drawn for rows set before the first frame: the first frame carries them', () => {
		const {sink} = writer();
		transcriptOverlay.update(0, ['early'], COLUMNS);
		expect(sink.written).toBe('');
	});
});

describe('frame overlay after a clear', () => {
	const tick = () => new Promise((resolve) => setImmediate(resolve));

	it('a frame ink wrote itself after a clear (a shrinking resize) gets the rows drawn over it', async () => {
		const term = terminal();
		const {sink, log} = writer();
		transcriptOverlay.set(0, ['▌GLM', '  kept answer'], COLUMNS);
		log(inkFrame('ready'));
		log.clear();
		const frame = inkFrame('1:chat ready');
		// ink's own path: clear the terminal, write the frame without any overlay, then sync().
		sink.written += '\u001B[2J\u001B[3J\u001B[H' + frame.split('\n').join('\r\n');
		log.sync(frame);
		await tick();
		await write(term, sink.written);
		expect(screen(term).slice(0, 2)).toEqual(['▌GLM', '  kept answer']);
		expect(screen(term)[6]).toBe('1:chat ready');
	});

	it('a clear followed by sync() of the last frame (Ctrl+L) draws the whole frame again', async () => {
		const term = terminal();
		const {sink, log} = writer();
		transcriptOverlay.set(0, ['row a'], COLUMNS);
		log(inkFrame('ready'));
		log.clear();
		log.sync(inkFrame('ready'));
		await tick();
		await write(term, sink.written);
		expect(screen(term)[0]).toBe('row a');
		expect(screen(term)[5]).toBe('› draft');
		expect(screen(term)[6]).toBe('ready');
	});
});

// The chat screen's key actions as a table: each has a handler, and the ones that depend on the composer or on a
// running answer do what the help says (Ctrl+C stops, then clears, then quits; Esc leaves an edit; Ctrl+D quits
// only with an empty input; Home/End go to the composer when it has text).
import {describe, expect, it} from 'vitest';
import {CHAT_ACTIONS, runChatAction, type ChatActionContext} from '../../source/ui/chat-actions.js';

function context(text: string, streaming = false) {
	const log: string[] = [];
	let composerText = text;
	let stoppable = streaming;
	const c: ChatActionContext = {
		controller: {
			stop: () => {
				const stopped = stoppable;
				stoppable = false;
				if (stopped) log.push('stop');
				return stopped;
			},
			say: (said: string) => log.push(`say ${said}`),
			clearNotice: () => log.push('clear notice'),
			conversations: [],
		} as unknown as ChatActionContext['controller'],
		activeId: 'a',
		position: {follow: true},
		setPosition: (position) => log.push(`position ${JSON.stringify(position)}`),
		scrollBy: (rows) => log.push(`scroll ${rows}`),
		page: 10,
		setMode: (mode) => log.push(`mode ${mode.type}`),
		findFrom: () => log.push('find'),
		repaint: () => log.push('repaint'),
		switchTo: (action) => action(),
		copyLastAnswer: () => log.push('copy'),
		composer: {isEmpty: () => composerText === '', clear: () => ((composerText = ''), log.push('clear'))},
		editing: {current: undefined},
		waitingFiles: {current: []},
		exit: () => log.push('exit'),
	};
	return {c, log};
}

describe('chat key actions', () => {
	it('has a handler for every action', () => {
		expect(Object.keys(CHAT_ACTIONS).sort()).toContain('prevVersion');
		for (const handler of Object.values(CHAT_ACTIONS)) expect(typeof handler).toBe('function');
	});

	it('Ctrl+C stops an answer, then clears the input, then quits', () => {
		const {c, log} = context('draft', true);
		for (let press = 0; press < 3; press++) runChatAction({type: 'interrupt'}, c);
		expect(log).toEqual(['stop', 'clear', 'exit']);
	});

	it('Ctrl+D, Home and End leave text in the input alone; with none they quit, go to the top, follow', () => {
		const typed = context('text');
		expect(['eof', 'home', 'end'].map((type) => runChatAction({type} as never, typed.c))).toEqual([false, false, false]);
		expect(typed.log).toEqual([]);
		const empty = context('');
		for (const type of ['home', 'end', 'eof']) runChatAction({type} as never, empty.c);
		expect(empty.log).toEqual(['position {"follow":false,"index":0,"line":0}', 'position {"follow":true}', 'exit']);
	});

	it('Esc leaves an edit, clearing the input and the files it brought back', () => {
		const {c, log} = context('edited question');
		c.editing.current = {conversation: 'a', id: 'm1'};
		c.waitingFiles.current = [{name: 'a.log', text: 'x', bytes: 1, lines: 1}];
		runChatAction({type: 'stop'}, c);
		expect(c.editing.current).toBeUndefined();
		expect(c.waitingFiles.current).toEqual([]);
		expect(log).toEqual(['clear', 'say Edit cancelled; nothing was changed.']);
	});

	it('PgUp / PgDn scroll a page, Shift+Up / Shift+Down a row', () => {
		const {c, log} = context('');
		for (const type of ['scrollPageUp', 'scrollPageDown', 'scrollLineUp', 'scrollLineDown']) runChatAction({type} as never, c);
		expect(log).toEqual(['scroll -10', 'scroll 10', 'scroll -1', 'scroll 1']);
	});
});

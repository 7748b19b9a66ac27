import {describe, expect, it} from 'vitest';
import {SLASH_COMMANDS} from '../../source/chat/slash-commands.js';
import {SLASH_HANDLERS, runSlash, type SlashContext} from '../../source/ui/slash-handlers.js';
import type {Mode} from '../../source/ui/modes/mode.js';

// A stand-in for the few controller members the handlers under test read; what they say is recorded.
function context(said: Array<[string, string | undefined]>, modes: Mode[]): Omit<SlashContext, 'fail'> {
	const active = {id: 'a', name: 'chat 1', model: 'glm-4.6', messages: []};
	const controller = {
		conversations: [active],
		say: (text: string, tone?: string) => said.push([text, tone]),
	};
	return {
		controller: controller as unknown as SlashContext['controller'],
		active: active as unknown as SlashContext['active'],
		position: {follow: true},
		setMode: (mode) => modes.push(mode),
		switchTo: (action) => action(),
		createNamed: () => undefined,
		findAt: () => {},
		writeRaw: () => {},
		exit: () => {},
		waitingFiles: {current: []},
		editing: {current: undefined},
		insert: () => {},
	};
}

describe('slash-command handlers', () => {
	it('has a handler for every command', () => {
		for (const name of SLASH_COMMANDS) expect(typeof SLASH_HANDLERS[name]).toBe('function');
	});

	it('a failed command says why in error tone and reports failure, so its text goes back to the composer', () => {
		const said: Array<[string, string | undefined]> = [];
		expect(runSlash('open', 'nothing-like-this', context(said, []))).toBe(false);
		expect(said).toEqual([['No conversation matches "nothing-like-this".', 'error']]);
	});

	it('a command that opens a screen changes the mode and succeeds', () => {
		const said: Array<[string, string | undefined]> = [];
		const modes: Mode[] = [];
		expect(runSlash('help', '', context(said, modes))).toBe(true);
		expect(modes).toEqual([{type: 'help', offset: 0}]);
		expect(runSlash('model', '', context(said, modes))).toBe(true);
		expect(said).toEqual([['Model: glm-4.6. Usage: /model glm-4.6', undefined]]);
	});
});

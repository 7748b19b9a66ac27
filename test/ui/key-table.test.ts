// Each row of the key table is read back through key-bindings.ts: the help lists keys that really do what it says.
import type {Key} from 'ink';
import {describe, expect, it} from 'vitest';
import {noKey} from '../support/ink-key.js';
import {composerCommand, globalAction} from '../../source/ui/key-bindings.js';
import {KEY_BINDINGS, rowKeys} from '../../source/ui/key-table.js';

const none = noKey;

const named: Record<string, Partial<Key>> = {
	Enter: {return: true},
	Esc: {escape: true, meta: true},
	PgUp: {pageUp: true},
	PgDn: {pageDown: true},
	Up: {upArrow: true},
	Down: {downArrow: true},
	Left: {leftArrow: true},
	Right: {rightArrow: true},
	Home: {home: true},
	End: {end: true},
};

/** "Ctrl+PgUp" as ink's useInput delivers it: input, key flags, and the raw sequence where only that tells. */
function press(name: string): {input: string; key: Key; sequence?: string} {
	if (name === 'F1') return {input: '', key: none, sequence: '\x1bOP'};
	const parts = name.split('+');
	const base = parts.pop()!;
	const key: Key = {...none, ...named[base]};
	for (const modifier of parts) {
		if (modifier === 'Ctrl') key.ctrl = true;
		else if (modifier === 'Alt') key.meta = true;
		else if (modifier === 'Shift') key.shift = true;
		else throw new Error(`unknown modifier in ${name}`);
	}
	const input = named[base] ? (base === 'Enter' ? '\r' : '') : base.toLowerCase();
	// Ctrl+J arrives as a bare line feed.
	if (name === 'Ctrl+J') return {input: '\n', key: none};
	return {input, key};
}

describe('key table', () => {
	for (const row of KEY_BINDINGS) {
		if (row.context === 'mouse' || row.context === 'terminal' || row.actions.includes('toggleReasoning')) continue;
		it(`${row.keys} does ${row.actions.join(', ')}`, () => {
			const keys = rowKeys(row);
			expect(keys).toHaveLength(row.actions.length);
			keys.forEach((name, index) => {
				const {input, key, sequence} = press(name);
				const read = row.context === 'input' ? composerCommand(input, key, sequence)?.type : globalAction(input, key, sequence)?.type;
				expect(read, name).toBe(row.actions[index]);
			});
		});
	}
});

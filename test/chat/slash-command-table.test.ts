// The command table is what parsing reads: every usage and alias it shows is a command, and only those.
import {describe, expect, it} from 'vitest';
import {SLASH_COMMAND_TABLE} from '../../source/chat/slash-command-table.js';
import {parseSlash, readSubmission, SLASH_COMMANDS, slashCommandRows} from '../../source/chat/slash-commands.js';

describe('slash command table', () => {
	it('has a row for every command, in help order', () => {
		expect(
			slashCommandRows()
				.map(([name]) => name)
				.sort(),
		).toEqual([...SLASH_COMMANDS].sort());
	});

	for (const [name, row] of slashCommandRows()) {
		it(`/${name}: its usages and aliases parse to it`, () => {
			for (const {usage} of row.usages) expect(parseSlash(usage.split(' ')[0]!)).toMatchObject({type: 'command', name});
			for (const alias of row.aliases) expect(parseSlash(`/${alias}`)).toMatchObject({type: 'command', name});
			if (row.argument === 'none') expect(readSubmission(`/${name} 是什么意思`)).toMatchObject({type: 'hold', reason: 'argument'});
		});
	}

	it('a row without its command yet (lang, web) is neither parsed nor listed', () => {
		for (const name of Object.keys(SLASH_COMMAND_TABLE).filter((n) => !(SLASH_COMMANDS as readonly string[]).includes(n))) {
			expect(parseSlash(`/${name}`)).toEqual({type: 'unknown', name});
		}
	});
});

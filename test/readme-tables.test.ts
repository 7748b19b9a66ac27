// The readmes' key and command tables are the help screen's tables: regenerate them when a row changes.
import {readFileSync} from 'node:fs';
import {describe, expect, it} from 'vitest';
import {READMES, withTables} from '../scripts/readme-tables.js';

describe('readme tables', () => {
	for (const language of ['en', 'zh'] as const) {
		it(`${READMES[language]} holds the generated key and command tables (else: node --import tsx scripts/readme-tables.ts)`, () => {
			const readme = readFileSync(new URL(`../${READMES[language]}`, import.meta.url), 'utf8');
			expect(readme).toBe(withTables(readme, language));
		});
	}

	it('notices a changed row', () => {
		const readme = readFileSync(new URL('../readme.md', import.meta.url), 'utf8');
		const drifted = readme.replace('| Ctrl+L | repaint the screen |', '| Ctrl+L | redraw |');
		expect(drifted).not.toBe(readme);
		expect(withTables(drifted, 'en')).not.toBe(drifted);
	});
});

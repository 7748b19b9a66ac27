// The status line at every width: what it drops first, and what it never drops.
import {describe, expect, it} from 'vitest';
import {layoutStatus, shorten, type StatusInput} from '../../source/ui/status-layout.js';
import {cellWidth} from '../../source/text/unicode.js';
import {mulberry32} from '../support/random.js';

/** The line as drawn: name block, model, state, one space at least, right part. */
function drawn(input: StatusInput): string {
	const layout = layoutStatus(input);
	const left =
		(layout.name === '' ? ` ${input.position} ` : ` ${input.position}:${layout.name} `) +
		(layout.model ? ` ${layout.model} ` : '') +
		layout.state;
	return layout.right ? `${left} ${layout.right}` : left;
}

const names = [
	'chat 1',
	'项目计划讨论',
	'a very long conversation name about deployments',
	'🙂 emoji 名字 mixed',
	'x',
	'部署脚本的问题和数据库迁移方案讨论记录',
];
const states = ['ready', '● streaming', '● waiting', 'retry 2 in 13s', 'no key: /key'];

describe('layoutStatus', () => {
	it('at 40 columns keeps the whole state word and the number, dropping the token count first', () => {
		const input: StatusInput = {width: 40, position: 3, name: 'chat 3', model: 'glm-4.6', state: '● streaming', tokens: 12_345, others: []};
		const layout = layoutStatus(input);
		expect(layout.state).toBe('● streaming');
		expect(layout.right).not.toContain('tok');
		expect(drawn(input)).toContain(' 3:chat 3 ');
		expect(cellWidth(drawn(input))).toBeLessThanOrEqual(40);
		// Wide enough for everything: nothing dropped.
		expect(drawn({...input, width: 100})).toBe(' 3:chat 3  glm-4.6 ● streaming 12k tok │ F1 help');
	});

	it('drops the model before shortening the name, and shortens a CJK name by whole characters', () => {
		const input: StatusInput = {
			width: 30,
			position: 12,
			name: '部署脚本的问题和数据库迁移',
			model: 'glm-4.5-air',
			state: 'ready',
			tokens: 900,
			others: [],
		};
		const layout = layoutStatus(input);
		expect(layout.model).toBe('');
		expect(layout.name.endsWith('…')).toBe(true);
		expect(layout.name).not.toContain('\uFFFD');
		expect(cellWidth(drawn(input))).toBeLessThanOrEqual(30);
		expect(drawn(input)).toContain(' 12:部署');
		expect(drawn(input)).toContain('ready');
	});

	it('at every width from 14 to 120, for many names and states, fits and keeps number and state (seeded)', () => {
		const seed = Number(process.env['SEED'] ?? 1313);
		const random = mulberry32(seed);
		for (let run = 0; run < 400; run++) {
			const input: StatusInput = {
				width: 14 + Math.floor(random() * 107),
				position: 1 + Math.floor(random() * 120),
				name: names[Math.floor(random() * names.length)]!,
				model: random() < 0.5 ? 'glm-4.6' : 'glm-4.5-airx',
				state: states[Math.floor(random() * states.length)]!,
				tokens: random() < 0.3 ? 0 : Math.floor(random() * 2_000_000),
				others:
					random() < 0.5
						? []
						: [
								{position: 2, mark: 'streaming'},
								{position: 7, mark: 'unread'},
							],
			};
			const why = `seed ${seed} run ${run}: ${JSON.stringify(input)}`;
			const layout = layoutStatus(input);
			const line = drawn(input);
			// Number and state alone fit from ~20 columns; below that the row's end is cut by the status bar.
			if (cellWidth(` ${input.position} ${input.state}`) <= input.width) expect(cellWidth(line), why).toBeLessThanOrEqual(input.width);
			expect(layout.state, why).toBe(input.state);
			expect(line.startsWith(` ${input.position}`), why).toBe(true);
			// The order of dropping: the token count before the model, the model before the name.
			if (layout.right.includes('tok')) expect(layout.model, why).toBe(input.model);
			if (layout.model !== '') expect(layout.name, why).toBe(input.name);
			if (layout.name !== input.name) expect(layout.right, why).not.toContain('tok');
			// One more column never drops a part that was shown (the name may give room back to the marks).
			const wider = layoutStatus({...input, width: input.width + 1});
			if (layout.model) expect(wider.model, why).toBe(layout.model);
			expect(wider.right.length, why).toBeGreaterThanOrEqual(layout.right.length);
		}
	});

	it('shorten never splits a character and ends in an ellipsis', () => {
		expect(shorten('部署脚本', 5)).toBe('部署…');
		expect(shorten('部署脚本', 8)).toBe('部署脚本');
		expect(shorten('ab🙂cd', 4)).toBe('ab…');
		expect(shorten('abc', 0)).toBe('');
	});
});

describe('inlineRight', () => {
	it('gives a notice in the status line the token count, then the whole right part', async () => {
		const {inlineRight} = await import('../../source/ui/components/StatusBar.js');
		expect(inlineRight('Copied.', 100, 1_600, [])).toBe('1.6k tok │ F1 help');
		expect(inlineRight('x'.repeat(25), 40, 1_600, [])).toBe('F1 help');
		expect(inlineRight('x'.repeat(35), 40, 1_600, [])).toBe('');
	});
});

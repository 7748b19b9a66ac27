// Mouse reports in the input: wheel reports become 'wheel' events, every report is taken out of the keys,
// however the terminal splits them across reads.
import {PassThrough} from 'node:stream';
import {describe, expect, it} from 'vitest';
import {MouseInput, type WheelEvent} from '../../source/terminal/mouse.js';
import {StdinFilter} from '../../source/terminal/stdin-filter.js';
import {mulberry32} from '../support/random.js';

const tick = async (ms = 0): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

function setup() {
	const source = new PassThrough();
	const mouse = new MouseInput();
	const filter = new StdinFilter(source, {keyFilter: mouse.filter, escapeTimeoutMs: 5});
	const reads: string[] = [];
	const pastes: string[] = [];
	const wheel: WheelEvent[] = [];
	filter.on('paste', (text: string) => pastes.push(text));
	filter.on('readable', () => {
		let chunk: unknown;
		while ((chunk = filter.read()) !== null) reads.push(chunk as string);
	});
	mouse.on('wheel', (event) => wheel.push(event));
	return {source, reads, pastes, wheel};
}

const wheelUp = (x: number, y: number) => `\u001B[<64;${x};${y}M`;
const wheelDown = (x: number, y: number) => `\u001B[<65;${x};${y}M`;

describe('MouseInput', () => {
	it('reads wheel up and down (with modifiers) and drops clicks, releases and the horizontal wheel', () => {
		const mouse = new MouseInput();
		const events: WheelEvent[] = [];
		mouse.on('wheel', (event) => events.push(event));
		const left = mouse.filter(
			`a${wheelUp(10, 5)}b\u001B[<0;3;4M\u001B[<0;3;4mc${wheelDown(1, 2)}\u001B[<81;1;1M\u001B[<66;1;1M\u001B[<96;1;1Md`,
		);
		expect(left).toBe('abcd');
		expect(events).toEqual([
			{direction: -1, x: 10, y: 5},
			{direction: 1, x: 1, y: 2},
			// 81 = 65 + Ctrl.
			{direction: 1, x: 1, y: 1},
		]);
	});

	it('reads the X10 form of terminals without SGR reports', () => {
		const mouse = new MouseInput();
		const events: WheelEvent[] = [];
		mouse.on('wheel', (event) => events.push(event));
		expect(mouse.filter(`x\u001B[M${String.fromCharCode(96, 33 + 4, 33 + 2)}y\u001B[M !!z`)).toBe('xyz');
		expect(events).toEqual([{direction: -1, x: 5, y: 3}]);
	});

	it('leaves keys alone: arrows, Home, F1, text with [ and <', () => {
		const mouse = new MouseInput();
		for (const key of ['\u001B[A', '\u001B[1;2A', '\u001B[H', '\u001BOP', '[<64;1;1M', 'a<b;c', '\u001B[5~'])
			expect(mouse.filter(key)).toBe(key);
	});

	it('through the stdin filter: random splits never leak a report as typed text (seeded)', async () => {
		const seed = Number(process.env['SEED'] ?? 4242);
		const random = mulberry32(seed);
		for (let run = 0; run < 30; run++) {
			const {source, reads, pastes, wheel} = setup();
			let typed = '';
			let input = '';
			let wheels = 0;
			for (let piece = 0; piece < 20; piece++) {
				const kind = random();
				if (kind < 0.4) {
					const report = random() < 0.5 ? wheelUp(1 + Math.floor(random() * 300), 1 + Math.floor(random() * 100)) : wheelDown(7, 9);
					input += report;
					wheels++;
				} else if (kind < 0.5) input += `\u001B[<0;${1 + Math.floor(random() * 80)};3${random() < 0.5 ? 'M' : 'm'}`;
				else {
					const text = ['a', '中文', 'x;1M', '<', '42'][Math.floor(random() * 5)]!;
					input += text;
					typed += text;
				}
			}
			// Cut into reads at random points, some of them inside reports.
			let at = 0;
			while (at < input.length) {
				const size = 1 + Math.floor(random() * 12);
				source.write(input.slice(at, at + size));
				at += size;
				await tick(random() < 0.2 ? 10 : 0);
			}
			await tick(20);
			// A report cut right after its ESC, with the rest later than the escape timeout, gives an Escape key
			// (the stdin filter's rule for a lone ESC); nothing of the report is ever typed.
			expect(
				reads.filter((read) => read !== '\u001B').join('') + pastes.join(''),
				`seed ${seed} run ${run}: ${JSON.stringify(input)}`,
			).toBe(typed);
			expect(wheel.length, `seed ${seed} run ${run}`).toBe(wheels);
		}
	});
});

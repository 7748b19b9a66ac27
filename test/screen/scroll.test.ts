// Scrolling the transcript back costs about what scrolling forward does: both move the rows with a scroll
// region (reverse index for back) instead of rewriting them, and leave the screen a fresh repaint would draw.
import {describe, expect, it} from 'vitest';
import {keys, seedConversation, useHarness} from '../support/screen-kit.js';

const h = useHarness();

async function bytesOf(app: Awaited<ReturnType<ReturnType<typeof useHarness>['chat']>>['app'], key: string): Promise<number> {
	const before = app.bytes();
	const screen = app.text();
	app.write(key);
	await app.waitFor((s) => s !== screen);
	await app.settle(150);
	return app.bytes() - before;
}

describe('line scrolling', () => {
	it('Shift+Up writes about as few bytes as Shift+Down, and the screen equals a fresh repaint', async () => {
		const home = h.home();
		seedConversation(home, {
			count: 60,
			text: (index) => `message ${index}: ${'这是一段比较长的中文文本，用来填满屏幕的行。'.repeat(1 + (index % 3))}`,
		});
		const {app} = await h.chat({home, columns: 100, rows: 30});
		// Off the bottom first, so the "more below" marker is already there.
		app.write(keys.shiftUp);
		await app.settle(200);
		app.write(keys.shiftUp);
		await app.settle(200);
		const up: number[] = [];
		const down: number[] = [];
		for (let step = 0; step < 3; step++) up.push(await bytesOf(app, keys.shiftUp));
		const afterUp = app.screen();
		for (let step = 0; step < 3; step++) down.push(await bytesOf(app, keys.shiftDown));
		console.info(`bytes per Shift+Up ${up.join(', ')}; per Shift+Down ${down.join(', ')}`);
		const median = (values: number[]) => [...values].sort((a, b) => a - b)[1]!;
		expect(median(up)).toBeLessThanOrEqual(median(down) * 1.5 + 40);
		expect(median(up)).toBeLessThan(600);

		// Back where it was after the Shift+Ups, then a full repaint: nothing differs.
		for (let step = 0; step < 3; step++) await bytesOf(app, keys.shiftUp);
		expect(app.screen()).toEqual(afterUp);
		const cursor = app.cursor();
		app.write(keys.ctrlL);
		await app.settle(300);
		expect(app.screen()).toEqual(afterUp);
		expect(app.cursor()).toEqual(cursor);
	});
});

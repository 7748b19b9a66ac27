import {describe, expect, it} from 'vitest';
import {createHistory, historyNext, historyPrev, historyPush} from '../../source/ui/input-history.js';

describe('history', () => {
	it('walks back and forth and brings the unsent draft back', () => {
		let h = createHistory(['first', 'second']);
		expect(historyNext(h)).toBeNull();
		const a = historyPrev(h, 'my draft')!;
		expect(a.text).toBe('second');
		const b = historyPrev(a.history, a.text)!;
		expect(b.text).toBe('first');
		expect(historyPrev(b.history, b.text)).toBeNull();
		const c = historyNext(b.history)!;
		expect(c.text).toBe('second');
		const d = historyNext(c.history)!;
		expect(d.text).toBe('my draft');
		expect(historyNext(d.history)).toBeNull();
		h = historyPush(d.history, 'third');
		expect(h.entries).toEqual(['first', 'second', 'third']);
		expect(historyPrev(h, '')!.text).toBe('third');
		expect(historyPush(h, 'third').entries).toHaveLength(3);
		expect(historyPush(h, '  ').entries).toHaveLength(3);
	});

	it('does nothing without entries', () => {
		expect(historyPrev(createHistory(), 'x')).toBeNull();
		expect(historyNext(createHistory())).toBeNull();
	});
});

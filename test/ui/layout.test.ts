import {describe, expect, it} from 'vitest';
import {chatLayout, composerMaxRows} from '../../source/ui/layout.js';

describe('chat screen layout', () => {
	it('shares every row out: transcript, separator, composer and status add up to the frame', () => {
		for (let height = 1; height <= 60; height++)
			for (const notice of [0, 1, 3])
				for (let composer = 1; composer <= composerMaxRows(height); composer++) {
					const layout = chatLayout(height, notice, composer);
					expect(layout.transcriptHeight).toBeGreaterThanOrEqual(0);
					if (layout.transcriptHeight > 0)
						expect(layout.transcriptHeight + layout.separatorHeight + composer + layout.statusHeight).toBe(height);
					expect(layout.bodyHeight).toBe(height - layout.statusHeight);
				}
	});

	it('drops the separator below six rows and lets the composer take at most a third', () => {
		expect(chatLayout(5, 0, 1)).toEqual({statusHeight: 1, separatorHeight: 0, transcriptHeight: 3, bodyHeight: 4});
		expect(chatLayout(29, 0, 1).separatorHeight).toBe(1);
		expect(composerMaxRows(29)).toBe(9);
		expect(composerMaxRows(2)).toBe(1);
	});
});

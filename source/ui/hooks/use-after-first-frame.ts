import {useEffect, useState} from 'react';
import {firstFrameShown} from '../../launch/launcher.js';
import {loadHighlighting} from '../../terminal/highlight.js';

/**
 * What can wait until the first frame is on screen. Code blocks on it are drawn plain and coloured right after:
 * loading and compiling the grammars would otherwise delay it by tens of milliseconds. Then the launcher saves
 * the code cache, which so holds the grammars too.
 */
export function useAfterFirstFrame(): void {
	const [, redraw] = useState(0);
	useEffect(() => {
		let mounted = true;
		// Effects run after ink wrote the frame; the timer lets the write go out first.
		const timer = setTimeout(() => {
			void loadHighlighting().then((leftPlain) => {
				if (leftPlain && mounted) redraw((value) => value + 1);
				// After the coloured frame is drawn: the cache takes ~20 ms to make.
				setTimeout(firstFrameShown, 0);
			});
		}, 0);
		return () => {
			mounted = false;
			clearTimeout(timer);
		};
	}, []);
}

import {useEffect, useState} from 'react';
import {loadHighlighting} from '../../terminal/highlight.js';

/**
 * Code blocks on the first frame are drawn plain and coloured right after it is on screen: loading and
 * compiling the grammars would otherwise delay the first frame by tens of milliseconds.
 */
export function useHighlightAfterFirstFrame(): void {
	const [, redraw] = useState(0);
	useEffect(() => {
		let mounted = true;
		// Effects run after ink wrote the frame; the timer lets the write go out first.
		const timer = setTimeout(() => {
			void loadHighlighting().then((leftPlain) => {
				if (leftPlain && mounted) redraw((value) => value + 1);
			});
		}, 0);
		return () => {
			mounted = false;
			clearTimeout(timer);
		};
	}, []);
}

import {useEffect, useState} from 'react';
import {holdHighlighting, releaseHighlighting} from '../../terminal/highlight.js';

/**
 * Code blocks on the first frame are drawn plain and coloured right after it is on screen: compiling the
 * grammars of a few languages would otherwise delay the first frame by tens of milliseconds.
 */
export function useHighlightAfterFirstFrame(): void {
	// A lazy initial state runs once, during the first render, before any line is rendered.
	useState(holdHighlighting);
	const [, redraw] = useState(0);
	useEffect(() => {
		// Effects run after ink wrote the frame; the timer lets the write go out first.
		const timer = setTimeout(() => {
			if (releaseHighlighting()) redraw((value) => value + 1);
		}, 0);
		return () => clearTimeout(timer);
	}, []);
}

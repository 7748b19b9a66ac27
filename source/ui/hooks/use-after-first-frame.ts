import {useEffect, useRef, useState} from 'react';
import {loadHighlighting} from '../../terminal/highlight.js';

/**
 * What can wait until the first frame is on screen. Code blocks on it are drawn plain and coloured right after:
 * loading and compiling the grammars would otherwise delay it by tens of milliseconds. Then, once the chat itself
 * has been drawn (not only the first-run key screen or a page of problems), `chatDrawn` runs: the launcher saves
 * its code cache then, which so holds what drawing a conversation and the grammars run.
 */
export function useAfterFirstFrame(chatShown: boolean, chatDrawn: (() => void) | undefined): void {
	const [, redraw] = useState(0);
	const [highlighting, setHighlighting] = useState<'loading' | 'loaded'>('loading');
	const said = useRef(false);
	useEffect(() => {
		let mounted = true;
		// Effects run after ink wrote the frame; the timer lets the write go out first.
		const timer = setTimeout(() => {
			void loadHighlighting().then((leftPlain) => {
				if (!mounted) return;
				if (leftPlain) redraw((value) => value + 1);
				setHighlighting('loaded');
			});
		}, 0);
		return () => {
			mounted = false;
			clearTimeout(timer);
		};
	}, []);
	useEffect(() => {
		if (highlighting !== 'loaded' || !chatShown || !chatDrawn || said.current) return;
		// After the frame just drawn is out: making the cache takes ~20 ms.
		const timer = setTimeout(() => {
			said.current = true;
			chatDrawn();
		}, 0);
		return () => clearTimeout(timer);
	}, [highlighting, chatShown, chatDrawn]);
}

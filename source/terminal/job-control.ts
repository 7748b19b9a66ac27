// Suspend and resume (Ctrl+Z, `kill -TSTP`, then `fg`), as vim, less and htop do: the shell gets its screen
// and line mode back while glm-tui is stopped, and glm-tui takes the terminal again and repaints when it
// continues. In raw mode Ctrl+Z reaches the program as a key, not as a signal, so the key calls suspend().

export interface JobControlOptions {
	/** Gives the terminal back: normal screen, cursor shown, bracketed paste off, line mode. Synchronous. */
	leave(): void;
	/** Takes the terminal again: raw mode, alternate screen, bracketed paste, and a full repaint. */
	enter(): void;
	/** False while the terminal is gone (SSH drop): a stop signal is then ignored. */
	attached?(): boolean;
}

export interface JobControl {
	suspend(): void;
	dispose(): void;
}

export function installJobControl({leave, enter, attached = () => true}: JobControlOptions): JobControl {
	let enteredAt = -Infinity;
	const resume = () => {
		enteredAt = Date.now();
		enter();
	};

	const suspend = (): void => {
		if (!attached()) return;
		leave();
		// With our handler gone the default action applies: the kernel stops the process inside this call and
		// it returns once the shell continues it (`fg`). Without job control (a process group no shell
		// manages) the kernel ignores the signal and it returns at once: either way, take the terminal again.
		process.off('SIGTSTP', onStop);
		try {
			process.kill(process.pid, 'SIGTSTP');
		} finally {
			process.on('SIGTSTP', onStop);
			resume();
		}
	};

	const onStop = (): void => suspend();
	// Also after a SIGSTOP we could not catch, the shell or something else may have drawn over the screen.
	// After our own suspend the SIGCONT event follows the resume above: one repaint is enough.
	const onContinue = (): void => {
		if (!attached() || Date.now() - enteredAt < 250) return;
		resume();
	};

	process.on('SIGTSTP', onStop);
	process.on('SIGCONT', onContinue);
	return {
		suspend,
		dispose() {
			process.off('SIGTSTP', onStop);
			process.off('SIGCONT', onContinue);
		},
	};
}

// What the terminal named by TERM can do, from terminfo's entries (infocmp) rather than a run-time terminfo
// lookup: the database may be missing on a server, and the few terminals that differ are well known.
//
// - dumb, or no TERM at all (a serial console, an editor's shell buffer, `ssh host cmd`): no cursor addressing,
//   so no full-screen UI.
// - linux (the console), vt100/vt102/vt220, ansi, and their kin: terminfo gives them no `indn` (CSI n S, scroll
//   up n lines; linux and vt100 do have `csr`, ansi not even that), no alternate screen (`smcup`) and, for the
//   vt series, no colours. They get the plain path: changed rows rewritten, no scroll regions, no synchronized
//   output markers (DEC mode 2026, which they do not know).
// - everything else (xterm*, screen*, tmux*, rxvt*, and the modern terminals that call themselves xterm) has
//   csr, indn and rin, the alternate screen and colours.

export interface TerminalCapabilities {
	/** Cursor addressing: without it the chat cannot be drawn. */
	fullScreen: boolean;
	/** DECSTBM scroll regions and CSI n S: "the transcript moved up" is one command instead of a repaint. */
	scrollRegions: boolean;
	/** The begin/end synchronized update markers (DEC mode 2026) are safe to send. */
	synchronized: boolean;
	/** smcup/rmcup: leaving restores the shell's screen. Without it, the screen is cleared on the way out. */
	alternateScreen: boolean;
	/** Whether the terminal shows colour at all. */
	colors: boolean;
}

const full: TerminalCapabilities = {fullScreen: true, scrollRegions: true, synchronized: true, alternateScreen: true, colors: true};

export function terminalCapabilities(term: string | undefined): TerminalCapabilities {
	const name = (term ?? '').trim().toLowerCase();
	if (name === '' || name === 'dumb' || name.startsWith('dumb-')) {
		return {fullScreen: false, scrollRegions: false, synchronized: false, alternateScreen: false, colors: false};
	}
	if (
		name === 'linux' ||
		name.startsWith('linux-') ||
		name === 'ansi' ||
		name.startsWith('ansi-') ||
		name === 'cons25' ||
		name === 'pcansi'
	) {
		return {fullScreen: true, scrollRegions: false, synchronized: false, alternateScreen: false, colors: !name.endsWith('-m')};
	}
	if (/^vt(52|1\d\d|2\d\d|3\d\d|4\d\d)(-|$)/.test(name)) {
		// vt100 and vt220 terminfo entries have no colours; vt340 and later may, but no `colors` either.
		return {fullScreen: true, scrollRegions: false, synchronized: false, alternateScreen: false, colors: false};
	}
	return full;
}

let current: TerminalCapabilities = full;

/** Set once at start-up from TERM; the screen writer reads it. */
export function setCapabilities(capabilities: TerminalCapabilities): void {
	current = capabilities;
}

export function capabilities(): TerminalCapabilities {
	return current;
}

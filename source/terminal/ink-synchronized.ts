// Stands in for ink 6.8's build/write-synchronized.js in the bundle (scripts/build.mjs). ink wraps each frame
// in "synchronized update" markers with two extra writes; glm-tui's log-update.ts puts the markers around
// the frame itself, so a frame is one write (one syscall, one packet over SSH).
export const bsu = '\u001B[?2026h';
export const esu = '\u001B[?2026l';

export function shouldSynchronize(): boolean {
	return false;
}

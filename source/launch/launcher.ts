// The app's side of source/launch/launch.ts, which runs the bundle and hands it a Launcher. Run from source
// (the tests, tsx), there is no launcher and these do nothing.

export interface Launcher {
	/** The chat screen's first frame is on the screen and what it needs is loaded: a good moment for the code cache. */
	firstFrameShown(): void;
}

declare const __glmLauncher: Launcher | undefined;

export function firstFrameShown(): void {
	if (typeof __glmLauncher !== 'undefined') __glmLauncher.firstFrameShown();
}

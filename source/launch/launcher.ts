// The app's side of source/launch/launch.ts, which runs the bundle and hands it a Launcher. Run from source
// (the tests, tsx), there is no launcher and these do nothing.

export interface Launcher {
	/** The chat has been drawn and what it needs is loaded (source/interactive.tsx passes this to App): a good moment for the code cache. */
	chatDrawn(): void;
}

declare const __glmLauncher: Launcher | undefined;

export function chatDrawn(): void {
	if (typeof __glmLauncher !== 'undefined') __glmLauncher.chatDrawn();
}

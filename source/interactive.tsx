// The full-screen chat: owns the terminal while it runs and gives it back intact on every way out.
import {changeLanguage} from './chat/language-command.js';
import {interactiveText} from './interactive-messages.js';
import {writeSync} from 'node:fs';
import {render} from 'ink';
import {App} from './ui/App.js';
import {ChatController} from './chat/controller.js';
import {createGlmClient} from './glm/client.js';
import {openConversationStore} from './store/conversations.js';
import type {Settings} from './store/settings.js';
import type {ResolvedConfig} from './store/settings.js';
import type {ConversationSettings} from './domain/types.js';
import {StdinFilter, enableBracketedPaste} from './terminal/stdin-filter.js';
import {MouseInput, disableMouse, enableMouse} from './terminal/mouse.js';
import {hyperlinksSupported, setHyperlinks} from './terminal/hyperlink.js';
import {enterAlternateScreen, exitWithoutTerminal, installTerminalRestore} from './terminal/screen.js';
import {installJobControl} from './terminal/job-control.js';
import {parseApiKey} from './glm/api-key.js';
import {plainHttpWarning} from './glm/plain-http.js';
import {rescueUnsaved, type FailedSave} from './chat/rescue.js';
import {detach} from './detach.js';
import {watchConversations} from './chat/disk-watch.js';
import {DEFAULT_DETACHED_LIMIT_MINUTES} from './store/settings.js';
import {changeTheme} from './terminal/theme-command.js';
import {describeFileError} from './store/errors.js';

export interface InteractiveOptions {
	config: ResolvedConfig;
	settings: Settings;
	flags: Partial<ConversationSettings>;
}

function setRaw(on: boolean): boolean {
	try {
		if (process.stdin.isTTY) process.stdin.setRawMode(on);
		return true;
	} catch {
		return false;
	}
}

function detachedLimitMs(settings: Settings): number {
	let minutes: unknown;
	try {
		minutes = settings.get('detachedLimitMinutes');
	} catch {
		// An unreadable settings file must not cost the answers: the default applies.
	}
	return (typeof minutes === 'number' && minutes >= 0 ? minutes : DEFAULT_DETACHED_LIMIT_MINUTES) * 60_000;
}

export async function runInteractive({config, settings, flags}: InteractiveOptions): Promise<number> {
	const stdout = process.stdout;
	const store = openConversationStore();
	const problems = store.problems?.() ?? [];

	const makeClient = (apiKey: string | undefined) => {
		if (!apiKey) return null;
		try {
			parseApiKey(apiKey);
		} catch {
			return null;
		}
		// No cap on a whole answer: long reasoning is normal; a silent connection is caught by the idle timeout.
		return createGlmClient({apiKey, baseUrl: config.baseUrl, totalTimeoutMs: 0, idleTimeoutMs: config.idleTimeoutMs});
	};

	const defaults: ConversationSettings = {
		model: flags.model ?? config.model,
		...definedOnly({
			system: flags.system ?? config.system,
			temperature: flags.temperature ?? config.temperature,
			thinking: flags.thinking ?? config.thinking,
		}),
	};
	const initialClient = makeClient(config.apiKey);
	const controller = new ChatController({
		store,
		client: initialClient,
		defaults,
		lastConversation: settings.get('lastConversation') as string | undefined,
		...(store.unwritable ? {readOnly: store.unwritable} : {}),
		onLastConversation: (id) => {
			try {
				settings.set('lastConversation', id);
			} catch {
				// A read-only or full config folder: only which conversation opens first next time is lost.
			}
		},
	});

	// The problems screen says what became of the files; "there is no conversation X" for the last one used
	// (moved aside just now) would only confuse.
	if (problems.length > 0) controller.clearNotice();
	const insecure = plainHttpWarning(config.baseUrl);
	if (insecure) controller.say(interactiveText.warning(insecure), 'error');
	if (store.unwritable) controller.say(readOnlyWarning(store.dir, store.unwritable), 'error');

	// When the SSH connection drops, SIGHUP comes, or writes and reads fail with EIO first: either way the
	// terminal is gone (see hangUp below).
	stdout.on('error', () => hangUp());
	process.stdin.on('error', () => hangUp());
	// A terminal never ends while it is there (Ctrl+D is a key in raw mode).
	process.stdin.on('end', () => hangUp());
	setHyperlinks(hyperlinksSupported(process.env));
	const mouse = new MouseInput();
	const stdin = new StdinFilter(process.stdin, {keyFilter: mouse.filter});
	// Also after fg (SIGCONT): the mouse reports were turned off with the rest of the terminal on suspend.
	const enterTerminal = () => {
		enterAlternateScreen(stdout);
		stdout.write(enableBracketedPaste + (settings.get('mouse') === false ? '' : enableMouse));
	};
	enterTerminal();

	// eslint-disable-next-line prefer-const -- `repaint` reads it and may run before render returns
	let instance: ReturnType<typeof render> | undefined;
	const repaint = () => {
		// Erase and forget the previous frame so the next one is drawn whole.
		stdout.write('\u001B[2J\u001B[3J\u001B[H');
		instance?.clear();
	};
	// Registered before ink's own listener so the clean slate comes first and ink draws the full frame on it.
	stdout.on('resize', repaint);

	// After the terminal is restored, on the normal screen, where it stays readable. Written synchronously: a
	// signal's exit follows at once, and a write to a pipe could be lost.
	const reportUnsaved = (failures: FailedSave[]): void => {
		for (const line of rescueUnsaved(failures)) {
			try {
				writeSync(2, `${line}\n`);
			} catch {}
		}
	};
	let detached = false;
	/** Quitting normally: the terminal is restored and released below; its end is not a hang-up. */
	let leaving = false;
	// Another glm-tui's saves (new messages, an answer it finishes, renames, deletions) show here as they land.
	const diskWatch = watchConversations(store.dir, () => controller.syncFromDisk());
	const restore = installTerminalRestore(
		stdout,
		() => {
			const failures = controller.saveAll();
			if (detached) rescueUnsaved(failures);
			else reportUnsaved(failures);
		},
		{onHangup: () => hangUp()},
	);

	// The answers streaming when the terminal went away run to their end; then, or after the limit, exit.
	const hangUp = (): void => {
		if (detached || leaving) return;
		detached = true;
		diskWatch.close();
		detach({
			controller,
			limitMs: detachedLimitMs(settings),
			abandonTerminal: () => {
				restore.abandon();
				// ink, the screen writer and any late error must not reach a dead terminal (EIO) or a live one
				// that another program uses now.
				stdout.write = (() => true) as typeof stdout.write;
				process.stderr.write = (() => true) as typeof process.stderr.write;
				stdout.off('resize', repaint);
				stdin.destroy();
				process.stdin.pause();
			},
			finish: () => {
				const failures = controller.saveAll();
				// Copies of what could not be saved are still written; there is no one to print their names to.
				rescueUnsaved(failures);
				exitWithoutTerminal(failures.length > 0 ? 1 : 0);
			},
		});
	};

	const jobControl = installJobControl({
		attached: () => !detached,
		leave: () => {
			restore.restore();
			setRaw(false);
		},
		enter: () => {
			// A terminal that refuses its modes is gone (the link dropped while we were stopped).
			if (!setRaw(true)) return hangUp();
			restore.reset();
			enterTerminal();
			// The terminal may have another size now, and the shell drew over the screen: a resize repaints all.
			stdout.emit('resize');
		},
	});

	instance = render(
		<App
			controller={controller}
			stdin={stdin}
			mouse={mouse}
			mouseOn={() => settings.get('mouse') !== false}
			onMouse={(on) => {
				stdout.write(on ? enableMouse : disableMouse);
				settings.set('mouse', on);
			}}
			apiKeySource={config.apiKeySource}
			onSaveKey={(key) => {
				controller.setClient(makeClient(key));
				try {
					settings.set('apiKey', key);
				} catch (error) {
					// The App says "Key saved" next; this notice must win, so it comes after.
					setImmediate(() => controller.say(interactiveText.keyNotSaved(describeFileError(error)), 'error'));
				}
			}}
			onRepaint={repaint}
			onLanguage={(argument) => {
				const said = changeLanguage(argument, settings);
				if (said.changed) repaint();
				return said;
			}}
			onTheme={(argument) => {
				const said = changeTheme(argument, settings);
				if (!said.error && argument !== '') repaint();
				return said;
			}}
			writeRaw={(sequence) => stdout.write(sequence)}
			startupProblems={problems.map(String)}
			onSuspend={jobControl.suspend}
		/>,
		{
			stdin: stdin as unknown as NodeJS.ReadStream,
			stdout,
			patchConsole: false,
			exitOnCtrlC: false,
			maxFps: 30,
			incrementalRendering: true,
		},
	);

	// After the first frame is out, so it does not delay it.
	setTimeout(() => initialClient?.prepare(), 200).unref();

	let failures: FailedSave[] = [];
	try {
		await instance.waitUntilExit();
	} finally {
		leaving = true;
		jobControl.dispose();
		diskWatch.close();
		stdout.off('resize', repaint);
		failures = controller.saveAll();
		restore();
		reportUnsaved(failures);
	}
	return failures.length > 0 ? 1 : 0;
}

function definedOnly<T extends object>(values: T): Partial<T> {
	return Object.fromEntries(Object.entries(values).filter(([, value]) => value !== undefined)) as Partial<T>;
}

/** Said once at start-up when the conversations folder cannot be written. */
export function readOnlyWarning(dir: string, reason: string): string {
	return interactiveText.readOnly(dir, reason);
}

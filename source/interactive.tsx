// The full-screen chat: owns the terminal while it runs and gives it back intact on every way out.
import {writeSync} from 'node:fs';
import {render} from 'ink';
import {App} from './ui/App.js';
import {ChatController} from './chat/controller.js';
import {createGlmClient} from './glm/client.js';
import {openConversationStore} from './store/conversations.js';
import type {Settings} from './store/settings.js';
import type {ResolvedConfig} from './store/settings.js';
import type {ConversationSettings} from './chat/types.js';
import {StdinFilter, enableBracketedPaste} from './terminal/stdin-filter.js';
import {enterAlternateScreen, installTerminalRestore} from './terminal/screen.js';
import {parseApiKey} from './glm/api-key.js';
import {rescueUnsaved, type FailedSave} from './chat/rescue.js';
import {describeFileError} from './store/errors.js';

export interface InteractiveOptions {
	config: ResolvedConfig;
	settings: Settings;
	flags: Partial<ConversationSettings>;
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
		return createGlmClient({apiKey, baseUrl: config.baseUrl, totalTimeoutMs: 0});
	};

	const defaults: ConversationSettings = {
		model: flags.model ?? config.model,
		...definedOnly({system: flags.system ?? config.system, temperature: flags.temperature ?? config.temperature, thinking: flags.thinking ?? config.thinking}),
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
	if (store.unwritable) controller.say(readOnlyWarning(store.dir, store.unwritable), 'error');

	// When the SSH connection drops, writes fail with EIO; there is no one left to tell, and saving matters more.
	stdout.on('error', () => {});
	const stdin = new StdinFilter(process.stdin);
	enterAlternateScreen(stdout);
	stdout.write(enableBracketedPaste);

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
	const restore = installTerminalRestore(stdout, () => {
		reportUnsaved(controller.saveAll());
	});

	instance = render(
		<App
			controller={controller}
			stdin={stdin}
			apiKeySource={config.apiKeySource}
			onSaveKey={(key) => {
				controller.setClient(makeClient(key));
				try {
					settings.set('apiKey', key);
				} catch (error) {
					// The App says "Key saved" next; this notice must win, so it comes after.
					setImmediate(() => controller.say(`The key is used for this session but could not be saved: ${describeFileError(error)}.`, 'error'));
				}
			}}
			onRepaint={repaint}
			writeRaw={(sequence) => stdout.write(sequence)}
			startupProblems={problems.map(String)}
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
	return `Read-only: cannot save in ${dir}: ${reason}. Conversations can be read; new questions, new conversations, renames and deletions are refused until that changes.`;
}

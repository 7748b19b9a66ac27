// Model facts the client needs. The list is data, not a gate: people may type any model name.

export const DEFAULT_MODEL = 'glm-4.6';

export const KNOWN_MODELS = [
	'glm-5.1',
	'glm-5-turbo',
	'glm-5',
	'glm-4.7',
	'glm-4.7-flash',
	'glm-4.7-flashx',
	'glm-4.6',
	'glm-4.5',
	'glm-4.5-air',
	'glm-4.5-x',
	'glm-4.5-airx',
	'glm-4.5-flash',
	'glm-4-plus',
	'glm-4-air-250414',
	'glm-4-airx',
	'glm-4-long',
	'glm-4-flash-250414',
	'glm-4-flash',
	'glm-z1-air',
	'glm-z1-flash',
] as const;

/** Context window in tokens; unknown models get the smallest window of the family to stay safe. */
export function contextWindow(model: string): number {
	const name = model.toLowerCase();
	if (name.startsWith('glm-4-long')) return 1_000_000;
	const version = /^glm-(\d+)(?:\.(\d+))?/.exec(name);
	if (version) {
		const major = Number(version[1]);
		const minor = Number(version[2] ?? 0);
		if (major >= 5 || (major === 4 && minor >= 6)) return 200_000;
	}
	return 128_000;
}

/** `glm-tui models`: the known models with their context windows, newest first. */
export function modelTable(): string {
	const width = Math.max(...KNOWN_MODELS.map((model) => model.length));
	const rows = KNOWN_MODELS.map(
		(model) => `${model.padEnd(width)}  ${formatWindow(contextWindow(model)).padStart(5)}${model === DEFAULT_MODEL ? '  (default)' : ''}`,
	);
	return `${'model'.padEnd(width)}  context\n${rows.join('\n')}\nAny other model name works too: glm-tui -m NAME, or /model NAME in the chat.\n`;
}

const formatWindow = (tokens: number) => (tokens >= 1_000_000 ? `${tokens / 1_000_000}M` : `${Math.round(tokens / 1000)}K`);

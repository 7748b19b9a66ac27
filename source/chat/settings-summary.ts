// A conversation's settings said in words, for the bare setting commands and /settings. The caller makes
// the text safe for the terminal (the system prompt is the user's own text, but may hold anything pasted).
import type {ConversationSettings, Thinking} from '../domain/types.js';

export function describeSystem(system: string | undefined): string {
	if (!system?.trim()) return 'No system prompt. /system text sets one.';
	return `System prompt: ${system.trim()} · /system text replaces it, /system off removes it`;
}

export function describeTemperature(temperature: number | undefined): string {
	if (temperature === undefined) return 'Temperature: model default. /temperature 0.3 sets one.';
	return `Temperature: ${temperature} · /temperature default goes back to the model\u2019s`;
}

export function describeThinking(thinking: Thinking | undefined): string {
	return `Thinking: ${thinkingWord(thinking)} · /thinking on | off | default`;
}

/** Everything the next request will carry, in one line: /settings. */
export function describeSettings(settings: ConversationSettings): string {
	const text = settings.system?.trim() ?? '';
	const lines = text === '' ? [] : text.split('\n');
	const system =
		lines.length === 0
			? 'no system prompt'
			: `system prompt: ${lines[0]!.trim()}${lines.length > 1 ? ` \u2026 (${lines.length} lines)` : ''}`;
	const temperature = settings.temperature === undefined ? 'temperature: model default' : `temperature ${settings.temperature}`;
	const thinking = settings.thinking === undefined ? 'thinking: model default' : `thinking ${thinkingWord(settings.thinking)}`;
	return `Model ${settings.model} · ${system} · ${temperature} · ${thinking}`;
}

function thinkingWord(thinking: Thinking | undefined): string {
	return thinking === 'enabled' ? 'on' : thinking === 'disabled' ? 'off' : 'model default';
}

// A conversation's settings said in words, for the bare setting commands and /settings. The caller makes
// the text safe for the terminal (the system prompt is the user's own text, but may hold anything pasted).
import {chatText} from './chat-messages.js';
import type {ConversationSettings, Thinking} from '../domain/types.js';

export function describeSystem(system: string | undefined): string {
	if (!system?.trim()) return chatText.noSystem;
	return chatText.system(system.trim());
}

export function describeTemperature(temperature: number | undefined): string {
	if (temperature === undefined) return chatText.temperatureDefault;
	return chatText.temperature(temperature);
}

export function describeThinking(thinking: Thinking | undefined): string {
	return chatText.thinking(thinkingWord(thinking));
}

/** Everything the next request will carry, in one line: /settings. */
export function describeSettings(settings: ConversationSettings): string {
	const text = settings.system?.trim() ?? '';
	const lines = text === '' ? [] : text.split('\n');
	const system = lines.length === 0 ? chatText.settingsNoSystem : chatText.settingsSystem(lines[0]!.trim(), lines.length);
	const temperature =
		settings.temperature === undefined ? chatText.settingsTemperatureDefault : chatText.settingsTemperature(settings.temperature);
	const thinking =
		settings.thinking === undefined ? chatText.settingsThinkingDefault : chatText.settingsThinking(thinkingWord(settings.thinking));
	const line = chatText.settings(settings.model, system, temperature, thinking);
	return settings.webSearch ? `${line} · ${chatText.settingsWeb}` : line;
}

function thinkingWord(thinking: Thinking | undefined): string {
	return thinking === 'enabled' ? chatText.on : thinking === 'disabled' ? chatText.off : chatText.modelDefault;
}

import {describe, expect, it} from 'vitest';
import {describeSettings, describeSystem, describeTemperature, describeThinking} from '../../source/chat/settings-summary.js';

describe('settings shown in words', () => {
	it('/settings: model, the system prompt\u2019s first line, temperature and thinking in one line', () => {
		expect(describeSettings({model: 'glm-4.6', system: '你是运维助手\n回答要简短', temperature: 0.3, thinking: 'enabled'})).toBe(
			'Model glm-4.6 · system prompt: 你是运维助手 … (2 lines) · temperature 0.3 · thinking on',
		);
		expect(describeSettings({model: 'glm-4.5-air'})).toBe(
			'Model glm-4.5-air · no system prompt · temperature: model default · thinking: model default',
		);
		expect(describeSettings({model: 'm', thinking: 'disabled', system: '   '})).toContain('no system prompt');
		expect(describeSettings({model: 'm', thinking: 'disabled'})).toContain('thinking off');
	});

	it('each bare setting command shows its value and how to change or clear it', () => {
		expect(describeSystem('be brief')).toBe('System prompt: be brief · /system text replaces it, /system off removes it');
		expect(describeSystem(undefined)).toBe('No system prompt. /system text sets one.');
		expect(describeTemperature(0.3)).toBe('Temperature: 0.3 · /temperature default goes back to the model\u2019s');
		expect(describeTemperature(undefined)).toBe('Temperature: model default. /temperature 0.3 sets one.');
		expect(describeThinking('enabled')).toBe('Thinking: on · /thinking on | off | default');
		expect(describeThinking(undefined)).toBe('Thinking: model default · /thinking on | off | default');
	});
});

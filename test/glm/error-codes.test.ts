import {afterEach, describe, expect, it} from 'vitest';
import {CODE_ROWS} from '../../source/glm/error-codes.js';
import {errorFromResponse, exitCodes} from '../../source/glm/errors.js';
import {setLanguage} from '../../source/i18n/language.js';

// Every code of /work/shared/glm-api.md's table.
const DOCUMENTED = [
	'1000',
	'1001',
	'1002',
	'1003',
	'1004',
	'1112',
	'1113',
	'1121',
	'1210',
	'1211',
	'1213',
	'1214',
	'1215',
	'1261',
	'1301',
	'1302',
	'1303',
	'1304',
	'1305',
	'1308',
	'1310',
	'1312',
	'500',
];

const body = (code: string, message: string): string => JSON.stringify({error: {code, message}});

afterEach(() => setLanguage('en'));

describe('the GLM code table', () => {
	it('has a row for every documented code, each with an exit code', () => {
		for (const code of DOCUMENTED) {
			expect(CODE_ROWS[code], code).toBeDefined();
			expect(exitCodes[CODE_ROWS[code]!.kind]).toBeGreaterThan(0);
		}
	});

	it.each(Object.keys(CODE_ROWS))('%s renders in both languages, for the chat and the shell', (code) => {
		for (const language of ['en', 'zh'] as const) {
			setLanguage(language);
			const error = errorFromResponse(400, body(code, 'x'), new Headers(), {model: 'glm-4.6'});
			expect(error.message).toContain(code);
			expect(error.shellMessage).toContain(code);
			expect(error.shellMessage).not.toMatch(/\/key|\/model|Ctrl\+N/);
			if (language === 'zh') expect(error.message).toMatch(/\p{Script=Han}/u);
			else expect(error.message).not.toMatch(/\p{Script=Han}/u);
		}
	});

	it.each(['1301', '1261', '1308'])('in Chinese %s quotes the service, neutralized', (code) => {
		setLanguage('zh');
		const error = errorFromResponse(400, body(code, '限额将在 2026-12-05 05:00:00 重置\u001b]0;pwned\u0007\u202e'), new Headers());
		expect(error.message).toContain('“限额将在 2026-12-05 05:00:00 重置”');
		expect(error.message).not.toMatch(/[\u0000-\u001f\u007f-\u009f\u202a-\u202e]/);
	});

	it('quotes an unknown code in Chinese', () => {
		setLanguage('zh');
		expect(errorFromResponse(418, body('9999', '奇怪的错误'), new Headers()).message).toContain('奇怪的错误');
	});
});

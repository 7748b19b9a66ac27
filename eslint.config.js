// One linter for the tree; formatting is prettier's (.prettierrc). The layer rule keeps the architecture's one
// direction (readme, Development): domain, text and i18n at the bottom, then glm, store and terminal, then chat, then ui.
import js from '@eslint/js';
import tseslint from 'typescript-eslint';

const layer = (folder, forbidden) => ({
	files: [`source/${folder}/**`],
	rules: {
		'no-restricted-imports': [
			'error',
			{
				patterns: [
					{
						regex: `^\\.{1,2}/(\\.\\./)*(${forbidden.join('|')})/`,
						message: `source/${folder} must not import ${forbidden.join(', ')}: the layers go ui -> chat -> glm, store, terminal -> domain, text, i18n.`,
					},
				],
			},
		],
	},
});

export default tseslint.config(
	{ignores: ['dist/', 'node_modules/', 'coverage/', '.dist-*/', '.scratch/']},
	js.configs.recommended,
	...tseslint.configs.recommended,
	{
		languageOptions: {
			globals: {
				process: 'readonly',
				console: 'readonly',
				Buffer: 'readonly',
				setTimeout: 'readonly',
				clearTimeout: 'readonly',
				setInterval: 'readonly',
				clearInterval: 'readonly',
				setImmediate: 'readonly',
				clearImmediate: 'readonly',
				URL: 'readonly',
				TextDecoder: 'readonly',
				TextEncoder: 'readonly',
				AbortController: 'readonly',
				AbortSignal: 'readonly',
				queueMicrotask: 'readonly',
				structuredClone: 'readonly',
				performance: 'readonly',
				Intl: 'readonly',
				NodeJS: 'readonly',
			},
		},
		rules: {
			// Terminal programs handle control characters on purpose (sanitizing, escape sequences).
			'no-control-regex': 'off',
			'@typescript-eslint/no-explicit-any': 'off',
			'@typescript-eslint/no-unused-vars': ['error', {argsIgnorePattern: '^_', varsIgnorePattern: '^_', caughtErrors: 'none'}],
			'no-empty': ['error', {allowEmptyCatch: true}],
		},
	},
	// bin/glm-tui.cjs is CommonJS on purpose (it says why).
	{
		files: ['**/*.cjs'],
		languageOptions: {sourceType: 'commonjs', globals: {require: 'readonly'}},
		rules: {'@typescript-eslint/no-require-imports': 'off'},
	},
	// What each folder must not import. Types shared by all live in source/domain, pure text functions (width,
	// sanitize) in source/text: both below everything.
	layer('i18n', ['domain', 'text', 'glm', 'store', 'terminal', 'chat', 'ui']),
	layer('domain', ['i18n', 'text', 'glm', 'store', 'terminal', 'chat', 'ui']),
	layer('text', ['domain', 'glm', 'store', 'terminal', 'chat', 'ui']),
	layer('glm', ['store', 'terminal', 'chat', 'ui']),
	layer('store', ['glm', 'terminal', 'chat', 'ui']),
	layer('terminal', ['glm', 'store', 'chat', 'ui']),
	layer('chat', ['terminal', 'ui']),
);

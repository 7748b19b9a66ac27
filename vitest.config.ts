import {defineConfig} from 'vitest/config';

export default defineConfig({
	test: {
		include: ['test/**/*.test.{ts,tsx}'],
		setupFiles: ['test/support/setup.ts'],
		testTimeout: 20_000,
		hookTimeout: 20_000,
		// Screen and end-to-end tests spawn processes and servers; two cores are shared.
		pool: 'forks',
		maxWorkers: 2,
	},
});

// The one test fixture of the command-line tests: a GLM test server, a fresh home, and `glm(args)` running the
// built glm-tui against both. Every run of every test is checked for the key's secret afterwards.
import {test as base} from 'vitest';
import {TEST_KEY, startGlmServer, type GlmServer} from './glm-server.js';
import {cliHome, runCli, type CliHome, type CliOptions, type CliRun} from './cli.js';

const KEY_SECRET = TEST_KEY.split('.')[1]!;

interface Fixtures {
	server: GlmServer;
	home: CliHome;
	/** Runs glm-tui in the home folder against `server` with TEST_KEY. */
	glm: (args: string[], options?: CliOptions) => Promise<CliRun>;
}

export const cliTest = base.extend<Fixtures>({
	// eslint-disable-next-line no-empty-pattern
	server: async ({}, use) => {
		const server = await startGlmServer();
		await use(server);
		await server.close();
	},
	// eslint-disable-next-line no-empty-pattern
	home: async ({}, use) => {
		const home = cliHome();
		await use(home);
		home.remove();
	},
	glm: async ({server, home}, use) => {
		const runs: Array<{args: string[]; run: CliRun}> = [];
		await use(async (args, options = {}) => {
			const run = await runCli(args, {
				cwd: home.home,
				...options,
				env: {...home.env, ZHIPUAI_BASE_URL: server.baseUrl, ZHIPUAI_API_KEY: TEST_KEY, ...options.env},
			});
			runs.push({args, run});
			return run;
		});
		for (const {args, run} of runs) {
			if ((run.stdout + run.stderr).includes(KEY_SECRET)) throw new Error(`glm-tui ${args.join(' ')} printed the key's secret`);
		}
	},
});

import {beforeEach} from 'vitest';

// Ink reads CI once, at import time, and then renders only the final frame. Screen tests need live frames,
// and CI runs .ci/run with CI=true, so clear it before anything imports ink.
delete process.env['CI'];
delete process.env['CONTINUOUS_INTEGRATION'];

// The GLM test server cuts its streams at points drawn from a seed that changes every run (glm-server.ts); a
// failure that depends on them is replayed with the seed printed here.
beforeEach(({onTestFailed}) => {
	onTestFailed(() => {
		const seed = (globalThis as {__glmServerSeed?: number}).__glmServerSeed;
		if (seed !== undefined) console.error(`GLM test server seed ${seed}: run again with GLM_SERVER_SEED=${seed} for the same cuts.`);
	});
});

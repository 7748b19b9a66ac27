// npm runs `prepare` after `npm ci` and when a clone is installed with `npm install -g .`. Everything glm-tui
// runs is bundled into dist/, so its packages are devDependencies and the published tarball installs nothing;
// but `npm install -g .` links the clone without its devDependencies, and the build needs them (esbuild, and
// the packages it bundles). Install them into the clone first, then build.
import {spawnSync} from 'node:child_process';
import {createRequire} from 'node:module';
import {fileURLToPath} from 'node:url';
import path from 'node:path';

const root = path.dirname(path.dirname(fileURLToPath(import.meta.url)));
const require = createRequire(path.join(root, 'package.json'));

function canBuild() {
	try {
		require.resolve('esbuild');
		require.resolve('ink');
		return true;
	} catch {
		return false;
	}
}

function run(command, args, environment = process.env) {
	const result = spawnSync(command, args, {cwd: root, stdio: 'inherit', env: environment});
	if (result.status !== 0) process.exit(result.status ?? 1);
}

if (!canBuild()) {
	// The outer `npm install -g` passes its own settings through the environment: this install is the clone's.
	const environment = Object.fromEntries(
		Object.entries(process.env).filter(([name]) => !/^npm_config_(global|prefix|location)$/i.test(name)),
	);
	console.error('glm-tui: installing the build tools into this clone (npm ci --include=dev) ...');
	run('npm', ['ci', '--include=dev', '--ignore-scripts', '--no-audit', '--no-fund'], environment);
}

run(process.execPath, [path.join(root, 'scripts/build.mjs')]);

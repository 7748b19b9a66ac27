// The screen tests run the built binary in a pseudo-terminal through node-pty, which has no Linux prebuild and
// must be compiled. package.json does not approve node-pty's install script (allowScripts), so `npm ci` works
// on a machine without a C++ toolchain (users only need `npm ci && npm start`); the tests compile it here, once,
// the first time they run, and say plainly what is missing when they cannot.
import {existsSync} from 'node:fs';
import {spawnSync} from 'node:child_process';
import {createRequire} from 'node:module';
import path from 'node:path';

const require = createRequire(import.meta.url);
const ptyDirectory = path.dirname(require.resolve('node-pty/package.json'));
const built = path.join(ptyDirectory, 'build', 'Release', 'pty.node');
if (existsSync(built)) process.exit(0);

const missing = ['g++', 'make', 'python3'].filter((tool) => spawnSync('sh', ['-c', `command -v ${tool}`]).status !== 0);
if (missing.length > 0) {
	console.error(
		`The screen tests need node-pty, which is compiled on this machine, and ${missing.join(', ')} ${missing.length > 1 ? 'are' : 'is'} missing.\n` +
			'On Debian or Ubuntu: sudo apt-get install -y g++ make python3   (then run npm test again)',
	);
	process.exit(1);
}

// node-gyp ships inside npm; npm_execpath points at npm's own cli when this runs as an npm script.
const npmDirectory = process.env['npm_execpath'] ? path.dirname(path.dirname(process.env['npm_execpath'])) : undefined;
const nodeGyp = [npmDirectory && path.join(npmDirectory, 'node_modules/node-gyp/bin/node-gyp.js')].find(
	(candidate) => candidate && existsSync(candidate),
);
console.error('Compiling node-pty for the screen tests (once)...');
const result = nodeGyp
	? spawnSync(process.execPath, [nodeGyp, 'rebuild'], {cwd: ptyDirectory, stdio: 'inherit'})
	: spawnSync('npx', ['--yes', 'node-gyp', 'rebuild'], {cwd: ptyDirectory, stdio: 'inherit'});
if (result.status !== 0 || !existsSync(built)) {
	console.error(`Compiling node-pty failed (${ptyDirectory}); the screen tests cannot run without it.`);
	process.exit(1);
}

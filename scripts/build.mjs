// Builds dist/ from source/: patches ink 6.8 where upstream has a fix we need, then bundles the app with
// esbuild so start-up loads one file instead of ~200 modules.
import {readFileSync, writeFileSync, rmSync} from 'node:fs';
import {fileURLToPath} from 'node:url';
import path from 'node:path';

const root = path.dirname(path.dirname(fileURLToPath(import.meta.url)));

// ink 6.8.0 incremental rendering moves the cursor up one line too few for frames that end in a newline
// (fixed in ink 7 by vadimdemedes/ink#910). Patch in place so both the bundle and in-process tests get it.
const inkPatches = [
	{
		file: 'node_modules/ink/build/log-update.js',
		from: 'buffer.push(ansiEscapes.cursorUp(previousVisible - 1));',
		to: 'buffer.push(ansiEscapes.cursorUp(previousLines.length - 1));',
	},
];

for (const {file, from, to} of inkPatches) {
	const full = path.join(root, file);
	const text = readFileSync(full, 'utf8');
	if (text.includes(to)) continue;
	if (!text.includes(from)) {
		throw new Error(`Cannot patch ${file}: expected code not found (ink version changed?)`);
	}
	writeFileSync(full, text.replace(from, to));
}

const {build} = await import('esbuild');
rmSync(path.join(root, 'dist'), {recursive: true, force: true});
await build({
	entryPoints: [path.join(root, 'source/cli.tsx')],
	outdir: path.join(root, 'dist'),
	bundle: true,
	splitting: true,
	format: 'esm',
	platform: 'node',
	target: 'node20',
	jsx: 'automatic',
	minify: true,
	sourcemap: false,
	legalComments: 'none',
	// React checks NODE_ENV at run time; the production build is much cheaper per render.
	define: {'process.env.NODE_ENV': '"production"'},
	// ink imports react-devtools-core only when DEV is set; it is not installed.
	external: ['react-devtools-core'],
	banner: {
		js: "import {createRequire as __glmCreateRequire} from 'node:module'; const require = __glmCreateRequire(import.meta.url);",
	},
	logLevel: 'warning',
});

// Builds dist/ from source/: bundles the app with esbuild so start-up loads one file instead of ~200
// modules, and gives ink glm-tui's own screen writer in place of its log-update.
import {rmSync} from 'node:fs';
import {fileURLToPath} from 'node:url';
import path from 'node:path';
import {build} from 'esbuild';

const root = path.dirname(path.dirname(fileURLToPath(import.meta.url)));

// ink 6.8's incremental log-update rewrites every changed line whole (and is off by one for frames ending
// in a newline, fixed upstream in ink 7). source/terminal/log-update.ts writes only the changed cells.
const replaceInkLogUpdate = {
	name: 'replace-ink-log-update',
	setup(esbuild) {
		esbuild.onResolve({filter: /^\.\/log-update\.js$/}, (args) => {
			if (!args.importer.includes(`${path.sep}ink${path.sep}build${path.sep}`)) return undefined;
			return {path: path.join(root, 'source/terminal/log-update.ts')};
		});
	},
};

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
	legalComments: 'none',
	plugins: [replaceInkLogUpdate],
	// React checks NODE_ENV at run time; the production build is much cheaper per render.
	define: {'process.env.NODE_ENV': '"production"'},
	// ink imports react-devtools-core only when DEV is set; it is not installed.
	external: ['react-devtools-core'],
	banner: {
		js: "import {createRequire as __glmCreateRequire} from 'node:module'; const require = __glmCreateRequire(import.meta.url);",
	},
	logLevel: 'warning',
});

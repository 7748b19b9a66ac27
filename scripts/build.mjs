// Builds dist/ from source/: bundles the app with esbuild so start-up loads one file instead of ~200
// modules, and gives ink glm-tui's own screen writer in place of its log-update.
import {readdirSync, readFileSync, realpathSync, renameSync, rmSync, writeFileSync} from 'node:fs';
import {readFile} from 'node:fs/promises';
import {fileURLToPath} from 'node:url';
import path from 'node:path';
import {createHash} from 'node:crypto';
import {build} from 'esbuild';

const root = path.dirname(path.dirname(fileURLToPath(import.meta.url)));

// ink 6.8's incremental log-update rewrites every changed line whole (and is off by one for frames ending
// in a newline, fixed upstream in ink 7). source/terminal/log-update.ts writes only the changed cells.
// ink 6.8 also rebuilds every row of every frame cell by cell (source/terminal/ink-output.ts reuses rows
// that did not change), measures every Text node per frame without a cache, and keeps wrapped and measured
// text in maps that never shrink (source/terminal/ink-text-cache.ts bounds them). All keep ink's
// interfaces, so ink itself is unchanged.
const inkModules = {
	'./log-update.js': {file: 'source/terminal/log-update.ts'},
	'./output.js': {file: 'source/terminal/ink-output.ts'},
	'./write-synchronized.js': {file: 'source/terminal/ink-synchronized.ts'},
	'./wrap-text.js': {file: 'source/terminal/ink-text-cache.ts', name: 'wrapText'},
	'./measure-text.js': {file: 'source/terminal/ink-text-cache.ts', name: 'measureText'},
	'widest-line': {file: 'source/terminal/ink-text-cache.ts', name: 'widestLine'},
};
// esbuild reports real paths: a symlinked node_modules must not make the replacements silently miss.
const inkDirectory = realpathSync(path.join(root, 'node_modules/ink'));
const replaced = new Set();
const fromInk = (importer) => importer.startsWith(path.join(inkDirectory, 'build') + path.sep);
const replaceInkModules = {
	name: 'replace-ink-modules',
	setup(esbuild) {
		esbuild.onResolve({filter: /^(\.\/(log-update|output|write-synchronized|wrap-text|measure-text)\.js|widest-line)$/}, (args) => {
			const replacement = inkModules[args.path];
			if (!replacement || !fromInk(args.importer)) return undefined;
			replaced.add(args.path);
			if (!replacement.name) return {path: path.join(root, replacement.file)};
			return {path: args.path, namespace: 'ink-replacement', pluginData: replacement};
		});
		esbuild.onLoad({filter: /.*/, namespace: 'ink-replacement'}, (args) => ({
			contents: `export {${args.pluginData.name} as default} from ${JSON.stringify(path.join(root, args.pluginData.file))};`,
			resolveDir: root,
			loader: 'js',
		}));
		// Every width computation (ink, wrap-ansi, cli-truncate, slice-ansi, ours) gets the ASCII/CJK fast path;
		// the Unicode module itself falls back to the real package.
		const fastWidth = path.join(root, 'source/text/fast-string-width.ts');
		const unicode = path.join(root, 'source/text/unicode.ts');
		esbuild.onResolve({filter: /^string-width$/}, (args) => {
			if (args.importer === fastWidth || args.importer === unicode) return undefined;
			replaced.add('string-width');
			return {path: fastWidth};
		});
		// The replacements use the very packages ink uses (it pins its own wrap-ansi).
		esbuild.onResolve({filter: /^(wrap-ansi|cli-truncate|string-width|slice-ansi|@alcalzone\/ansi-tokenize)$/}, async (args) => {
			if (!/source[\\/]terminal[\\/]ink-/.test(args.importer)) return undefined;
			return esbuild.resolve(args.path, {resolveDir: inkDirectory, kind: args.kind});
		});
	},
};

// yoga-layout's Emscripten loader instantiates its inline wasm asynchronously, and yoga-layout waits for it with a
// top-level await, which a script (see the build below) cannot hold. Compiled synchronously instead (~1 ms for its
// ~70 KB), the module is ready when loadYoga returns. Its base64 is decoded by Buffer (~0.4 ms), not by atob and
// a loop over the ~95,000 characters (~3 ms).
const yogaInstantiate =
	'function c(e){return ya().then(function(f){return WebAssembly.instantiate(f,d)}).then(function(f){return f}).then(e,function(f){v("failed to asynchronously prepare wasm: "+f);x(f)})}';
const yogaDecode = 'var b=xa(a.slice(37)),c=new Uint8Array(b.length);for(a=0;a<b.length;++a)c[a]=b.charCodeAt(a);var d=c';
const yogaAwait = 'const Yoga = wrapAssembly(await loadYoga());';
const loadYogaSynchronously = {
	name: 'load-yoga-synchronously',
	setup(esbuild) {
		esbuild.onLoad({filter: /yoga-layout[\\/]dist[\\/]binaries[\\/]yoga-wasm-base64-esm\.js$/}, async (args) => {
			const source = await readFile(args.path, 'utf8');
			if (!source.includes(yogaInstantiate) || !source.includes(yogaDecode))
				throw new Error(`${args.path}: the wasm loader has changed; see loadYogaSynchronously in scripts/build.mjs`);
			replaced.add('yoga-layout loader');
			const instantiate = 'function c(e){e({instance:new WebAssembly.Instance(new WebAssembly.Module(wa()),d)});return Promise.resolve()}';
			const decode = 'var d=new Uint8Array(Buffer.from(a.slice(37),"base64"))';
			return {contents: source.replace(yogaInstantiate, () => instantiate).replace(yogaDecode, () => decode), loader: 'js'};
		});
		// Emscripten fills in the object it is given: with the wasm instantiated synchronously, it is the module.
		esbuild.onLoad({filter: /yoga-layout[\\/]dist[\\/]src[\\/]index\.js$/}, async (args) => {
			const source = await readFile(args.path, 'utf8');
			if (!source.includes(yogaAwait))
				throw new Error(`${args.path}: yoga's loading has changed; see loadYogaSynchronously in scripts/build.mjs`);
			replaced.add('yoga-layout await');
			const synchronous = `const yogaModule = {}; loadYoga(yogaModule);
if (!yogaModule.Node) throw new Error('yoga-layout did not load synchronously: see loadYogaSynchronously in scripts/build.mjs');
const Yoga = wrapAssembly(yogaModule);`;
			return {contents: source.replace(yogaAwait, () => synchronous), loader: 'js'};
		});
	},
};

// ink connects to React Devtools when DEV=true, with a top-level await that a script cannot hold;
// react-devtools-core is not installed anyway.
const inkDevtools = "if (isDev()) {\n    try {\n        await import('./devtools.js');";
const inkPackageJson = '? await loadPackageJson()';
const inkWithoutDevtools = {
	name: 'ink-without-devtools',
	setup(esbuild) {
		esbuild.onLoad({filter: /[\\/]ink[\\/]build[\\/]reconciler\.js$/}, async (args) => {
			const source = await readFile(args.path, 'utf8');
			if (!source.includes(inkDevtools) || !source.includes(inkPackageJson))
				throw new Error(`${args.path}: ink's devtools loading has changed; see inkWithoutDevtools in scripts/build.mjs`);
			replaced.add('ink devtools');
			return {
				contents: source
					.replace(inkDevtools, () => 'if (false) {\n    try {\n        void 0;')
					.replace(inkPackageJson, () => '? {name: undefined, version: undefined}'),
				loader: 'js',
			};
		});
	},
};

// When the terminal shrinks below ink's last frame, ink clears the screen and writes the frame itself, laid out
// for the old size: past the screen's bottom it scrolls, wider than the screen it wraps, and it bypasses the
// screen writer's palette (NO_COLOR). Instead it asks the writer to clear; the sync() that follows has the writer
// draw the frame whole, fitted to the screen (source/terminal/log-update.ts).
const inkRawWrite = 'this.options.stdout.write(ansiEscapes.clearTerminal + this.fullStaticOutput + output);';
const inkWritesThroughTheWriter = {
	name: 'ink-writes-through-the-writer',
	setup(esbuild) {
		esbuild.onLoad({filter: /[\\/]ink[\\/]build[\\/]ink\.js$/}, async (args) => {
			const source = await readFile(args.path, 'utf8');
			if (!source.includes(inkRawWrite))
				throw new Error(`${args.path}: ink's full-screen clear has changed; see inkWritesThroughTheWriter in scripts/build.mjs`);
			replaced.add('ink raw frame');
			return {contents: source.replace(inkRawWrite, 'this.log.clear();'), loader: 'js'};
		});
	},
};

// glm-tui checks its files with its own small validator (source/store/schema.ts) and never gives conf a
// schema, so conf's ajv is dead weight: ~20 ms of start-up to evaluate. The stand-in fails loudly should
// anything ever construct it.
const confImporter = (importer) => /[\\/]node_modules[\\/]conf[\\/]/.test(importer);
const dropAjv = {
	name: 'drop-ajv',
	setup(esbuild) {
		esbuild.onResolve({filter: /^(ajv\/dist\/2020\.js|ajv-formats)$/}, (args) => {
			if (!confImporter(args.importer)) return undefined;
			replaced.add(args.path);
			return {path: args.path, namespace: 'no-ajv'};
		});
		esbuild.onLoad({filter: /.*/, namespace: 'no-ajv'}, () => ({
			contents: `const fail = () => { throw new Error('conf was given a schema: glm-tui validates with source/store/schema.ts'); };
export class Ajv2020 { constructor() { fail(); } }
export default {default: fail};`,
			loader: 'js',
		}));
	},
};

// V8 parses a regular expression literal when it compiles the module that holds it, not at its first use, and
// string-width's /^\p{RGI_Emoji}$/v alone takes ~25 ms to parse (it expands to every emoji sequence). It is
// only ever tested against a cluster that is not plain text (an emoji, a combining sequence): made then.
const rgiEmojiLiteral = 'const rgiEmojiRegex = /^\\p{RGI_Emoji}$/v;';
const lazyRgiEmoji = {
	name: 'lazy-rgi-emoji',
	setup(esbuild) {
		esbuild.onLoad({filter: /[\\/]node_modules[\\/]string-width[\\/]index\.js$/}, async (args) => {
			const source = await readFile(args.path, 'utf8');
			if (!source.includes(rgiEmojiLiteral) || source.split('rgiEmojiRegex').length !== 3)
				throw new Error(`${args.path}: its emoji regex has changed; see lazyRgiEmoji in scripts/build.mjs`);
			replaced.add('string-width emoji regex');
			const lazy = `let rgiEmojiCompiled; const rgiEmojiRegex = {test: (text) => (rgiEmojiCompiled ??= new RegExp('^\\\\p{RGI_Emoji}$', 'v')).test(text)};`;
			return {contents: source.replace(rgiEmojiLiteral, () => lazy), loader: 'js'};
		});
	},
};

// conf compares versions with semver only when it opens a file with migrations (an older conversation file), but
// semver builds ~40 regular expressions when it loads (~4 ms of start-up): it is loaded at conf's first comparison.
const confSemverImport = "import semver from 'semver';";
const lazySemver = {
	name: 'lazy-semver',
	setup(esbuild) {
		esbuild.onLoad({filter: /[\\/]node_modules[\\/]conf[\\/]dist[\\/]source[\\/]index\.js$/}, async (args) => {
			const source = await readFile(args.path, 'utf8');
			if (!source.includes(confSemverImport))
				throw new Error(`${args.path}: its semver import has changed; see lazySemver in scripts/build.mjs`);
			replaced.add('conf semver');
			const lazy = "let semverModule; const semver = new Proxy({}, {get: (_, name) => (semverModule ??= require('semver'))[name]});";
			return {contents: source.replace(confSemverImport, () => lazy), loader: 'js'};
		});
	},
};

// ink asks terminal-size for the size only when stdout is not a terminal, and terminal-size runs a command only
// then; importing node:child_process (and the dgram and socket modules it loads) at start-up costs ~3 ms.
const terminalSizeImport = "import {execFileSync} from 'node:child_process';";
const lazyChildProcess = {
	name: 'lazy-child-process',
	setup(esbuild) {
		esbuild.onLoad({filter: /[\\/]node_modules[\\/]terminal-size[\\/]index\.js$/}, async (args) => {
			const source = await readFile(args.path, 'utf8');
			if (!source.includes(terminalSizeImport))
				throw new Error(`${args.path}: its child_process import has changed; see lazyChildProcess in scripts/build.mjs`);
			replaced.add('terminal-size child_process');
			const lazy = "const execFileSync = (...args) => require('node:child_process').execFileSync(...args);";
			return {contents: source.replace(terminalSizeImport, () => lazy), loader: 'js'};
		});
	},
};

// node:crypto (with the dozen internal modules it loads, and webcrypto, which importing it as a module reaches)
// costs ~4 ms, and nothing needs it before the first frame: the store and conf use it to write files, the chat
// to make ids. ES imports of it get a stand-in that loads it at the first call. A name not listed here fails
// the build.
const lazyCryptoExports = ['createHash', 'randomBytes', 'randomUUID'];
const lazyCrypto = {
	name: 'lazy-crypto',
	setup(esbuild) {
		esbuild.onResolve({filter: /^node:crypto$/}, (args) => {
			if (args.kind !== 'import-statement') return undefined;
			replaced.add('node:crypto');
			return {path: 'node:crypto', namespace: 'lazy-crypto'};
		});
		esbuild.onLoad({filter: /.*/, namespace: 'lazy-crypto'}, () => ({
			contents: [
				"let crypto; const load = () => (crypto ??= require('node:crypto'));",
				...lazyCryptoExports.map((name) => `export const ${name} = (...args) => load().${name}(...args);`),
				'export default new Proxy({}, {get: (_, name) => load()[name]});',
			].join('\n'),
			loader: 'js',
		}));
	},
};

// Packages published without their licence file: the text from their repository.
const licencesNotShipped = {
	'yoga-layout': `MIT License

Copyright (c) Meta Platforms, Inc. and affiliates.

Permission is hereby granted, free of charge, to any person obtaining a copy of this software and associated
documentation files (the "Software"), to deal in the Software without restriction, including without limitation
the rights to use, copy, modify, merge, publish, distribute, sublicense, and/or sell copies of the Software, and to
permit persons to whom the Software is furnished to do so, subject to the following conditions:

The above copyright notice and this permission notice shall be included in all copies or substantial portions of
the Software.

THE SOFTWARE IS PROVIDED "AS IS", WITHOUT WARRANTY OF ANY KIND, EXPRESS OR IMPLIED, INCLUDING BUT NOT LIMITED TO THE
WARRANTIES OF MERCHANTABILITY, FITNESS FOR A PARTICULAR PURPOSE AND NONINFRINGEMENT. IN NO EVENT SHALL THE AUTHORS OR
COPYRIGHT HOLDERS BE LIABLE FOR ANY CLAIM, DAMAGES OR OTHER LIABILITY, WHETHER IN AN ACTION OF CONTRACT, TORT OR
OTHERWISE, ARISING FROM, OUT OF OR IN CONNECTION WITH THE SOFTWARE OR THE USE OR OTHER DEALINGS IN THE SOFTWARE.`,
};

// The bundle carries other people's code, so it carries their licences: one notice per package whose files
// esbuild put into dist/, read from the package itself (legal comments in the sources are too few to rely on).
function thirdPartyNotices({inputs}) {
	const packageDirectories = new Set();
	for (const input of Object.keys(inputs)) {
		const match = /^(.*node_modules[\\/](?:@[^\\/]+[\\/])?[^\\/]+)[\\/]/.exec(input);
		if (match) packageDirectories.add(path.resolve(root, match[1]));
	}
	const sections = [...packageDirectories]
		.map((directory) => {
			const manifest = JSON.parse(readFileSync(path.join(directory, 'package.json'), 'utf8'));
			const licenceFile = readdirSync(directory).find((name) => /^(licen[cs]e|copying)(\.|$)/i.test(name));
			const text = licenceFile ? readFileSync(path.join(directory, licenceFile), 'utf8').trim() : licencesNotShipped[manifest.name];
			if (!text)
				throw new Error(
					`${manifest.name}: bundled, but it has no licence file to carry; add it to licencesNotShipped in scripts/build.mjs`,
				);
			return {name: manifest.name, heading: `${manifest.name} ${manifest.version} (${manifest.license ?? 'see below'})`, text};
		})
		.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
	const rule = '-'.repeat(78);
	return [
		'glm-tui bundles the following packages into dist/. Their licences follow.',
		'',
		...sections.map(({heading}) => `  ${heading}`),
		'',
		...sections.flatMap(({heading, text}) => [rule, heading, rule, '', text, '']),
	].join('\n');
}

// Build beside dist/ and swap it in, so a glm-tui running from dist/ (a test, a second terminal) never
// finds it half-written.
const dist = path.join(root, 'dist');
const staging = path.join(root, `.dist-${process.pid}`);
rmSync(staging, {recursive: true, force: true});
// The app is one CommonJS script, not ES modules: source/launch/launch.ts compiles it with V8's code cache, which
// Node 20 offers for scripts only. Modules imported dynamically stay unevaluated until asked for.
const {metafile} = await build({
	metafile: true,
	entryPoints: [path.join(root, 'source/cli.tsx')],
	outfile: path.join(staging, 'app.cjs'),
	bundle: true,
	format: 'cjs',
	platform: 'node',
	target: 'node20',
	jsx: 'automatic',
	minify: process.env['GLM_TUI_NO_MINIFY'] !== '1',
	legalComments: 'none',
	plugins: [
		replaceInkModules,
		loadYogaSynchronously,
		inkWithoutDevtools,
		dropAjv,
		inkWritesThroughTheWriter,
		lazyRgiEmoji,
		lazySemver,
		lazyChildProcess,
		lazyCrypto,
	],
	// React checks NODE_ENV at run time; the production build is much cheaper per render.
	// Segmenters are made at their first use, not when their module loads (source/terminal/lazy-segmenter.ts).
	// A script has no import.meta: the launcher passes the bundle's URL.
	define: {'process.env.NODE_ENV': '"production"', 'Intl.Segmenter': 'LazySegmenter', 'import.meta.url': '__glmImportMetaUrl'},
	inject: [path.join(root, 'source/terminal/lazy-segmenter.ts')],
	// Node 20 has /v regular expressions. Left as literals, V8 parses them with their module and compiles them
	// at their first use; lowered to new RegExp(..., 'v') at load they would be compiled too (see lazyRgiEmoji).
	supported: {'regexp-set-notation': true, 'regexp-unicode-property-escapes': true, 'regexp-match-indices': true},
	logLevel: 'warning',
	// A named import that a stand-in above does not provide must fail the build, not be undefined at run time.
	logOverride: {'import-is-undefined': 'error'},
});

// The launcher names its code cache after the bundle's content: a cache never outlives the code it was made of.
const buildId = createHash('sha256')
	.update(readFileSync(path.join(staging, 'app.cjs')))
	.digest('hex')
	.slice(0, 16);
await build({
	entryPoints: [path.join(root, 'source/launch/launch.ts')],
	outfile: path.join(staging, 'launch.cjs'),
	bundle: true,
	format: 'cjs',
	platform: 'node',
	target: 'node20',
	minify: process.env['GLM_TUI_NO_MINIFY'] !== '1',
	legalComments: 'none',
	define: {BUILD_ID: JSON.stringify(buildId)},
	logLevel: 'warning',
});

const missed = [
	...Object.keys(inkModules),
	'string-width',
	'yoga-layout loader',
	'yoga-layout await',
	'ink raw frame',
	'string-width emoji regex',
	'conf semver',
	'terminal-size child_process',
	'node:crypto',
	'ink devtools',
	'ajv/dist/2020.js',
	'ajv-formats',
].filter((each) => !replaced.has(each));
if (missed.length > 0) {
	rmSync(staging, {recursive: true, force: true});
	throw new Error(`ink's ${missed.join(', ')} were not replaced: has ink's layout changed?`);
}
// A script compiled by vm.Script has no loader for import(): everything must be in the bundle or require()d.
const dynamicImports = Object.values(metafile.outputs).flatMap(({imports}) => imports.filter(({kind}) => kind === 'dynamic-import'));
if (dynamicImports.length > 0) {
	rmSync(staging, {recursive: true, force: true});
	throw new Error(
		`the bundle imports ${dynamicImports.map(({path}) => path).join(', ')} at run time: source/launch/launch.ts cannot load it`,
	);
}
writeFileSync(path.join(staging, 'THIRD-PARTY-NOTICES.txt'), thirdPartyNotices(metafile));
// GLM_TUI_METAFILE=file.json: what went into each chunk, for looking into start-up and bundle size.
if (process.env['GLM_TUI_METAFILE']) writeFileSync(process.env['GLM_TUI_METAFILE'], JSON.stringify(metafile));
rmSync(dist, {recursive: true, force: true});
renameSync(staging, dist);

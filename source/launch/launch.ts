// What bin/glm-tui.cjs runs (built to dist/launch.cjs): sets V8's flags, then compiles and runs the app's bundle
// (dist/app.cjs, built from source/cli.tsx) from the code cache when there is one. Node 20 keeps no compiled
// code between runs for any module, so glm-tui keeps its own (code-cache.ts); v8-compile-cache does the same
// for require()d files, but saves at exit whatever the run compiled and reads a content hash at every start.
import fs from 'node:fs';
import path from 'node:path';
import {createRequire} from 'node:module';
import {pathToFileURL} from 'node:url';
import {setFlagsFromString} from 'node:v8';
import vm from 'node:vm';
import {storePaths} from '../store/paths.js';
import {codeCacheFile, readCodeCache, writeCodeCache} from './code-cache.js';

/** The bundle's content hash, put here by scripts/build.mjs. */
declare const BUILD_ID: string;

// V8 takes a code cache only from a process with the same flags, so every flag is set here, before the bundle
// is compiled, and never changed afterwards.

// A chat client is idle most of the time and busy in short bursts (a token, a frame, a key). V8 optimizes a
// function once it has run ~66 KB of bytecode; at that budget it keeps compiling lukewarm code in the
// background while an answer streams (~18% of the CPU of a 50 tokens/s answer here). Sixteen times the budget
// still optimizes what is really hot (a 1 MB paste, a 5,000-message conversation) a moment later.
setFlagsFromString('--interrupt-budget=1081344');
// V8 runs a regular expression's first match in its bytecode interpreter and compiles it on the second. marked's
// block rules (lheading, paragraph, html) backtrack heavily over a whole message, and interpreted they make the
// first frame's Markdown ~20 ms slower than compiled: every pattern is compiled at its first match instead.
setFlagsFromString('--no-regexp-tier-up');

const bundleFile = path.join(__dirname, 'app.cjs');
const cacheFile = codeCacheFile(storePaths(process.env).cacheDir, BUILD_ID);
const source = fs.readFileSync(bundleFile, 'utf8');
// What the bundle expects of a CommonJS module, and import.meta.url (esbuild replaces it).
const parameters = ['exports', 'require', 'module', '__filename', '__dirname', '__glmImportMetaUrl'];
// compileFunction, as Node's own require() does: the same bundle compiled as a vm.Script (whose code cache could
// also hold the functions the first frame compiles, ~45 ms more of start-up saved) streamed answers with ~40%
// more CPU per token, in more garbage collections.
const compile = (cachedData: Buffer | undefined) =>
	vm.compileFunction(source, parameters, {filename: bundleFile, cachedData, produceCachedData: cachedData === undefined});
let app = compile(readCodeCache(cacheFile));
if (app.cachedDataRejected === true) app = compile(undefined);
if (app.cachedDataProduced === true && app.cachedData) writeCodeCache(cacheFile, app.cachedData);

const bundle = {exports: {}};
app(bundle.exports, createRequire(bundleFile), bundle, bundleFile, path.dirname(bundleFile), pathToFileURL(bundleFile).href);

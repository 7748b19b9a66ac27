import hljs from 'highlight.js/lib/core';
import bash from 'highlight.js/lib/languages/bash';
import c from 'highlight.js/lib/languages/c';
import cpp from 'highlight.js/lib/languages/cpp';
import css from 'highlight.js/lib/languages/css';
import diff from 'highlight.js/lib/languages/diff';
import dockerfile from 'highlight.js/lib/languages/dockerfile';
import go from 'highlight.js/lib/languages/go';
import ini from 'highlight.js/lib/languages/ini';
import java from 'highlight.js/lib/languages/java';
import javascript from 'highlight.js/lib/languages/javascript';
import json from 'highlight.js/lib/languages/json';
import markdown from 'highlight.js/lib/languages/markdown';
import python from 'highlight.js/lib/languages/python';
import rust from 'highlight.js/lib/languages/rust';
import shell from 'highlight.js/lib/languages/shell';
import sql from 'highlight.js/lib/languages/sql';
import typescript from 'highlight.js/lib/languages/typescript';
import xml from 'highlight.js/lib/languages/xml';
import yaml from 'highlight.js/lib/languages/yaml';
import type {Style, Theme} from './theme.js';

/*
Syntax colouring for fenced code. highlight.js core with a fixed set of languages keeps start-up and bundle
small; unknown languages are shown plain (auto-detection is too slow for the render path). Its HTML output
is translated to SGR by applying only the innermost styled scope to each text run, so nested scopes never
produce nested open/close pairs.
*/

const languages = {
	bash,
	c,
	cpp,
	css,
	diff,
	dockerfile,
	go,
	ini,
	java,
	javascript,
	json,
	markdown,
	python,
	rust,
	shell,
	sql,
	typescript,
	xml,
	yaml,
};
let registered = false;

// Compiling the grammars takes tens of milliseconds: done at the first code block, not at start-up.
function register(): void {
	if (registered) return;
	registered = true;
	for (const [name, language] of Object.entries(languages)) {
		hljs.registerLanguage(name, language);
	}

	// Fence labels models use that the grammars do not already alias.
	hljs.registerAliases(['sh', 'zsh', 'shellscript'], {languageName: 'bash'});
	hljs.registerAliases(['console', 'terminal', 'shell-session'], {languageName: 'shell'});
	hljs.registerAliases(['golang'], {languageName: 'go'});
	hljs.registerAliases(['jsonc', 'json5'], {languageName: 'json'});
	hljs.registerAliases(['mysql', 'postgresql', 'postgres', 'sqlite'], {languageName: 'sql'});
	hljs.registerAliases(['vue', 'svg'], {languageName: 'xml'});
}

/** Whether `language` (a fence label, any case) has a grammar. */
export function isKnownLanguage(language: string): boolean {
	register();
	return language !== '' && hljs.getLanguage(language.toLowerCase()) !== undefined;
}

// The first frame should not wait for grammars to compile (tens of milliseconds for a screen with a few
// languages): while held, code is left plain, and releasing says whether anything has to be drawn again.
let held = false;
let leftPlain = false;
let generation = 0;

export function holdHighlighting(): void {
	held = true;
}

/** True when code was left plain while held: whatever cached rendered lines must render them again. */
export function releaseHighlighting(): boolean {
	held = false;
	if (!leftPlain) return false;
	leftPlain = false;
	generation++;
	return true;
}

/** Changes when releasing left something to highlight: part of the key of anything cached from highlight(). */
export function highlightGeneration(): number {
	return generation;
}

const caches = new WeakMap<Theme, Map<string, string>>();
const cacheLimit = 128;

/**
 * `code` with SGR colours for `language`; plain `code` when the language is unknown or the grammar fails.
 * Results are memoized per theme: highlighting does not depend on the width, so a resize re-wraps without
 * re-highlighting.
 */
export function highlight(code: string, language: string, theme: Theme): string {
	const name = language.toLowerCase();
	if (held && code !== '' && name !== '') {
		leftPlain = true;
		return code;
	}

	if (code === '' || !isKnownLanguage(name)) {
		return code;
	}

	let cache = caches.get(theme);
	if (!cache) {
		cache = new Map();
		caches.set(theme, cache);
	}

	const key = `${name}\u0000${code}`;
	const cached = cache.get(key);
	if (cached !== undefined) {
		return cached;
	}

	let result: string;
	try {
		result = htmlToAnsi(hljs.highlight(code, {language: name, ignoreIllegals: true}).value, theme.syntax);
	} catch {
		result = code;
	}

	if (cache.size >= cacheLimit) {
		const oldest = cache.keys().next().value;
		if (oldest !== undefined) {
			cache.delete(oldest);
		}
	}

	cache.set(key, result);
	return result;
}

const htmlToken = /<span class="([^"]*)">|<\/span>|[^<]+/g;

function htmlToAnsi(html: string, syntax: Readonly<Record<string, Style>>): string {
	const stack: Array<Style | undefined> = [];
	let out = '';
	htmlToken.lastIndex = 0;
	for (let match = htmlToken.exec(html); match; match = htmlToken.exec(html)) {
		const token = match[0];
		if (match[1] !== undefined) {
			stack.push(styleFor(match[1], syntax) ?? stack.at(-1));
		} else if (token === '</span>') {
			stack.pop();
		} else {
			const text = unescapeHtml(token);
			const style = stack.at(-1);
			out += style ? style(text) : text;
		}
	}

	return out;
}

// `hljs-title function_` is the scope `title.function`; try the full scope, then its prefixes.
function styleFor(classes: string, syntax: Readonly<Record<string, Style>>): Style | undefined {
	const parts = classes.split(' ');
	const base = parts[0]?.startsWith('hljs-') ? parts[0].slice(5) : (parts[0] ?? '');
	let scope = [base, ...parts.slice(1).map((part) => part.replace(/_+$/, ''))].join('.');
	for (;;) {
		const style = syntax[scope];
		if (style) {
			return style;
		}

		const dot = scope.lastIndexOf('.');
		if (dot === -1) {
			return undefined;
		}

		scope = scope.slice(0, dot);
	}
}

const entities: Record<string, string> = {'&amp;': '&', '&lt;': '<', '&gt;': '>', '&quot;': '"', '&#x27;': "'", '&#39;': "'"};

function unescapeHtml(text: string): string {
	return text.includes('&') ? text.replace(/&(?:amp|lt|gt|quot|#x27|#39);/g, (entity) => entities[entity]!) : text;
}

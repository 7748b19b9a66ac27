import type {Style, Theme} from './theme.js';

/*
Syntax colouring for fenced code. highlight.js core with a fixed set of languages keeps start-up and bundle
small; unknown languages are shown plain (auto-detection is too slow for the render path). Its HTML output
is translated to SGR by applying only the innermost styled scope to each text run, so nested scopes never
produce nested open/close pairs.
*/

// The grammars are not part of the first frame: until they are loaded (loadHighlighting, once it is on
// screen), code is left plain, and loading says whether anything has to be drawn again.
let grammars: typeof import('./highlight-grammars.js') | undefined;
let loading: Promise<boolean> | undefined;
let leftPlain = false;
let generation = 0;

/** Loads the grammars; resolves true when code was left plain meanwhile: whatever cached rendered lines must render them again. */
export function loadHighlighting(): Promise<boolean> {
	loading ??= import('./highlight-grammars.js').then(
		(module) => {
			grammars = module;
			if (!leftPlain) return false;
			leftPlain = false;
			generation++;
			return true;
		},
		// Grammars that fail to load: code stays plain rather than the app failing.
		() => false,
	);
	return loading;
}

/** Changes when loading left something to highlight: part of the key of anything cached from highlight(). */
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
	if (!grammars) {
		if (code !== '' && name !== '') leftPlain = true;
		return code;
	}

	if (code === '' || !grammars.isKnownLanguage(name)) {
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
		result = htmlToAnsi(grammars.highlightHtml(code, name), theme.syntax);
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

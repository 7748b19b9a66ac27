// highlight.js with the grammars glm-tui colours, imported after the first frame (see loadHighlighting in
// highlight.ts): compiling and running ~90 KB of grammar code delayed the first frame by ~25 ms.
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

/** highlight.js's HTML for `code`; throws when the grammar fails. */
export function highlightHtml(code: string, language: string): string {
	register();
	return hljs.highlight(code, {language, ignoreIllegals: true}).value;
}

import {Chalk, type ChalkInstance} from 'chalk';

/*
Styles for rendered answers. Only the 16 basic colours plus bold/dim/italic/underline are used: they work
on every TERM these machines see (including `screen`), follow the user's palette (light or dark), and make
the output identical at chalk levels 1-3, so tests are deterministic. Level 0 gives plain text (NO_COLOR).
The chalk instance is private to the theme; the global chalk's auto-detected level never leaks in.
*/

export type Style = (text: string) => string;

export type Theme = {
	heading: readonly [Style, Style, Style];
	headingMarker: Style;
	strong: Style;
	em: Style;
	del: Style;
	code: Style;
	link: Style;
	url: Style;
	quoteBar: Style;
	bullet: Style;
	rule: Style;
	codeLabel: Style;
	tableBorder: Style;
	tableHeader: Style;
	taskDone: Style;
	taskOpen: Style;
	muted: Style;
	/** highlight.js scope (`keyword`, `title.function`, ...) to style; unknown scopes stay plain. */
	syntax: Readonly<Record<string, Style>>;
};

export type ColorLevel = 0 | 1 | 2 | 3;

export function createTheme(level: ColorLevel = 1): Theme {
	const c: ChalkInstance = new Chalk({level});
	const keyword = c.magenta;
	const type = c.cyan;
	const literal = c.yellow;
	const string = c.green;
	const comment = c.dim.italic;
	const title = c.blue;
	return {
		heading: [c.bold.magenta, c.bold.cyan, c.bold],
		headingMarker: c.dim,
		strong: c.bold,
		em: c.italic,
		del: c.strikethrough,
		code: c.yellow,
		link: c.blue.underline,
		url: c.dim,
		quoteBar: c.dim,
		bullet: c.cyan,
		rule: c.dim,
		codeLabel: c.dim,
		tableBorder: c.dim,
		tableHeader: c.bold,
		taskDone: c.green,
		taskOpen: c.dim,
		muted: c.dim,
		syntax: {
			keyword,
			'selector-tag': keyword,
			doctag: keyword,
			built_in: type,
			type,
			'title.class': type,
			'title.class.inherited': type,
			literal,
			number: literal,
			symbol: literal,
			bullet: literal,
			attr: literal,
			attribute: literal,
			'variable.constant': literal,
			string,
			regexp: string,
			'char.escape': string,
			addition: string,
			comment,
			quote: comment,
			meta: c.dim,
			'meta.keyword': keyword,
			'meta.string': string,
			title,
			'title.function': title,
			'title.function.invoke': title,
			section: c.blue.bold,
			name: title,
			tag: c.dim,
			'selector-id': title,
			'selector-class': title,
			'template-variable': literal,
			'variable.language': keyword,
			property: type,
			deletion: c.red,
			emphasis: c.italic,
			strong: c.bold,
			link: c.underline,
		},
	};
}

export const defaultTheme: Theme = createTheme(1);

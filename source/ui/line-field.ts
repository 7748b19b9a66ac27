import {snap} from '../text/unicode.js';
import {formatCount} from './format-count.js';
import {defineMessages} from '../i18n/catalog.js';
import {insert, type TextBuffer} from './text-buffer.js';

/*
The one-line fields (conversation name, picker filter, API key) hold at most `lineFieldLimit` characters:
far more than any name (200), filter or key needs, and little enough that drawing and filtering stay
instant. A 100 KB paste into the name field used to freeze the app for minutes while ink measured it. What
does not fit is dropped at a grapheme boundary, and the caller says so (`fieldCutNotice`).
*/

export const lineFieldLimit = 1000;

const messages = defineMessages(
	'line-field',
	{cut: `Cut at ${formatCount(lineFieldLimit)} characters: a one-line field holds no more.`},
	{cut: `已截断为 ${formatCount(lineFieldLimit)} 个字符：单行输入框最多只能容纳这么多。`},
);

/** Said when a paste or key did not fit. */
export const fieldCutNotice = (): string => messages.cut;

export type FieldEdit = {field: TextBuffer; cut: boolean};

/** Inserts typed or pasted text at the cursor, as much as fits. */
export function insertInField(field: TextBuffer, text: string, limit = lineFieldLimit): FieldEdit {
	const room = limit - field.text.length;
	if (text.length <= room) return {field: insert(field, text), cut: false};
	const fits = room > 0 ? text.slice(0, snap(text, room, 'back')) : '';
	return {field: fits === '' ? field : insert(field, fits), cut: true};
}

/**
A paste into a one-line field, made fit by `clean` (sanitizeLine for names and filters). Only the start of
a huge paste is cleaned: the rest could not fit anyway.
*/
export function pasteInField(field: TextBuffer, text: string, clean: (text: string) => string, limit = lineFieldLimit): FieldEdit {
	const head = text.length > limit * 4 ? text.slice(0, limit * 4) : text;
	const edit = insertInField(field, clean(head), limit);
	return head.length < text.length ? {field: edit.field, cut: true} : edit;
}

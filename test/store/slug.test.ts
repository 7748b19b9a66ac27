import {describe, expect, it} from 'vitest';
import {MAX_SLUG_LENGTH, SLUG_PATTERN, isValidId, slugify, uniqueSlug, validateName} from '../../source/store/slug.js';

describe('slugify', () => {
	it.each([
		['My Notes', 'my-notes'],
		['Café crème', 'cafe-creme'],
		['../../x', 'x'],
		['a/b', 'a-b'],
		['snake_case name', 'snake_case-name'],
		['ＧＬＭ　４', 'glm-4'],
		['Rust 学习笔记', 'rust'],
		['con', 'c-con'],
		['NUL', 'c-nul'],
		['lpt1', 'c-lpt1'],
	])('%j -> %s', (name, slug) => {
		expect(slugify(name)).toBe(slug);
	});

	it.each(['学习笔记', '🎉🎉', '.', '..', '---', '\u0000\u001b', '"\'`'])('gives %j a stable hashed id', (name) => {
		const slug = slugify(name);
		expect(slug).toMatch(/^c-[0-9a-f]{8}$/);
		expect(slugify(name)).toBe(slug);
	});

	it('gives different CJK names different ids', () => {
		expect(slugify('学习笔记')).not.toBe(slugify('工作笔记'));
	});

	it('always matches the id pattern and stays within 60 characters', () => {
		for (const name of ['x'.repeat(300), `${'ab-'.repeat(40)}`, 'é'.repeat(100), ' -leading and trailing- ', '_x_']) {
			const slug = slugify(name);
			expect(slug).toMatch(SLUG_PATTERN);
			expect(slug.length).toBeLessThanOrEqual(MAX_SLUG_LENGTH);
		}
	});
});

describe('uniqueSlug', () => {
	it('numbers from 2 and keeps within the length limit', () => {
		const taken = new Set(['notes', 'notes-2']);
		expect(uniqueSlug('notes', (id) => taken.has(id))).toBe('notes-3');
		const long = 'a'.repeat(MAX_SLUG_LENGTH);
		const next = uniqueSlug(long, (id) => id === long);
		expect(next).toBe(`${'a'.repeat(MAX_SLUG_LENGTH - 2)}-2`);
		expect(next.length).toBe(MAX_SLUG_LENGTH);
	});
});

describe('validateName', () => {
	it('accepts free text, CJK, emoji, quotes and path-like names', () => {
		for (const name of ['Notes', '学习 笔记 🎉', 'say "hi"', '../../x', 'a/b', 'con', '.', 'x'.repeat(200)]) {
			expect(validateName(name)).toBeUndefined();
		}
	});

	it.each([
		['', /empty/],
		['   \t ', /empty/],
		['x'.repeat(201), /longer than 200/],
		['line\nbreak', /control/],
		['red \u001b[31mtext', /control/],
		['bell\u0007', /control/],
		['evil\u202Eexe.txt', /control/],
	])('refuses %j', (name, reason) => {
		expect(validateName(name)).toMatch(reason);
	});

	it('counts characters, not UTF-16 units', () => {
		expect(validateName('🎉'.repeat(200))).toBeUndefined();
	});
});

describe('isValidId', () => {
	it.each(['../x', 'a/b', '', '.hidden', '-x', 'X', 'a.b', 'a b'])('refuses %j', (id) => {
		expect(isValidId(id)).toBe(false);
	});
});

import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import {describe, expect, it} from 'vitest';
import {StoreError, describeFileError} from '../../source/store/errors.js';

function failure(run: () => void): unknown {
	try {
		run();
	} catch (error) {
		return error;
	}
	throw new Error('did not fail');
}

describe('describeFileError', () => {
	it('says what a real failed write means, with the path only when asked', () => {
		const directory = fs.mkdtempSync(path.join(os.tmpdir(), 'glm-tui-errors-'));
		try {
			const file = path.join(directory, 'plain');
			fs.writeFileSync(file, '');
			const error = failure(() => fs.writeFileSync(path.join(file, 'inside.json'), '{}'));
			expect(describeFileError(error)).toBe('part of the path is a file, not a folder (ENOTDIR)');
			expect(describeFileError(error, {withPath: true})).toBe(
				`part of the path is a file, not a folder (${path.join(file, 'inside.json')}) (ENOTDIR)`,
			);
		} finally {
			fs.rmSync(directory, {recursive: true, force: true});
		}
	});

	it('names the common causes by their code', () => {
		const coded = (code: string) => Object.assign(new Error(`${code}: raw text`), {code});
		expect(describeFileError(coded('ENOSPC'))).toBe('the disk is full (ENOSPC)');
		expect(describeFileError(coded('EROFS'))).toBe('the file system is read-only (EROFS)');
		expect(describeFileError(coded('EACCES'))).toBe('no permission to write there (EACCES)');
	});

	it('passes other messages through without their full stop, so they can go on in a sentence', () => {
		const locked = new StoreError('locked', 'Another glm-tui is writing this conversation (lock x.lock); try again.');
		expect(describeFileError(locked)).toBe('Another glm-tui is writing this conversation (lock x.lock); try again');
		expect(describeFileError('plain text')).toBe('plain text');
	});
});

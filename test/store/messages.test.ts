// File errors are said in the interface language, the errno code kept for searching.
import {afterEach, expect, test} from 'vitest';
import {describeFileError} from '../../source/store/errors.js';
import {setLanguage} from '../../source/i18n/language.js';

afterEach(() => setLanguage('en'));

test('a full disk in English and in Chinese', () => {
	const full = Object.assign(new Error('no space'), {code: 'ENOSPC'});
	expect(describeFileError(full)).toBe('the disk is full (ENOSPC)');
	setLanguage('zh');
	expect(describeFileError(full)).toBe('磁盘已满（ENOSPC）');
	expect(describeFileError(Object.assign(new Error('x'), {code: 'EROFS', path: '/data'}), {withPath: true})).toBe(
		'文件系统是只读的 (/data)（EROFS）',
	);
});

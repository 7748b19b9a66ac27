// Times the store's file system calls while `timing.on` is set, so the save figure can be split into
// fsync, write and read. Imported before anything else: stubborn-fs (under conf's atomic writes) binds
// fs.fsyncSync and friends when it loads, so the wrappers must be in place by then.
import fs from 'node:fs';
import {syncBuiltinESMExports} from 'node:module';
import {performance} from 'node:perf_hooks';

export const timing = {on: false, ms: {} as Record<string, number>};

for (const name of [
	'fsyncSync',
	'writeSync',
	'writeFileSync',
	'readFileSync',
	'renameSync',
	'openSync',
	'closeSync',
	'statSync',
] as const) {
	const original = fs[name] as (...args: unknown[]) => unknown;
	(fs as unknown as Record<string, unknown>)[name] = function (this: unknown, ...args: unknown[]) {
		if (!timing.on) return original.apply(this, args);
		const t0 = performance.now();
		try {
			return original.apply(this, args);
		} finally {
			timing.ms[name] = (timing.ms[name] ?? 0) + performance.now() - t0;
		}
	};
}
syncBuiltinESMExports();

// conf, with its file writes made by writeFileVerified instead of `atomically` (which renames a short write over
// the good file when the disk fills up). conf declares `_write` private, so it is replaced on this subclass's
// prototype rather than overridden in the class body; every conf store of glm-tui derives from this one.
import Conf from 'conf';
import {writeFileVerified} from './verified-write.js';

export class VerifiedConf<T extends Record<string, any> = Record<string, unknown>> extends Conf<T> {}

interface ConfInternals {
	path: string;
	_serialize(value: unknown): string | Uint8Array;
}

// Every glm-tui file is 0600 (configFileMode is in conf's private options; this also runs during conf's
// constructor, before a subclass field could hold it).
Object.defineProperty(VerifiedConf.prototype, '_write', {
	configurable: true,
	writable: true,
	value(this: ConfInternals, value: unknown): void {
		writeFileVerified(this.path, this._serialize(value), {mode: 0o600});
	},
});

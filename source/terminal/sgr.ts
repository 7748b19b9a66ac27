/*
The style in effect at a point of a styled string, so a wrapped line can reopen it at its start. Only SGR
and OSC 8 hyperlinks (hyperlink.ts) are understood: styled text here is produced by this program (chalk),
untrusted text was sanitized first. A hyperlink open at a line's end is closed there and reopened on the next
line, like a style, so every line stands alone and a link broken over lines is still one link.
Attributes are kept per slot rather than as a growing list of codes, so the reopen prefix stays short no
matter how many times a style was switched on and off before it.
*/

export const sgrReset = '\u001B[0m';

// Matches one SGR sequence at the start of the searched position (sticky); parameters only.
export const sgrRegex = /\u001B\[([\d;:]*)m/y;

/** One OSC 8 sequence (sticky): group 1 is the URI, empty for the sequence that ends a link. */
export const osc8Regex = /\u001B\]8;[^;\u0007\u001B]*;([\x21-\x7e]*)(?:\u0007|\u001B\\)/y;

export const osc8Close = '\u001B]8;;\u001B\\';
export const osc8Open = (uri: string): string => `\u001B]8;;${uri}\u001B\\`;

type Slot = 'bold' | 'dim' | 'italic' | 'underline' | 'blink' | 'inverse' | 'hidden' | 'strike' | 'overline' | 'fg' | 'bg' | 'ul';

const slotOrder: readonly Slot[] = [
	'bold',
	'dim',
	'italic',
	'underline',
	'blink',
	'inverse',
	'hidden',
	'strike',
	'overline',
	'fg',
	'bg',
	'ul',
];

const attributeOn: Record<number, Slot> = {
	1: 'bold',
	2: 'dim',
	3: 'italic',
	4: 'underline',
	5: 'blink',
	7: 'inverse',
	8: 'hidden',
	9: 'strike',
	21: 'underline',
	53: 'overline',
};

const attributeOff: Record<number, readonly Slot[]> = {
	22: ['bold', 'dim'],
	23: ['italic'],
	24: ['underline'],
	25: ['blink'],
	27: ['inverse'],
	28: ['hidden'],
	29: ['strike'],
	39: ['fg'],
	49: ['bg'],
	55: ['overline'],
	59: ['ul'],
};

export class SgrState {
	private readonly slots = new Map<Slot, string>();
	private cachedOpen: string | undefined = '';
	private uri = '';

	get active(): boolean {
		return this.slots.size > 0 || this.uri !== '';
	}

	/** What ends this state at a line's end: a reset and the link's end, as far as either is open. */
	get close(): string {
		return (this.slots.size > 0 ? sgrReset : '') + (this.uri === '' ? '' : osc8Close);
	}

	/** Apply one OSC 8 sequence's URI ('' ends the link). */
	link(uri: string): void {
		this.cachedOpen = undefined;
		this.uri = uri;
	}

	/** The sequence that re-establishes this state after a reset; '' when nothing is active. */
	get open(): string {
		if (this.cachedOpen === undefined) {
			const codes: string[] = [];
			for (const slot of slotOrder) {
				const code = this.slots.get(slot);
				if (code !== undefined) {
					codes.push(code);
				}
			}

			this.cachedOpen = (codes.length === 0 ? '' : `\u001B[${codes.join(';')}m`) + (this.uri === '' ? '' : osc8Open(this.uri));
		}

		return this.cachedOpen;
	}

	/** Apply the parameter string of one SGR sequence (what sits between `ESC[` and `m`). */
	apply(parameters: string): void {
		this.cachedOpen = undefined;
		if (parameters === '') {
			this.slots.clear();
			return;
		}

		const parts = parameters.split(';');
		for (let index = 0; index < parts.length; index++) {
			const part = parts[index]!;
			// Colon sub-parameters (`4:3`, `38:2::1:2:3`) are self-contained in one part.
			const code = Number.parseInt(part, 10);
			if (part === '' || code === 0) {
				this.slots.clear();
				continue;
			}

			if (code === 38 || code === 48 || code === 58) {
				const slot: Slot = code === 38 ? 'fg' : code === 48 ? 'bg' : 'ul';
				if (part.includes(':')) {
					this.slots.set(slot, part);
					continue;
				}

				const mode = parts[index + 1];
				const take = mode === '5' ? 2 : mode === '2' ? 4 : 0;
				this.slots.set(slot, parts.slice(index, index + 1 + take).join(';'));
				index += take;
				continue;
			}

			if ((code >= 30 && code <= 37) || (code >= 90 && code <= 97)) {
				this.slots.set('fg', part);
			} else if ((code >= 40 && code <= 47) || (code >= 100 && code <= 107)) {
				this.slots.set('bg', part);
			} else if (attributeOn[code] !== undefined) {
				this.slots.set(attributeOn[code]!, part);
			} else if (attributeOff[code] !== undefined) {
				for (const slot of attributeOff[code]!) {
					this.slots.delete(slot);
				}
			}
		}
	}
}

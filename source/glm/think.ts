/*
Separates GLM-Z1 style reasoning, sent inline as `<think>...</think>` in the content stream, from the
answer. Deltas may split a tag anywhere (`<thi` + `nk>`), so a tail that could still become the awaited tag
is held back until the next delta (or `end()`).

Choices:
- One think block per answer, as Z1 sends it: `<think>` is recognized until the first `</think>`; after
  that everything is content, so an answer that talks about `<think>` tags is not swallowed.
- Text before `<think>` is content (it is usually a newline or two).
- Newlines right after `<think>` and right after `</think>` are dropped: they are framing, not text.
- A think block never closed (stopped or cut off stream) leaves its text as reasoning; `end()` flushes
  whatever was held back, as text of the current side.
*/

export type ThinkPieces = {
	reasoning: string;
	content: string;
};

const openTag = '<think>';
const closeTag = '</think>';

type Phase = 'before' | 'thinking' | 'after';

export class ThinkSplitter {
	private phase: Phase = 'before';
	private held = '';
	private trimLeading = false;

	/** True between `<think>` and `</think>`: the model is reasoning. */
	get thinking(): boolean {
		return this.phase === 'thinking';
	}

	push(delta: string): ThinkPieces {
		const pieces: ThinkPieces = {reasoning: '', content: ''};
		let text = this.held + delta;
		this.held = '';
		while (text !== '') {
			if (this.phase === 'after') {
				this.emit(pieces, text);
				break;
			}

			const tag = this.phase === 'before' ? openTag : closeTag;
			const index = text.indexOf(tag);
			if (index === -1) {
				const keep = partialTagLength(text, tag);
				this.emit(pieces, text.slice(0, text.length - keep));
				this.held = text.slice(text.length - keep);
				break;
			}

			this.emit(pieces, text.slice(0, index));
			this.phase = this.phase === 'before' ? 'thinking' : 'after';
			this.trimLeading = true;
			text = text.slice(index + tag.length);
		}

		return pieces;
	}

	/** Flushes a held partial tag at the end of the stream. */
	end(): ThinkPieces {
		const pieces: ThinkPieces = {reasoning: '', content: ''};
		const text = this.held;
		this.held = '';
		this.emit(pieces, text);
		return pieces;
	}

	private emit(pieces: ThinkPieces, raw: string): void {
		let text = raw;
		if (this.trimLeading && text !== '') {
			text = text.replace(/^[\r\n]+/, '');
			if (text === '') {
				return;
			}

			this.trimLeading = false;
		}

		if (this.phase === 'thinking') {
			pieces.reasoning += text;
		} else {
			pieces.content += text;
		}
	}
}

// Length of the longest suffix of `text` that is a proper prefix of `tag`.
function partialTagLength(text: string, tag: string): number {
	const start = text.lastIndexOf('<', text.length - 1);
	if (start === -1 || text.length - start >= tag.length) {
		return 0;
	}

	return tag.startsWith(text.slice(start)) ? text.length - start : 0;
}

export function createThinkSplitter(): ThinkSplitter {
	return new ThinkSplitter();
}

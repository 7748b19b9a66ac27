// What the store could not use, told once each: files moved aside, written by a newer glm-tui, unreadable.
/** A file the store could not use. `String(problem)` is the message, ready to show. */
export class StoreProblem {
	constructor(
		readonly kind: 'corrupt' | 'newer-format' | 'unreadable',
		readonly id: string,
		readonly file: string,
		readonly message: string,
		/** For `corrupt`: where the original bytes are now. */
		readonly movedTo?: string,
	) {}

	toString(): string {
		return this.message;
	}
}

/** Problems not yet taken, each told once (by key) to the listener as it is found. */
export class ProblemLog {
	readonly #pending: StoreProblem[] = [];
	readonly #reported = new Set<string>();

	constructor(private readonly onProblem: ((problem: StoreProblem) => void) | undefined) {}

	report(problem: StoreProblem, key = `${problem.kind}:${problem.file}:${problem.movedTo ?? ''}`): void {
		if (this.#reported.has(key)) return;
		this.#reported.add(key);
		this.#pending.push(problem);
		this.onProblem?.(problem);
	}

	take(): StoreProblem[] {
		return this.#pending.splice(0);
	}
}

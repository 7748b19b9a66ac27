// Versions of a conversation's continuation. Editing an earlier question and sending it, or regenerating an
// answer, does not delete what followed: it is kept as an earlier version of the conversation from that point,
// and a key brings it back. `conversation.messages` stays the shown path (what is drawn, searched, exported as
// Markdown and sent), so nothing else needs to know about versions.
//
// The other versions hang on the message before the point where they part (`Message.versions`), or on the
// conversation when they part at the first message (`Conversation.versions`): `others` are the hidden tails (each
// the messages from that point on), `shown` is the place of the shown tail among all of them, in the order they
// were written. A tail that leaves the shown path is listed in removedIds (merge.ts then never brings it back
// from another copy); one that comes back gets fresh ids for the same reason.
import type {Conversation, Message, Versions} from '../domain/types.js';

export type NewId = () => string;

/** Where the versions of the tail that starts at `at` are kept. */
function versionsAt(conversation: Conversation, at: number): Versions | undefined {
	return at === 0 ? conversation.versions : conversation.messages[at - 1]?.versions;
}

function setVersionsAt(conversation: Conversation, at: number, versions: Versions, now: string): void {
	if (at === 0) {
		conversation.versions = versions;
		return;
	}
	// A changed anchor is newer than any copy another glm-tui holds: merging keeps this one.
	conversation.messages[at - 1] = {...conversation.messages[at - 1]!, versions, updatedAt: now};
}

function hide(conversation: Conversation, tail: readonly Message[]): void {
	if (tail.length === 0) return;
	const removed = new Set(conversation.removedIds ?? []);
	for (const message of tail) removed.add(message.id);
	conversation.removedIds = [...removed];
}

/** How many versions the tail from `at` has, and which is shown (1-based); undefined when it has one. */
export function versionOf(conversation: Conversation, at: number): {shown: number; count: number} | undefined {
	const versions = versionsAt(conversation, at);
	if (!versions || versions.others.length === 0) return undefined;
	return {shown: versions.shown + 1, count: versions.others.length + 1};
}

/**
 * Replaces the tail from `at` with `tail`, keeping the old tail as the version before it. The new tail is
 * shown and counts as the newest version.
 */
export function branch(conversation: Conversation, at: number, tail: Message[], now: string): void {
	const old = conversation.messages.slice(at);
	const versions = versionsAt(conversation, at) ?? {others: [], shown: 0};
	const all = [...versions.others];
	all.splice(versions.shown, 0, old);
	hide(conversation, old);
	conversation.messages = [...conversation.messages.slice(0, at), ...tail];
	setVersionsAt(
		conversation,
		at,
		{others: all.filter((each) => each.length > 0), shown: all.filter((each) => each.length > 0).length},
		now,
	);
}

/**
 * Shows the version `step` away (-1 the one before, +1 the one after) of the tail from `at`. Returns false when
 * there is none that way.
 */
export function cycle(conversation: Conversation, at: number, step: number, now: string, newId: NewId): boolean {
	const versions = versionsAt(conversation, at);
	if (!versions || versions.others.length === 0) return false;
	const all = [...versions.others];
	all.splice(versions.shown, 0, conversation.messages.slice(at));
	const target = versions.shown + step;
	if (target < 0 || target >= all.length) return false;
	const [chosen] = all.splice(target, 1);
	hide(conversation, conversation.messages.slice(at));
	const restored = chosen!.map((message) => ({...message, id: newId()}));
	conversation.messages = [...conversation.messages.slice(0, at), ...restored];
	setVersionsAt(conversation, at, {others: all, shown: target}, now);
	return true;
}

/** The last point of the shown path that has other versions: where the version keys act. */
export function lastBranchPoint(conversation: Conversation): number | undefined {
	for (let at = conversation.messages.length - 1; at >= 0; at--) if (versionOf(conversation, at)) return at;
	return undefined;
}

/** Every message of every version, shown or not: for checks that nothing was lost. */
export function allMessages(conversation: Conversation): Message[] {
	const out: Message[] = [];
	const walkTail = (tail: readonly Message[]) => {
		for (const message of tail) {
			out.push(message);
			for (const other of message.versions?.others ?? []) walkTail(other);
		}
	};
	for (const other of conversation.versions?.others ?? []) walkTail(other);
	walkTail(conversation.messages);
	return out;
}

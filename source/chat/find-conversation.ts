// A conversation from what a person typed (`/open 12`, `glm-tui export notes`), by the numbers every list shows.
import {chatText} from './chat-messages.js';
import {nameKey} from '../store/order.js';
import {sanitizeLine} from '../text/sanitize.js';

type Listed = {id: string; name: string};

export type Lookup<T> =
	| {type: 'found'; conversation: T; position: number}
	| {type: 'ambiguous'; candidates: Array<{conversation: T; position: number}>}
	| {type: 'none'};

/**
 * What `query` names in `list` (already in listOrder): a number is a position (1 is the first), never part
 * of an id; then the exact name or id; then the one conversation whose name holds every word. Several
 * such conversations are returned as candidates, not guessed between.
 */
export function findConversation<T extends Listed>(list: readonly T[], query: string): Lookup<T> {
	const wanted = query.trim();
	if (wanted === '') return {type: 'none'};
	const at = (index: number) => ({conversation: list[index]!, position: index + 1});
	if (/^\d+$/.test(wanted)) {
		const position = Number(wanted);
		if (position >= 1 && position <= list.length) return {type: 'found', ...at(position - 1)};
	}
	const key = nameKey(wanted);
	const exact = list.flatMap((each, index) => (nameKey(each.name) === key || each.id === wanted ? [at(index)] : []));
	if (exact.length === 1) return {type: 'found', ...exact[0]!};
	if (exact.length > 1) return {type: 'ambiguous', candidates: exact};
	const words = key.split(/\s+/).filter(Boolean);
	const partial = list.flatMap((each, index) => {
		const name = nameKey(each.name);
		return words.every((word) => name.includes(word)) ? [at(index)] : [];
	});
	if (partial.length === 1) return {type: 'found', ...partial[0]!};
	if (partial.length > 1) return {type: 'ambiguous', candidates: partial};
	return {type: 'none'};
}

/** "3 conversations match "notes": 2 Notes, 5 Notes old, 7 notes 2026. Give the number." — names neutralized. */
export function describeCandidates<T extends Listed>(
	query: string,
	candidates: ReadonlyArray<{conversation: T; position: number}>,
	shown = 8,
): string {
	const listed = candidates.slice(0, shown).map(({conversation, position}) => `${position} ${sanitizeLine(conversation.name)}`);
	return chatText.candidates(
		candidates.length,
		sanitizeLine(query),
		listed.join(chatText.listSeparator),
		Math.max(0, candidates.length - shown),
	);
}

// The picker's filter: every word must appear in the name or, failing that, in the conversation's text.
import type {ConversationSummaryLike} from '../chat/controller.js';

export function filterConversations<T extends ConversationSummaryLike>(
	conversations: T[],
	filter: string,
	contentOf: (id: string) => string | undefined,
): T[] {
	const words = filter.toLowerCase().split(/\s+/).filter(Boolean);
	if (words.length === 0) return conversations;
	const byName: T[] = [];
	const byContent: T[] = [];
	for (const conversation of conversations) {
		const name = conversation.name.toLowerCase();
		if (words.every((word) => name.includes(word) || conversation.id.includes(word))) {
			byName.push(conversation);
			continue;
		}
		const content = contentOf(conversation.id)?.toLowerCase();
		if (content && words.every((word) => name.includes(word) || content.includes(word))) byContent.push(conversation);
	}
	return [...byName, ...byContent];
}

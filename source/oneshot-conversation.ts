// `glm-tui -c NAME|N -p ...` and `--new NAME`: a one-shot turn inside a saved conversation. The question is
// saved before the request (as in the chat screen), the answer when it ends, however it ends.
import {conversationText, questionText} from './cli-messages.js';
import {randomUUID} from 'node:crypto';
import {openConversationStore, type ConversationStore} from './store/conversations.js';
import {buildRequest} from './chat/request.js';
import {describeCandidates, findConversation} from './chat/find-conversation.js';
import {failTurn, failsTurn} from './chat/turns.js';
import {sanitizeLine} from './terminal/sanitize.js';
import type {ChatRequest} from './glm/types.js';
import type {Conversation, ConversationSettings, Message, MessageState, Usage} from './chat/types.js';

export interface TurnResult {
	content: string;
	reasoning: string;
	state: Exclude<MessageState, 'streaming'>;
	usage?: Usage;
	finishReason?: string;
	error?: string;
}

export interface SavedTurn {
	request: ChatRequest;
	/** Saves the answer; returns a sentence when the save failed (the answer was still printed). */
	finish(result: TurnResult): string | undefined;
}

export class ConversationNotFound extends Error {}

/** A conversation as `glm-tui export` and `/open` find it: by its number in `glm-tui list`, its name or its id. */
function conversationId(store: ConversationStore, query: string): string {
	const list = store.list();
	const found = findConversation(list, query);
	if (found.type === 'found') return found.conversation.id;
	if (found.type === 'ambiguous') throw new ConversationNotFound(describeCandidates(query, found.candidates));
	if (/^\d+$/.test(query.trim())) {
		throw new ConversationNotFound(list.length === 0 ? questionText.noNumberNone(query.trim()) : questionText.noNumber(query.trim(), list.length));
	}
	throw new ConversationNotFound(conversationText.notFound(sanitizeLine(query)));
}

export function openTurn(options: {
	question: string;
	continue?: string;
	newName?: string;
	/** Flags given on this command line win over the conversation's own settings. */
	overrides: Partial<ConversationSettings>;
	defaults: ConversationSettings;
}): SavedTurn {
	const store = openConversationStore();
	let conversation: Conversation;
	if (options.continue !== undefined) {
		conversation = store.load(conversationId(store, options.continue));
	} else {
		// Names are unique: a second `--new notes` (or the default name) gets `notes (2)` rather than failing a script.
		conversation = store.create({...options.defaults, ...options.overrides, name: options.newName ?? 'one-shot'}, 'suffix');
		options.overrides = {};
	}
	const now = () => new Date().toISOString();
	const question: Message = {id: messageId(), role: 'user', content: options.question, state: 'complete', time: now()};
	conversation.messages.push(question);
	conversation = store.save(conversation);
	// Flags are for this turn: the conversation keeps its own model and settings.
	const {request} = buildRequest({...conversation, ...options.overrides});
	return {
		request,
		finish(result) {
			const answer: Message = {
				id: messageId(),
				role: 'assistant',
				content: result.state === 'filtered' ? '' : result.content,
				state: result.state,
				time: now(),
				model: conversation.model,
				...(result.reasoning ? {reasoning: result.reasoning} : {}),
				...(result.usage ? {usage: result.usage} : {}),
				...(result.finishReason && result.finishReason !== 'stop' ? {finishReason: result.finishReason} : {}),
				...(result.error ? {error: result.error} : {}),
			};
			conversation.messages.push(answer);
			// As in the chat screen: a failed turn's question is marked and left out of later requests.
			if (failsTurn(answer)) failTurn(conversation, answer.id, now());
			try {
				store.save(conversation);
				return undefined;
			} catch (error) {
				return `the answer could not be saved into "${sanitizeLine(conversation.name)}": ${(error as Error).message}`;
			}
		},
	};
}

const messageId = () => randomUUID().replaceAll('-', '').slice(0, 16);

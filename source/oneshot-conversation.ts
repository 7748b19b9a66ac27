// `glm-tui -c NAME|N -p ...` and `--new NAME`: a one-shot turn inside a saved conversation. The question is
// saved before the request (as in the chat screen), the answer when it ends, however it ends.
import {conversationText, questionText} from './cli-messages.js';
import {randomUUID} from 'node:crypto';
import {openConversationStore, type ConversationStore} from './store/conversations.js';
import {buildRequest} from './chat/request.js';
import {describeCandidates, findConversation} from './chat/find-conversation.js';
import {failTurn, failsTurn} from './chat/turns.js';
import {sanitizeLine} from './text/sanitize.js';
import {describeFileError, isStoreError, isUnwritable} from './store/errors.js';
import type {ChatRequest} from './glm/types.js';
import type {Conversation, ConversationSettings, Message, MessageState, Usage, WebSource} from './domain/types.js';

export interface TurnResult {
	content: string;
	reasoning: string;
	state: Exclude<MessageState, 'streaming'>;
	usage?: Usage;
	finishReason?: string;
	error?: string;
	sources?: WebSource[];
}

export interface SavedTurn {
	request: ChatRequest;
	/** Set when the question could not be saved (a read-only or full folder): the answer is asked for anyway. */
	unsaved?: string;
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
		throw new ConversationNotFound(
			list.length === 0 ? questionText.noNumberNone(query.trim()) : questionText.noNumber(query.trim(), list.length),
		);
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
	const now = () => new Date().toISOString();
	let conversation: Conversation;
	let unsaved: string | undefined;
	if (options.continue !== undefined) {
		conversation = store.load(conversationId(store, options.continue));
	} else {
		const settings = {...options.defaults, ...options.overrides};
		options.overrides = {};
		const name = options.newName ?? 'one-shot';
		try {
			// Names are unique: a second `--new notes` (or the default name) gets `notes (2)` rather than failing a script.
			conversation = store.create({...settings, name}, 'suffix');
		} catch (error) {
			if (!cannotWrite(error)) throw error;
			// The question is on the command line, so nothing is lost by asking anyway; the save is tried again at the end.
			unsaved = `"${sanitizeLine(name)}" could not be created: ${describeFileError(isStoreError(error) ? error.cause : error)}`;
			conversation = {...settings, id: 'one-shot', name, createdAt: now(), updatedAt: now(), messages: []};
		}
	}
	const question: Message = {id: messageId(), role: 'user', content: options.question, state: 'complete', time: now()};
	conversation.messages.push(question);
	if (unsaved === undefined) {
		try {
			conversation = store.save(conversation);
		} catch (error) {
			if (!cannotWrite(error)) throw error;
			unsaved = `the question could not be saved into "${sanitizeLine(conversation.name)}": ${describeFileError(error)}`;
		}
	}
	// Flags are for this turn: the conversation keeps its own model and settings.
	const {request} = buildRequest({...conversation, ...options.overrides});
	return {
		request,
		...(unsaved === undefined ? {} : {unsaved}),
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
				...(result.sources ? {sources: result.sources} : {}),
			};
			conversation.messages.push(answer);
			// As in the chat screen: a failed turn's question is marked and left out of later requests.
			if (failsTurn(answer)) failTurn(conversation, answer.id, now());
			try {
				store.save(conversation);
				return undefined;
			} catch (error) {
				return `the answer could not be saved into "${sanitizeLine(conversation.name)}": ${describeFileError(error)}`;
			}
		},
	};
}

/** A folder that cannot be written now (read-only, full): the answer can still be asked for and printed. */
function cannotWrite(error: unknown): boolean {
	return isUnwritable(error) || isStoreError(error, 'unwritable');
}

const messageId = () => randomUUID().replaceAll('-', '').slice(0, 16);

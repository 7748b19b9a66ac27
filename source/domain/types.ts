// The domain types every layer shares. Stored on disk as-is, so changes need a store migration.

export type MessageState = 'complete' | 'stopped' | 'failed' | 'filtered' | 'streaming';

export interface Usage {
	promptTokens: number;
	completionTokens: number;
	totalTokens: number;
	cachedTokens?: number;
	reasoningTokens?: number;
}

export interface Message {
	/** Unique within a conversation; lets two processes merge their writes. */
	id: string;
	role: 'user' | 'assistant';
	content: string;
	/** Assistant reasoning (reasoning_content or <think>...</think>), kept apart from the answer. */
	reasoning?: string;
	state: MessageState;
	/** ISO 8601 time the message was created. */
	time: string;
	/** ISO 8601 time of a change after creation. When two processes saved different versions of one message,
	 * the store keeps the final (non-streaming) one, then the one with the later `updatedAt ?? time`. */
	updatedAt?: string;
	model?: string;
	usage?: Usage;
	/** GLM finish_reason when it was not `stop` (length, network_error, sensitive, ...). */
	finishReason?: string;
	/** A person-readable reason for `failed` / `filtered`. */
	error?: string;
	/** On a `streaming` answer saved while it grows: the process writing it, `host:pid` (see chat/writer.ts). */
	writer?: string;
	/** The answer ended after the terminal of the glm-tui writing it went away (SSH drop). */
	finishedDetached?: boolean;
	/** Files attached to a question (`@path`, /file), kept whole so the question can be asked again as it was. */
	attachments?: AttachedFile[];
	/** The web pages GLM's web search gave for this answer (`/web on`). */
	sources?: WebSource[];
	/** Other versions of what follows this message (an edited question, a regenerated answer): chat/versions.ts. */
	versions?: Versions;
}

/** The hidden continuations from one point of a conversation, and the place of the shown one among them all. */
export interface Versions {
	others: Message[][];
	shown: number;
}

/** A page GLM's web search found: its title, address and the site's name. */
export interface WebSource {
	title: string;
	link: string;
	media?: string;
}

/** A text file as it was when attached: the name as the user wrote it, the text, its size in bytes and lines. */
export interface AttachedFile {
	name: string;
	text: string;
	bytes: number;
	lines: number;
}

export type Thinking = 'enabled' | 'disabled';

export interface ConversationSettings {
	model: string;
	system?: string;
	temperature?: number;
	/** Undefined means "do not send the thinking parameter". */
	thinking?: Thinking;
	/** Ask GLM to search the web for the answers (its built-in web_search tool); off when undefined. */
	webSearch?: boolean;
}

export interface Conversation extends ConversationSettings {
	/** Safe slug, also the file name: ^[a-z0-9][a-z0-9_-]*$ */
	id: string;
	/** Free text, any Unicode; sanitized before it is shown. */
	name: string;
	createdAt: string;
	updatedAt: string;
	/** The unsent composer text. */
	draft?: string;
	messages: Message[];
	/** Ids of messages deleted on purpose (regenerate), so merging with another process's copy does not bring them back. */
	removedIds?: string[];
	/** Other versions of the whole conversation, from an edited first question (chat/versions.ts). */
	versions?: Versions;
}

export {storePaths, ensurePrivateDir, type Env, type StorePaths} from './paths.js';
export {StoreError, isStoreError, type StoreErrorCode} from './errors.js';
export {
	openSettings,
	resolveConfig,
	DEFAULT_MODEL,
	DEFAULT_BASE_URL,
	type Settings,
	type StoredSettings,
	type SettingKey,
	type ResolvedConfig,
	type ConfigFlags,
} from './settings.js';
export {
	openConversationStore,
	StoreProblem,
	type ConversationStore,
	type ConversationStoreOptions,
	type ConversationSummary,
	type NewConversation,
	type RestoredConversation,
	type TrashEntry,
} from './conversations.js';
export {slugify, uniqueSlug, validateName, isValidId, SLUG_PATTERN, MAX_NAME_LENGTH} from './slug.js';
export {mergeConversation, removeMessages} from './merge.js';

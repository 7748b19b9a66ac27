// GLM's own web search in a chat request: the built-in `web_search` tool, and the sources the service sends
// back. From docs.bigmodel.cn (Web Search in Chat; Web Search API: https://docs.bigmodel.cn/api-reference/
// 工具-api/网络搜索): the request carries `tools: [{type: "web_search", web_search: {enable: true,
// search_result: true}}]` (the `web_search` object is required with the tool); the response, and in a stream
// the chunk that carries them, has a top-level `web_search` array of {title, link, media, icon, content, refer,
// publish_date}. Only title, link and media are kept: what a person needs to judge and open a source.
import type {WebSource} from '../domain/types.js';

export interface WebSearchTool {
	type: 'web_search';
	web_search: {enable: boolean; search_result: boolean};
}

export const WEB_SEARCH_TOOL: WebSearchTool = {type: 'web_search', web_search: {enable: true, search_result: true}};

/** The sources of a response or chunk's `web_search` field; undefined when it has none. */
export function webSources(field: unknown): WebSource[] | undefined {
	if (!Array.isArray(field)) return undefined;
	const sources: WebSource[] = [];
	for (const item of field) {
		if (!item || typeof item !== 'object') continue;
		const {title, link, media} = item as Record<string, unknown>;
		if (typeof link !== 'string' || link === '') continue;
		const source: WebSource = {title: typeof title === 'string' && title.trim() !== '' ? title : link, link};
		if (typeof media === 'string' && media.trim() !== '') source.media = media;
		sources.push(source);
	}
	return sources.length > 0 ? sources : undefined;
}

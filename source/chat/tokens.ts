// A cheap, deliberately pessimistic token estimate. GLM's tokenizer is not available offline; CJK text costs
// about one token per character and Latin text about one per four characters, so count them apart.

const wideCharacter = /[\u2E80-\u9FFF\uAC00-\uD7AF\uF900-\uFAFF\uFF00-\uFFEF]|[\u{20000}-\u{3FFFF}]|\p{Extended_Pictographic}/gu;

export function estimateTokens(text: string): number {
	if (text.length === 0) return 0;
	const wide = text.match(wideCharacter)?.length ?? 0;
	const rest = text.length - wide;
	return wide + Math.ceil(rest / 3.5);
}

// JSON schema validation without ajv. conf compiles its schema with ajv in every instance it constructs
// (15-60 ms each: the settings, then each conversation opened), which start-up paid before the first frame.
// The store's schemas use a handful of keywords; this checks exactly those, with ajv's semantics and
// messages, and refuses any other keyword so a schema change cannot be silently ignored.
// test/store/schema.test.ts checks that it agrees with ajv, through conf, on the real schemas.

export interface JsonSchema {
	type?: 'object' | 'array' | 'string' | 'number' | 'boolean';
	enum?: ReadonlyArray<string | number | boolean | null>;
	minLength?: number;
	pattern?: string;
	minimum?: number;
	maximum?: number;
	required?: readonly string[];
	properties?: Readonly<Record<string, JsonSchema>>;
	items?: JsonSchema;
}

/** A document the schema refuses. The message names the first offending place, the way conf's does. */
export class SchemaViolation extends Error {
	override readonly name = 'SchemaViolation';
}

/** Throws SchemaViolation for a value the schema refuses. */
export type Validator = (value: unknown) => void;

export function compileSchema(schema: JsonSchema): Validator {
	const rule = new Rule(schema);
	return (value) => {
		const failure = check(rule, value);
		if (failure) throw new SchemaViolation(`schema violation: \`${failure.path}\` ${failure.message}`);
	};
}

const KEYWORDS = new Set(['type', 'enum', 'minLength', 'pattern', 'minimum', 'maximum', 'required', 'properties', 'items']);

// Every rule has the same shape and one function checks them all, so V8 optimizes that function once
// instead of meeting a different closure per keyword; 5,000 messages take a millisecond or two.
class Rule {
	readonly type: JsonSchema['type'];
	readonly allowed: JsonSchema['enum'];
	readonly minLength: number | undefined;
	readonly pattern: string | undefined;
	readonly regexp: RegExp | undefined;
	readonly minimum: number | undefined;
	readonly maximum: number | undefined;
	readonly required: readonly string[];
	readonly keys: readonly string[];
	readonly properties: readonly Rule[];
	readonly items: Rule | undefined;

	constructor(schema: JsonSchema) {
		for (const keyword of Object.keys(schema)) {
			if (!KEYWORDS.has(keyword)) throw new Error(`Schema keyword "${keyword}" is not supported by source/store/schema.ts.`);
		}
		this.type = schema.type;
		this.allowed = schema.enum;
		this.minLength = schema.minLength;
		// ajv compiles patterns with the u flag.
		this.pattern = schema.pattern;
		this.regexp = schema.pattern === undefined ? undefined : new RegExp(schema.pattern, 'u');
		this.minimum = schema.minimum;
		this.maximum = schema.maximum;
		this.required = schema.required ?? [];
		this.keys = Object.keys(schema.properties ?? {});
		this.properties = Object.values(schema.properties ?? {}).map((property) => new Rule(property));
		this.items = schema.items && new Rule(schema.items);
	}
}

interface Failure {
	path: string;
	message: string;
}

function check(rule: Rule, value: unknown): Failure | undefined {
	if (rule.type !== undefined && !hasType(value, rule.type)) return {path: '', message: `must be ${rule.type}`};
	if (rule.allowed !== undefined && !rule.allowed.includes(value as string)) {
		return {path: '', message: 'must be equal to one of the allowed values'};
	}
	if (typeof value === 'string') {
		if (rule.minLength !== undefined && codePoints(value, rule.minLength) < rule.minLength) {
			return {path: '', message: `must NOT have fewer than ${rule.minLength} characters`};
		}
		if (rule.regexp !== undefined && !rule.regexp.test(value)) return {path: '', message: `must match pattern "${rule.pattern}"`};
	} else if (typeof value === 'number') {
		if (rule.minimum !== undefined && value < rule.minimum) return {path: '', message: `must be >= ${rule.minimum}`};
		if (rule.maximum !== undefined && value > rule.maximum) return {path: '', message: `must be <= ${rule.maximum}`};
	} else if (Array.isArray(value)) {
		if (rule.items !== undefined) {
			for (let index = 0; index < value.length; index++) {
				const failure = check(rule.items, value[index]);
				if (failure) return within(String(index), failure);
			}
		}
	} else if (typeof value === 'object' && value !== null) {
		const object = value as Record<string, unknown>;
		// Indexed loops: the first check of a freshly loaded file runs before V8 optimizes this function, and
		// for-of allocates an iterator per object there.
		for (let index = 0; index < rule.required.length; index++) {
			const key = rule.required[index]!;
			if (object[key] === undefined) return {path: '', message: `must have required property '${key}'`};
		}
		for (let index = 0; index < rule.keys.length; index++) {
			const field = object[rule.keys[index]!];
			if (field === undefined) continue;
			const failure = check(rule.properties[index]!, field);
			if (failure) return within(rule.keys[index]!, failure);
		}
	}
	return undefined;
}

function hasType(value: unknown, type: NonNullable<JsonSchema['type']>): boolean {
	switch (type) {
		case 'object':
			return typeof value === 'object' && value !== null && !Array.isArray(value);
		case 'array':
			return Array.isArray(value);
		case 'number':
			return typeof value === 'number' && Number.isFinite(value);
		default:
			return typeof value === type;
	}
}

function within(key: string, failure: Failure): Failure {
	return {path: failure.path === '' ? key : `${key}/${failure.path}`, message: failure.message};
}

// Like ajv, lengths count code points, not UTF-16 units; counted only when the answer is not obvious.
function codePoints(text: string, atLeast: number): number {
	if (text.length >= atLeast * 2) return text.length;
	let count = 0;
	for (const _ of text) count++;
	return count;
}

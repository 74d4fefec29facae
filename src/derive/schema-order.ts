import type { JsonSchema } from './index.js';

/** The order keywords are printed in; keywords not listed follow in code-unit order. */
const KEYWORD_ORDER = [
  'type', 'description', 'format', 'pattern', 'minLength', 'maxLength',
  'minimum', 'exclusiveMinimum', 'maximum', 'exclusiveMaximum', 'multipleOf', 'enum', 'const',
  'items', 'minItems', 'maxItems', 'uniqueItems', 'properties', 'required', 'additionalProperties',
  'anyOf', 'oneOf', 'allOf', 'examples', 'default', 'deprecated',
];

const KEYWORD_RANK: ReadonlyMap<string, number> = new Map(KEYWORD_ORDER.map((keyword, index) => [keyword, index]));

function rank(key: string): number {
  return KEYWORD_RANK.get(key) ?? KEYWORD_ORDER.length;
}

/** A copy of a field schema with its keywords (and those of its subschemas) in a stable order. */
export function orderedSchema(schema: JsonSchema): JsonSchema {
  const keys = Object.keys(schema).sort(byRank);
  const ordered: JsonSchema = {};
  for (const key of keys) defineOwn(ordered, key, orderedValue(key, schema[key]));
  return ordered;
}

function byRank(a: string, b: string): number {
  return rank(a) - rank(b) || (a < b ? -1 : a > b ? 1 : 0);
}

function orderedValue(key: string, value: unknown): unknown {
  if (key === 'items' && isSchema(value)) return orderedSchema(value);
  if (key === 'anyOf' && Array.isArray(value)) return value.map((branch) => (isSchema(branch) ? orderedSchema(branch) : branch));
  return value;
}

/**
 * `orderedSchema` of the schema with its `description` replaced by `description` (left out when
 * undefined), without building the replaced copy first.
 */
export function orderedSchemaWithDescription(schema: JsonSchema, description: string | undefined): JsonSchema {
  const keys = Object.keys(schema);
  const at = keys.indexOf('description');
  if (at >= 0) keys.splice(at, 1);
  if (description !== undefined) keys.push('description');
  keys.sort(byRank);
  const ordered: JsonSchema = {};
  for (const key of keys) defineOwn(ordered, key, key === 'description' ? description : orderedValue(key, schema[key]));
  return ordered;
}

/** Sets a key as an own property, even `__proto__`. */
export function defineOwn(target: Record<string, unknown>, key: string, value: unknown): void {
  // Only `__proto__` is an accessor on Object.prototype: any other key, inherited or not, becomes
  // an own enumerable data property by plain assignment, which is much cheaper than defineProperty.
  if (key === '__proto__') Object.defineProperty(target, key, { value, enumerable: true, writable: true, configurable: true });
  else target[key] = value;
}

function isSchema(value: unknown): value is JsonSchema {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

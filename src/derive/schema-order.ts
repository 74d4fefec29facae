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
  const keys = Object.keys(schema).sort((a, b) => rank(a) - rank(b) || (a < b ? -1 : a > b ? 1 : 0));
  const ordered: JsonSchema = {};
  for (const key of keys) {
    const value = schema[key];
    defineOwn(ordered, key, key === 'items' && isSchema(value) ? orderedSchema(value) : key === 'anyOf' && Array.isArray(value) ? value.map((branch) => (isSchema(branch) ? orderedSchema(branch) : branch)) : value);
  }
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

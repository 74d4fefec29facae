import type { JsonSchema } from './index.js';

/** The order keywords are printed in; keywords not listed follow in code-unit order. */
const KEYWORD_ORDER = [
  'type', 'description', 'format', 'pattern', 'minLength', 'maxLength',
  'minimum', 'exclusiveMinimum', 'maximum', 'exclusiveMaximum', 'multipleOf', 'enum', 'const',
  'items', 'minItems', 'maxItems', 'uniqueItems', 'properties', 'required', 'additionalProperties',
  'anyOf', 'oneOf', 'allOf', 'examples', 'default', 'deprecated',
];

/** A copy of a field schema with its keywords (and those of its subschemas) in a stable order. */
export function orderedSchema(schema: JsonSchema): JsonSchema {
  const rank = (key: string): number => {
    const index = KEYWORD_ORDER.indexOf(key);
    return index === -1 ? KEYWORD_ORDER.length : index;
  };
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
  Object.defineProperty(target, key, { value, enumerable: true, writable: true, configurable: true });
}

function isSchema(value: unknown): value is JsonSchema {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

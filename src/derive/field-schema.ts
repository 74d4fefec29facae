import type { Annotation, Bound, Literal, TypeSpec } from './annotation.js';
import { typeText } from './annotation.js';
import type { JsonSchema } from './index.js';

export type FieldSchemaResult =
  | { ok: true; schema: JsonSchema }
  /** Neither the vocabulary nor the annotation gives the field a type. */
  | { ok: false; kind: 'untyped' }
  /** The annotation contradicts the vocabulary or itself; `reason` completes "The annotation ...". */
  | { ok: false; kind: 'contradiction'; reason: string };

/**
 * A field's schema (without `description`) from its vocabulary entry and inline annotation.
 * The annotation may only narrow the entry: the same type or `integer` for `number`, a range
 * inside the entry's range, values the entry allows. Pure.
 */
export function fieldSchema(entry: JsonSchema | undefined, annotation: Annotation | undefined): FieldSchemaResult {
  const base = entry ? withoutDescription(entry) : undefined;
  if (!annotation) return base ? { ok: true, schema: base } : { ok: false, kind: 'untyped' };
  try {
    return { ok: true, schema: narrow(base, annotation) };
  } catch (error) {
    if (error instanceof Contradiction) return { ok: false, kind: 'contradiction', reason: error.message };
    if (error instanceof Untyped) return { ok: false, kind: 'untyped' };
    throw error;
  }
}

class Contradiction extends Error {}
class Untyped extends Error {}

function narrow(base: JsonSchema | undefined, annotation: Annotation): JsonSchema {
  let schema: JsonSchema;
  if (base && annotation.type) schema = narrowType(base, annotation.type);
  else if (base) schema = { ...base };
  else {
    const implied = annotation.type ?? impliedType(annotation);
    if (!implied) throw new Untyped();
    schema = schemaOfType(implied);
  }
  const type = typeof schema['type'] === 'string' ? (schema['type'] as string) : undefined;
  if (annotation.lower || annotation.upper) applyRange(schema, type, annotation.lower, annotation.upper);
  if (annotation.enum) applyEnum(schema, type, annotation.enum);
  if (annotation.url) {
    if (type !== 'string') throw new Contradiction(`says \`url\`, which needs a string field, but the field is ${describeType(schema)}`);
    if (schema['format'] !== undefined && schema['format'] !== 'uri') {
      throw new Contradiction(`says \`url\`, but the field vocabulary gives the field the format \`${String(schema['format'])}\``);
    }
    schema['format'] = 'uri';
  }
  return schema;
}

function impliedType(annotation: Annotation): TypeSpec | undefined {
  if (annotation.url) return { name: 'string' };
  const values = annotation.enum;
  if (!values) return undefined;
  if (values.every((value) => typeof value === 'string')) return { name: 'string' };
  if (values.every((value) => typeof value === 'boolean')) return { name: 'boolean' };
  if (values.every((value) => typeof value === 'number')) return { name: values.every(Number.isInteger) ? 'integer' : 'number' };
  throw new Contradiction('mixes values of different types in `one of`; give the field one type');
}

function schemaOfType(type: TypeSpec): JsonSchema {
  return type.items ? { type: type.name, items: schemaOfType(type.items) } : { type: type.name };
}

function narrowType(base: JsonSchema, type: TypeSpec): JsonSchema {
  const branches = base['anyOf'];
  if (Array.isArray(branches)) {
    const branch = (branches as JsonSchema[]).find((candidate) => accepts(candidate, type));
    if (!branch) throw typeContradiction(base, type);
    return narrowType(branch, type);
  }
  if (!accepts(base, type)) throw typeContradiction(base, type);
  const schema: JsonSchema = { ...base, type: type.name };
  if (type.items) {
    const items = base['items'] as JsonSchema | undefined;
    schema['items'] = items ? narrowType(items, type.items) : schemaOfType(type.items);
  }
  return schema;
}

function accepts(schema: JsonSchema, type: TypeSpec): boolean {
  const branches = schema['anyOf'];
  if (Array.isArray(branches)) return (branches as JsonSchema[]).some((branch) => accepts(branch, type));
  const name = schema['type'];
  if (!(name === type.name || (name === 'number' && type.name === 'integer'))) return false;
  const items = schema['items'] as JsonSchema | undefined;
  return !type.items || !items || accepts(items, type.items);
}

function typeContradiction(base: JsonSchema, type: TypeSpec): Contradiction {
  return new Contradiction(
    `says \`${typeText(type)}\`, but the field vocabulary makes the field ${describeType(base)}; an annotation may only narrow the vocabulary's type (\`integer\` narrows \`number\`), so give a field that means something else another name`,
  );
}

function applyRange(schema: JsonSchema, type: string | undefined, lower: Bound | undefined, upper: Bound | undefined): void {
  if (type !== 'integer' && type !== 'number') {
    throw new Contradiction(`gives a range, which needs an \`integer\` or \`number\` field, but the field is ${describeType(schema)}`);
  }
  const vocabulary = boundsOf(schema);
  const widens = (lower && vocabulary.lower && !lowerInside(lower, vocabulary.lower)) || (upper && vocabulary.upper && !upperInside(upper, vocabulary.upper));
  if (widens) {
    throw new Contradiction(
      `allows ${describeRange(lower ?? vocabulary.lower, upper ?? vocabulary.upper)}, but the field vocabulary allows only ${describeRange(vocabulary.lower, vocabulary.upper)}; an annotation may only narrow a range`,
    );
  }
  if (lower) {
    delete schema['minimum'];
    delete schema['exclusiveMinimum'];
    schema[lower.exclusive ? 'exclusiveMinimum' : 'minimum'] = lower.value;
  }
  if (upper) {
    delete schema['maximum'];
    delete schema['exclusiveMaximum'];
    schema[upper.exclusive ? 'exclusiveMaximum' : 'maximum'] = upper.value;
  }
}

function applyEnum(schema: JsonSchema, type: string | undefined, values: readonly Literal[]): void {
  for (const value of values) {
    if (!matchesType(value, type)) {
      throw new Contradiction(`lists ${JSON.stringify(value)} in \`one of\`, but the field is ${describeType(schema)}`);
    }
  }
  const allowed = schema['enum'];
  if (Array.isArray(allowed)) {
    const outside = values.find((value) => !allowed.some((candidate) => candidate === value));
    if (outside !== undefined) {
      throw new Contradiction(
        `lists ${JSON.stringify(outside)}, but the field vocabulary allows only ${allowed.map((value) => JSON.stringify(value)).join(', ')}; an annotation may only narrow the values`,
      );
    }
  }
  const { lower, upper } = boundsOf(schema);
  const outOfRange = values.find((value) => typeof value === 'number' && !inRange(value, lower, upper));
  if (outOfRange !== undefined) {
    throw new Contradiction(`lists ${String(outOfRange)}, but the field allows only ${describeRange(lower, upper)}`);
  }
  schema['enum'] = [...values];
}

function matchesType(value: Literal, type: string | undefined): boolean {
  switch (type) {
    case 'string':
      return typeof value === 'string';
    case 'boolean':
      return typeof value === 'boolean';
    case 'number':
      return typeof value === 'number';
    case 'integer':
      return typeof value === 'number' && Number.isInteger(value);
    default:
      return false;
  }
}

function boundsOf(schema: JsonSchema): { lower?: Bound; upper?: Bound } {
  const lower = tightest([bound(schema['minimum'], false), bound(schema['exclusiveMinimum'], true)], 1);
  const upper = tightest([bound(schema['maximum'], false), bound(schema['exclusiveMaximum'], true)], -1);
  const bounds: { lower?: Bound; upper?: Bound } = {};
  if (lower) bounds.lower = lower;
  if (upper) bounds.upper = upper;
  return bounds;
}

function bound(value: unknown, exclusive: boolean): Bound | undefined {
  return typeof value === 'number' ? { value, exclusive } : undefined;
}

/** The bound that lets fewer values through: the higher lower bound (direction 1), the lower upper bound (-1). */
function tightest(bounds: Array<Bound | undefined>, direction: 1 | -1): Bound | undefined {
  let best: Bound | undefined;
  for (const candidate of bounds) {
    if (!candidate) continue;
    const further = (candidate.value - (best?.value ?? 0)) * direction;
    if (!best || further > 0 || (further === 0 && candidate.exclusive)) best = candidate;
  }
  return best;
}

function lowerInside(bound: Bound, limit: Bound): boolean {
  return bound.value > limit.value || (bound.value === limit.value && (bound.exclusive || !limit.exclusive));
}

function upperInside(bound: Bound, limit: Bound): boolean {
  return bound.value < limit.value || (bound.value === limit.value && (bound.exclusive || !limit.exclusive));
}

function inRange(value: number, lower: Bound | undefined, upper: Bound | undefined): boolean {
  const aboveLower = !lower || value > lower.value || (!lower.exclusive && value === lower.value);
  const belowUpper = !upper || value < upper.value || (!upper.exclusive && value === upper.value);
  return aboveLower && belowUpper;
}

export function describeRange(lower: Bound | undefined, upper: Bound | undefined): string {
  const parts: string[] = [];
  if (lower) parts.push(`${lower.exclusive ? 'more than' : 'at least'} ${lower.value}`);
  if (upper) parts.push(`${upper.exclusive ? 'less than' : 'at most'} ${upper.value}`);
  return parts.length > 0 ? parts.join(' and ') : 'any number';
}

/** "a string", "an integer", "an array of string", "a string or an array". */
export function describeType(schema: JsonSchema): string {
  const branches = schema['anyOf'];
  if (Array.isArray(branches)) return (branches as JsonSchema[]).map(describeType).join(' or ');
  const name = typeof schema['type'] === 'string' ? schema['type'] : 'untyped';
  const items = schema['items'] as JsonSchema | undefined;
  const word = items && typeof items['type'] === 'string' ? `${name} of ${items['type']}` : name;
  return `${/^[aeiou]/.test(word) ? 'an' : 'a'} ${word}`;
}

function withoutDescription(entry: JsonSchema): JsonSchema {
  const { description: _description, ...rest } = entry;
  return rest;
}

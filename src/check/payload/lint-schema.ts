import { isDeepStrictEqual } from 'node:util';
import type { JsonSchema } from '../../derive/index.js';
import { defineOwn } from '../../derive/schema-order.js';

/** Keywords that only annotate: ajv generates no code for them, so they change no verdict and no error. */
const ANNOTATIONS: ReadonlySet<string> = new Set(['description', 'examples', 'deprecated', 'title', '$comment']);

export interface LintTimeSchema {
  /** The published schema without annotations; a property left to the vocabulary's validator is `true`. */
  schema: JsonSchema;
  /** Every property, in schema order. */
  properties: string[];
  /** The properties whose schema is their vocabulary entry, left to the vocabulary's validator. */
  referenced: string[];
}

/**
 * The object shell that lint-time payload checks compile for a skill in place of its published
 * input schema. A property whose schema is its field's vocabulary entry (annotations aside) is
 * `true` here: the vocabulary's own validator, compiled once per run, checks it, so each skill
 * only compiles its required fields, groups, unknown-key check and annotated or narrowed fields.
 * Pure; with no `fields`, or a schema of another shape, every property stays inline.
 */
export function lintTimeSchema(published: JsonSchema, fields: ReadonlyMap<string, JsonSchema>, bareFields: BareFields = new Map()): LintTimeSchema {
  const schema = withoutAnnotations(published);
  const properties = published['properties'];
  if (!isObject(properties)) return { schema, properties: [], referenced: [] };
  const names = Object.keys(properties);
  if (!isShell(schema)) return { schema, properties: names, referenced: [] };
  const lintProperties: JsonSchema = {};
  const referenced: string[] = [];
  for (const name of names) {
    const property = properties[name];
    const bare = isObject(property) ? withoutAnnotations(property) : property;
    const entry = bareEntry(fields, name, bareFields);
    if (entry !== undefined && sameJson(bare, entry)) {
      defineOwn(lintProperties, name, true);
      referenced.push(name);
    } else {
      defineOwn(lintProperties, name, bare);
    }
  }
  schema['properties'] = lintProperties;
  return { schema, properties: names, referenced };
}

/** Root keywords besides `properties` that report errors only at the payload's root. */
const SHELL_KEYWORDS: ReadonlySet<string> = new Set(['$schema', 'type', 'properties', 'required', 'anyOf', 'allOf', 'additionalProperties']);

/**
 * The shape of a derived input schema: nothing but a property's own schema looks inside a
 * property (group branches only name members with `true`), so every error under a property comes
 * from that property's schema, and ajv reports the root's own errors first (`properties` is the
 * last keyword it evaluates). payload-validators.ts relies on both to merge errors.
 */
function isShell(schema: JsonSchema): boolean {
  return (
    Object.keys(schema).every((key) => SHELL_KEYWORDS.has(key)) &&
    (schema['additionalProperties'] === undefined || typeof schema['additionalProperties'] === 'boolean') &&
    isGroupList(schema['anyOf']) &&
    isGroupList(schema['allOf'])
  );
}

function isGroupList(branches: unknown): boolean {
  return branches === undefined || (Array.isArray(branches) && branches.every(isGroup));
}

/** `{required: [...], properties: {name: true}}`, or `anyOf`/`allOf` of such branches. */
function isGroup(branch: unknown): boolean {
  if (!isObject(branch)) return false;
  const properties = branch['properties'];
  return (
    Object.keys(branch).every((key) => key === 'required' || key === 'properties' || key === 'anyOf' || key === 'allOf') &&
    (properties === undefined || (isObject(properties) && Object.values(properties).every((value) => value === true))) &&
    isGroupList(branch['anyOf']) &&
    isGroupList(branch['allOf'])
  );
}

/**
 * The vocabulary entries without annotations, by field name, made at first use: one map per run
 * (PayloadValidators.bareFields) serves every skill, and only for the `fields` it was made from.
 */
export type BareFields = Map<string, JsonSchema>;

function bareEntry(fields: ReadonlyMap<string, JsonSchema>, name: string, bareFields: BareFields): JsonSchema | undefined {
  const known = bareFields.get(name);
  if (known !== undefined) return known;
  const entry = fields.get(name);
  if (entry === undefined) return undefined;
  const bare = withoutAnnotations(entry);
  bareFields.set(name, bare);
  return bare;
}

function withoutAnnotations(schema: JsonSchema): JsonSchema {
  const bare: JsonSchema = {};
  for (const key of Object.keys(schema)) if (!ANNOTATIONS.has(key)) defineOwn(bare, key, schema[key]);
  return bare;
}

/**
 * isDeepStrictEqual for JSON data (plain objects and arrays without holes, symbols or accessors,
 * and primitives), without its general machinery: a derived property against its vocabulary entry
 * for every field of every skill. Anything else is left to isDeepStrictEqual.
 */
export function sameJson(a: unknown, b: unknown): boolean {
  if (Object.is(a, b)) return true;
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null) return false;
  const prototype = Object.getPrototypeOf(a) as unknown;
  if (prototype !== Object.getPrototypeOf(b)) return false;
  if (prototype === Array.prototype) {
    const left = a as unknown[];
    const right = b as unknown[];
    if (left.length !== right.length) return false;
    for (let i = 0; i < left.length; i++) {
      if (!(i in left) || !(i in right)) return isDeepStrictEqual(a, b);
      if (!sameJson(left[i], right[i])) return false;
    }
    return true;
  }
  if (prototype !== Object.prototype) return isDeepStrictEqual(a, b);
  const left = a as Record<string, unknown>;
  const right = b as Record<string, unknown>;
  const keys = Object.keys(left);
  if (keys.length !== Object.keys(right).length) return false;
  for (const key of keys) if (!Object.hasOwn(right, key) || !sameJson(left[key], right[key])) return false;
  return Object.getOwnPropertySymbols(left).length === 0 && Object.getOwnPropertySymbols(right).length === 0 ? true : isDeepStrictEqual(a, b);
}

function isObject(value: unknown): value is JsonSchema {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}

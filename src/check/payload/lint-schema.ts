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
export function lintTimeSchema(published: JsonSchema, fields: ReadonlyMap<string, JsonSchema>): LintTimeSchema {
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
    const entry = fields.get(name);
    if (entry !== undefined && isDeepStrictEqual(bare, withoutAnnotations(entry))) {
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

function withoutAnnotations(schema: JsonSchema): JsonSchema {
  const bare: JsonSchema = {};
  for (const [key, value] of Object.entries(schema)) if (!ANNOTATIONS.has(key)) defineOwn(bare, key, value);
  return bare;
}

function isObject(value: unknown): value is JsonSchema {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}

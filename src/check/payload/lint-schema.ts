import { isDeepStrictEqual } from 'node:util';
import type { JsonSchema } from '../../derive/index.js';
import { defineOwn } from '../../derive/schema-order.js';

/** Keywords that only annotate: ajv generates no code for them, so they change no verdict and no error. */
const ANNOTATIONS: ReadonlySet<string> = new Set(['description', 'examples', 'deprecated', 'title', '$comment']);

/** A field name that can stand in an `$id` as it is (the vocabulary's own pattern). */
const PLAIN_NAME = /^[A-Za-z_][A-Za-z0-9_]*$/;

export interface LintTimeSchema {
  /** The published schema without annotations, a vocabulary field written as a `$ref` to that field. */
  schema: JsonSchema;
  /** The properties written as a `$ref` to their vocabulary entry. */
  referenced: string[];
}

/**
 * The schema lint-time payload checks compile in place of a skill's published input schema: it
 * accepts and rejects the same payloads. A property whose schema is its field's vocabulary entry
 * (annotations aside) refers to that entry, so the entry's code is compiled once per run and each
 * skill only compiles its object shell; an annotated or narrowed field stays inline. Pure.
 */
export function lintTimeSchema(
  published: JsonSchema,
  fields: ReadonlyMap<string, JsonSchema>,
  fieldRef: (name: string) => string,
): LintTimeSchema {
  const schema = withoutAnnotations(published);
  const properties = published['properties'];
  if (!isObject(properties) || !isShell(schema)) return { schema, referenced: [] };
  const lintProperties: JsonSchema = {};
  const referenced: string[] = [];
  for (const [name, property] of Object.entries(properties)) {
    const bare = isObject(property) ? withoutAnnotations(property) : property;
    const entry = PLAIN_NAME.test(name) ? fields.get(name) : undefined;
    if (entry !== undefined && isDeepStrictEqual(bare, withoutAnnotations(entry))) {
      defineOwn(lintProperties, name, { $ref: fieldRef(name) });
      referenced.push(name);
    } else {
      defineOwn(lintProperties, name, bare);
    }
  }
  schema['properties'] = lintProperties;
  return { schema, referenced };
}

/** Root keywords besides `properties` that report errors only at the payload's root. */
const SHELL_KEYWORDS: ReadonlySet<string> = new Set(['$schema', 'type', 'properties', 'required', 'anyOf', 'allOf', 'additionalProperties']);

/**
 * The shape of a derived input schema: nothing but a property's own schema looks inside a
 * property (group branches only name members with `true`), so every error under a property comes
 * from that property's schema. payload-validators.ts relies on this to put schema paths back.
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

import type { JsonSchema } from '../../derive/index.js';

/** A yes/no check of a payload against a lint-time shell, without ajv. */
export type ShellVerdict = (data: unknown) => boolean;

interface Group {
  required: readonly string[];
  anyOf: readonly Group[];
  allOf: readonly Group[];
}

const ROOT_KEYWORDS: ReadonlySet<string> = new Set(['$schema', 'type', 'properties', 'required', 'anyOf', 'allOf', 'additionalProperties']);
const GROUP_KEYWORDS: ReadonlySet<string> = new Set(['required', 'properties', 'anyOf', 'allOf']);

/**
 * The verdict of a lint-time shell (lint-schema.ts) whose every property is `true` (left to the
 * vocabulary's validator): an object with its required fields, its `anyOf`/`allOf` groups of
 * required fields and, when closed, no other keys. Exactly the verdict of the shell compiled by the
 * lint-time ajv (`ownProperties`: a field is present when it is the object's own and not
 * undefined), so a payload it accepts needs no compile at all; undefined for a shell with anything
 * else, which is then compiled as before.
 */
export function shellVerdict(schema: JsonSchema): ShellVerdict | undefined {
  if (!Object.keys(schema).every((keyword) => ROOT_KEYWORDS.has(keyword)) || schema['type'] !== 'object') return undefined;
  const properties = schema['properties'] ?? {};
  if (!isObject(properties) || !Object.values(properties).every((value) => value === true)) return undefined;
  const additional = schema['additionalProperties'];
  if (additional !== undefined && typeof additional !== 'boolean') return undefined;
  const root = group(schema, properties);
  if (!root) return undefined;
  const known = new Set(Object.keys(properties));
  const closed = additional === false;
  return (data) => {
    if (!isObject(data)) return false;
    if (!satisfies(data, root)) return false;
    return !closed || Object.keys(data).every((key) => known.has(key));
  };
}

/**
 * A schema's required fields and groups. Each required name must be one of the same schema's own
 * `properties`, as the derivation writes them: ajv's strict mode refuses to compile anything else
 * (strictRequired), and such a shell is left to the compile, which then has nothing to check.
 */
function group(schema: Record<string, unknown>, properties: Record<string, unknown>): Group | undefined {
  const required = schema['required'] ?? [];
  if (!Array.isArray(required) || !required.every((name) => typeof name === 'string' && Object.hasOwn(properties, name))) return undefined;
  const anyOf = groups(schema['anyOf']);
  const allOf = groups(schema['allOf']);
  if (!anyOf || !allOf) return undefined;
  return { required, anyOf, allOf };
}

function groups(branches: unknown): Group[] | undefined {
  if (branches === undefined) return [];
  if (!Array.isArray(branches) || branches.length === 0) return undefined;
  const result: Group[] = [];
  for (const branch of branches) {
    if (!isObject(branch) || !Object.keys(branch).every((keyword) => GROUP_KEYWORDS.has(keyword))) return undefined;
    const properties = branch['properties'] ?? {};
    if (!isObject(properties) || !Object.values(properties).every((value) => value === true)) return undefined;
    const inner = group(branch, properties);
    if (!inner) return undefined;
    result.push(inner);
  }
  return result;
}

function satisfies(data: Record<string, unknown>, rule: Group): boolean {
  return (
    rule.required.every((name) => Object.hasOwn(data, name) && data[name] !== undefined) &&
    (rule.anyOf.length === 0 || rule.anyOf.some((branch) => satisfies(data, branch))) &&
    rule.allOf.every((branch) => satisfies(data, branch))
  );
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

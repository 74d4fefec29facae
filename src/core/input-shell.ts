/**
 * The object shell of a derived input schema (its properties, required fields,
 * `additionalProperties: false` and `anyOf` groups of required fields) around field schemas that
 * many skills share. The catalog (catalog/shape-check.ts) and the skill pages (site/input-shape.ts)
 * both check payloads by running the shell over field checks compiled once per distinct field
 * schema; this is the one reading of the shell and of a field's identity they share. Pure, and free
 * of ajv: the pages' script bundles it.
 */

/** Keywords that only describe: ajv's verdict does not depend on them. */
const ANNOTATIONS: ReadonlySet<string> = new Set(['description', 'examples', 'deprecated', 'title', '$comment', 'default', 'readOnly', 'writeOnly']);
/** Keywords whose value is a map of names to schemas, where every key is a name, not a keyword. */
const SCHEMA_MAPS: ReadonlySet<string> = new Set(['properties', 'patternProperties', '$defs', 'definitions', 'dependentSchemas']);
/** The top-level keywords a shell has; a schema with any other one is checked by a validator of its own. */
const SHELL_KEYWORDS: ReadonlySet<string> = new Set(['$schema', 'type', 'properties', 'required', 'additionalProperties', 'anyOf', ...ANNOTATIONS]);

export interface InputShell {
  /** The property names, in the schema's order (ajv checks them in this order). */
  names: string[];
  /** The property schemas, by name. */
  properties: Record<string, unknown>;
  required: string[];
  /** The `anyOf` branches, each the names it requires. */
  groups: string[][];
  /** `additionalProperties: false`. */
  closed: boolean;
}

/** A schema without the keywords that never decide a verdict (at every depth; schema paths unchanged). */
export function withoutAnnotations(schema: unknown): unknown {
  if (Array.isArray(schema)) return schema.map(withoutAnnotations);
  if (schema === null || typeof schema !== 'object') return schema;
  const kept: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(schema)) {
    if (ANNOTATIONS.has(key)) continue;
    if (key === 'enum' || key === 'const' || key === 'required') kept[key] = value;
    else if (SCHEMA_MAPS.has(key) && value !== null && typeof value === 'object') {
      kept[key] = Object.fromEntries(Object.entries(value).map(([name, child]) => [name, withoutAnnotations(child)]));
    } else kept[key] = withoutAnnotations(value);
  }
  return kept;
}

/**
 * What identifies a field schema's check: the JSON of its validating keywords. Undefined when the
 * schema may refer outside itself (`$ref`, `$id`, anchors...), where a check compiled on its own
 * could differ from the skill's.
 */
export function fieldKey(schema: unknown): string | undefined {
  const text = JSON.stringify(withoutAnnotations(schema));
  return text === undefined || text.includes('"$') ? undefined : text;
}

/**
 * The shell of an input schema, or undefined when it is anything more. Every required name is one
 * of the properties (of the schema, or of its `anyOf` branch), as the derivation writes them and as
 * ajv's strict mode (strictRequired) demands.
 */
export function inputShellOf(schema: unknown): InputShell | undefined {
  if (!isRecord(schema) || schema['type'] !== 'object' || !Object.keys(schema).every((keyword) => SHELL_KEYWORDS.has(keyword))) return undefined;
  const properties = schema['properties'] ?? {};
  const required = names(schema['required'] ?? []);
  const additional = schema['additionalProperties'];
  if (!isRecord(properties) || !required || (additional !== undefined && typeof additional !== 'boolean')) return undefined;
  if (!required.every((name) => Object.hasOwn(properties, name))) return undefined;
  const groups: string[][] = [];
  if (schema['anyOf'] !== undefined) {
    if (!Array.isArray(schema['anyOf']) || schema['anyOf'].length === 0) return undefined;
    for (const branch of schema['anyOf']) {
      if (!isRecord(branch)) return undefined;
      const { required: branchRequired, properties: branchProperties = {}, ...rest } = branch;
      const group = names(branchRequired ?? []);
      if (!group || Object.keys(rest).length > 0) return undefined;
      if (!isRecord(branchProperties) || !Object.values(branchProperties).every((value) => value === true)) return undefined;
      if (!group.every((name) => Object.hasOwn(branchProperties, name))) return undefined;
      groups.push(group);
    }
  }
  return { names: Object.keys(properties), properties, required, groups, closed: additional === false };
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function names(value: unknown): string[] | undefined {
  return Array.isArray(value) && value.every((item) => typeof item === 'string') ? (value as string[]) : undefined;
}

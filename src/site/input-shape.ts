import type { ErrorObject } from 'ajv';

/**
 * The payload check of a skill page without a validator compiled for that skill: a derived input
 * schema is an object shell (properties, required fields, `additionalProperties: false`, `anyOf`
 * groups of required fields) around field schemas that many skills share. The build compiles each
 * distinct field schema once (ajv standalone code, src/site/validator-code.ts); the page runs this
 * shell over them and reports ajv's own errors, in ajv's order, with the server's settings
 * (`allErrors`, `ownProperties`): test/site-shape.test.ts holds the two to the same errors.
 * Pure and free of ajv at run time: the page script (src/site/browser/main.ts) bundles it.
 */

/** A field's compiled check, called as ajv calls a subschema's code, and its errors afterwards. */
export type FieldCheck = ((data: unknown, context: { instancePath: string; parentData: unknown; parentDataProperty: string; rootData: unknown }) => boolean) & {
  errors?: ErrorObject[] | null;
};

export interface InputShape {
  /** The property names, in the schema's order (ajv checks them in this order). */
  names: string[];
  required: string[];
  /** The `anyOf` branches, each the names it requires. */
  groups: string[][];
  /** `additionalProperties: false`. */
  closed: boolean;
}

const ANNOTATIONS = new Set(['description', 'examples', 'deprecated', 'title', '$comment', 'default']);
/** Keywords whose value is a map of names to schemas, where every key is a name, not a keyword. */
const SCHEMA_MAPS = new Set(['properties', 'patternProperties', '$defs', 'definitions', 'dependentSchemas']);
/** The top-level keywords the shell knows; a schema with any other one gets a validator of its own. */
const SHELL_KEYWORDS = new Set(['$schema', 'type', 'properties', 'required', 'additionalProperties', 'anyOf', ...ANNOTATIONS]);

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

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function names(value: unknown): string[] | undefined {
  return Array.isArray(value) && value.every((item) => typeof item === 'string') ? (value as string[]) : undefined;
}

/** The shell of an input schema, or undefined when it is anything more (the page then gets a whole validator). */
export function inputShapeOf(schema: unknown): InputShape | undefined {
  if (!isRecord(schema) || schema['type'] !== 'object' || !Object.keys(schema).every((keyword) => SHELL_KEYWORDS.has(keyword))) return undefined;
  const properties = schema['properties'] ?? {};
  const required = names(schema['required'] ?? []);
  const additional = schema['additionalProperties'];
  if (!isRecord(properties) || !required || (additional !== undefined && typeof additional !== 'boolean')) return undefined;
  const groups: string[][] = [];
  if (schema['anyOf'] !== undefined) {
    if (!Array.isArray(schema['anyOf']) || schema['anyOf'].length === 0) return undefined;
    for (const branch of schema['anyOf']) {
      if (!isRecord(branch)) return undefined;
      const { required: branchRequired, properties: branchProperties, ...rest } = branch;
      const group = names(branchRequired ?? []);
      if (!group || Object.keys(rest).length > 0) return undefined;
      if (branchProperties !== undefined && !(isRecord(branchProperties) && Object.values(branchProperties).every((value) => value === true))) return undefined;
      groups.push(group);
    }
  }
  return { names: Object.keys(properties), required, groups, closed: additional === false };
}

const has = (record: object, name: string) => Object.prototype.hasOwnProperty.call(record, name);
const escapePointer = (name: string) => name.replace(/~/g, '~0').replace(/\//g, '~1');

function missing(schemaPath: string, name: string): ErrorObject {
  return { instancePath: '', schemaPath, keyword: 'required', params: { missingProperty: name }, message: `must have required property '${name}'` };
}

/**
 * Runs the shell over `data` with each property's check (by name): null when the payload is valid,
 * else ajv's errors for the whole schema, in ajv's order.
 */
export function checkInputShape(shape: InputShape, checks: ReadonlyMap<string, FieldCheck>, data: unknown): ErrorObject[] | null {
  if (!isRecord(data)) return [{ instancePath: '', schemaPath: '#/type', keyword: 'type', params: { type: 'object' }, message: 'must be object' }];
  const errors: ErrorObject[] = [];
  if (shape.groups.length > 0 && !shape.groups.some((group) => group.every((name) => has(data, name)))) {
    shape.groups.forEach((group, index) => {
      for (const name of group) if (!has(data, name)) errors.push(missing(`#/anyOf/${index}/required`, name));
    });
    errors.push({ instancePath: '', schemaPath: '#/anyOf', keyword: 'anyOf', params: {}, message: 'must match a schema in anyOf' });
  }
  for (const name of shape.required) if (!has(data, name)) errors.push(missing('#/required', name));
  if (shape.closed) {
    for (const key of Object.keys(data)) {
      if (!shape.names.includes(key)) {
        errors.push({ instancePath: '', schemaPath: '#/additionalProperties', keyword: 'additionalProperties', params: { additionalProperty: key }, message: 'must NOT have additional properties' });
      }
    }
  }
  for (const name of shape.names) {
    const check = checks.get(name);
    if (!has(data, name) || !check) continue;
    if (check(data[name], { instancePath: `/${escapePointer(name)}`, parentData: data, parentDataProperty: name, rootData: data })) continue;
    const prefix = `#/properties/${encodeURIComponent(escapePointer(name))}`;
    for (const error of check.errors ?? []) errors.push({ ...error, schemaPath: `${prefix}${error.schemaPath.slice(1)}` });
  }
  return errors.length === 0 ? null : errors;
}

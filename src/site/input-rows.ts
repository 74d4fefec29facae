import { describeSchema, isSchema, showJson } from '../check/payload/schema-words.js';
import type { JsonSchema } from '../derive/index.js';

/** One row of a skill page's inputs table. */
export interface InputRow {
  name: string;
  /** What a value must be, in the words of the payload messages ("a number from 0 to 1"). */
  type: string;
  /** `required`, `one of: a, b, c` for a group member, or `optional`. */
  requirement: string;
  range: string;
  enumeration: string;
  default: string;
  aliasOf: string;
  description: string;
}

const ALIAS = /^Compatibility alias for `([^`]+)`\.$/;

/** The rows of the inputs table, read from a published input schema (derive/input-schema.ts writes its shape). Pure. */
export function inputRowsOf(schema: JsonSchema): InputRow[] {
  const properties = isSchema(schema['properties']) ? schema['properties'] : {};
  const required = new Set(Array.isArray(schema['required']) ? schema['required'].map(String) : []);
  const groups = groupsOf(schema);
  return Object.entries(properties).map(([name, raw]) => {
    const field = isSchema(raw) ? raw : {};
    const description = typeof field['description'] === 'string' ? field['description'] : '';
    const alias = field['deprecated'] === true ? ALIAS.exec(description)?.[1] : undefined;
    const group = groups.find((members) => members.includes(name));
    return {
      name,
      type: describeSchema(Object.keys(typeOnly(field)).length > 0 ? typeOnly(field) : field, schema),
      requirement: required.has(name) ? 'required' : group ? `one of: ${group.join(', ')}` : 'optional',
      range: rangeOf(field),
      enumeration: Array.isArray(field['enum']) ? field['enum'].map(showJson).join(', ') : '',
      default: 'default' in field ? JSON.stringify(field['default']) : '',
      aliasOf: alias ?? '',
      description,
    };
  });
}

/** The groups: `anyOf` (one group) or `allOf` of `anyOf`s (several), each branch requiring one field. */
function groupsOf(schema: JsonSchema): string[][] {
  const anyOfs = Array.isArray(schema['allOf'])
    ? schema['allOf'].map((part) => (isSchema(part) ? part['anyOf'] : undefined))
    : [schema['anyOf']];
  return anyOfs
    .map((branches) => (Array.isArray(branches) ? branches : []))
    .map((branches) => branches.flatMap((branch) => (isSchema(branch) && Array.isArray(branch['required']) ? branch['required'].map(String) : [])))
    .filter((members) => members.length > 0);
}

function rangeOf(field: Record<string, unknown>): string {
  const parts: string[] = [];
  const number = (key: string) => (typeof field[key] === 'number' ? (field[key] as number) : undefined);
  const min = number('minimum');
  const max = number('maximum');
  if (min !== undefined && max !== undefined) parts.push(`${min}..${max}`);
  else if (min !== undefined) parts.push(`>= ${min}`);
  else if (max !== undefined) parts.push(`<= ${max}`);
  if (number('exclusiveMinimum') !== undefined) parts.push(`> ${number('exclusiveMinimum')}`);
  if (number('exclusiveMaximum') !== undefined) parts.push(`< ${number('exclusiveMaximum')}`);
  const minLength = number('minLength');
  const maxLength = number('maxLength');
  if (minLength !== undefined || maxLength !== undefined) parts.push(`length ${minLength ?? 0}..${maxLength ?? ''}`.replace(/\.\.$/, '+'));
  if (typeof field['pattern'] === 'string') parts.push(`matches ${field['pattern']}`);
  return parts.join(', ');
}

/** The part of a field schema that says its kind of value; bounds, patterns and enumerations have columns of their own. */
function typeOnly(field: Record<string, unknown>): Record<string, unknown> {
  const kept: Record<string, unknown> = {};
  for (const key of ['type', 'format', 'items', '$ref', 'anyOf', 'oneOf']) if (key in field) kept[key] = field[key];
  return kept;
}

import type { ErrorObject } from 'ajv';
import type { InputShell } from '../core/input-shell.js';

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

export type { InputShell as InputShape } from '../core/input-shell.js';
export { fieldKey, inputShellOf as inputShapeOf, withoutAnnotations } from '../core/input-shell.js';

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
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
export function checkInputShape(shape: InputShell, checks: ReadonlyMap<string, FieldCheck>, data: unknown): ErrorObject[] | null {
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

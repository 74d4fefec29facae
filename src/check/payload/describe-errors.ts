import type { ErrorObject } from 'ajv';
import { didYouMean } from '../../core/suggest.js';
import { fieldPath, valueAtPointer } from './json-pointer.js';
import { describeSchema, describeValue, isSchema, joinOr, resolveRef, schemaAtPath } from './schema-words.js';

export interface PayloadProblem {
  /** JSON Pointer of the value concerned; for an unknown key, the pointer of that key's value. */
  pointer: string;
  /** One sentence for a person, naming fields in backticks. */
  message: string;
  /** The ajv keyword behind it (`anyOf` for a collapsed group), so callers can choose key or value. */
  keyword: string;
}

/** Keywords whose failure is best told as "must be <what the schema allows>, got <value>". */
const VALUE_KEYWORDS = new Set([
  'type', 'enum', 'const', 'format', 'pattern', 'minLength', 'maxLength', 'minimum', 'maximum',
  'exclusiveMinimum', 'exclusiveMaximum', 'multipleOf', 'minItems', 'maxItems',
]);

/**
 * Turns ajv errors (run with `allErrors`) into messages worded for a person, one per problem:
 * the branch errors under an `anyOf`/`oneOf` collapse into the group's own message.
 * Pass the validated `schema` so constraints can be named in full ("a number from 0 to 1"); ajv's
 * `verbose` option (`parentSchema` on each error) works as well. Pure.
 */
export function describePayloadErrors(errors: readonly ErrorObject[], payload: unknown, schema?: unknown): PayloadProblem[] {
  return describePayloadErrorsUpTo(errors, payload, schema).problems;
}

/**
 * The first `limit` problems in words, and how many there are in all. Describing costs far more
 * than validating (a suggestion per unknown key), so a payload with 50,000 unknown keys gets its
 * first problems described and the others only counted: one distinct ajv error, one problem.
 */
export function describePayloadErrorsUpTo(
  errors: readonly ErrorObject[],
  payload: unknown,
  schema?: unknown,
  limit = Number.POSITIVE_INFINITY,
): { problems: PayloadProblem[]; total: number } {
  const combinators = errors.filter((error) => error.keyword === 'anyOf' || error.keyword === 'oneOf');
  const problems: PayloadProblem[] = [];
  const seen = new Set<string>();
  const counted = new Set<string>();
  for (const error of errors) {
    if (combinators.some((outer) => outer !== error && isBranchError(error, outer))) continue;
    if (problems.length >= limit) {
      counted.add(`${error.instancePath}\u0000${error.schemaPath}\u0000${JSON.stringify(error.params)}`);
      continue;
    }
    const branchErrors = error.keyword === 'anyOf' || error.keyword === 'oneOf' ? errors.filter((inner) => isBranchError(inner, error)) : [];
    const problem = describeOne(error, payload, schema, branchErrors);
    const key = `${problem.pointer}\u0000${problem.message}`;
    if (seen.has(key)) continue;
    seen.add(key);
    problems.push(problem);
  }
  return { problems, total: problems.length + counted.size };
}

function isBranchError(inner: ErrorObject, outer: ErrorObject): boolean {
  return inner.schemaPath.startsWith(`${outer.schemaPath}/`) && inner.instancePath.startsWith(outer.instancePath);
}

function describeOne(error: ErrorObject, payload: unknown, root: unknown, branchErrors: readonly ErrorObject[]): PayloadProblem {
  const pointer = error.instancePath;
  const value = valueAtPointer(payload, pointer);
  const parent = parentSchemaOf(error, root);
  const keyword = error.keyword;
  switch (keyword) {
    case 'required':
      return { pointer, keyword, message: `${subject(pointer)} needs \`${String(error.params['missingProperty'])}\`.` };
    case 'additionalProperties': {
      const key = String(error.params['additionalProperty']);
      const known = isSchema(parent) && isSchema(parent['properties']) ? Object.keys(parent['properties']) : [];
      const what = pointer === '' ? 'an input of this skill' : `a field of \`${fieldPath(pointer)}\``;
      const childPointer = `${pointer}/${key.replace(/~/g, '~0').replace(/\//g, '~1')}`;
      return { pointer: childPointer, keyword, message: `\`${fieldPath(childPointer)}\` is not ${what}.${didYouMean(key, known)}` };
    }
    case 'anyOf':
    case 'oneOf':
      return { pointer, keyword, message: describeGroup(error, pointer, value, parent, root, branchErrors) };
    case 'uniqueItems':
      return {
        pointer,
        keyword,
        message: `${subject(pointer)} lists the same value twice (items ${String(error.params['j'])} and ${String(error.params['i'])}).`,
      };
    default:
      if (VALUE_KEYWORDS.has(keyword) && parent !== undefined) {
        return { pointer, keyword, message: `${subject(pointer)} must be ${describeSchema(parent, root)}, got ${describeValue(value)}.` };
      }
      return { pointer, keyword, message: `${subject(pointer)} ${error.message ?? 'is not valid'}, got ${describeValue(value)}.` };
  }
}

function describeGroup(
  error: ErrorObject,
  pointer: string,
  value: unknown,
  parent: unknown,
  root: unknown,
  branchErrors: readonly ErrorObject[],
): string {
  if (error.keyword === 'oneOf' && Array.isArray(error.params['passingSchemas'])) {
    return `${subject(pointer)} matches more than one of the allowed shapes; it must match exactly one.`;
  }
  const branches = isSchema(parent) ? (parent[error.keyword] as unknown) : undefined;
  const requiredSets = Array.isArray(branches) ? branches.map((branch) => requiredOnly(resolveRef(branch, root))) : undefined;
  if (requiredSets && requiredSets.every((set): set is string[] => set !== undefined)) {
    return `${subject(pointer)} needs one of ${joinOr(requiredSets.map((set) => set.map((name) => `\`${name}\``).join(' and ')))}.`;
  }
  if (Array.isArray(branches)) {
    return `${subject(pointer)} must be ${joinOr(branches.map((branch) => describeSchema(branch, root)))}, got ${describeValue(value)}.`;
  }
  // No schema to read: rebuild the group from the branches' own errors.
  const missing = branchErrors.filter((inner) => inner.keyword === 'required').map((inner) => `\`${String(inner.params['missingProperty'])}\``);
  if (missing.length > 0 && missing.length === branchErrors.length) return `${subject(pointer)} needs one of ${joinOr(missing)}.`;
  return `${subject(pointer)} does not match any of the allowed shapes, got ${describeValue(value)}.`;
}

/** The names a branch requires when it only requires names (`{required: [..]}`, maybe with `properties`). */
function requiredOnly(branch: unknown): string[] | undefined {
  if (!isSchema(branch) || !Array.isArray(branch['required'])) return undefined;
  const meaningful = Object.keys(branch).filter((key) => key !== 'required' && key !== 'properties' && key !== 'description');
  if (meaningful.length > 0) return undefined;
  return branch['required'].map(String);
}

function parentSchemaOf(error: ErrorObject, root: unknown): unknown {
  if (error.parentSchema !== undefined) return error.parentSchema;
  if (root === undefined) return undefined;
  const path = error.schemaPath;
  const cut = path.lastIndexOf('/');
  return cut < 0 ? undefined : schemaAtPath(root, path.slice(0, cut));
}

function subject(pointer: string): string {
  return pointer === '' ? 'The input' : `\`${fieldPath(pointer)}\``;
}

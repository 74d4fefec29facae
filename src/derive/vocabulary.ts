import type { ErrorObject, ValidateFunction } from 'ajv';
import type { Ajv2020 } from 'ajv/dist/2020.js';
import { isDeepStrictEqual } from 'node:util';
import { createSourceText, positionAt } from '../core/source-text.js';
import type { JsonSchema } from './index.js';
import { parseJsonObject } from './json-text.js';

/**
 * The catalog's shared field names (schemas/input-fields.json): one JSON Schema fragment per
 * field, so a field means the same in every skill. Maps, not records, so that a field called
 * `constructor` or `__proto__` is looked up like any other.
 */
export interface FieldVocabulary {
  input: ReadonlyMap<string, JsonSchema>;
  output: ReadonlyMap<string, JsonSchema>;
  /** The job result every runtime skill returns (schemas/job-result.schema.json). */
  jobResult: JsonSchema;
}

export interface VocabularyFile {
  input: Map<string, JsonSchema>;
  output: Map<string, JsonSchema>;
}

export type Checked<T> = { ok: true; value: T } | { ok: false; message: string };

/** Parses and validates the text of a vocabulary file; `label` names the file in messages. */
export function readVocabularyFile(label: string, text: string, validate: ValidateFunction): Checked<VocabularyFile> {
  const parsed = parseJsonObject(text);
  if (!parsed.ok) {
    const at = positionAt(createSourceText(text), parsed.offset);
    const problem = parsed.kind === 'too-deep' ? `${parsed.reason}; no field needs that, so it is not read` : `not valid JSON (${parsed.reason})`;
    return { ok: false, message: `${label}:${at.line}:${at.column}: ${problem}` };
  }
  if (!validate(parsed.value)) {
    return { ok: false, message: `${label} does not follow schemas/input-fields.schema.json: ${describeErrors(validate.errors ?? [])}` };
  }
  return { ok: true, value: vocabularyFromValid(parsed.value) };
}

/** The fields of a vocabulary file's value that its schema accepts. */
export function vocabularyFromValid(value: unknown): VocabularyFile {
  const data = value as { input: JsonSchema; output?: JsonSchema };
  return {
    input: new Map(Object.entries(data.input) as Array<[string, JsonSchema]>),
    output: new Map(Object.entries(data.output ?? {}) as Array<[string, JsonSchema]>),
  };
}

/**
 * Adds a catalog's own fields to the built-in vocabulary. A catalog may add fields and repeat a
 * built-in one word for word, but not give a built-in name another meaning.
 */
export function extendVocabulary(base: FieldVocabulary, extension: VocabularyFile, label: string): Checked<FieldVocabulary> {
  const input = new Map(base.input);
  const output = new Map(base.output);
  for (const [part, target, added] of [['input', input, extension.input], ['output', output, extension.output]] as const) {
    for (const [name, entry] of added) {
      const existing = target.get(name);
      if (existing !== undefined && !isDeepStrictEqual(existing, entry)) {
        return {
          ok: false,
          message: `${label}: \`${part}.${name}\` redefines a built-in field; a field keeps one meaning across the catalog, so give this one another name`,
        };
      }
      target.set(name, entry);
    }
  }
  return { ok: true, value: { input, output, jobResult: base.jobResult } };
}

/** Compiles every entry under ajv strict mode, so that a bad fragment fails here and not mid-run. */
export function vocabularyCompileProblem(ajv: Ajv2020, file: VocabularyFile, label: string): string | undefined {
  for (const [part, fields] of [['input', file.input], ['output', file.output]] as const) {
    try {
      ajv.compile({ type: 'object', properties: Object.fromEntries(fields) });
    } catch (error) {
      return `${label}: an \`${part}\` entry is not a usable JSON Schema: ${(error as Error).message}`;
    }
  }
  return undefined;
}

function describeErrors(errors: readonly ErrorObject[]): string {
  const messages: string[] = [];
  for (const error of errors) {
    const message = describeError(error, errors);
    if (message !== undefined && !messages.includes(message)) messages.push(message);
  }
  return messages.slice(0, 3).join('; ');
}

/** One error in words, or undefined when another error of the list already says it. */
function describeError(error: ErrorObject, all: readonly ErrorObject[]): string | undefined {
  const where = dataPath(error.instancePath);
  const atSamePath = (keyword: string) => all.filter((other) => other.instancePath === error.instancePath && other.keyword === keyword);
  switch (error.keyword) {
    case 'propertyNames':
      return `${where} has a field name that is not a letter or \`_\` followed by letters, digits or \`_\`: "${String(error.params['propertyName'])}"`;
    case 'pattern':
    case 'not':
      if (atSamePath('propertyNames').length > 0) return undefined;
      if (error.keyword === 'not' && error.schemaPath.includes('/oneOf/')) return `${where} has both \`type\` and \`anyOf\`; keep one`;
      break;
    case 'oneOf':
      return undefined;
    case 'required':
      if (error.params['missingProperty'] === 'type' || error.params['missingProperty'] === 'anyOf') {
        return `${where} needs a \`type\` (or \`anyOf\` branches that each have one)`;
      }
      return `${where} needs \`${String(error.params['missingProperty'])}\``;
    case 'additionalProperties':
      return error.instancePath === ''
        ? `the file has an unknown key \`${String(error.params['additionalProperty'])}\` (it holds \`input\` and \`output\`)`
        : `${where} has an unsupported keyword \`${String(error.params['additionalProperty'])}\``;
    case 'enum':
      return `${where} must be one of ${(error.params['allowedValues'] as unknown[]).map((value) => `\`${String(value)}\``).join(', ')}`;
  }
  return `${where} ${error.message ?? 'is not valid'}`;
}

function dataPath(pointer: string): string {
  if (pointer === '') return 'the file';
  const segments = pointer.slice(1).split('/').map((s) => s.replace(/~1/g, '/').replace(/~0/g, '~'));
  return `\`${segments.join('.')}\``;
}

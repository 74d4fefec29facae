import type { ErrorObject, Options, ValidateFunction } from 'ajv';
import type { Ajv2020 } from 'ajv/dist/2020.js';
import type { JsonSchema } from '../../derive/index.js';
import { lintTimeSchema, type LintTimeSchema } from './lint-schema.js';

/** What checkPayload needs of a validator; an ajv ValidateFunction is one. */
export interface PayloadValidator {
  (data: unknown): boolean;
  errors?: ErrorObject[] | null;
}

/**
 * The options that set the lint-time ajv apart from the strict one the rest of the run uses (it
 * keeps allErrors, strict mode and the formats). The schemas it compiles are derived by this
 * project's own code, and test/derive-catalog.test.ts proves they compile under ajv with
 * meta-validation, so validating them against the meta-schema again buys nothing; ajv's code
 * optimisation costs more than it saves for a validator that runs a few times.
 */
export const LINT_TIME_AJV_OPTIONS: Options = { validateSchema: false, code: { optimize: false } };

/**
 * Per-run state of the payload checks (part of the LintEnvironment): the lint-time ajv and the
 * vocabulary's validator, both made at first use, and the validators compiled so far.
 */
export interface PayloadValidators {
  /** The input field vocabulary of the run. */
  fields: ReadonlyMap<string, JsonSchema>;
  newAjv: () => Ajv2020;
  ajv?: Ajv2020;
  /** Every vocabulary field as a property of one object (null: it did not compile). */
  vocabulary?: ValidateFunction | null;
  /** By published schema object (null: it did not compile). */
  bySchema: WeakMap<object, PayloadValidator | null>;
  /** By the text of the lint-time schema: skills with the same inputs share one compile. */
  byText: Map<string, PayloadValidator | null>;
}

export function createPayloadValidators(fields: ReadonlyMap<string, JsonSchema>, newAjv: () => Ajv2020): PayloadValidators {
  return { fields, newAjv, bySchema: new WeakMap(), byText: new Map() };
}

const NO_FIELDS: ReadonlyMap<string, JsonSchema> = new Map();

/**
 * A validator of payloads for a published input schema: the same verdict and the same ajv errors
 * (instancePath, schemaPath, keyword, params, message, in the same order) as a strict compile of
 * `schema` itself, compiled at most once per run. Undefined when the schema does not compile.
 */
export function payloadValidator(validators: PayloadValidators, schema: JsonSchema): PayloadValidator | undefined {
  const known = validators.bySchema.get(schema);
  if (known !== undefined) return known ?? undefined;
  const ajv = (validators.ajv ??= validators.newAjv());
  const vocabulary = vocabularyValidator(validators, ajv);
  const lint = lintTimeSchema(schema, vocabulary ? validators.fields : NO_FIELDS);
  const text = JSON.stringify([lint.referenced, lint.schema]);
  let validator = validators.byText.get(text);
  if (validator === undefined) {
    validator = compile(ajv, lint, vocabulary);
    validators.byText.set(text, validator);
  }
  validators.bySchema.set(schema, validator);
  return validator ?? undefined;
}

/** `{type: object, properties: <every field>}`, compiled once per run; undefined if it does not compile. */
function vocabularyValidator(validators: PayloadValidators, ajv: Ajv2020): ValidateFunction | undefined {
  if (validators.vocabulary === undefined) {
    try {
      validators.vocabulary = ajv.compile({ type: 'object', properties: Object.fromEntries(validators.fields) });
    } catch {
      // Then every field stays inline in each skill's schema.
      validators.vocabulary = null;
    }
  }
  return validators.vocabulary ?? undefined;
}

function compile(ajv: Ajv2020, lint: LintTimeSchema, vocabulary: ValidateFunction | undefined): PayloadValidator | null {
  try {
    const shell = ajv.compile(lint.schema);
    return vocabulary && lint.referenced.length > 0 ? withVocabulary(shell, vocabulary, lint) : shell;
  } catch {
    // A schema that does not compile is reported by the derivation rules; nothing to check against here.
    return null;
  }
}

/**
 * The shell's errors and the vocabulary validator's errors for this skill's referenced fields, in
 * the order a strict compile reports them: first the root's own (required fields, groups, unknown
 * keys, in the shell's order), then each property's, in schema order. The vocabulary validator
 * reports at `#/properties/<field>/...`, the very schema path the published schema has.
 */
function withVocabulary(shell: ValidateFunction, vocabulary: ValidateFunction, lint: LintTimeSchema): PayloadValidator {
  const referenced = new Set(lint.referenced.map(pointerSegment));
  const order = lint.properties.map(pointerSegment);
  const check: PayloadValidator = (data) => {
    const shellValid = shell(data);
    const fieldErrors = vocabulary(data) ? [] : (vocabulary.errors ?? []).filter((error) => referenced.has(firstSegment(error.instancePath)));
    check.errors = shellValid && fieldErrors.length === 0 ? null : inSchemaOrder([...(shell.errors ?? []), ...fieldErrors], order);
    return check.errors === null;
  };
  return check;
}

function inSchemaOrder(errors: readonly ErrorObject[], order: readonly string[]): ErrorObject[] {
  const ordered: ErrorObject[] = [];
  const byProperty = new Map<string, ErrorObject[]>();
  for (const error of errors) {
    if (error.instancePath === '') ordered.push(error);
    else {
      const segment = firstSegment(error.instancePath);
      byProperty.set(segment, [...(byProperty.get(segment) ?? []), error]);
    }
  }
  for (const segment of order) {
    ordered.push(...(byProperty.get(segment) ?? []));
    byProperty.delete(segment);
  }
  for (const rest of byProperty.values()) ordered.push(...rest);
  return ordered;
}

/** A property name as ajv writes it in an instancePath. */
function pointerSegment(name: string): string {
  return name.replace(/~/g, '~0').replace(/\//g, '~1');
}

function firstSegment(instancePath: string): string {
  const end = instancePath.indexOf('/', 1);
  return end < 0 ? instancePath.slice(1) : instancePath.slice(1, end);
}

import type { ErrorObject, Options, ValidateFunction } from 'ajv';
import type { Ajv2020 } from 'ajv/dist/2020.js';
import type { JsonSchema } from '../../derive/index.js';
import { generatedPayloadVocabulary } from '../static-validators.js';
import { lintTimeSchema, type BareFields, type LintTimeSchema } from './lint-schema.js';
import { shellVerdict, type ShellVerdict } from './shell-verdict.js';

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
  /** The vocabulary's entries without annotations, for lintTimeSchema (filled at first use). */
  bareFields: BareFields;
}

export function createPayloadValidators(fields: ReadonlyMap<string, JsonSchema>, newAjv: () => Ajv2020): PayloadValidators {
  return { fields, newAjv, bySchema: new WeakMap(), byText: new Map(), bareFields: new Map() };
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
  const vocabulary = vocabularyValidator(validators);
  const lint = vocabulary ? lintTimeSchema(schema, validators.fields, validators.bareFields) : lintTimeSchema(schema, NO_FIELDS);
  const text = JSON.stringify([lint.referenced, lint.schema]);
  let validator = validators.byText.get(text);
  if (validator === undefined) {
    const verdict = vocabulary && lint.referenced.length === lint.properties.length ? shellVerdict(lint.schema) : undefined;
    const compileNow = () => compile((validators.ajv ??= validators.newAjv()), lint, vocabulary);
    validator = verdict && vocabulary ? acceptedWithoutCompile(verdict, vocabulary, compileNow) : compileNow();
    validators.byText.set(text, validator);
  }
  validators.bySchema.set(schema, validator);
  return validator ?? undefined;
}

/**
 * A skill whose every field is a plain vocabulary field is checked without compiling anything: its
 * shell's verdict (shell-verdict.ts) and the vocabulary's validator decide a payload they both
 * accept; only a refused payload compiles the shell with ajv (once) for its errors, which also
 * settles the verdict. A shell that ajv would not compile then accepts every payload, as having
 * nothing to check against does.
 */
function acceptedWithoutCompile(verdict: ShellVerdict, vocabulary: ValidateFunction, compileNow: () => PayloadValidator | null): PayloadValidator {
  let compiled: PayloadValidator | null | undefined;
  const check: PayloadValidator = (data) => {
    if (verdict(data) && vocabulary(data)) {
      check.errors = null;
      return true;
    }
    compiled ??= compileNow();
    const valid = compiled ? compiled(data) : true;
    check.errors = valid ? null : (compiled?.errors ?? null);
    return valid;
  };
  return check;
}

/**
 * `{type: object, properties: <every field>}`, once per run: the code generated at build time for
 * the built-in vocabulary (static-validators.ts), else compiled; undefined if it does not compile.
 */
function vocabularyValidator(validators: PayloadValidators): ValidateFunction | undefined {
  if (validators.vocabulary === undefined) {
    const schema = { type: 'object', properties: Object.fromEntries(validators.fields) };
    try {
      validators.vocabulary = generatedPayloadVocabulary(schema) ?? (validators.ajv ??= validators.newAjv()).compile(schema);
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

import type { ErrorObject, Options } from 'ajv';
import type { Ajv2020 } from 'ajv/dist/2020.js';
import type { JsonSchema } from '../../derive/index.js';
import { lintTimeSchema, type LintTimeSchema } from './lint-schema.js';

/** What checkPayload needs of a validator; an ajv ValidateFunction is one. */
export interface PayloadValidator {
  (data: unknown): boolean;
  errors?: ErrorObject[] | null;
}

/**
 * The options that set the lint-time ajv apart from the strict one the rest of the run uses
 * (it keeps allErrors, strict mode and the formats). The schemas it compiles are derived by this
 * project's own code, and test/derive-catalog.test.ts proves they compile under ajv with
 * meta-validation, so validating them against the meta-schema again here buys nothing. ajv's code
 * optimisation costs more than it saves for a validator that runs a few times. Field `$ref`s are
 * called, not inlined, so that one field's code is shared by every skill of the run.
 */
export const LINT_TIME_AJV_OPTIONS: Options = { validateSchema: false, inlineRefs: false, code: { optimize: false } };

/**
 * Per-run state of the payload checks (part of the LintEnvironment): validators by schema and by
 * schema text, the fields added to the lint-time ajv so far, and that ajv, made at first use.
 */
export interface PayloadValidators {
  newAjv: () => Ajv2020;
  ajv?: Ajv2020;
  /** Vocabulary fields added to `ajv` under their `$id`. */
  registered: Set<string>;
  /** By published schema object (null: it did not compile). */
  bySchema: WeakMap<object, PayloadValidator | null>;
  /** By the text of the lint-time schema: skills with the same inputs share one compile. */
  byText: Map<string, PayloadValidator | null>;
}

export function createPayloadValidators(newAjv: () => Ajv2020): PayloadValidators {
  return { newAjv, registered: new Set(), bySchema: new WeakMap(), byText: new Map() };
}

/** The `$id` a vocabulary field is added to the lint-time ajv under. */
export function fieldSchemaId(name: string): string {
  return `skillhub-field:${name}`;
}

/**
 * A validator of payloads for a published input schema: the same verdict and the same ajv errors
 * (instancePath, schemaPath, keyword, params, message) as a strict compile of `schema` itself,
 * compiled at most once per run. Undefined when the schema does not compile.
 */
export function payloadValidator(
  validators: PayloadValidators,
  fields: ReadonlyMap<string, JsonSchema>,
  schema: JsonSchema,
): PayloadValidator | undefined {
  const known = validators.bySchema.get(schema);
  if (known !== undefined) return known ?? undefined;
  const lint = lintTimeSchema(schema, fields, fieldSchemaId);
  const text = JSON.stringify(lint.schema);
  let validator = validators.byText.get(text);
  if (validator === undefined) {
    validator = compile(validators, fields, lint);
    validators.byText.set(text, validator);
  }
  validators.bySchema.set(schema, validator);
  return validator ?? undefined;
}

function compile(validators: PayloadValidators, fields: ReadonlyMap<string, JsonSchema>, lint: LintTimeSchema): PayloadValidator | null {
  const ajv = (validators.ajv ??= validators.newAjv());
  try {
    for (const name of lint.referenced) {
      if (validators.registered.has(name)) continue;
      ajv.addSchema(fields.get(name) as JsonSchema, fieldSchemaId(name));
      validators.registered.add(name);
    }
    return withPublishedSchemaPaths(ajv.compile(lint.schema), lint.referenced);
  } catch {
    // A schema that does not compile is reported by the derivation rules; nothing to check against here.
    return null;
  }
}

/**
 * The errors of a referenced field come from the field's own compiled code, so their schemaPath
 * starts at the field (`#/minimum`); describePayloadErrors reads the published schema at that path,
 * so it is put back where the field stands in it (`#/properties/strength/minimum`). Only a field's
 * code reports errors under its property: the shell's keywords report at the payload's root.
 */
function withPublishedSchemaPaths(validate: PayloadValidator, referenced: readonly string[]): PayloadValidator {
  if (referenced.length === 0) return validate;
  const prefixes = new Map(referenced.map((name) => [name, `#/properties/${name}`]));
  const check: PayloadValidator = (data) => {
    const valid = validate(data);
    check.errors = valid ? null : (validate.errors ?? []).map((error) => {
      const prefix = prefixes.get(error.instancePath.split('/', 2)[1] ?? '');
      return prefix === undefined || !error.schemaPath.startsWith('#') ? error : { ...error, schemaPath: prefix + error.schemaPath.slice(1) };
    });
    return valid;
  };
  return check;
}

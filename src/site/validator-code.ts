import { Ajv2020 } from 'ajv/dist/2020.js';
import addFormats from 'ajv-formats';
import standaloneCode from 'ajv/dist/standalone/index.js';
import { withoutAnnotations } from './input-shape.js';

/** The modules a standalone validator may `require`; the page's script provides exactly these. */
export const BROWSER_RUNTIME_MODULES: readonly string[] = [
  'ajv/dist/runtime/ucs2length',
  'ajv/dist/runtime/equal',
  'ajv-formats/dist/formats',
];

export class ValidatorCodeError extends Error {}

/**
 * The JavaScript source of a validator for `schema`, compiled ahead of time with the settings of
 * the server's validator (src/catalog/ajv.ts: all errors, own properties, strict, union types,
 * ajv-formats), so the page's verdicts and errors are the server's. Used for each distinct field
 * schema of a catalog, and for a whole input schema that src/site/input-shape.ts cannot run.
 * CommonJS-shaped: it assigns `module.exports` and calls `require` only for BROWSER_RUNTIME_MODULES.
 */
export function createValidatorCompiler(): (schema: unknown) => string {
  // The published schemas were compiled strictly at lint time and by the catalog's checks, so
  // meta-validation is skipped here; annotations are dropped, since they never decide a verdict
  // and leave every keyword's schema path as it was (the page words errors from the full schema).
  const ajv = new Ajv2020({ allErrors: true, strict: true, allowUnionTypes: true, ownProperties: true, validateSchema: false, code: { source: true, esm: false, lines: false } });
  addFormats.default(ajv);
  return (schema) => {
    const validate = ajv.compile(withoutAnnotations(schema) as object);
    const code = standaloneCode.default(ajv, validate);
    // Compiled schemas are only needed once: a build of thousands of skills keeps none of them.
    ajv.removeSchema(validate.schema as object);
    for (const [, name] of code.matchAll(/require\("([^"]+)"\)/g)) {
      if (!BROWSER_RUNTIME_MODULES.includes(name as string)) throw new ValidatorCodeError(`the validator needs ${name}, which the page does not bundle`);
    }
    return code;
  };
}

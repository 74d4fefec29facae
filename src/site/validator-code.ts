import { Ajv2020 } from 'ajv/dist/2020.js';
import addFormats from 'ajv-formats';
import standaloneCode from 'ajv/dist/standalone/index.js';

/** The modules a standalone validator may `require`; the page's script provides exactly these. */
export const BROWSER_RUNTIME_MODULES: readonly string[] = [
  'ajv/dist/runtime/ucs2length',
  'ajv/dist/runtime/equal',
  'ajv-formats/dist/formats',
];

export class ValidatorCodeError extends Error {}

/**
 * The JavaScript source of a validator for `schema`, compiled ahead of time with the settings of
 * the server's validator (src/catalog/ajv.ts: all errors, strict, union types, ajv-formats), so
 * the page's verdicts and errors are the server's. CommonJS-shaped: it assigns `module.exports`
 * and calls `require` only for BROWSER_RUNTIME_MODULES.
 */
export function createValidatorCompiler(): (schema: object) => string {
  // The published schemas were compiled strictly at lint time and by the catalog's checks, so
  // meta-validation is skipped here; annotations are dropped, since they never decide a verdict
  // and leave every keyword's schema path as it was (the page words errors from the full schema).
  const ajv = new Ajv2020({ allErrors: true, strict: true, allowUnionTypes: true, validateSchema: false, code: { source: true, esm: false, lines: false } });
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

const ANNOTATIONS = new Set(['description', 'examples', 'deprecated', 'title', '$comment', 'default']);
/** Keywords whose value is a map of names to schemas, where every key is a name, not a keyword. */
const SCHEMA_MAPS = new Set(['properties', 'patternProperties', '$defs', 'definitions', 'dependentSchemas']);

function withoutAnnotations(schema: unknown): unknown {
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

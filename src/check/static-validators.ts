import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import type { ValidateFunction } from 'ajv';
import type { Ajv2020 } from 'ajv/dist/2020.js';
import { PACKAGE_ROOT } from '../core/project-files.js';

/** The project's own schemas whose validators `npm run build` generates (scripts/build-validators.mjs). */
export const STATIC_SCHEMAS = {
  frontMatter: 'skill-frontmatter.schema.json',
  agents: 'agents-openai.schema.json',
  vocabularyFile: 'input-fields.schema.json',
} as const;

export type StaticSchemaName = keyof typeof STATIC_SCHEMAS;

interface GeneratedModule {
  sha256: Record<string, string>;
  [name: string]: unknown;
}

/** Where the build puts the generated code, relative to this module in dist/check/. */
const GENERATED = '../generated/static-validators.cjs';

/**
 * The validator of one of the project's schemas: the standalone code generated at build time when
 * it was made from exactly this schema text, else `compile()` (running from the TypeScript
 * sources, or a schema edited since the last build).
 */
export function staticValidator(name: StaticSchemaName, schemaText: string, compile: () => ValidateFunction): ValidateFunction {
  const generated = loadGenerated();
  const validate = generated?.[name];
  if (typeof validate === 'function' && generated?.sha256[name] === sha256(schemaText)) return validate as ValidateFunction;
  return compile();
}

function loadGenerated(): GeneratedModule | undefined {
  try {
    // A CommonJS module, so that the synchronous environment set-up can load it.
    return createRequire(import.meta.url)(GENERATED) as GeneratedModule;
  } catch {
    return undefined;
  }
}

function sha256(text: string): string {
  return createHash('sha256').update(text).digest('hex');
}

/** One of the project's static schemas, read from schemas/, with its validator (generated or compiled with `ajv()`). */
export function projectSchemaValidator<Schema>(name: StaticSchemaName, ajv: () => Ajv2020): { schema: Schema; validate: ValidateFunction } {
  const text = readFileSync(new URL(`schemas/${STATIC_SCHEMAS[name]}`, PACKAGE_ROOT), 'utf8');
  const schema = JSON.parse(text) as Schema;
  return { schema, validate: staticValidator(name, text, () => ajv().compile(schema as object)) };
}

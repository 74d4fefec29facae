import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import type { ValidateFunction } from 'ajv';
import type { Ajv2020 } from 'ajv/dist/2020.js';
import { PACKAGE_ROOT } from '../core/project-files.js';
import { loadGeneratedCode, type GeneratedCodeName } from './generated-code.js';

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

/**
 * The payload checks' validator of the whole field vocabulary (`{type: object, properties: <every
 * field>}`, compiled with the lint-time options): the code generated at build time for the built-in
 * vocabulary when `schema` is exactly that one, else undefined (the caller compiles it).
 */
export function generatedPayloadVocabulary(schema: object): ValidateFunction | undefined {
  const generated = loadGenerated('payload-vocabulary');
  const validate = generated?.['payloadVocabulary'];
  if (typeof validate !== 'function' || generated?.sha256['payloadVocabulary'] !== sha256(JSON.stringify(schema))) return undefined;
  return validate as ValidateFunction;
}

/**
 * Whether the build checked exactly `text` as the built-in field vocabulary against exactly
 * `schemaText` (schemas/input-fields.schema.json) and found it valid (scripts/build-validators.mjs):
 * then a run need not check it again.
 */
export function vocabularyVerifiedByBuild(text: string, schemaText: string, verified: unknown = loadGenerated()?.['verifiedVocabulary']): boolean {
  if (typeof verified !== 'object' || verified === null) return false;
  const { text: textHash, schema: schemaHash } = verified as { text?: unknown; schema?: unknown };
  return typeof textHash === 'string' && typeof schemaHash === 'string' && textHash === sha256(text) && schemaHash === sha256(schemaText);
}

/** The text of one of the project's static schemas (schemas/). */
export function projectSchemaText(name: StaticSchemaName): string {
  return readFileSync(new URL(`schemas/${STATIC_SCHEMAS[name]}`, PACKAGE_ROOT), 'utf8');
}

function loadGenerated(name: GeneratedCodeName = 'static-validators'): GeneratedModule | undefined {
  return loadGeneratedCode(name) as GeneratedModule | undefined;
}

function sha256(text: string): string {
  return createHash('sha256').update(text).digest('hex');
}

/** One of the project's static schemas, read from schemas/, with its validator (generated or compiled with `ajv()`). */
export function projectSchemaValidator<Schema>(name: StaticSchemaName, ajv: () => Ajv2020): { schema: Schema; validate: ValidateFunction } {
  const text = projectSchemaText(name);
  const schema = JSON.parse(text) as Schema;
  return { schema, validate: staticValidator(name, text, () => ajv().compile(schema as object)) };
}

import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import type { ValidateFunction } from 'ajv';
import { Ajv2020, type Options } from 'ajv/dist/2020.js';
import { PACKAGE_ROOT } from '../core/project-files.js';
import addFormats from 'ajv-formats';

/**
 * The validator settings of the lint environment (src/check/environment.ts), rebuilt here so a
 * server that only reads a catalog does not load the linter. `allErrors`: a client wants every
 * problem of a payload at once.
 */
export function createPayloadAjv(extra: Omit<Options, 'allErrors' | 'strict' | 'allowUnionTypes' | 'ownProperties'> = {}): Ajv2020 {
  // ownProperties: a field named `toString` or `constructor` is absent unless the payload has it.
  const ajv = new Ajv2020({ ...extra, allErrors: true, strict: true, allowUnionTypes: true, ownProperties: true });
  addFormats.default(ajv);
  return ajv;
}

/** The schemas the catalog index is checked with: catalog.schema.json refers to skill.schema.json. */
export const INDEX_SCHEMA_FILES = ['catalog.schema.json', 'skill.schema.json'] as const;

/** What the generated index validator was made from: the SHA-256 of both schema texts. */
export function indexSchemasDigest(texts: readonly string[]): string {
  const hash = createHash('sha256');
  for (const text of texts) hash.update(text).update('\0');
  return hash.digest('hex');
}

/**
 * The catalog index's validator that `npm run build` generates as standalone code
 * (scripts/build-validators.mjs, with createPayloadAjv's settings), when it was made from exactly
 * the current schema texts; otherwise undefined and the caller compiles (about 0.1 s).
 */
export function generatedIndexValidator(): ValidateFunction | undefined {
  return generatedIndexChecks()?.validate;
}

/**
 * The generated index validator and, when the build could write one, the yes/no check
 * specialised to the same schemas (src/catalog/fast-check-code.ts): only its `true` counts, a
 * refused index goes to the validator.
 */
export function generatedIndexChecks(): { validate: ValidateFunction; accepts?: (value: unknown) => boolean } | undefined {
  try {
    // Relative to this module in dist/catalog/ (or a bundle chunk in dist/bin/): both are two levels down.
    const generated = createRequire(import.meta.url)('../generated/catalog-index.cjs') as { index?: unknown; accepts?: unknown; sha256?: unknown };
    const texts = INDEX_SCHEMA_FILES.map((file) => readFileSync(new URL(`schemas/${file}`, PACKAGE_ROOT), 'utf8'));
    if (typeof generated.index !== 'function' || generated.sha256 !== indexSchemasDigest(texts)) return undefined;
    const validate = generated.index as ValidateFunction;
    return typeof generated.accepts === 'function' ? { validate, accepts: generated.accepts as (value: unknown) => boolean } : { validate };
  } catch {
    return undefined;
  }
}

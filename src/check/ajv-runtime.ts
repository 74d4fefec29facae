import { createRequire } from 'node:module';

type AjvModule = typeof import('ajv/dist/2020.js');
type FormatsModule = typeof import('ajv-formats');

/** ajv's 2020-12 class and ajv-formats' plugin. */
export interface AjvRuntime {
  Ajv2020: AjvModule['Ajv2020'];
  addFormats: FormatsModule['default'];
}

/**
 * ajv, loaded when something is first compiled rather than when the checks are imported: a usual
 * run validates with code generated at build time (static-validators.ts) and never compiles, and
 * ajv with its formats is the largest package the checks would load (150 KB of the bundle). It is
 * loaded synchronously (CommonJS) because the environment compiles synchronously. The CLI bundle
 * replaces this module with one that loads dist/bin/ajv-runtime.cjs, the same packages bundled in
 * one file (scripts/build-cli-bundle.mjs).
 */
export function ajvRuntime(): AjvRuntime {
  // Node's module cache makes the calls after the first cheap.
  const require = createRequire(import.meta.url);
  const { Ajv2020 } = require('ajv/dist/2020.js') as AjvModule;
  const formats = require('ajv-formats') as FormatsModule;
  return { Ajv2020, addFormats: formats.default };
}

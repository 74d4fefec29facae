/// <reference lib="dom" />

/**
 * What a standalone validator's `require` gets: the modules of BROWSER_RUNTIME_MODULES
 * (src/site/validator-code.ts), exactly as CommonJS hands them over (the validator reads `.default`
 * itself). Static `require` calls, so the bundler (scripts/build-site-assets.mjs) includes them.
 */
const MODULES: Record<string, unknown> = {
  'ajv/dist/runtime/ucs2length': require('ajv/dist/runtime/ucs2length'),
  'ajv/dist/runtime/equal': require('ajv/dist/runtime/equal'),
  'ajv-formats/dist/formats': require('ajv-formats/dist/formats'),
};

export function runtimeModule(name: string): unknown {
  const found = MODULES[name];
  if (found === undefined) throw new Error(`the page does not bundle ${name}`);
  return found;
}

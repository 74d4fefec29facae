// Bundles the catalog pages' script (src/site/browser/main.ts and what it imports: the payload
// wording of src/check/payload, the ajv runtime pieces that precompiled validators call) into one
// minified classic script, dist/site/assets/site.js, which `skillhub build` copies into the site.
import { build } from 'esbuild';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
await build({
  absWorkingDir: root,
  entryPoints: ['src/site/browser/main.ts'],
  outfile: 'dist/site/assets/site.js',
  bundle: true,
  minify: true,
  format: 'iife',
  platform: 'browser',
  target: ['es2020'],
  legalComments: 'none',
  logLevel: 'warning',
});

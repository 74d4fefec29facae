// Bundles the compiled CLI (dist/cli/bin.js, tsc's output) into dist/bin/: skillhub.cjs, the whole
// CLI as one CommonJS file (the commands' dynamic imports become lazy initialisers), which the
// `skillhub` entry (skillhub.js, src/cli/start.ts) runs with a V8 code cache; the analysis worker's
// entry and its chunks (ES modules); ajv-runtime.cjs. One file instead of ~400 modules saves Node
// most of its module resolution and loading at start-up, and the code cache most of the parsing
// and compiling (Node 20 has no module compile cache). The library entry (dist/index.js) stays
// tsc's output.
//
//   node scripts/build-cli-bundle.mjs [dist-folder]   (default: ./dist)
//
// dist/bin/ sits two levels below the package, as dist/core/ and dist/check/ do, so the paths the
// code computes from import.meta.url (the package root, dist/generated/, the worker file) resolve
// the same from a chunk as from tsc's output; dist/bin/meta.json (esbuild's metafile) says which
// source modules each chunk holds.
import { build } from 'esbuild';
import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const dist = path.resolve(process.argv[2] ?? path.join(root, 'dist'));
const outdir = path.join(dist, 'bin');
rmSync(outdir, { recursive: true, force: true });
/**
 * gray-matter loads js-yaml (and js-yaml tries esprima) for its default engines, which this project
 * always replaces (src/parse/front-matter.ts: the YAML is parsed by the `yaml` package, nothing else
 * is evaluated). In the bundle js-yaml is a stub that throws if anything ever calls it.
 */
const unusedJsYaml = {
  name: 'unused-js-yaml',
  setup(build) {
    build.onResolve({ filter: /^js-yaml$/ }, () => ({ path: 'js-yaml', namespace: 'unused' }));
    build.onLoad({ filter: /.*/, namespace: 'unused' }, () => ({
      loader: 'js',
      contents: `const unused = () => { throw new Error('js-yaml is not part of the skillhub bundle'); };
module.exports = { safeLoad: unused, safeDump: unused, load: unused, dump: unused };`,
    }));
  },
};

/**
 * check/ajv-runtime.js loads ajv synchronously when something is first compiled. In the bundle it
 * loads dist/bin/ajv-runtime.cjs (built below: ajv's 2020 class and ajv-formats in one CommonJS
 * file), so a run that compiles nothing never reads ajv, and one that does reads one file instead
 * of ajv's ~40. Other commands (build, serve, the catalog) still import ajv into their own chunks.
 */
const AJV_RUNTIME_FILE = 'ajv-runtime.cjs';
const ajvRuntime = {
  name: 'ajv-runtime',
  setup(build) {
    build.onLoad({ filter: /[\\/]check[\\/]ajv-runtime\.js$/ }, () => ({
      loader: 'js',
      contents: `import { createRequire } from 'node:module';
export function ajvRuntime() { return createRequire(import.meta.url)('./${AJV_RUNTIME_FILE}'); }`,
    }));
  },
};

const shared = {
  absWorkingDir: root,
  bundle: true,
  platform: 'node',
  target: 'node20',
  // jsonc-parser's `main` is a UMD build whose dynamic requires esbuild cannot follow; its ESM build is whole.
  mainFields: ['module', 'main'],
  legalComments: 'none',
  metafile: true,
  // Fewer bytes for Node to read, decode and parse at every start (measured: 0.85 → 0.80 s CPU per run).
  minify: true,
  // For SKILLHUB_DEBUG stacks: `node --enable-source-maps dist/bin/skillhub.js ...`.
  sourcemap: 'linked',
  logLevel: 'warning',
};

// The CLI: one CommonJS file, which dist/bin/skillhub.js (src/cli/start.ts) compiles with a V8 code
// cache. The commands' dynamic imports become lazy initialisers inside it. import.meta.url is the
// bundle's own URL (dist/bin/ as for the chunks before). web-tree-sitter is required from its
// package (its CommonJS build): its ES build imports Node modules with import(), which a script
// compiled from cached data cannot run, so the bundle must hold no import() at all (checked below).
const cli = await build({
  ...shared,
  entryPoints: { skillhub: path.join(dist, 'cli/bin.js') },
  outdir,
  outExtension: { '.js': '.cjs' },
  format: 'cjs',
  supported: { 'dynamic-import': false },
  external: ['web-tree-sitter'],
  define: { 'import.meta.url': '__skillhubImportMetaUrl' },
  banner: { js: "var __skillhubImportMetaUrl = require('node:url').pathToFileURL(__filename).href;" },
  plugins: [unusedJsYaml, ajvRuntime],
});
const cliText = readFileSync(path.join(outdir, 'skillhub.cjs'), 'utf8');
if (/\bimport\(/.test(cliText)) throw new Error('dist/bin/skillhub.cjs holds an import(), which its code cache cannot run');

// The command itself: the code-cache loader, and the worker threads' entry with its chunks.
const esm = await build({
  ...shared,
  entryPoints: {
    skillhub: path.join(dist, 'cli/start.js'),
    'analysis-worker': path.join(dist, 'check/analysis-worker.js'),
    'write-worker': path.join(dist, 'publish/write-worker.js'),
  },
  outdir,
  splitting: true,
  format: 'esm',
  // CommonJS packages bundled into ESM still call require() for Node's built-ins.
  banner: { js: "import { createRequire as __skillhubCreateRequire } from 'node:module';\nconst require = __skillhubCreateRequire(import.meta.url);" },
  chunkNames: 'chunk-[hash]',
  plugins: [unusedJsYaml, ajvRuntime],
});

const ajvFile = await build({
  absWorkingDir: root,
  metafile: true,
  stdin: {
    contents: "module.exports = { Ajv2020: require('ajv/dist/2020.js').Ajv2020, addFormats: require('ajv-formats').default };",
    resolveDir: root,
    loader: 'js',
  },
  outfile: path.join(outdir, AJV_RUNTIME_FILE),
  bundle: true,
  format: 'cjs',
  platform: 'node',
  target: 'node20',
  legalComments: 'none',
  minify: true,
  logLevel: 'warning',
});
const metas = [esm.metafile, cli.metafile, ajvFile.metafile];
writeFileSync(
  path.join(outdir, 'meta.json'),
  JSON.stringify({ inputs: Object.assign({}, ...metas.map((meta) => meta.inputs)), outputs: Object.assign({}, ...metas.map((meta) => meta.outputs)) }),
);

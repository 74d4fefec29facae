// Bundles the compiled CLI (dist/cli/bin.js, tsc's output) into dist/bin/: skillhub.cjs, the whole
// CLI as one CommonJS file (the commands' dynamic imports become lazy initialisers), which the
// `skillhub` entry (skillhub.js, src/cli/start.ts) runs with a V8 code cache; the analysis worker's
// entry and its chunks (ES modules, .mjs: dist/bin/ holds a package.json that makes its .js files
// CommonJS, so that Node starts the bin without its ES module loader); ajv-runtime.cjs. One file instead of ~400 modules saves Node
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
import { createHash } from 'node:crypto';
import { existsSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const dist = path.resolve(process.argv[2] ?? path.join(root, 'dist'));
const outdir = path.join(dist, 'bin');
rmSync(outdir, { recursive: true, force: true });
/**
 * gray-matter loads js-yaml 3 (and js-yaml tries esprima) for its default engines, which this project
 * always replaces (src/parse/front-matter.ts: nothing in the front matter is evaluated; the YAML is
 * read by src/parse/yaml.ts). In the bundle gray-matter's js-yaml is a stub that throws if anything
 * ever calls it; the project's own js-yaml 4 (src/parse/plain-yaml.ts) is bundled as usual.
 */
const unusedJsYaml = {
  name: 'unused-js-yaml',
  setup(build) {
    build.onResolve({ filter: /^js-yaml$/ }, (args) =>
      /[\\/]node_modules[\\/]gray-matter[\\/]/.test(args.importer) ? { path: 'js-yaml', namespace: 'unused' } : undefined,
    );
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

/**
 * The validators generated at build time (dist/generated/, scripts/build-validators.mjs, which runs
 * before this script) go into the CLI bundle, and so into its code cache: loaded by Node's
 * require() they were compiled from their text at every start. Without them (tsc's output only)
 * the bundle loads them at run time as tsc's output does.
 */
const GENERATED_IN_BUNDLE = ['static-validators', 'payload-vocabulary'];
const generatedCode = {
  name: 'generated-code',
  setup(build) {
    build.onLoad({ filter: /[\\/]check[\\/]generated-code\.js$/ }, (args) => {
      const present = GENERATED_IN_BUNDLE.filter((name) => existsSync(path.join(dist, 'generated', `${name}.cjs`)));
      if (present.length < GENERATED_IN_BUNDLE.length) return undefined;
      const cases = present.map((name) => `    case ${JSON.stringify(name)}: return require(${JSON.stringify(`../generated/${name}.cjs`)});`).join('\n');
      return { loader: 'js', resolveDir: path.dirname(args.path), contents: `export function loadGeneratedCode(name) {\n  switch (name) {\n${cases}\n    default: return undefined;\n  }\n}\n` };
    });
  },
};

/**
 * jsonc-parser's modules have no side effects at load, but its package does not say so: its
 * formatter's whitespace tables (about 1,200 strings, made when the module loads) would be built at
 * every start although only the parser is used. Declared side-effect free, what is not imported is
 * left out of the bundle.
 */
const jsoncParserWithoutSideEffects = {
  name: 'jsonc-parser-side-effect-free',
  setup(build) {
    build.onResolve({ filter: /.*/ }, async (args) => {
      const inPackage = /[\\/]node_modules[\\/]jsonc-parser[\\/]/.test(args.importer);
      if (args.pluginData?.jsonc || !(args.path === 'jsonc-parser' || inPackage)) return undefined;
      const resolved = await build.resolve(args.path, { kind: args.kind, importer: args.importer, resolveDir: args.resolveDir, pluginData: { jsonc: true } });
      if (resolved.errors.length > 0) return { errors: resolved.errors };
      return { path: resolved.path, sideEffects: false };
    });
  },
};

/**
 * In the CLI bundle the worker threads' entry is analysis-worker.mjs (an ES module: it awaits at
 * its top level), not tsc's analysis-worker.js beside check/parallel.js.
 */
const workerFileName = {
  name: 'worker-file-name',
  setup(build) {
    build.onLoad({ filter: /[\\/]check[\\/]parallel\.js$/ }, (args) => {
      const text = readFileSync(args.path, 'utf8');
      const parts = text.split("'./analysis-worker.js'");
      if (parts.length !== 2) throw new Error(`${args.path} no longer names './analysis-worker.js' once; update scripts/build-cli-bundle.mjs`);
      return { loader: 'js', contents: parts.join("'./analysis-worker.mjs'") };
    });
  },
};

/**
 * The replay manifest's helper thread (--concurrency on an unchanged catalog) runs
 * dist/bin/replay-check-worker.mjs, built below, rather than tsc's dist/load/replay-check-worker.js:
 * the bundled CLI then loads no compiled code outside dist/bin/ and dist/generated/, which is what
 * its cache's fingerprint covers (SKILLHUB_BUNDLED_CODE, src/load/analysis-cache.ts).
 */
const replayWorkerFileName = {
  name: 'replay-worker-file-name',
  setup(build) {
    build.onLoad({ filter: /[\\/]load[\\/]replay-manifest\.js$/ }, (args) => {
      const text = readFileSync(args.path, 'utf8');
      const parts = text.split("'../load/replay-check-worker.js'");
      if (parts.length !== 2) throw new Error(`${args.path} no longer names '../load/replay-check-worker.js' once; update scripts/build-cli-bundle.mjs`);
      return { loader: 'js', contents: parts.join("'./replay-check-worker.mjs'") };
    });
  },
};

/** The folders below dist/ whose compiled code the bundled CLI may load (see replayWorkerFileName). */
const BUNDLED_CODE_FOLDERS = ['bin', 'generated'];

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
  define: { 'import.meta.url': '__skillhubImportMetaUrl', SKILLHUB_BUNDLED_CODE: JSON.stringify(BUNDLED_CODE_FOLDERS) },
  banner: { js: "var __skillhubImportMetaUrl = require('node:url').pathToFileURL(__filename).href;" },
  plugins: [unusedJsYaml, ajvRuntime, workerFileName, replayWorkerFileName, generatedCode, jsoncParserWithoutSideEffects],
});
// Written as the function Node wraps a CommonJS module in, which the loader compiles as it is
// (src/cli/code-cache.ts), with its digest: the loader's cache key without hashing it at each start.
const CLI_WRAPPER_START = '(function (exports, require, module, __filename, __dirname) { ';
const CLI_WRAPPER_END = '\n})';
/** Checks a bundle the loader runs with a code cache, wraps it and answers its digest. */
function wrapForCodeCache(file) {
  const name = path.relative(dist, file);
  const text = readFileSync(file, 'utf8');
  if (/\bimport\(/.test(text)) throw new Error(`dist/${name} holds an import(), which its code cache cannot run`);
  // V8 keeps a text with one character beyond Latin-1 in two bytes a character, and reading,
  // hashing and scanning it all cost more (esbuild escapes strings, not regular expressions).
  const wide = /[^\x00-\x7f]/.exec(text);
  if (wide) {
    throw new Error(
      `dist/${name} holds the non-ASCII character ${JSON.stringify(wide[0])} (U+${wide[0].codePointAt(0).toString(16).toUpperCase().padStart(4, '0')}) near ${JSON.stringify(text.slice(Math.max(0, wide.index - 40), wide.index + 10))}: write it as a \\u escape in the source`,
    );
  }
  const wrapped = `${CLI_WRAPPER_START}${text}${CLI_WRAPPER_END}`;
  writeFileSync(file, wrapped);
  return createHash('sha256').update(wrapped).digest('hex');
}
const cliDigest = wrapForCodeCache(path.join(outdir, 'skillhub.cjs'));

/**
 * In the replay bundle, reading a skillhub.config.json (which needs the rules and ajv) is left to
 * the whole CLI: loading the reader throws, and the replay entry then hands the run to the CLI.
 */
const noConfigReader = {
  name: 'no-config-reader',
  setup(build) {
    build.onLoad({ filter: /[\\/]config[\\/]config-file\.js$/ }, () => ({
      loader: 'js',
      contents: "throw new Error('reading skillhub.config.json is left to the whole CLI');",
    }));
  },
};

// `validate --cache` of an unchanged catalog: a small bundle the loader runs first
// (src/cli/validate-replay.ts), with a code cache of its own, so that a replayed report never reads
// the CLI bundle. It computes the cache's fingerprint as the CLI does (the same SKILLHUB_BUNDLED_CODE).
const replay = await build({
  ...shared,
  entryPoints: { 'validate-replay': path.join(dist, 'cli/validate-replay.js') },
  outdir,
  outExtension: { '.js': '.cjs' },
  format: 'cjs',
  supported: { 'dynamic-import': false },
  define: { 'import.meta.url': '__skillhubImportMetaUrl', SKILLHUB_BUNDLED_CODE: JSON.stringify(BUNDLED_CODE_FOLDERS) },
  banner: { js: "var __skillhubImportMetaUrl = require('node:url').pathToFileURL(__filename).href;" },
  plugins: [replayWorkerFileName, noConfigReader],
});
const replayDigest = wrapForCodeCache(path.join(outdir, 'validate-replay.cjs'));

// The command itself: the code-cache loader, one CommonJS file, which dist/bin/package.json makes
// Node run as such.
writeFileSync(path.join(outdir, 'package.json'), `${JSON.stringify({ type: 'commonjs' })}\n`);
const loader = await build({
  ...shared,
  entryPoints: { skillhub: path.join(dist, 'cli/start.js') },
  outdir,
  format: 'cjs',
  define: { 'import.meta.url': '__skillhubImportMetaUrl', SKILLHUB_BUNDLE_DIGEST: JSON.stringify(cliDigest), SKILLHUB_REPLAY_BUNDLE_DIGEST: JSON.stringify(replayDigest) },
  banner: { js: "var __skillhubImportMetaUrl = require('node:url').pathToFileURL(__filename).href;" },
});

// The analysis worker threads' entry with its chunks.
const esm = await build({
  ...shared,
  entryPoints: { 'analysis-worker': path.join(dist, 'check/analysis-worker.js') },
  outdir,
  outExtension: { '.js': '.mjs' },
  splitting: true,
  format: 'esm',
  // CommonJS packages bundled into ESM still call require() for Node's built-ins.
  banner: { js: "import { createRequire as __skillhubCreateRequire } from 'node:module';\nconst require = __skillhubCreateRequire(import.meta.url);" },
  chunkNames: 'chunk-[hash]',
  plugins: [unusedJsYaml, ajvRuntime, replayWorkerFileName],
});

// The replay manifest's helper thread: one small file of its own (built apart, so that the
// analysis worker's chunks stay as they are).
const replayWorker = await build({
  ...shared,
  entryPoints: { 'replay-check-worker': path.join(dist, 'load/replay-check-worker.js') },
  outdir,
  outExtension: { '.js': '.mjs' },
  format: 'esm',
  banner: { js: "import { createRequire as __skillhubCreateRequire } from 'node:module';\nconst require = __skillhubCreateRequire(import.meta.url);" },
  plugins: [replayWorkerFileName],
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
const metas = [esm.metafile, replayWorker.metafile, loader.metafile, cli.metafile, replay.metafile, ajvFile.metafile];
writeFileSync(
  path.join(outdir, 'meta.json'),
  JSON.stringify({ inputs: Object.assign({}, ...metas.map((meta) => meta.inputs)), outputs: Object.assign({}, ...metas.map((meta) => meta.outputs)) }),
);

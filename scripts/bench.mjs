#!/usr/bin/env node
// npm run bench: how fast the published catalog answers and how fast it is built.
//   1. payload validations per second through the consumer library (valid and invalid payloads);
//   2. catalog build time (validate + build in memory + write) for the project's skills/;
//   3. cold `skillhub validate` throughput, in skills per second, on a synthetic catalog of
//      2,000 skill folders generated from skills/ into a temporary folder.
// It runs the compiled code in dist/, compiling first when dist/ is missing or older than src/.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync, mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { fileURLToPath, pathToFileURL } from 'node:url';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const DIST = path.join(ROOT, 'dist');
const SYNTHETIC_SKILLS = 2000;

function newestMtime(folder) {
  let newest = 0;
  for (const entry of readdirSync(folder, { withFileTypes: true })) {
    const full = path.join(folder, entry.name);
    newest = Math.max(newest, entry.isDirectory() ? newestMtime(full) : statSync(full).mtimeMs);
  }
  return newest;
}

function ensureBuilt() {
  const entry = path.join(DIST, 'index.js');
  if (existsSync(entry) && statSync(entry).mtimeMs >= newestMtime(path.join(ROOT, 'src'))) return;
  console.log('compiling src/ to dist/ (npm run build) ...');
  const result = spawnSync(process.execPath, [path.join(ROOT, 'node_modules/typescript/bin/tsc'), '-p', path.join(ROOT, 'tsconfig.json')], { stdio: 'inherit' });
  if (result.status !== 0 && !existsSync(entry)) process.exit(1);
}

const load = (relative) => import(pathToFileURL(path.join(DIST, relative)).href);

function median(values) {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)];
}

/** Calls `fn` in batches for about `ms` milliseconds; returns calls per second. */
function rate(fn, ms = 1000) {
  for (let i = 0; i < 1000; i++) fn();
  let calls = 0;
  const start = performance.now();
  let elapsed = 0;
  while (elapsed < ms) {
    for (let i = 0; i < 1000; i++) fn();
    calls += 1000;
    elapsed = performance.now() - start;
  }
  return (calls / elapsed) * 1000;
}

const format = (n) => Math.round(n).toLocaleString('en-US');

/**
 * 2,000 skill folders: copies of skills/ with every skill id suffixed per copy. A reference to a
 * skill that the last, partial copy lacks points at the first copy, so every reference resolves.
 */
function writeSyntheticCatalog(target) {
  const sources = readdirSync(path.join(ROOT, 'skills'), { withFileTypes: true })
    .filter((entry) => entry.isDirectory() && existsSync(path.join(ROOT, 'skills', entry.name, 'SKILL.md')))
    .map((entry) => entry.name)
    .sort();
  if (sources.length === 0) throw new Error('skills/ has no skill folders to copy');
  const files = sources.map((id) => {
    const folder = path.join(ROOT, 'skills', id);
    const found = [['SKILL.md', readFileSync(path.join(folder, 'SKILL.md'), 'utf8')]];
    const agents = path.join(folder, 'agents', 'openai.yaml');
    if (existsSync(agents)) found.push(['agents/openai.yaml', readFileSync(agents, 'utf8')]);
    return { id, found };
  });
  const idPattern = new RegExp(sources.map((id) => id.replace(/-/g, '\\-')).join('|'), 'g');
  const renamed = (id, copy) => id.replace(/-v(\d+)$/, `x${copy}-v$1`);
  for (let index = 0; index < SYNTHETIC_SKILLS; index++) {
    const copy = Math.floor(index / sources.length);
    const { id, found } = files[index % sources.length];
    const lastCopyHas = (other) => copy * sources.length + sources.indexOf(other) < SYNTHETIC_SKILLS;
    const folder = path.join(target, renamed(id, copy));
    for (const [relative, text] of found) {
      mkdirSync(path.dirname(path.join(folder, relative)), { recursive: true });
      writeFileSync(path.join(folder, relative), text.replace(idPattern, (other) => renamed(other, lastCopyHas(other) ? copy : 0)));
    }
  }
  return sources.length;
}

async function main() {
  ensureBuilt();
  const { buildCatalogFromRoot } = await load('publish/pipeline.js');
  const { writeCatalogFolder } = await load('publish/write.js');
  const { catalogFromFiles } = await load('catalog/load.js');
  const { lintPaths } = await load('pipeline.js');
  const { buildCatalog } = await load('publish/build.js');
  const { skillSourcesOf } = await load('publish/sources.js');
  const scratch = mkdtempSync(path.join(tmpdir(), 'skillhub-bench-'));
  try {
    console.log(`popiart-skillhub bench (node ${process.version}, ${process.platform}/${process.arch})\n`);

    // 2. Catalog build time for skills/.
    const buildTimes = [];
    let files;
    for (let i = 0; i < 7; i++) {
      const start = performance.now();
      const { build } = await buildCatalogFromRoot('skills', ROOT);
      if (!build?.ok) throw new Error('skills/ does not build: run `npm run validate`');
      await writeCatalogFolder(path.join(scratch, 'catalog'), build.catalog.files);
      buildTimes.push(performance.now() - start);
      files = build.catalog.files;
    }
    const skillCount = JSON.parse(files.get('catalog.json')).skills.length;
    console.log(`catalog build (skills/, ${skillCount} skills, validate + build + write):`);
    console.log(`  first ${buildTimes[0].toFixed(1)} ms, then median ${median(buildTimes.slice(1)).toFixed(1)} ms (of ${buildTimes.length - 1})\n`);

    // 1. Payload validations per second through the library.
    const catalog = await catalogFromFiles(files);
    console.log('payload validation through loadCatalog(...).validateInput (one compiled validator per skill):');
    for (const id of catalog.ids) {
      const schema = catalog.schema(id).input_schema;
      const valid = Array.isArray(schema.examples) && schema.examples.length > 0 ? schema.examples[0] : {};
      if (!catalog.validateInput(id, valid).valid) throw new Error(`${id}: its own example payload does not validate`);
      const invalid = { ...valid, prompt: 42, unknown_field: true };
      const validRate = rate(() => catalog.validateInput(id, valid));
      const invalidRate = rate(() => catalog.validateInput(id, invalid), 500);
      console.log(`  ${id}: ${format(validRate)}/s valid (${(1e6 / validRate).toFixed(2)} µs each), ${format(invalidRate)}/s invalid with messages`);
    }
    console.log('');

    // 3. Cold validate throughput on 2,000 generated skill folders.
    const synthetic = path.join(scratch, 'skills');
    const copied = writeSyntheticCatalog(synthetic);
    const bin = path.join(DIST, 'cli', 'bin.js');
    const start = performance.now();
    const run = spawnSync(process.execPath, [bin, 'validate', synthetic, '--format', 'json'], { maxBuffer: 256 * 1024 * 1024 });
    const seconds = (performance.now() - start) / 1000;
    const reports = run.status === 0 || run.status === 1 ? JSON.parse(run.stdout.toString()) : [];
    const problems = reports.reduce((sum, report) => sum + report.errorCount + report.warningCount, 0);
    console.log(`cold \`skillhub validate\` (new process) on ${SYNTHETIC_SKILLS} skill folders generated from ${copied} in skills/:`);
    console.log(`  ${seconds.toFixed(2)} s wall, ${format(SYNTHETIC_SKILLS / seconds)} skills/s (exit ${run.status}, ${reports.length} files, ${problems} problems)`);
    // 4. The editor-save loop: the same catalog again with --cache, once to fill it, once warm.
    const cacheLocation = path.join(scratch, 'cache.json');
    const cached = () => {
      const began = performance.now();
      spawnSync(process.execPath, [bin, 'validate', synthetic, '--cache', '--cache-location', cacheLocation], { maxBuffer: 256 * 1024 * 1024 });
      return (performance.now() - began) / 1000;
    };
    const filling = cached();
    const warm = cached();
    console.log(`  with --cache: ${filling.toFixed(2)} s filling it, then ${warm.toFixed(2)} s with every file unchanged`);
    const lintStart = performance.now();
    const { results } = await lintPaths([synthetic], scratch);
    const lintSeconds = (performance.now() - lintStart) / 1000;
    const buildStart = performance.now();
    const big = buildCatalog(skillSourcesOf(results, scratch));
    const buildMs = performance.now() - buildStart;
    const built = big.ok ? `${big.catalog.skills.length} skills, ${big.catalog.files.size} files` : 'refused';
    console.log(`  in process: validation ${lintSeconds.toFixed(2)} s, then the catalog build itself ${buildMs.toFixed(0)} ms (${built})`);
    if (run.status !== 0) console.log(`  note: validate exited ${run.status}; stderr: ${run.stderr.toString().slice(0, 400)}`);
  } finally {
    rmSync(scratch, { recursive: true, force: true });
  }
}

await main();

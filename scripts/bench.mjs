#!/usr/bin/env node
// npm run bench: the rows of the speed table (README, "Speed"), each measured side by side with
// markdownlint-cli2 where it has a counterpart, in interleaved runs, reported as medians.
//
//   node scripts/bench.mjs [--sizes 1000,10000] [--runs 3] [--out bench-results.json] [--no-reference]
//                          [--rows one,one-in-catalog,lint,build]   (build includes loadCatalog and validateInput)
//
// Rows: one SKILL.md in a new process (the editor-save loop) next to `node -e 0`; for each size, one
// SKILL.md inside a generated catalog of that size (the rest is context) next to the same skill in a
// catalog of its own; for each size, a
// cold `skillhub validate` and markdownlint-cli2 on the same generated tree, then `--cache` with
// nothing changed; at the largest size, `skillhub build` next to `validate` on a catalog of valid
// skills, `loadCatalog` of the built folder and `validateInput` spread over 2,000 skills.
// The corpora are generated from skills/ (scripts/corpus.mjs); the lint corpus also takes the
// public reference skills when /work/shared/reference (or SKILLHUB_BENCH_REFERENCE) has them.
// Wall time, CPU time and peak memory of child processes come from /usr/bin/time when present.
// It runs the compiled code in dist/, compiling first when dist/ is older than src/.
import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { writeCorpus } from './corpus.mjs';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const DIST = path.join(ROOT, 'dist');
const BIN = path.join(DIST, 'bin', 'skillhub.js');
const MARKDOWNLINT = path.join(ROOT, 'node_modules', 'markdownlint-cli2', 'markdownlint-cli2-bin.mjs');
const TIME = '/usr/bin/time';
const REFERENCE = process.env.SKILLHUB_BENCH_REFERENCE ?? '/work/shared/reference/popiart-skillhub/skills';
const SPREAD = 2000;

const args = process.argv.slice(2);
const option = (name, fallback) => {
  const at = args.indexOf(name);
  return at >= 0 && args[at + 1] !== undefined ? args[at + 1] : fallback;
};
const sizes = option('--sizes', '1000,10000').split(',').map(Number);
const runs = Number(option('--runs', '3'));
const outFile = path.resolve(option('--out', path.join(ROOT, 'bench-results.json')));
const withReference = !args.includes('--no-reference') && existsSync(REFERENCE);
const rows = new Set(option('--rows', 'one,one-in-catalog,lint,build').split(','));

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
  if (existsSync(entry) && existsSync(BIN) && statSync(entry).mtimeMs >= newestMtime(path.join(ROOT, 'src'))) return;
  console.log('compiling src/ to dist/ (npm run build) ...');
  const result = spawnSync('npm', ['run', 'build'], { cwd: ROOT, stdio: 'inherit' });
  if (result.status !== 0) process.exit(1);
}

const median = (values) => {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
};
const format = (n) => Math.round(n).toLocaleString('en-US');
const seconds = (s) => (s < 1 ? `${(s * 1000).toFixed(0)} ms` : `${s.toFixed(2)} s`);

/** One process: wall seconds, CPU seconds and peak memory (MB) when /usr/bin/time can tell. */
function timed(command, commandArgs, cwd = ROOT) {
  const scratch = mkdtempSync(path.join(tmpdir(), 'skillhub-time-'));
  const report = path.join(scratch, 'time.txt');
  try {
    const useTime = existsSync(TIME);
    const start = performance.now();
    const run = useTime
      ? spawnSync(TIME, ['-f', '%U %S %M', '-o', report, command, ...commandArgs], { cwd, stdio: 'ignore' })
      : spawnSync(command, commandArgs, { cwd, stdio: 'ignore' });
    const wall = (performance.now() - start) / 1000;
    if (!useTime) return { wall, cpu: undefined, peakMb: undefined, status: run.status };
    const [user, system, peakKb] = readFileSync(report, 'utf8').trim().split('\n').pop().split(' ').map(Number);
    return { wall, cpu: user + system, peakMb: peakKb / 1024, status: run.status };
  } finally {
    rmSync(scratch, { recursive: true, force: true });
  }
}

/** Runs each named command `times` times, interleaved (a, b, a, b, ...), and keeps the medians. */
function interleaved(commands, times) {
  const samples = Object.fromEntries(Object.keys(commands).map((name) => [name, []]));
  for (let i = 0; i < times; i++) for (const [name, run] of Object.entries(commands)) samples[name].push(run());
  return Object.fromEntries(
    Object.entries(samples).map(([name, list]) => [
      name,
      {
        wall: median(list.map((s) => s.wall)),
        cpu: list[0].cpu === undefined ? undefined : median(list.map((s) => s.cpu)),
        peakMb: list[0].peakMb === undefined ? undefined : median(list.map((s) => s.peakMb)),
        status: list[0].status,
        runs: list.length,
      },
    ]),
  );
}

const describe = (m) => `${seconds(m.wall)} wall${m.cpu === undefined ? '' : `, ${seconds(m.cpu)} CPU, ${format(m.peakMb)} MB peak`}`;
const node = (...rest) => () => timed(process.execPath, rest);

function fileSize(file) {
  return existsSync(file) ? statSync(file).size : 0;
}

/** Calls `fn(i)` for about `ms` milliseconds; returns calls per second. */
function rate(fn, ms = 1000) {
  for (let i = 0; i < 2000; i++) fn(i);
  let calls = 0;
  const start = performance.now();
  let elapsed = 0;
  while (elapsed < ms) {
    for (let i = 0; i < 1000; i++) fn(calls + i);
    calls += 1000;
    elapsed = performance.now() - start;
  }
  return (calls / elapsed) * 1000;
}

async function main() {
  ensureBuilt();
  const results = { node: process.version, platform: `${process.platform}/${process.arch}`, date: new Date().toISOString(), runs, rows: {} };
  console.log(`popiart-skillhub bench (node ${process.version}, ${results.platform}); medians of interleaved runs\n`);
  const scratch = mkdtempSync(path.join(tmpdir(), 'skillhub-bench-'));
  try {
    // 1. One SKILL.md, a new process: the editor-save loop.
    if (rows.has('one')) {
    const one = path.join(ROOT, 'skills', 'popiskill-image-img2img-basic-v1', 'SKILL.md');
    const oneRuns = interleaved(
      {
        'node -e 0': node('-e', '0'),
        skillhub: node(BIN, 'validate', one),
        'markdownlint-cli2': node(MARKDOWNLINT, one),
      },
      Math.max(5, runs * 2 + 1),
    );
    results.rows.one = oneRuns;
    console.log('validate one SKILL.md, new process:');
    for (const [name, m] of Object.entries(oneRuns)) console.log(`  ${name.padEnd(18)} ${describe(m)}`);
    const budget = oneRuns['node -e 0'].wall * 2 + 0.1;
    console.log(`  goal: <= 250 ms and <= 2 x node -e 0 + 100 ms (${seconds(budget)})\n`);
    }

    // One SKILL.md inside a big catalog, a new process: the rest of the catalog is read as context.
    for (const size of rows.has('one-in-catalog') ? sizes : []) {
      const skillsDir = path.join(scratch, `context-${size}`, 'skills');
      writeCorpus(skillsDir, size, [path.join(ROOT, 'skills'), ...(withReference ? [REFERENCE] : [])]);
      const folders = readdirSync(skillsDir).sort();
      const folder = folders.find((name) => name.includes('img2img-basic')) ?? folders[0];
      const alone = path.join(scratch, `context-alone-${size}`, 'skills', folder);
      cpSync(path.join(skillsDir, folder), alone, { recursive: true });
      const measured = interleaved(
        {
          'skill alone': node(BIN, 'validate', path.join(alone, 'SKILL.md')),
          'skill in catalog': node(BIN, 'validate', path.join(skillsDir, folder, 'SKILL.md')),
        },
        Math.max(3, runs),
      );
      const row = { size, skill: folder, ...measured, ratio: measured['skill in catalog'].wall / measured['skill alone'].wall };
      results.rows[`one-in-catalog-${size}`] = row;
      console.log(`validate one SKILL.md inside a catalog of ${format(size)} skills, new process:`);
      for (const [name, m] of Object.entries(measured)) console.log(`  ${name.padEnd(18)} ${describe(m)}`);
      console.log(`  in its catalog: ${row.ratio.toFixed(2)}x the skill alone (goal: one skill plus a cheap scan of the rest)\n`);
      rmSync(path.dirname(skillsDir), { recursive: true, force: true });
      rmSync(path.dirname(path.dirname(alone)), { recursive: true, force: true });
    }

    for (const size of rows.has('lint') ? sizes : []) {
      // 2. Cold, and warm with --cache, on a generated tree; markdownlint-cli2 on the same files.
      const corpus = path.join(scratch, `lint-${size}`);
      const sources = [path.join(ROOT, 'skills'), ...(withReference ? [REFERENCE] : [])];
      writeCorpus(corpus, size, sources);
      const cache = path.join(scratch, `cache-${size}.json`);
      const times = size >= 5000 ? 1 : runs;
      const cold = interleaved(
        {
          skillhub: node(BIN, 'validate', corpus, '--format', 'json'),
          'markdownlint-cli2': node(MARKDOWNLINT, `${corpus}/**/*.md`),
        },
        times,
      );
      timed(process.execPath, [BIN, 'validate', corpus, '--cache-location', cache]);
      // Files written moments ago are "racily clean" (their content is hashed): let them settle.
      await new Promise((resolve) => setTimeout(resolve, 2500));
      const warm = interleaved({ 'skillhub --cache': node(BIN, 'validate', corpus, '--cache-location', cache) }, runs);
      const row = {
        size,
        sources: sources.length,
        cold,
        warm: warm['skillhub --cache'],
        skillsPerSecond: size / cold.skillhub.wall,
        ratioToMarkdownlint: cold['markdownlint-cli2'].wall / cold.skillhub.wall,
        cacheBytes: fileSize(cache),
        analysesBytes: fileSize(`${cache}.analyses`),
        outputBytes: fileSize(`${cache}.output`),
        reportsBytes: fileSize(`${cache}.reports`),
      };
      results.rows[`lint-${size}`] = row;
      console.log(`${format(size)} generated skills (from skills/${withReference ? ' and the reference skills' : ''}), ${times} run(s):`);
      console.log(`  cold skillhub validate  ${describe(cold.skillhub)}: ${format(row.skillsPerSecond)} skills/s (exit ${cold.skillhub.status})`);
      console.log(`  cold markdownlint-cli2  ${describe(cold['markdownlint-cli2'])}: skillhub is ${row.ratioToMarkdownlint.toFixed(2)}x as fast`);
      console.log(`  warm --cache, unchanged ${describe(row.warm)}`);
      console.log(
        `  cache: ${(row.cacheBytes / 1e6).toFixed(1)} MB index and ${(row.outputBytes / 1e6).toFixed(1)} MB printed report read on every unchanged run, ` +
          `${(row.reportsBytes / 1e6).toFixed(1)} MB of diagnostics when printed in another form, ${(row.analysesBytes / 1e6).toFixed(1)} MB of analyses when a file changed`,
      );
      console.log('');
      rmSync(corpus, { recursive: true, force: true });
    }

    // 3. Build next to validate, then the consumer library on the built catalog.
    if (rows.has('build')) {
    const largest = Math.max(...sizes);
    const catalogRoot = path.join(scratch, 'catalog-root');
    writeCorpus(path.join(catalogRoot, 'skills'), largest, [path.join(ROOT, 'skills')]);
    const out = path.join(scratch, 'built');
    const buildRuns = interleaved(
      {
        validate: node(BIN, 'validate', path.join(catalogRoot, 'skills')),
        build: node(BIN, 'build', '--root', catalogRoot, '--out', out),
      },
      1,
    );
    results.rows.build = { size: largest, ...buildRuns, ratio: buildRuns.build.wall / buildRuns.validate.wall };
    console.log(`build, ${format(largest)} valid skills (from skills/):`);
    console.log(`  validate ${describe(buildRuns.validate)}; build ${describe(buildRuns.build)} (exit ${buildRuns.build.status}): ${(100 * (results.rows.build.ratio - 1)).toFixed(0)}% over validate (goal <= 20%)`);

    const { loadCatalog } = await import(pathToFileURL(path.join(DIST, 'catalog', 'load.js')).href);
    const loads = [];
    let catalog;
    for (let i = 0; i < runs; i++) {
      const start = performance.now();
      catalog = await loadCatalog(out);
      loads.push((performance.now() - start) / 1000);
    }
    const ids = catalog.ids.slice(0, SPREAD);
    const payloads = ids.map((id) => {
      const examples = catalog.schema(id).input_schema.examples;
      return Array.isArray(examples) && examples.length > 0 ? examples[0] : {};
    });
    const firstStart = performance.now();
    ids.forEach((id, i) => {
      if (!catalog.validateInput(id, payloads[i]).valid) throw new Error(`${id}: its own example payload does not validate`);
    });
    const firstUse = (performance.now() - firstStart) / 1000;
    const hot = rate((i) => catalog.validateInput(ids[0], payloads[0]) && i);
    const spread = rate((i) => catalog.validateInput(ids[i % ids.length], payloads[i % ids.length]));
    const invalid = payloads.map((payload) => ({ ...payload, prompt: 42, unknown_field: true }));
    const invalidStart = performance.now();
    invalid.forEach((payload, i) => catalog.validateInput(ids[i], payload));
    const firstRefusal = (performance.now() - invalidStart) / 1000;
    const spreadInvalid = rate((i) => catalog.validateInput(ids[i % ids.length], invalid[i % ids.length]), 500);
    results.rows.catalog = { size: catalog.ids.length, loadSeconds: median(loads), spread: ids.length, firstUse, firstRefusal, hot, spreadValid: spread, spreadInvalid };
    console.log(`  loadCatalog of ${format(catalog.ids.length)} skills: ${seconds(median(loads))} (median of ${loads.length})`);
    console.log(`  first validation of each of ${format(ids.length)} skills: ${seconds(firstUse)} valid, ${seconds(firstRefusal)} refused (compiles its own validator)`);
    console.log(`  validateInput: one hot skill ${format(hot)}/s; spread over ${format(ids.length)} skills ${format(spread)}/s valid, ${format(spreadInvalid)}/s invalid with messages`);
    }
  } finally {
    rmSync(scratch, { recursive: true, force: true });
  }
  writeFileSync(outFile, `${JSON.stringify(results, null, 2)}\n`);
  console.log(`\nwrote ${path.relative(process.cwd(), outFile) || outFile}`);
}

await main();

#!/usr/bin/env node
// node scripts/bench-markdown.mjs: milliseconds per SKILL.md body for the two Markdown parsers,
// measured warm on the project's skills/*/SKILL.md (front matter blanked as the validator does):
//   - mdast-util-from-markdown (micromark; remark's parser), the parity test's oracle;
//   - parseMarkdown (src/parse/markdown.ts: @lezer/markdown plus the conversion to mdast);
//   - @lezer/markdown's parse alone, for reference.
// It runs the compiled code in dist/, compiling first when dist/ is missing or older than src/.
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { parser } from '@lezer/markdown';
import { fromMarkdown } from 'mdast-util-from-markdown';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const DIST = path.join(ROOT, 'dist');
const ROUNDS = 15;
const ROUND_MS = 300;

function newestMtime(folder) {
  let newest = 0;
  for (const entry of readdirSync(folder, { withFileTypes: true })) {
    const full = path.join(folder, entry.name);
    newest = Math.max(newest, entry.isDirectory() ? newestMtime(full) : statSync(full).mtimeMs);
  }
  return newest;
}

function ensureBuilt() {
  const entry = path.join(DIST, 'parse', 'markdown.js');
  if (existsSync(entry) && statSync(entry).mtimeMs >= newestMtime(path.join(ROOT, 'src'))) return;
  console.log('compiling src/ to dist/ (npm run build) ...');
  const tsc = path.join(ROOT, 'node_modules/typescript/bin/tsc');
  const result = spawnSync(process.execPath, [tsc, '-p', path.join(ROOT, 'tsconfig.json')], { stdio: 'inherit' });
  if (result.status !== 0 && !existsSync(entry)) process.exit(1);
}

/** Median over rounds of the time one call takes, in milliseconds; every round first warms up. */
function msPerCall(fn) {
  for (let i = 0; i < 200; i++) fn();
  const samples = [];
  for (let round = 0; round < ROUNDS; round++) {
    let calls = 0;
    const start = performance.now();
    let elapsed = 0;
    while (elapsed < ROUND_MS) {
      fn();
      calls++;
      elapsed = performance.now() - start;
    }
    samples.push(elapsed / calls);
  }
  samples.sort((a, b) => a - b);
  return samples[Math.floor(samples.length / 2)];
}

ensureBuilt();
const load = (relative) => import(pathToFileURL(path.join(DIST, relative)).href);
const { parseMarkdown } = await load('parse/markdown.js');
const { splitFrontMatter } = await load('parse/front-matter.js');

const skills = path.join(ROOT, 'skills');
const bodies = readdirSync(skills)
  .filter((id) => existsSync(path.join(skills, id, 'SKILL.md')))
  .sort()
  .map((id) => {
    const text = readFileSync(path.join(skills, id, 'SKILL.md'), 'utf8').replace(/^\uFEFF/, '');
    const block = splitFrontMatter(text);
    const offset = block ? block.bodyOffset : 0;
    return text.slice(0, offset).replace(/[^\r\n]/g, ' ') + text.slice(offset);
  });
if (bodies.length === 0) throw new Error('skills/ has no SKILL.md to measure');

const averageSize = bodies.reduce((sum, body) => sum + body.length, 0) / bodies.length;
const perFile = (fn) => msPerCall(() => bodies.forEach((body) => fn(body))) / bodies.length;
const results = [
  ['mdast-util-from-markdown (micromark)', perFile(fromMarkdown)],
  ['parseMarkdown (@lezer/markdown + mdast)', perFile(parseMarkdown)],
  ['@lezer/markdown parse alone', perFile((body) => parser.parse(body))],
];
console.log(`${bodies.length} SKILL.md files from skills/, ${Math.round(averageSize)} characters on average, warm, median of ${ROUNDS} rounds`);
for (const [name, ms] of results) console.log(`  ${name.padEnd(42)} ${ms.toFixed(3)} ms/file`);
const [micromark, ours] = results.map(([, ms]) => ms);
console.log(`  parseMarkdown is ${(micromark / ours).toFixed(1)}x faster than mdast-util-from-markdown`);

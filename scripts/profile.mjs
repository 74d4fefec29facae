#!/usr/bin/env node
// Where the time goes: runs the built CLI under `node --cpu-prof` and prints the self time by
// phase (garbage collection, idle, module loading), by package or src/ folder, and the top functions.
//
//   node scripts/profile.mjs one                  one SKILL.md, cold process (the editor-save loop)
//   node scripts/profile.mjs cold [count=1000]    a generated catalog of `count` skills, cold
//   node scripts/profile.mjs warm [count=1000]    the same with --cache, every file unchanged
//   node scripts/profile.mjs file <x.cpuprofile>  summarise an existing profile
//
// Options: --top <n> functions to list (default 25), --threads (keep worker threads; the profile
// then covers the main thread only), --from <skills-folder> (extra corpus sources).
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { writeCorpus } from './corpus.mjs';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const BIN = path.join(ROOT, process.env.SKILLHUB_PROFILE_BIN ?? 'dist/bin/skillhub.js');

/** A profile's self time (ms) per node, with the node's call frame. */
function selfTimes(profile) {
  const byId = new Map(profile.nodes.map((node) => [node.id, { node, ms: 0 }]));
  const deltas = profile.timeDeltas;
  for (let i = 0; i < profile.samples.length; i++) {
    const entry = byId.get(profile.samples[i]);
    if (entry) entry.ms += (deltas[i] ?? 0) / 1000;
  }
  return [...byId.values()];
}

/** The package, src/ folder or engine part a call frame belongs to. */
function bucketOf(frame) {
  const { url, functionName } = frame;
  if (!url) return functionName.startsWith('(') ? functionName : '(native)';
  if (url.startsWith('node:')) return url.includes('modules') || url.includes('loader') ? 'node: module loading' : `node: ${url.split('/')[1] ?? url}`;
  const inModules = url.lastIndexOf('node_modules/');
  if (inModules >= 0) {
    const rest = url.slice(inModules + 'node_modules/'.length).split('/');
    return rest[0]?.startsWith('@') ? `${rest[0]}/${rest[1]}` : (rest[0] ?? url);
  }
  const inDist = url.indexOf('/dist/');
  if (inDist >= 0) return `src/${url.slice(inDist + 6).split('/').slice(0, -1).join('/') || '.'}`;
  if (url.startsWith('wasm://')) return 'WebAssembly';
  return url;
}

export function summarise(profile, top = 25) {
  const times = selfTimes(profile);
  const total = times.reduce((sum, entry) => sum + entry.ms, 0);
  const buckets = new Map();
  for (const { node, ms } of times) buckets.set(bucketOf(node.callFrame), (buckets.get(bucketOf(node.callFrame)) ?? 0) + ms);
  const functions = new Map();
  for (const { node, ms } of times) {
    const frame = node.callFrame;
    const key = `${frame.functionName || '(anonymous)'}  ${bucketOf(frame)}${frame.url ? `:${frame.lineNumber + 1}` : ''}`;
    functions.set(key, (functions.get(key) ?? 0) + ms);
  }
  const line = (ms, label) => `${ms.toFixed(0).padStart(7)} ms ${((100 * ms) / total).toFixed(1).padStart(5)}%  ${label}`;
  const out = [`total ${total.toFixed(0)} ms of samples`, '', 'by package / src folder / engine:'];
  for (const [label, ms] of [...buckets].sort((a, b) => b[1] - a[1]).slice(0, 20)) out.push(line(ms, label));
  out.push('', `top ${top} functions (self time):`);
  for (const [label, ms] of [...functions].sort((a, b) => b[1] - a[1]).slice(0, top)) out.push(line(ms, label));
  return out.join('\n');
}

function profileRun(args, env = {}) {
  const folder = mkdtempSync(path.join(tmpdir(), 'skillhub-prof-'));
  try {
    const run = spawnSync(process.execPath, ['--cpu-prof', '--cpu-prof-dir', folder, BIN, ...args], {
      cwd: ROOT,
      maxBuffer: 512 * 1024 * 1024,
      env: { ...process.env, ...env },
    });
    if (run.status !== 0 && run.status !== 1) throw new Error(`skillhub exited ${run.status}: ${run.stderr}`);
    const files = readdirSync(folder).filter((name) => name.endsWith('.cpuprofile'));
    // The main thread's profile is the first one written (workers end earlier but sort by thread id).
    const main = files.sort()[0];
    return JSON.parse(readFileSync(path.join(folder, main), 'utf8'));
  } finally {
    rmSync(folder, { recursive: true, force: true });
  }
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const args = process.argv.slice(2);
  const option = (name, fallback) => {
    const at = args.indexOf(name);
    if (at < 0) return fallback;
    const [, value] = args.splice(at, 2);
    return value;
  };
  const top = Number(option('--top', '25'));
  const from = option('--from', undefined);
  const threads = args.includes('--threads') ? (args.splice(args.indexOf('--threads'), 1), true) : false;
  const [mode = 'one', arg] = args;
  if (mode === 'file') {
    console.log(summarise(JSON.parse(readFileSync(arg, 'utf8')), top));
  } else if (mode === 'one') {
    console.log('one SKILL.md, cold process\n');
    console.log(summarise(profileRun(['validate', 'skills/popiskill-image-img2img-basic-v1/SKILL.md']), top));
  } else if (mode === 'cold' || mode === 'warm') {
    const count = Number(arg ?? 1000);
    const scratch = mkdtempSync(path.join(tmpdir(), 'skillhub-prof-corpus-'));
    try {
      writeCorpus(path.join(scratch, 'skills'), count, [path.join(ROOT, 'skills'), ...(from ? [path.resolve(from)] : [])]);
      const base = ['validate', path.join(scratch, 'skills'), '--format', 'json', ...(threads ? [] : ['--concurrency', 'off'])];
      const cache = ['--cache-location', path.join(scratch, 'cache.json')];
      if (mode === 'warm') {
        // Files and folders changed moments ago are "racily clean" and would be read again: let them settle.
        Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 2500);
        spawnSync(process.execPath, [BIN, ...base, ...cache], { cwd: ROOT, maxBuffer: 512 * 1024 * 1024 });
      }
      console.log(`${count} generated skills, ${mode}${mode === 'warm' ? ' --cache, nothing changed' : ''}${threads ? '' : ', one thread'}\n`);
      console.log(summarise(profileRun(mode === 'warm' ? [...base, ...cache] : base), top));
    } finally {
      rmSync(scratch, { recursive: true, force: true });
    }
  } else {
    console.error('usage: node scripts/profile.mjs one | cold [count] | warm [count] | file <profile>');
    process.exit(2);
  }
}

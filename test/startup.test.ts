import { execFile } from 'node:child_process';
import { mkdtemp, mkdir, readFile, writeFile } from 'node:fs/promises';
import { readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { BUILT_BIN } from './support/built-cli.js';

/**
 * What a one-file `validate` loads: the bash grammar only for shell that plain-shell.ts does not
 * read, ajv only when something is compiled, node:worker_threads not at all (no thread is
 * started for one file), and neither the validators generated at build time
 * nor the ajv helpers they use as files of their own (the CLI bundle carries them, with its code
 * cache). A preloaded probe records WebAssembly compilations and the CommonJS files the run
 * requires; the diagnostics must be the same either way.
 */

const PROBE = `
const Module = require('node:module');
const fs = require('node:fs');
const seen = new Set();
const load = Module._load;
Module._load = function (request, ...rest) {
  if (/ajv-runtime\\.cjs$|^ajv\\/dist\\/2020/.test(request)) seen.add('ajv');
  else if (/^ajv(-formats)?\\//.test(request)) seen.add('ajv helpers');
  if (/[\\\\/]generated[\\\\/]/.test(request)) seen.add('generated');
  return load.call(this, request, ...rest);
};
for (const name of ['compile', 'instantiate']) {
  const original = WebAssembly[name];
  WebAssembly[name] = function (...args) { seen.add('wasm'); return original.apply(this, args); };
}
process.on('exit', () => {
  if (process.moduleLoadList.includes('NativeModule worker_threads')) seen.add('threads');
  fs.writeFileSync(process.env.PROBE_OUT, [...seen].sort().join(','));
});
`;

interface Run {
  code: number;
  out: string;
  loaded: string;
}

async function validate(file: string): Promise<Run> {
  const scratch = await mkdtemp(path.join(tmpdir(), 'skillhub-startup-'));
  const probe = path.join(scratch, 'probe.cjs');
  const probeOut = path.join(scratch, 'loaded.txt');
  await writeFile(probe, PROBE);
  return new Promise((resolve) => {
    execFile(process.execPath, ['--require', probe, BUILT_BIN, 'validate', file, '--no-color'], { env: { ...process.env, PROBE_OUT: probeOut } }, (error, stdout) => {
      void readFile(probeOut, 'utf8').then((loaded) => resolve({ code: error ? Number(error.code) : 0, out: stdout, loaded }));
    });
  });
}

const FRONT_MATTER = `---
name: popiskill-image-startup-basic-v1
description: Turns one prompt into one image on the PopiArt runtime, for the start-up tests of the skillhub CLI and nothing else at all.
tags:
  - image
  - startup
  - basic
version: v1
model_type: image
estimated_duration_s: 30
---

# Startup

## Required input

- \`prompt\`: what to draw

## Optional input

- \`seed\`: fixes the randomness

## Workflow

1. Run the skill and wait for the job.

## Payload template

\`\`\`json
{ "prompt": "a cat" }
\`\`\`

## Output handling

- read \`artifact_ids\`

## Operating guidance

- Keep the prompt short.

## Command pattern

`;

async function skill(commandPattern: string): Promise<string> {
  const root = await mkdtemp(path.join(tmpdir(), 'skillhub-startup-skills-'));
  const folder = path.join(root, 'skills', 'popiskill-image-startup-basic-v1');
  await mkdir(folder, { recursive: true });
  const file = path.join(folder, 'SKILL.md');
  await writeFile(file, FRONT_MATTER + commandPattern);
  return file;
}

describe('a one-file validate loads only what its file needs', () => {
  it('reads plain shell without the grammar and compiles nothing with ajv', async () => {
    const file = await skill(`\`\`\`sh\npopiart run popiskill-image-startup-basic-v1 --input '{"prompt":"a cat"}' --wait\n\`\`\`\n`);
    expect(await validate(file)).toEqual({ code: 0, out: '', loaded: '' });
  }, 60000);

  it('starts no thread, and so does not load node:worker_threads, for one file inside its catalog', async () => {
    // The file runs a skill of its catalog, which is then analysed in full too (two files, one thread).
    const run = (id: string) => `popiart run ${id} --input '{"prompt":"a cat"}' --wait`;
    const file = await skill(`\`\`\`sh\n${run('popiskill-image-sibling-basic-v1')}\n\`\`\`\n`);
    const sibling = path.join(path.dirname(path.dirname(file)), 'popiskill-image-sibling-basic-v1', 'SKILL.md');
    await mkdir(path.dirname(sibling), { recursive: true });
    await writeFile(sibling, `${FRONT_MATTER}\`\`\`sh\n${run('popiskill-image-startup-basic-v1')}\n\`\`\`\n`.split('startup').join('sibling'));
    const result = await validate(file);
    expect(result.loaded).toBe('');
    expect(result.out.split('\n').slice(1, 2)).toEqual([
      '  44:13  warning  The command pattern runs `popiskill-image-sibling-basic-v1`, not this skill (`popiskill-image-startup-basic-v1`).  run-other-skill',
    ]);
  }, 60000);

  it('loads the grammar for shell that is not plain, and ajv for a refused payload, with the same diagnostics as always', async () => {
    const file = await skill(
      `\`\`\`sh\npopiart run popiskill-image-startup-basic-v1 --input '{"prompt":1}' --wait\n\`\`\`\n\n\`\`\`sh\nif true; then popiart jobs list; fi\npopiart jobs list |\n\`\`\`\n`,
    );
    const run = await validate(file);
    expect(run.loaded).toBe('ajv,wasm');
    expect(run.out.split('\n').slice(1)).toEqual([
      '  44:65  error  `prompt` must be a non-empty string, got the number 1.  run-input',
      '  49:19  error  This shell example does not parse: the command ends too early (a `|`, `&&` or `(` without what follows).  command-syntax',
      '',
      '✖ 2 problems (2 errors, 0 warnings)',
      '',
    ]);
    expect(run.code).toBe(1);
  }, 60000);
});

describe('what the CLI bundle holds', () => {
  it("leaves out jsonc-parser's formatter, whose whitespace tables would be built at every start", () => {
    const meta = JSON.parse(readFileSync(path.join(path.dirname(BUILT_BIN), 'meta.json'), 'utf8')) as { outputs: Record<string, { inputs: Record<string, unknown> }> };
    const inputs = Object.keys(meta.outputs['dist/bin/skillhub.cjs']?.inputs ?? {}).filter((input) => input.includes('node_modules/jsonc-parser/'));
    expect(inputs.sort()).toEqual(['node_modules/jsonc-parser/lib/esm/impl/parser.js', 'node_modules/jsonc-parser/lib/esm/impl/scanner.js', 'node_modules/jsonc-parser/lib/esm/main.js']);
  });
});

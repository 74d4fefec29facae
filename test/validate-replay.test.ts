import { spawnSync } from 'node:child_process';
import { mkdir, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it, vi } from 'vitest';
import { FORMAT_NAMES } from '../src/cli/validate-plan.js';
import { noteReplayRefused, takeReplayRefused } from '../src/load/replay-handoff.js';
import { reportPaths } from '../src/pipeline.js';
import { FORMATTERS } from '../src/report/index.js';
import { BUILT_BIN } from './support/built-cli.js';
import { settledCatalog } from './support/settled-catalog.js';

// Each test starts the built bin several times: on a busy 2-core machine that can take a while.
vi.setConfig({ testTimeout: 120_000 });

const settled = () => settledCatalog('skillhub-replay-bundle-', { folders: true });

/** Runs the built `skillhub` in `cwd` with its code caches in `codeCache`: output, status and the code caches written. */
async function skillhub(cwd: string, args: string[], codeCache: string) {
  await mkdir(codeCache, { recursive: true });
  const result = spawnSync(process.execPath, [BUILT_BIN, ...args], { cwd, encoding: 'utf8', env: { ...process.env, SKILLHUB_CODE_CACHE_DIR: codeCache, NO_COLOR: '1' } });
  const caches = (await readdir(codeCache)).map((name) => name.replace(/-[0-9a-f]{32}\.v8cache$/, ''));
  return { stdout: result.stdout, stderr: result.stderr, status: result.status, caches: caches.sort() };
}

/** Which bundles a run compiled: each writes its code cache at exit into a folder that has none. */
const REPLAY_ONLY = ['validate-replay.cjs-validate-cache'];
const BOTH = ['skillhub.cjs-validate-cache', 'validate-replay.cjs-validate-cache'];

describe('validate --cache starts with the small replay bundle', () => {
  it('knows every report format the command knows', () => {
    expect([...FORMAT_NAMES]).toEqual(Object.keys(FORMATTERS));
  });

  it('replays an unchanged catalog without compiling the CLI bundle, with the same bytes, exit code and messages', async () => {
    const { root } = await settled();
    const codes = path.join(root, 'code');
    for (const [index, extra] of [[], ['--format', 'json'], ['--max-warnings', '0', '--quiet'], ['--format', 'github']].entries()) {
      const args = ['validate', '--cache', ...extra];
      const plain = await skillhub(root, ['validate', ...extra], path.join(codes, `plain-${index}`));
      const first = await skillhub(root, args, path.join(codes, `first-${index}`));
      expect(first.caches).toEqual(BOTH);
      const replayed = await skillhub(root, args, path.join(codes, `replayed-${index}`));
      expect(replayed.caches).toEqual(REPLAY_ONLY);
      for (const run of [first, replayed]) expect([run.stdout, run.stderr, run.status]).toEqual([plain.stdout, plain.stderr, plain.status]);
      expect(plain.status).toBe(1);
      expect(plain.stdout).toContain('version-matches-name');
    }
  });

  it('writes --output-file from the replay as the CLI does', async () => {
    const { root } = await settled();
    const args = ['validate', '--cache', '-o', 'out/report.txt'];
    const first = await skillhub(root, args, path.join(root, 'code', 'first'));
    const made = await readFile(path.join(root, 'out', 'report.txt'), 'utf8');
    await rm(path.join(root, 'out'), { recursive: true });
    const replayed = await skillhub(root, args, path.join(root, 'code', 'replayed'));
    expect(replayed.caches).toEqual(REPLAY_ONLY);
    expect([replayed.stdout, replayed.stderr, replayed.status]).toEqual(['', '', 1]);
    expect([first.stdout, first.stderr, first.status]).toEqual(['', '', 1]);
    expect(await readFile(path.join(root, 'out', 'report.txt'), 'utf8')).toBe(made);
    expect(made).toContain('version-matches-name');
  });

  it('leaves a changed catalog to the CLI in the same process, which reports the change', async () => {
    const { root, skillFile } = await settled();
    await skillhub(root, ['validate', '--cache'], path.join(root, 'code', 'first'));
    await writeFile(skillFile, (await readFile(skillFile, 'utf8')).replace('version: v2', 'version: v1'));
    const changed = await skillhub(root, ['validate', '--cache'], path.join(root, 'code', 'changed'));
    expect(changed.caches).toEqual(BOTH);
    const plain = await skillhub(root, ['validate'], path.join(root, 'code', 'plain'));
    expect([changed.stdout, changed.stderr, changed.status]).toEqual([plain.stdout, plain.stderr, plain.status]);
    expect(plain.status).toBe(0);
  });

  it('leaves usage errors, --help and a configuration file to the CLI, which answers as before', async () => {
    const { root } = await settled();
    await skillhub(root, ['validate', '--cache'], path.join(root, 'code', 'first'));
    const wrong = await skillhub(root, ['validate', '--cache', '--format', 'nope'], path.join(root, 'code', 'wrong'));
    expect(wrong.status).toBe(2);
    expect(wrong.stderr).toMatch(/^skillhub validate: .*--format/);
    expect(wrong.caches).toEqual(BOTH);
    const help = await skillhub(root, ['validate', '--cache', '--help'], path.join(root, 'code', 'help'));
    expect([help.status, help.stdout.startsWith('Usage: skillhub validate'), help.caches]).toEqual([0, true, BOTH]);

    await writeFile(path.join(root, 'skillhub.config.json'), '{ "rules": { "version-matches-name": "warn" } }\n');
    const plain = await skillhub(root, ['validate'], path.join(root, 'code', 'plain'));
    expect(plain.status).toBe(0);
    for (const name of ['configured-1', 'configured-2']) {
      const configured = await skillhub(root, ['validate', '--cache'], path.join(root, 'code', name));
      expect(configured.caches).toEqual(BOTH);
      expect([configured.stdout, configured.stderr, configured.status]).toEqual([plain.stdout, plain.stderr, plain.status]);
    }
  });
});

describe('a replay refused by the small bundle is not checked again by the CLI', () => {
  it('skips the manifest once, then checks it again', async () => {
    const { root } = await settled();
    const cacheLocation = path.join(root, 'cache', 'validate.json');
    const run = () => reportPaths(['skills'], root, {}, { cacheLocation, printedForm: 'A', startedAt: Date.now() + 3600_000 });
    const first = await run();
    await first.remember?.({ text: 'the printed report\n', errors: 1, warnings: 0 });
    // Without the index only the manifest can replay.
    await rm(cacheLocation);
    expect((await run()).replayed).toBeDefined();
    noteReplayRefused();
    // The note is taken: the manifest is not read, and without the index the catalog is analysed.
    const skipped = await run();
    expect(skipped.replayed).toBeUndefined();
    expect(takeReplayRefused()).toBe(false);
    await skipped.remember?.({ text: 'the printed report\n', errors: 1, warnings: 0 });
    await rm(cacheLocation, { force: true });
    expect((await run()).replayed).toBeDefined();
  });
});

import { readFile } from 'node:fs/promises';
import path from 'node:path';
import type { LintOptions } from './check/environment.js';
import { configLintOptions } from './config/load.js';
import { FileAnalysisCache, toolFingerprint, type ReplayedOutput } from './load/analysis-cache.js';
import { DEFAULT_MAX_FILE_SIZE } from './load/decode.js';
import { takeReplayRefused } from './load/replay-handoff.js';
import type { LintRunOptions } from './pipeline.js';

/*
 * The first step of `reportPaths` (pipeline.ts) with a cache: the replay of an unchanged catalog's
 * last report from the replay manifest (load/replay-manifest.ts). Kept apart from the pipeline so
 * that the small bundle `validate --cache` starts with (cli/validate-replay.ts) holds this and not
 * the analysis machinery; both run this same code.
 */

/** The lint options with the configuration's files, and what the cache must also be keyed by: the configuration as it applies. */
export function configuredOptions(options: Partial<LintOptions>, run: LintRunOptions): { options: Partial<LintOptions>; key: string } {
  if (!run.config) return { options, key: '' };
  const { baseDir: _baseDir, ...config } = run.config;
  return { options: { ...options, ...configLintOptions(run.config) }, key: JSON.stringify([config, run.reportUnused ?? null]) };
}

/** The cache, unless the run lints texts that are not on disk (`--stdin`, the passes of `--fix`). */
export function cacheFor(run: LintRunOptions): string | undefined {
  return run.stdin || run.overlay ? undefined : run.cacheLocation;
}

/** What besides the files decides the results: the toolchain, the catalog's vocabulary and CLI surface, and the configuration. */
export async function cacheFingerprint({ options, key }: { options: Partial<LintOptions>; key: string }): Promise<string> {
  const vocabularyFile = options.vocabularyFile ?? (options.root === undefined ? undefined : path.join(options.root, 'schemas', 'input-fields.json'));
  const read = (file: string | undefined) => (file === undefined ? Promise.resolve('') : readFile(file, 'utf8').catch(() => ''));
  const context = `${await read(vocabularyFile)}\0${await read(options.cliSurfaceFile)}\0${key}`;
  // The options as the environment normalises them (see createLintEnvironment).
  return toolFingerprint({ maxFileSize: options.maxFileSize ?? DEFAULT_MAX_FILE_SIZE }, context);
}

/** What a replay manifest is keyed by besides the fingerprint: the printed form and the paths as given. */
export function replayKey(paths: readonly string[], cwd: string, run: LintRunOptions, form: string): string {
  return JSON.stringify([form, cwd, paths, run.context ?? null, run.allowUnmatched === true]);
}

/** What tryReplay found: the fingerprint and key (when the run has a cache and a printed form), and the replayed report when the manifest held. */
export interface ReplayAttempt {
  fingerprint?: string;
  key?: string;
  /** Whether the manifest was checked (and so, without `replayed`, refused). */
  checked: boolean;
  replayed?: ReplayedOutput & { files: number; targets: number };
}

/**
 * The report last printed in this form when every stamp it depended on is unchanged; nothing is
 * walked. Not checked again when the small replay bundle of this process was just refused
 * (load/replay-handoff.ts).
 */
export async function tryReplay(paths: readonly string[], cwd: string, configured: { options: Partial<LintOptions>; key: string }, run: LintRunOptions): Promise<ReplayAttempt> {
  const location = cacheFor(run);
  const form = run.printedForm;
  const fingerprint = location === undefined ? undefined : await cacheFingerprint(configured);
  const key = form === undefined ? undefined : replayKey(paths, cwd, run, form);
  const known = { ...(fingerprint === undefined ? {} : { fingerprint }), ...(key === undefined ? {} : { key }) };
  if (location === undefined || fingerprint === undefined || key === undefined || takeReplayRefused()) return { ...known, checked: false };
  // One thread unless `--concurrency <n>` asks for more: on a busy machine a helper thread cost about
  // 0.3 s more CPU for the 43,000 stats of 10,000 skills and saved no wall time (see replay-manifest.ts).
  const threads = typeof run.concurrency === 'number' ? run.concurrency : 1;
  const replayed = await FileAnalysisCache.replayUnchanged(location, fingerprint, key, threads);
  if (replayed) run.onProgress?.(replayed.files, replayed.files);
  return { ...known, checked: true, ...(replayed ? { replayed } : {}) };
}

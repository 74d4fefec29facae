import { readFile } from 'node:fs/promises';
import path from 'node:path';
import type { FileAnalysis } from './check/analysis.js';
import { createLintEnvironment, type LintEnvironment, type LintOptions } from './check/environment.js';
import { analyzeFile, checkCatalog, type AnalysisCache, type LintInput, type LintResult } from './check/lint.js';
import { analyzeInThreads, canUseThreads, threadCount, type Concurrency } from './check/parallel.js';
import { FileAnalysisCache, toolFingerprint } from './load/analysis-cache.js';
import { discoverSkillFiles } from './load/discover.js';
import { readCompanionFiles, readSkillFile } from './load/read.js';
import { listSkillFolder } from './load/skill-folder.js';

export interface LintRunOptions {
  /** A cache file of per-file results: unchanged files are not parsed or checked again. */
  cacheLocation?: string;
  /** Worker threads for the per-file phase (default `auto`). */
  concurrency?: Concurrency;
}

/** The edge of the pipeline: find and read the files, analyse each (cached, in threads), then the catalog. */
export async function lintPaths(
  paths: readonly string[],
  cwd: string,
  options: Partial<LintOptions> = {},
  run: LintRunOptions = {},
): Promise<{ results: LintResult[]; env: LintEnvironment; cacheHits: number }> {
  const env = createLintEnvironment(options);
  const files = await discoverSkillFiles(paths, cwd);
  const loaded: LintInput[] = await Promise.all(
    files.map(async (file) => ({
      ...(await readSkillFile(file, env.options.maxFileSize)),
      companions: await readCompanionFiles(file, env.options.maxFileSize),
      ...(await folderListing(file.filePath)),
    })),
  );
  const cache = run.cacheLocation === undefined ? undefined : await openCache(run.cacheLocation, env, options);
  const analyses = await analyzeAll(loaded, env, options, run.concurrency ?? 'auto', cache);
  const results = checkCatalog(analyses, env);
  await cache?.save(new Set(loaded.map((file) => file.filePath)));
  return { results, env, cacheHits: cache?.hits ?? 0 };
}

async function folderListing(filePath: string): Promise<Pick<LintInput, 'folderFiles'>> {
  const folderFiles = await listSkillFolder(path.dirname(filePath));
  return folderFiles ? { folderFiles } : {};
}

async function analyzeAll(
  inputs: readonly LintInput[],
  env: LintEnvironment,
  options: Partial<LintOptions>,
  concurrency: Concurrency,
  cache: AnalysisCache | undefined,
): Promise<FileAnalysis[]> {
  const analyses: Array<FileAnalysis | undefined> = inputs.map((input) => cache?.lookup(input));
  const missing = inputs.filter((_, index) => analyses[index] === undefined);
  const threads = canUseThreads() ? threadCount(concurrency, missing.length) : 1;
  const fresh = threads > 1 ? await analyzeInThreads(missing, options, threads) : missing.map((input) => analyzeFile(input, env));
  let next = 0;
  return inputs.map((input, index) => {
    const known = analyses[index];
    if (known) return known;
    const analysis = fresh[next++] as FileAnalysis;
    cache?.store(input, analysis);
    return analysis;
  });
}

async function openCache(location: string, env: LintEnvironment, options: Partial<LintOptions>): Promise<FileAnalysisCache> {
  const vocabulary =
    options.root === undefined ? undefined : await readFile(path.join(options.root, 'schemas', 'input-fields.json'), 'utf8').catch(() => undefined);
  return FileAnalysisCache.open(location, toolFingerprint(env.options, vocabulary));
}

import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { createLintEnvironment, type LintEnvironment, type LintOptions } from './check/environment.js';
import { lintCatalog, type LintResult } from './check/lint.js';
import { FileAnalysisCache, toolFingerprint } from './load/analysis-cache.js';
import { discoverSkillFiles } from './load/discover.js';
import { readCompanionFiles, readSkillFile } from './load/read.js';

export interface LintRunOptions {
  /** A cache file of per-file results: unchanged files are not parsed or checked again. */
  cacheLocation?: string;
}

/** The edge of the pipeline: find and read the files, then lint them in memory. */
export async function lintPaths(
  paths: readonly string[],
  cwd: string,
  options: Partial<LintOptions> = {},
  run: LintRunOptions = {},
): Promise<{ results: LintResult[]; env: LintEnvironment; cacheHits: number }> {
  const env = createLintEnvironment(options);
  const files = await discoverSkillFiles(paths, cwd);
  const loaded = await Promise.all(
    files.map(async (file) => ({
      ...(await readSkillFile(file, env.options.maxFileSize)),
      companions: await readCompanionFiles(file, env.options.maxFileSize),
    })),
  );
  if (run.cacheLocation === undefined) return { results: lintCatalog(loaded, env), env, cacheHits: 0 };
  const vocabulary = options.root === undefined ? undefined : await readFile(path.join(options.root, 'schemas', 'input-fields.json'), 'utf8').catch(() => undefined);
  const cache = await FileAnalysisCache.open(run.cacheLocation, toolFingerprint(env.options, vocabulary));
  const results = lintCatalog(loaded, env, cache);
  await cache.save(new Set(loaded.map((file) => file.filePath)));
  return { results, env, cacheHits: cache.hits };
}

import { readFile } from 'node:fs/promises';
import path from 'node:path';
import type { FileAnalysis } from './check/analysis.js';
import { createLintEnvironment, type LintEnvironment, type LintOptions } from './check/environment.js';
import { analyzeFile, checkCatalog, type AnalysisCache, type LintInput, type LintResult } from './check/lint.js';
import { analyzeInThreads, canUseThreads, threadCount, type Concurrency } from './check/parallel.js';
import { FileAnalysisCache, toolFingerprint } from './load/analysis-cache.js';
import { decodeSkillBytes } from './load/decode.js';
import { discoverSkillTargets, UsageError, unmatchedMessage, type DiscoveredFile } from './load/discover.js';
import { readCompanionFiles, readSkillFile } from './load/read.js';
import { listSkillFolder } from './load/skill-folder.js';

export interface LintRunOptions {
  /** A cache file of per-file results: unchanged files are not parsed or checked again. */
  cacheLocation?: string;
  /** Worker threads for the per-file phase (default `auto`). */
  concurrency?: Concurrency;
  /**
   * The rest of the catalog (usually its skills folder): analysed for the facts the catalog checks
   * need (ids, references), so one skill is checked in its catalog; their own diagnostics are not
   * reported.
   */
  context?: readonly string[];
  /** Text read from standard input, linted as if it were the file at `filePath` (`--stdin`). */
  stdin?: { filePath: string; text: string };
  /** A pattern that matches no file is skipped rather than a usage error. */
  allowUnmatched?: boolean;
  /** Called as files are analysed (the CLI's progress line). */
  onProgress?: (done: number, total: number) => void;
}

/** The edge of the pipeline: find and read the files, analyse each (cached, in threads), then the catalog. */
export async function lintPaths(
  paths: readonly string[],
  cwd: string,
  options: Partial<LintOptions> = {},
  run: LintRunOptions = {},
): Promise<{ results: LintResult[]; env: LintEnvironment; cacheHits: number }> {
  const env = createLintEnvironment(options);
  const targets = run.stdin ? { files: [], unmatched: [] } : await discoverSkillTargets(paths, cwd);
  if (targets.unmatched.length > 0 && !run.allowUnmatched) throw new UsageError(unmatchedMessage(targets.unmatched));
  const targetPaths = new Set(targets.files.map((file) => file.filePath));
  if (run.stdin) targetPaths.add(run.stdin.filePath);
  const context = run.context ? (await discoverSkillTargets(run.context, cwd)).files.filter((file) => !targetPaths.has(file.filePath)) : [];
  const read = async (file: DiscoveredFile): Promise<LintInput> => ({
    ...(await readSkillFile(file, env.options.maxFileSize)),
    companions: await readCompanionFiles(file, env.options.maxFileSize),
    ...(await folderListing(file.filePath)),
  });
  const loaded: LintInput[] = await Promise.all([...targets.files, ...context].map(read));
  if (run.stdin) {
    const { filePath, text } = run.stdin;
    const companions = await readCompanionFiles({ filePath, root: path.dirname(filePath) }, env.options.maxFileSize);
    loaded.unshift({
      filePath,
      decoded: decodeSkillBytes(Buffer.from(text, 'utf8'), env.options.maxFileSize),
      companions,
      ...(await folderListing(filePath)),
    });
  }
  const cache = run.cacheLocation === undefined ? undefined : await openCache(run.cacheLocation, env, options);
  const analyses = await analyzeAll(loaded, env, options, run.concurrency ?? 'auto', cache, run.onProgress);
  // Context files take part in the catalog checks, but only the files asked for are reported.
  const results = checkCatalog(analyses, env).filter((result) => targetPaths.has(result.analysis.filePath));
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
  onProgress: ((done: number, total: number) => void) | undefined,
): Promise<FileAnalysis[]> {
  const analyses: Array<FileAnalysis | undefined> = inputs.map((input) => cache?.lookup(input));
  const missing = inputs.filter((_, index) => analyses[index] === undefined);
  const threads = canUseThreads() ? threadCount(concurrency, missing.length) : 1;
  // Threads report when they finish; the progress line shows where the run started until then.
  if (threads > 1) onProgress?.(inputs.length - missing.length, inputs.length);
  const fresh =
    threads > 1
      ? await analyzeInThreads(missing, options, threads)
      : missing.map((input, index) => {
          const analysis = analyzeFile(input, env);
          onProgress?.(inputs.length - missing.length + index + 1, inputs.length);
          return analysis;
        });
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

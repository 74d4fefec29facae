import { readFile } from 'node:fs/promises';
import path from 'node:path';
import type { FileAnalysis } from './check/analysis.js';
import { createLintEnvironment, type LintEnvironment, type LintOptions } from './check/environment.js';
import { analyzeFile, checkCatalog, type AnalysisCache, type LintInput, type LintResult } from './check/lint.js';
import { analyzeInThreads, canUseThreads, threadCount, type Concurrency } from './check/parallel.js';
import { FileAnalysisCache, toolFingerprint } from './load/analysis-cache.js';
import { discoverSkillFiles } from './load/discover.js';
import { readCompanionFiles, readSkillFile } from './load/read.js';
import { decodeSkillBytes } from './load/decode.js';
import type { SkillhubConfig } from './config/config-file.js';
import { configLintOptions } from './config/load.js';
import { createRulePolicy, type EffectiveSeverity } from './config/policy.js';
import { listSkillFolder } from './load/skill-folder.js';

export interface LintRunOptions {
  /** A cache file of per-file results: unchanged files are not parsed or checked again. */
  cacheLocation?: string;
  /** Worker threads for the per-file phase (default `auto`). */
  concurrency?: Concurrency;
  /** skillhub.config.json (see loadConfigFor): severities, ignores, vocabulary and CLI surface files. */
  config?: SkillhubConfig;
  /** `--report-unused-disable-directives`, over the configuration's setting. */
  reportUnused?: EffectiveSeverity;
  /** File texts to lint instead of what is on disk (the passes of `--fix`), by absolute path. */
  overlay?: ReadonlyMap<string, string>;
}

/** The edge of the pipeline: find and read the files, analyse each (cached, in threads), then the catalog. */
export async function lintPaths(
  paths: readonly string[],
  cwd: string,
  options: Partial<LintOptions> = {},
  run: LintRunOptions = {},
): Promise<{ results: LintResult[]; env: LintEnvironment; cacheHits: number }> {
  if (run.config) options = { ...options, ...configLintOptions(run.config) };
  const env = createLintEnvironment(options);
  const policy = run.config ? createRulePolicy(run.config, run.reportUnused) : undefined;
  if (policy) env.policy = policy;
  const files = (await discoverSkillFiles(paths, cwd)).filter((file) => !policy?.isIgnored(file.filePath));
  const loaded: LintInput[] = await Promise.all(
    files.map(async (file) => ({
      ...(await readSkillFile(file, env.options.maxFileSize)),
      companions: await readCompanionFiles(file, env.options.maxFileSize),
      ...(await folderListing(file.filePath)),
    })),
  );
  if (run.overlay) applyOverlay(loaded, run.overlay, env.options.maxFileSize);
  const cache = run.cacheLocation === undefined ? undefined : await openCache(run.cacheLocation, env, options);
  const analyses = await analyzeAll(loaded, env, options, run.concurrency ?? 'auto', cache);
  const results = checkCatalog(analyses, env);
  await cache?.save(new Set(loaded.map((file) => file.filePath)));
  return { results, env, cacheHits: cache?.hits ?? 0 };
}

/** Replaces the text of files that `--fix` has changed in memory (the SKILL.md or a companion). */
function applyOverlay(inputs: LintInput[], overlay: ReadonlyMap<string, string>, maxFileSize: number): void {
  const decode = (text: string) => decodeSkillBytes(new TextEncoder().encode(text), maxFileSize);
  for (const input of inputs) {
    const text = overlay.get(input.filePath);
    if (text !== undefined) input.decoded = decode(text);
    for (const companion of Object.values(input.companions ?? {})) {
      const companionText = overlay.get(companion.filePath);
      if (companionText !== undefined) companion.decoded = decode(companionText);
    }
  }
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
  const vocabularyFile = options.vocabularyFile ?? (options.root === undefined ? undefined : path.join(options.root, 'schemas', 'input-fields.json'));
  const read = (file: string | undefined) => (file === undefined ? Promise.resolve('') : readFile(file, 'utf8').catch(() => ''));
  const vocabulary = `${await read(vocabularyFile)}\0${await read(options.cliSurfaceFile)}`;
  return FileAnalysisCache.open(location, toolFingerprint(env.options, vocabulary));
}

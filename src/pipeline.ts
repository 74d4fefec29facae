import path from 'node:path';
import type { FileAnalysis } from './check/analysis.js';
import type { LintEnvironment, LintOptions } from './check/environment.js';
import type { LintInput, LintResult } from './check/lint.js';
import type { Concurrency, StartedWorker } from './check/parallel.js';
import type { EarlyWorkers } from './check/early-workers.js';
import type { Rule } from './check/rule.js';
import { FileAnalysisCache, fileStamp, inputKey, listedAbsent, type ReplayedOutput, type StoredOutput, type StoredReport } from './load/analysis-cache.js';
import { DEFAULT_MAX_FILE_SIZE, decodeSkillBytes } from './load/decode.js';
import { discoverSkillTargets, UsageError, unmatchedMessage, type DiscoveredFile } from './load/discover.js';
import { COMPANION_FILES, readCompanionFiles, readSkillFile } from './load/read.js';
import { encodeManifest } from './load/replay-manifest.js';
import { cacheFingerprint, cacheFor, configuredOptions, tryReplay } from './replay-run.js';
import type { SkillhubConfig } from './config/config-file.js';
import { createRulePolicy, type EffectiveSeverity, type RulePolicy } from './config/policy.js';
import { listSkillFolder, listSkillFolderSync } from './load/skill-folder.js';
import { FolderLister, type KnownListings } from './load/folder-listings.js';
import type { FileToRead } from './load/read-sync.js';
import type { AnalysisJob } from './check/analysis-job.js';
import { withSlowHeapGrowth } from './core/heap-growth.js';

/*
 * The analysis machinery (parsers, ajv, the rules, the shell grammar) is imported only when a file
 * has to be analysed: an unchanged catalog is answered from the cache without loading it.
 */

export interface LintRunOptions {
  /** A cache file of per-file results: unchanged files are not read, parsed or checked again. */
  cacheLocation?: string;
  /** Worker threads for the per-file phase (default `auto`). */
  concurrency?: Concurrency;
  /**
   * The rest of the catalog (usually its skills folder): analysed for the facts the catalog checks
   * need (ids, references), so one skill is checked in its catalog; their own diagnostics are not
   * reported.
   */
  context?: readonly string[];
  /** Text read from standard input, linted as if it were the file at `filePath` (`--stdin`; never cached). */
  stdin?: { filePath: string; text: string };
  /** A pattern that matches no file is skipped rather than a usage error. */
  allowUnmatched?: boolean;
  /** Called as files are analysed (the CLI's progress line). */
  onProgress?: (done: number, total: number) => void;
  /** skillhub.config.json (see loadConfigFor): severities, ignores, vocabulary and CLI surface files. */
  config?: SkillhubConfig;
  /** `--report-unused-disable-directives`, over the configuration's setting. */
  reportUnused?: EffectiveSeverity;
  /** File texts to lint instead of what is on disk (the passes of `--fix`), by absolute path. */
  overlay?: ReadonlyMap<string, string>;
  /**
   * The form of the printed report (format, options, folder): with a cache, an unchanged catalog
   * replays the report last printed in this form (`reportPaths`).
   */
  printedForm?: string;
  /**
   * When the run started (ms since the epoch; default now): the cache trusts a file's or a
   * folder's stamp only when it is older than that by the racy window. Tests stand a run later.
   */
  startedAt?: number;
  /**
   * Keep only the catalog-only form of each analysis (check/catalog-only.ts, which keeps a build's
   * publication): for a caller that reads the diagnostics and the publications, not the analyses.
   */
  catalogOnly?: boolean;
}

/** The files of a run: those asked for, then the rest of the catalog as context. */
interface RunFiles {
  files: DiscoveredFile[];
  /** The files whose diagnostics are reported (the stdin file included). */
  targets: ReadonlySet<string>;
}

/** `lister` lists the folders (from the cache's stored listings when a folder is unchanged) and keeps the listings for the stamps. */
async function runFiles(paths: readonly string[], cwd: string, run: LintRunOptions, policy: RulePolicy | undefined, lister: FolderLister, afterTargets?: () => void): Promise<RunFiles> {
  const found = run.stdin ? { files: [], unmatched: [] } : await discoverSkillTargets(paths, cwd, lister);
  afterTargets?.();
  if (found.unmatched.length > 0 && !run.allowUnmatched) throw new UsageError(unmatchedMessage(found.unmatched));
  const kept = (file: DiscoveredFile) => !policy?.isIgnored(file.filePath);
  const targets = new Set(found.files.filter(kept).map((file) => file.filePath));
  if (run.stdin) targets.add(run.stdin.filePath);
  const context =
    run.context && (run.stdin || !coveredBy(run.context, paths, cwd)) ? (await discoverSkillTargets(run.context, cwd, lister)).files.filter((file) => kept(file) && !targets.has(file.filePath)) : [];
  return { files: [...found.files.filter(kept), ...context], targets };
}

/** Whether the context patterns are among the given ones (no `!pattern` excluding any): all their files are targets already (unless the paths were not walked: `--stdin`). */
function coveredBy(context: readonly string[], paths: readonly string[], cwd: string): boolean {
  if (paths.some((pattern) => pattern.startsWith('!'))) return false;
  const given = new Set(paths.map((pattern) => path.resolve(cwd, pattern)));
  return context.every((pattern) => given.has(path.resolve(cwd, pattern)));
}

/** What the configuration adds to a run: its lint options and the policy (severities, ignores, disables). */
interface Configured {
  options: Partial<LintOptions>;
  policy?: RulePolicy;
  /** What the cache must also be keyed by: the configuration as it applies. */
  key: string;
}

function configure(options: Partial<LintOptions>, run: LintRunOptions): Configured {
  const configured = configuredOptions(options, run);
  return run.config ? { ...configured, policy: createRulePolicy(run.config, run.reportUnused) } : configured;
}

/** The edge of the pipeline: find and read the files, analyse each (cached, in threads), then the catalog. */
export async function lintPaths(
  paths: readonly string[],
  cwd: string,
  options: Partial<LintOptions> = {},
  run: LintRunOptions = {},
): Promise<{ results: LintResult[]; env: LintEnvironment; cacheHits: number }> {
  const configured = configure(options, run);
  const { files, targets, cached, lister, early } = await findAndProbe(paths, cwd, run, configured);
  const checked = await analyseAndCheck(files, configured, run, cached, targets, lister.listings, run.catalogOnly === true, early);
  // Context files take part in the catalog checks, but only the files asked for are reported.
  return { ...checked, results: checked.results.filter((result) => targets.has(result.analysis.filePath)) };
}

/**
 * What `validate` prints: the diagnostics of every file. With a cache and a catalog whose files
 * are all unchanged since the last complete run, that run's diagnostics are the answer, and
 * nothing is parsed, checked or even loaded; otherwise this is `lintPaths`.
 */
export async function reportPaths(
  paths: readonly string[],
  cwd: string,
  options: Partial<LintOptions> = {},
  run: LintRunOptions = {},
): Promise<Reported> {
  const configured = configure(options, run);
  const form = run.printedForm;
  const rules = async () => (await import('./check/rules/index.js')).ALL_RULES;
  // The replay manifest: when every stamp the last answer depended on is unchanged, nothing is walked.
  const { fingerprint, key, replayed: fast } = await tryReplay(paths, cwd, configured, run);
  if (fast) {
    const { bytes, errors, warnings } = fast;
    return { reports: [], rules, cacheHits: fast.files, fileCount: fast.targets, replayed: { bytes, errors, warnings } };
  }
  const { files, targets, cached, lister, early } = await findAndProbe(paths, cwd, run, configured, fingerprint);
  const filePaths = files.map((file) => file.filePath);
  const manifest =
    cached && form !== undefined && key !== undefined
      ? () =>
          cached.cache.recordReplayManifest(filePaths, targets, form, (answer) =>
            encodeManifest({
              ...answer,
              folders: lister.keptStamps(),
              roots: replayRoots(paths, cwd, run),
              files,
              stamps: cached.stamps,
              companions: COMPANION_FILES,
              trusted: (filePath, stamp) => cached.cache.unchangedByStamp(filePath, stamp),
              listedAbsent: (folder, name) => listedAbsent(folder, name, lister.listings),
              key,
              targets: targets.size,
            }),
          )
      : undefined;
  const remember =
    cached && form !== undefined
      ? async (output: StoredOutput) => {
          await cached.cache.recordOutput(filePaths, targets, form, output);
          await manifest?.();
        }
      : undefined;
  if (cached && cached.unchanged.every(Boolean)) {
    const replayed = form === undefined ? undefined : await cached.cache.storedOutput(filePaths, targets, form);
    const stored = replayed ? [] : await cached.cache.storedReports(filePaths, targets);
    if (stored) {
      // Racily clean files were hashed: their new stamps spare the next run that.
      await cached.cache.save(new Set(filePaths));
      if (replayed) await manifest?.();
      run.onProgress?.(files.length, files.length);
      return { reports: stored, rules, cacheHits: cached.cache.hits, fileCount: targets.size, ...(replayed ? { replayed } : remember ? { remember } : {}) };
    }
  }
  const { results, env, cacheHits } = await analyseAndCheck(files, configured, run, cached, targets, lister.listings, true, early);
  // Only the diagnostics are printed: without the analyses, the report is formatted with them freed.
  const reports = results.filter((result) => targets.has(result.analysis.filePath)).map(({ filePath, diagnostics }) => ({ filePath, diagnostics }));
  return { reports, rules: async () => env.rules, cacheHits, fileCount: targets.size, ...(remember ? { remember } : {}) };
}

/** The folders the walks start from, as resolved; undefined unless every path given (and walked context) is a plain path. */
function replayRoots(paths: readonly string[], cwd: string, run: LintRunOptions): string[] | undefined {
  const walked = run.context && !coveredBy(run.context, paths, cwd) ? [...paths, ...run.context] : paths;
  if (walked.some((pattern) => pattern.startsWith('!'))) return undefined;
  return walked.map((pattern) => path.resolve(cwd, pattern));
}

/** What `reportPaths` answers: the reports, or the report printed last time when it still holds. */
export interface Reported {
  reports: StoredReport[];
  rules: () => Promise<readonly Rule[]>;
  cacheHits: number;
  fileCount: number;
  /** The report printed in the same form by the last run over the same unchanged files (`reports` is then empty). */
  replayed?: ReplayedOutput;
  /** Keeps the report printed from `reports`, for the next run in the same form. */
  remember?: (output: StoredOutput) => Promise<void>;
}

/** A cache opened for these files: each file's stamp, and whether it is known unchanged. */
interface ProbedCache {
  cache: FileAnalysisCache;
  stamps: string[];
  unchanged: boolean[];
  /** Files read because their stamp changed or could not be trusted, by index. */
  read: Map<number, LintInput>;
}

/**
 * The files of the run and, with a cache, what it knows of them. The cache is opened first: the
 * walk lists a folder whose stamp is unchanged from the listing the last run stored.
 */
async function findAndProbe(
  paths: readonly string[],
  cwd: string,
  run: LintRunOptions,
  configured: Configured,
  fingerprint?: string,
): Promise<RunFiles & { cached?: ProbedCache; lister: FolderLister; early?: EarlyWorkers }> {
  const location = cacheFor(run);
  const cache = location === undefined ? undefined : await FileAnalysisCache.open(location, fingerprint ?? (await cacheFingerprint(configured)), run.startedAt);
  if (cache === undefined && !run.overlay && !run.stdin) {
    // A cold run: its workers start while the walk lists the folders, once it has seen enough skill files.
    const { EarlyWorkers, SkillCountingLister } = await import('./check/early-workers.js');
    const early = new EarlyWorkers(configured.options, run.concurrency ?? 'auto');
    const lister = new SkillCountingLister((count) => early.seen(count));
    try {
      return { ...(await runFiles(paths, cwd, run, configured.policy, lister, () => lister.stopCounting())), lister, early };
    } catch (error) {
      early.settle(0);
      throw error;
    }
  }
  const lister = new FolderLister(cache?.storedFolders, cache?.startedAt, cache !== undefined);
  cache?.keepFolders(lister);
  const found = await runFiles(paths, cwd, run, configured.policy, lister);
  return cache ? { ...found, lister, cached: await probeCache(cache, found.files, configured, lister) } : { ...found, lister };
}

async function probeCache(cache: FileAnalysisCache, files: readonly DiscoveredFile[], configured: Configured, lister: FolderLister): Promise<ProbedCache> {
  const maxFileSize = configured.options.maxFileSize ?? DEFAULT_MAX_FILE_SIZE;
  // The folder's listing is part of what a file's analysis reads (bundled files must exist): the
  // stamps of the skill folder and of the folders below it stand for it (the tree stamp first,
  // so that the companions' stamps see the folders' listings).
  const stamps = files.map((file) => {
    const tree = lister.treeStamp(path.dirname(file.filePath));
    return `${fileStamp(file.filePath, lister.listings)}${tree}`;
  });
  const read = new Map<number, LintInput>();
  const unchanged = await Promise.all(
    files.map(async (file, index) => {
      const stamp = stamps[index] as string;
      if (cache.unchangedByStamp(file.filePath, stamp)) return true;
      // A file the cache has never seen is changed whatever its content: it is read (and hashed) where it is analysed.
      if (!cache.knows(file.filePath)) return false;
      const listing = await listSkillFolder(path.dirname(file.filePath), lister.listings);
      const input = await readInput(file, maxFileSize, listing ?? null);
      read.set(index, input);
      return cache.unchangedByContent(input, stamp);
    }),
  );
  return { cache, stamps, unchanged, read };
}

async function analyseAndCheck(
  files: readonly DiscoveredFile[],
  configured: Configured,
  run: LintRunOptions,
  cached: ProbedCache | undefined,
  targets: ReadonlySet<string>,
  /** The folder listings discovery read: the folders' files, without reading them again. */
  listings: KnownListings,
  /**
   * Only the diagnostics are wanted (not the analyses): each file keeps only the catalog-only form
   * of its analysis (check/catalog-only.ts), and the few the catalog phase needs whole are analysed again.
   */
  catalogOnly = false,
  /** Workers started during the walk (a cold run's): kept, topped up or stopped for the number of files found. */
  early?: EarlyWorkers,
): Promise<{ results: LintResult[]; env: LintEnvironment; cacheHits: number }> {
  const { options } = configured;
  // Without a cache or an overlay, each file is read by the thread that analyses it, when it does.
  const streamed = !cached && !run.overlay;
  // Then the number of files is known now, and workers start (if the walk has not started them) while this thread loads the analysis code.
  const count = files.filter((file) => targets.has(file.filePath)).length + (run.stdin ? 1 : 0);
  const started = streamed ? (early ? early.settle(count) : await startWorkersFor(count, options, run.concurrency ?? 'auto')) : undefined;
  const [{ createLintEnvironment }, { checkCatalog }] = await Promise.all([import('./check/environment.js'), import('./check/lint.js')]);
  const env = createLintEnvironment(options);
  if (configured.policy) env.policy = configured.policy;
  const maxFileSize = env.options.maxFileSize;
  const analyses: Array<FileAnalysis | undefined> = [];
  if (cached) {
    await cached.cache.loadAnalyses();
    const { catalogOnlyAnalysis } = catalogOnly ? await import('./check/catalog-only.js') : { catalogOnlyAnalysis: undefined };
    files.forEach((file, index) => {
      const stored = cached.unchanged[index] ? cached.cache.lookupUnchanged(file.filePath) : undefined;
      // A catalog-only analysis stored by a validate run does not serve a caller that wants analyses whole.
      analyses[index] = stored && catalogOnlyAnalysis ? catalogOnlyAnalysis(stored) : stored?.catalogOnly ? undefined : stored;
    });
  }
  const unknownIndexes = files.map((_, index) => index).filter((index) => analyses[index] === undefined);
  // The rest of the catalog (context) gets light facts (check/context-facts.ts) once the targets are analysed.
  const isTarget = (index: number) => targets.has((files[index] as DiscoveredFile).filePath);
  const lightIndexes = unknownIndexes.filter((index) => !isTarget(index));
  const missingIndexes = unknownIndexes.filter(isTarget);
  // A file read already (by the cache's probe) is given as read; with an overlay each is read here;
  // the others are read by the thread that analyses them, which hashes them for the cache.
  const readHere = (index: number) => run.overlay !== undefined || cached?.read.has(index) === true;
  const missing = await Promise.all(
    missingIndexes.map((index) => (readHere(index) ? (cached?.read.get(index) ?? readInput(files[index] as DiscoveredFile, maxFileSize)) : undefined)),
  );
  if (run.overlay) applyOverlay(missing as LintInput[], run.overlay, maxFileSize);
  const missingJobs = missingIndexes.map((index, at): AnalysisJob => {
    const input = missing[at];
    return input ? { input } : { ...fileToRead(files[index] as DiscoveredFile, listings), ...(cached ? { hash: true as const } : {}) };
  });
  const stdin: AnalysisJob[] = run.stdin ? [{ input: await stdinInput(run.stdin, maxFileSize) }] : [];
  const total = files.length + stdin.length;
  const progress = run.onProgress && ((done: number) => run.onProgress?.(total - missingJobs.length - stdin.length + done, total));
  const freshJobs = [...missingJobs, ...stdin];
  const fresh = await analyseJobs(freshJobs, env, options, run.concurrency ?? 'auto', progress, started, catalogOnly);
  const keep = (indexes: readonly number[], inputs: ReadonlyArray<LintInput | undefined>, analysed: readonly FileAnalysis[]) =>
    indexes.forEach((fileIndex, index) => {
      const analysis = analysed[index] as FileAnalysis;
      const { inputHash } = analysis;
      delete analysis.inputHash;
      analyses[fileIndex] = analysis;
      // An analysis that hit an internal error is not kept: the next run tries again.
      if (!cached || analysis.failures) return;
      const input = inputs[index];
      const hash = inputHash ?? (input && inputKey(input));
      if (hash !== undefined) cached.cache.storeHashed((files[fileIndex] as DiscoveredFile).filePath, hash, analysis, cached.stamps[fileIndex]);
    });
  keep(missingIndexes, missing, fresh);
  const light = new Map<string, number>();
  if (lightIndexes.length > 0) {
    const [{ contextAnalyses, contextToAnalyseFully }, { fileReader, fileBytesReader }] = await Promise.all([import('./check/context-facts.js'), import('./load/read-sync.js')]);
    // One open, fstat and read a file where the walk saw no link (readSkillFile's answers); most
    // are left as bytes, of which only the front matter is decoded (an overlay gives texts).
    const readContextFile = run.overlay ? fileReader(maxFileSize) : fileBytesReader(maxFileSize);
    const read = (index: number) => {
      const fileIndex = lightIndexes[index] as number;
      const input = cached?.read.get(fileIndex) ?? readContextFile(files[fileIndex] as DiscoveredFile);
      if (run.overlay && 'decoded' in input) applyOverlay([input], run.overlay, maxFileSize);
      return input;
    };
    const full = [...fresh.slice(missingJobs.length), ...analyses.filter((analysis) => analysis !== undefined)];
    contextAnalyses(lightIndexes.length, read, full, targets, maxFileSize).forEach((analysis, index) => {
      const fileIndex = lightIndexes[index] as number;
      analyses[fileIndex] = analysis;
      light.set(analysis.filePath, fileIndex);
    });
    const wanted = contextToAnalyseFully([...fresh.slice(missingJobs.length), ...(analyses as FileAnalysis[])], targets, new Set(light.keys()));
    const runIndexes = [...wanted].map((filePath) => light.get(filePath) as number);
    const runInputs = await Promise.all(runIndexes.map((index) => cached?.read.get(index) ?? readInput(files[index] as DiscoveredFile, maxFileSize)));
    if (run.overlay) applyOverlay(runInputs, run.overlay, maxFileSize);
    keep(runIndexes, runInputs, await analyseJobs(runInputs.map((input) => ({ input })), env, options, run.concurrency ?? 'auto', undefined));
    for (const filePath of wanted) light.delete(filePath);
  }
  let all = [...fresh.slice(missingJobs.length), ...(analyses as FileAnalysis[])];
  if (catalogOnly) {
    // The analyses the catalog phase needs whole, again from their jobs (the files as read, or read again).
    const jobOf = new Map<FileAnalysis, () => Promise<AnalysisJob>>();
    fresh.forEach((analysis, index) => jobOf.set(analysis, async () => freshJobs[index] as AnalysisJob));
    analyses.forEach((analysis, index) => {
      if (analysis && !jobOf.has(analysis)) jobOf.set(analysis, async () => ({ input: cached?.read.get(index) ?? (await readInput(files[index] as DiscoveredFile, maxFileSize)) }));
    });
    all = await analyseWhole(all, jobOf, env, options, run.concurrency ?? 'auto');
  }
  const results = checkCatalog(all, env);
  if (cached) {
    const filePaths = files.map((file) => file.filePath);
    // Reports are the answer of a complete run only when every file had its full analysis.
    if (light.size === 0) cached.cache.recordReports(filePaths, reportsByFile(results));
    // Files were analysed again, so the last complete run's reports (and printed output) are stale.
    else cached.cache.forgetCompleteRun();
    await cached.cache.save(new Set(filePaths));
  }
  return { results, env, cacheHits: cached?.cache.hits ?? 0 };
}

function reportsByFile(results: readonly LintResult[]): Map<string, StoredReport[]> {
  const byFile = new Map<string, StoredReport[]>();
  for (const result of results) {
    const owner = result.analysis.filePath;
    byFile.set(owner, [...(byFile.get(owner) ?? []), { filePath: result.filePath, diagnostics: result.diagnostics }]);
  }
  return byFile;
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

/**
 * The analyses with those among them that the catalog phase needs whole (see
 * filesToAnalyseFully) replaced by their full analysis, made again from their jobs.
 */
async function analyseWhole(
  analyses: readonly FileAnalysis[],
  jobOf: ReadonlyMap<FileAnalysis, () => Promise<AnalysisJob>>,
  env: LintEnvironment,
  options: Partial<LintOptions>,
  concurrency: Concurrency,
): Promise<FileAnalysis[]> {
  const { filesToAnalyseFully } = await import('./check/catalog-only.js');
  const wanted = [...filesToAnalyseFully(analyses)].filter((analysis) => jobOf.has(analysis));
  if (wanted.length === 0) return [...analyses];
  const jobs = await Promise.all(wanted.map((analysis) => (jobOf.get(analysis) as () => Promise<AnalysisJob>)()));
  const whole = await analyseJobs(jobs, env, options, concurrency, undefined);
  const replacement = new Map(wanted.map((analysis, index) => [analysis, whole[index] as FileAnalysis]));
  return analyses.map((analysis) => replacement.get(analysis) ?? analysis);
}

async function analyseJobs(
  jobs: readonly AnalysisJob[],
  env: LintEnvironment,
  options: Partial<LintOptions>,
  concurrency: Concurrency,
  onProgress: ((done: number) => void) | undefined,
  started?: readonly StartedWorker[],
  catalogOnly = false,
): Promise<FileAnalysis[]> {
  if (jobs.length === 0) {
    for (const { worker } of started ?? []) void worker.terminate();
    return [];
  }
  return withSlowHeapGrowth(jobs.length, () => analyseJobsNow(jobs, env, options, concurrency, onProgress, started, catalogOnly));
}

async function analyseJobsNow(
  jobs: readonly AnalysisJob[],
  env: LintEnvironment,
  options: Partial<LintOptions>,
  concurrency: Concurrency,
  onProgress: ((done: number) => void) | undefined,
  started: readonly StartedWorker[] | undefined,
  catalogOnly: boolean,
): Promise<FileAnalysis[]> {
  const [{ jobAnalyser, jobReader, withInputHash }, { analyzeFileLoadingGrammar, loadBashGrammar }, { analyzeInThreads, canUseThreads, threadCount }, { keptCatalogOnlyAnalysis }] = await Promise.all([
    import('./check/analysis-job.js'),
    import('./check/analyze-file.js'),
    import('./check/parallel.js'),
    import('./check/catalog-only.js'),
  ]);
  const shape = catalogOnly ? keptCatalogOnlyAnalysis : (analysis: FileAnalysis) => analysis;
  const threads = started ? started.length + 1 : canUseThreads() ? threadCount(concurrency, jobs.length) : 1;
  if (threads > 1) {
    // The workers start on their batches while this thread loads the grammar (analyzeHere needs it first).
    const grammar = loadBashGrammar();
    const analyse = jobAnalyser(env);
    return analyzeInThreads(jobs, options, threads, (job) => shape(analyse(job)), onProgress, started, catalogOnly, grammar);
  }
  const read = jobReader(env);
  const analyses: FileAnalysis[] = [];
  for (const job of jobs) {
    const input = read(job);
    analyses.push(shape(withInputHash(job, input, await analyzeFileLoadingGrammar(input, env))));
    onProgress?.(analyses.length);
  }
  return analyses;
}

/** The workers a per-file phase of `count` files will use, started now (none: the main thread alone). */
async function startWorkersFor(count: number, options: Partial<LintOptions>, concurrency: Concurrency): Promise<StartedWorker[]> {
  const { canUseThreads, startWorkers, threadCount } = await import('./check/parallel.js');
  return startWorkers(options, canUseThreads() ? threadCount(concurrency, count) - 1 : 0);
}

/** A SKILL.md to read where it is analysed, with its folder's files (from the discovery walk's listings when it has them). */
function fileToRead(file: DiscoveredFile, listings: KnownListings): FileToRead {
  const folderFiles = listSkillFolderSync(path.dirname(file.filePath), listings);
  return folderFiles ? { file, folderFiles } : { file };
}

/** The `--stdin` text as the SKILL.md it stands for, with that file's companions and folder. */
async function stdinInput(stdin: { filePath: string; text: string }, maxFileSize: number): Promise<LintInput> {
  const [companions, folderFiles] = await Promise.all([
    readCompanionFiles({ filePath: stdin.filePath, root: path.dirname(stdin.filePath) }, maxFileSize),
    listSkillFolder(path.dirname(stdin.filePath)),
  ]);
  return { filePath: stdin.filePath, decoded: decodeSkillBytes(Buffer.from(stdin.text, 'utf8'), maxFileSize), companions, ...(folderFiles ? { folderFiles } : {}) };
}

/**
 * A SKILL.md with its companion files and its folder's listing (`null`: the folder could not be
 * listed; undefined: not listed yet).
 */
async function readInput(file: DiscoveredFile, maxFileSize: number, listing?: string[] | null): Promise<LintInput> {
  const [loaded, companions, folderFiles] = await Promise.all([
    readSkillFile(file, maxFileSize),
    readCompanionFiles(file, maxFileSize),
    listing === undefined ? listSkillFolder(path.dirname(file.filePath)) : (listing ?? undefined),
  ]);
  return { ...loaded, companions, ...(folderFiles ? { folderFiles } : {}) };
}

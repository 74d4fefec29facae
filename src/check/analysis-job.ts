import { skillReader, type FileToRead } from '../load/read-sync.js';
import { inputKey } from '../load/analysis-cache.js';
import type { FileAnalysis } from './analysis.js';
import type { LintEnvironment } from './environment.js';
import { analyzeFile, type LintInput } from './lint.js';

/**
 * One file of the per-file phase: already read (`--stdin`, `--fix` passes, files the cache read),
 * or to be read by the thread that analyses it, so a worker gets a path instead of a copy of the
 * text and nothing holds every file's text at once. `hash`: the thread also gives the cache key of
 * what it read (FileAnalysis.inputHash), for a run with a cache.
 */
export type AnalysisJob = { input: LintInput } | (FileToRead & { hash?: true });

/** The input of each job, reading files with one reader (each root resolved once). */
export function jobReader(env: LintEnvironment): (job: AnalysisJob) => LintInput {
  const read = skillReader(env.options.maxFileSize);
  return (job) => ('file' in job ? read(job) : job.input);
}

/** Analyses jobs with this environment (the bash grammar loaded already when shell may need it). */
export function jobAnalyser(env: LintEnvironment): (job: AnalysisJob) => FileAnalysis {
  const read = jobReader(env);
  return (job) => {
    const input = read(job);
    return withInputHash(job, input, analyzeFile(input, env));
  };
}

/** The analysis with the cache key of its input (FileAnalysis.inputHash) when its job asked for it. */
export function withInputHash(job: AnalysisJob, input: LintInput, analysis: FileAnalysis): FileAnalysis {
  if ('file' in job && job.hash) analysis.inputHash = inputKey(input);
  return analysis;
}

import { skillReader, type FileToRead } from '../load/read-sync.js';
import type { FileAnalysis } from './analysis.js';
import type { LintEnvironment } from './environment.js';
import { analyzeFile, type LintInput } from './lint.js';

/**
 * One file of the per-file phase: already read (`--stdin`, `--fix` passes, files the cache read),
 * or to be read by the thread that analyses it, so a worker gets a path instead of a copy of the
 * text and nothing holds every file's text at once.
 */
export type AnalysisJob = { input: LintInput } | FileToRead;

/** The input of each job, reading files with one reader (each root resolved once). */
export function jobReader(env: LintEnvironment): (job: AnalysisJob) => LintInput {
  const read = skillReader(env.options.maxFileSize);
  return (job) => ('file' in job ? read(job) : job.input);
}

/** Analyses jobs with this environment (the bash grammar loaded already when shell may need it). */
export function jobAnalyser(env: LintEnvironment): (job: AnalysisJob) => FileAnalysis {
  const read = jobReader(env);
  return (job) => analyzeFile(read(job), env);
}

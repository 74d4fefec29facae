import { parentPort, workerData } from 'node:worker_threads';
import { jobAnalyser } from './analysis-job.js';
import { portableAnalysis } from './analysis.js';
import { catalogOnlyAnalysis } from './catalog-only.js';
import { createLintEnvironment, type LintOptions } from './environment.js';
import { loadBashGrammar } from './commands/bash-grammar.js';
import type { WorkerAnswer, WorkerBatch } from './parallel.js';

/**
 * A worker thread of the per-file phase: its own environment (validators are not shared between
 * threads), the same analysis, files read here rather than sent, and the portable part of each
 * result sent back, one batch at a time.
 */
const analyse = jobAnalyser(createLintEnvironment(workerData as Partial<LintOptions>));
// Threads serve large runs, whose shell is bound to need the grammar somewhere: loaded before any batch.
await loadBashGrammar();
parentPort?.on('message', ({ from, jobs, catalogOnly }: WorkerBatch) => {
  const answer: WorkerAnswer = { from, analyses: jobs.map((job) => (catalogOnly ? catalogOnlyAnalysis : portableAnalysis)(analyse(job))) };
  parentPort?.postMessage(answer);
});
// Ready: only now is a batch worth giving to this thread rather than to the main one.
parentPort?.postMessage({ from: 0, analyses: [] } satisfies WorkerAnswer);

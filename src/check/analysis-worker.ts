import { parentPort, workerData } from 'node:worker_threads';
import { portableAnalysis } from './analysis.js';
import { createLintEnvironment, type LintOptions } from './environment.js';
import { analyzeFile, type LintInput } from './lint.js';

/**
 * A worker thread of the per-file phase: its own environment (validators are not shared between
 * threads), the same analysis, and the portable part of each result sent back.
 */
const env = createLintEnvironment(workerData as Partial<LintOptions>);
parentPort?.on('message', (inputs: LintInput[]) => {
  const analyses = inputs.map((input) => portableAnalysis(analyzeFile(input, env)));
  parentPort?.postMessage(analyses);
});

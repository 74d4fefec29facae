import { existsSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import type { FileAnalysis } from './analysis.js';
import type { LintOptions } from './environment.js';
import type { LintInput } from './lint.js';

/**
 * Below this many files to analyse, starting threads costs more than it saves: each worker loads
 * the modules and warms the JIT from scratch. Measured on 2 cores: 2,000 skills 4.5 s on one
 * thread and 4.6 s on two; 6,000 skills 10.9 s and 9.5 s.
 */
export const PARALLEL_THRESHOLD = 3000;

/** How many threads to use: `off`, a number, or `auto` (one per core when there is enough work). */
export type Concurrency = 'auto' | 'off' | number;

export function threadCount(concurrency: Concurrency, files: number): number {
  if (concurrency === 'off') return 1;
  if (concurrency === 'auto') return files < PARALLEL_THRESHOLD ? 1 : Math.min(availableParallelism(), 8);
  return Math.max(1, Math.min(concurrency, files));
}

const WORKER_FILE = new URL('./analysis-worker.js', import.meta.url);

/** Threads need the compiled worker; from TypeScript sources (tests) everything stays on one thread. */
export function canUseThreads(): boolean {
  return existsSync(fileURLToPath(WORKER_FILE));
}

/** The per-file phase spread over `threads` worker threads, in input order. */
export async function analyzeInThreads(inputs: readonly LintInput[], options: Partial<LintOptions>, threads: number): Promise<FileAnalysis[]> {
  const chunkSize = Math.ceil(inputs.length / threads);
  const chunks = Array.from({ length: threads }, (_, index) => inputs.slice(index * chunkSize, (index + 1) * chunkSize));
  const results = await Promise.all(chunks.map((chunk) => (chunk.length === 0 ? [] : analyzeChunk(chunk, options))));
  return results.flat();
}

function analyzeChunk(inputs: readonly LintInput[], options: Partial<LintOptions>): Promise<FileAnalysis[]> {
  return new Promise((resolve, reject) => {
    const worker = new Worker(WORKER_FILE, { workerData: options });
    worker.once('message', (analyses: FileAnalysis[]) => {
      resolve(analyses);
      void worker.terminate();
    });
    worker.once('error', reject);
    worker.once('exit', (code) => {
      if (code !== 0) reject(new Error(`analysis worker stopped with exit code ${code}`));
    });
    worker.postMessage(inputs);
  });
}

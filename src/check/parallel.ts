import { existsSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { fileURLToPath } from 'node:url';
import type { Worker } from 'node:worker_threads';
import { startWorker } from '../core/worker-threads.js';
import type { FileAnalysis } from './analysis.js';
import type { LintOptions } from './environment.js';
import type { AnalysisJob } from './analysis-job.js';

/**
 * Below this many files to analyse, a worker costs more than it saves: it loads the modules,
 * builds its environment and compiles the shell grammar from scratch (about 1 s of CPU) while the
 * main thread, which has its environment already, gets through a few hundred files.
 * See the README's speed section for the measurements behind the number.
 */
export const PARALLEL_THRESHOLD = 2000;

/** How many threads to use: `off`, a number, or `auto` (one per core when there is enough work). */
export type Concurrency = 'auto' | 'off' | number;

/** Threads in all, the main thread included (`threads - 1` workers). */
export function threadCount(concurrency: Concurrency, files: number): number {
  if (concurrency === 'off') return 1;
  if (concurrency === 'auto') return files < PARALLEL_THRESHOLD ? 1 : Math.min(availableParallelism(), 8);
  return Math.max(1, Math.min(concurrency, files));
}

/**
 * Files per message: small enough to share the work evenly (a few dozen batches per thread), large
 * enough that messages cost little.
 */
function batchSize(files: number, threads: number): number {
  return Math.max(1, Math.min(32, Math.ceil(files / (threads * 8))));
}

const WORKER_FILE = new URL('./analysis-worker.js', import.meta.url);

/** Threads need the compiled worker; from TypeScript sources (tests) everything stays on one thread. */
export function canUseThreads(): boolean {
  return existsSync(fileURLToPath(WORKER_FILE));
}

/** A batch for a worker: where it starts in the input list, and its files. */
export interface WorkerBatch {
  from: number;
  jobs: AnalysisJob[];
  /** Send back the catalog-only form of each analysis (check/catalog-only.ts) rather than its portable whole. */
  catalogOnly?: true;
}

/** A worker's answer: the analyses of the batch that started at `from`. */
export interface WorkerAnswer {
  from: number;
  analyses: FileAnalysis[];
}

/**
 * The per-file phase on `threads` threads: the main thread (with its ready environment, through
 * `analyzeHere`) and `threads - 1` workers take batches of files from one queue until it is empty,
 * so a late or slow worker takes less and nothing waits for the slowest share. Results come back
 * in input order. A batch whose worker failed is analysed on the main thread.
 */
export async function analyzeInThreads(
  jobs: readonly AnalysisJob[],
  options: Partial<LintOptions>,
  threads: number,
  analyzeHere: (job: AnalysisJob) => FileAnalysis,
  onProgress?: (done: number) => void,
  started: readonly StartedWorker[] = startWorkers(options, threads - 1),
  /** The workers answer with catalog-only analyses (`analyzeHere` is expected to give them too). */
  catalogOnly = false,
): Promise<FileAnalysis[]> {
  const results: FileAnalysis[] = new Array<FileAnalysis>(jobs.length);
  const leftOver: WorkerBatch[] = [];
  const batch = batchSize(jobs.length, threads);
  let next = 0;
  let done = 0;
  const take = (): WorkerBatch | undefined => {
    const retry = leftOver.pop();
    if (retry) return retry;
    if (next >= jobs.length) return undefined;
    const from = next;
    next = Math.min(jobs.length, next + batch);
    return { from, jobs: jobs.slice(from, next), ...(catalogOnly ? { catalogOnly } : {}) };
  };
  const finish = (from: number, analyses: readonly FileAnalysis[]) => {
    analyses.forEach((analysis, index) => (results[from + index] = analysis));
    done += analyses.length;
    onProgress?.(done);
  };
  const workers = started.map((worker) => runWorker(worker, take, finish, (batch) => leftOver.push(batch)));
  const analyzeBatches = async () => {
    for (let mine = take(); mine; mine = take()) {
      finish(mine.from, mine.jobs.map(analyzeHere));
      // Lets the workers' answers in and hands them their next batch.
      await new Promise((resolve) => setImmediate(resolve));
    }
  };
  await analyzeBatches();
  await Promise.all(workers);
  await analyzeBatches();
  return results;
}

/** A worker thread started ahead of its work: `ready` says whether it built its environment (false: it stopped first). */
export interface StartedWorker {
  worker: Worker;
  ready: Promise<boolean>;
  /** Set when the thread has stopped. */
  exited: boolean;
}

/**
 * Starts `count` workers now: each loads the analysis code and builds its environment (most of
 * its start-up cost) while the main thread goes on, e.g. with its own imports and environment.
 */
export function startWorkers(options: Partial<LintOptions>, count: number): StartedWorker[] {
  return Array.from({ length: Math.max(0, count) }, () => {
    const worker = startWorker(WORKER_FILE, { workerData: options });
    const ready = new Promise<boolean>((resolve) => {
      // The first message says the worker is ready; every later one answers a batch.
      worker.once('message', () => resolve(true));
      worker.once('exit', () => resolve(false));
    });
    // Until it is given work, it does not keep the process alive (a run that fails before then ends).
    worker.unref();
    const started: StartedWorker = { worker, ready, exited: false };
    worker.once('exit', () => (started.exited = true));
    worker.once('error', () => void worker.terminate());
    return started;
  });
}

/** One worker: asks for batches until there are none; resolves when it stopped, whatever the reason. */
function runWorker(
  started: StartedWorker,
  take: () => WorkerBatch | undefined,
  finish: (from: number, analyses: readonly FileAnalysis[]) => void,
  giveBack: (batch: WorkerBatch) => void,
): Promise<void> {
  return new Promise((resolve) => {
    let current: WorkerBatch | undefined;
    const send = () => {
      current = take();
      if (current) worker.postMessage(current);
      else void worker.terminate();
    };
    const stop = () => {
      if (current) giveBack(current);
      current = undefined;
      resolve();
    };
    const { worker } = started;
    worker.ref();
    void started.ready.then((isReady) => {
      // Stopped before or since it was ready: its exit has been seen already.
      if (!isReady || started.exited) return resolve();
      worker.on('message', (answer: WorkerAnswer) => {
        current = undefined;
        if (answer.analyses.length > 0) finish(answer.from, answer.analyses);
        send();
      });
      worker.once('exit', stop);
      send();
    });
  });
}

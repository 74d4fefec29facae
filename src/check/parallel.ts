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

/** The most files in one message: enough that messages cost little next to the work. */
const MAX_BATCH = 32;

/**
 * Batches a worker holds at once: it starts the next as soon as it has answered one, instead of
 * waiting for the main thread to come back from its own batch to hand it more work.
 */
export const BATCHES_IN_FLIGHT = 2;

/**
 * Files per batch when `left` files are still to be handed out (guided self-scheduling): large
 * while there is much to do, smaller towards the end, so every thread finishes at about the same
 * time and none waits long for the last batch of another.
 */
export function batchSize(left: number, threads: number): number {
  return Math.max(1, Math.min(MAX_BATCH, Math.ceil(left / (threads * 8))));
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
 * so a late or slow worker takes less and nothing waits for the slowest share. Each worker holds
 * up to BATCHES_IN_FLIGHT batches, so it never waits for the main thread to finish a batch of its
 * own before it gets more; the main thread takes quarter-size batches, so it hands out work often.
 * Results come back in input order. A batch whose worker failed is analysed on the main thread.
 * Workers that are ready get their first batches before the main thread takes one.
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
  /** What `analyzeHere` waits for (the shell grammar loading on this thread): the workers ready meanwhile get their batches first. */
  hereReady: Promise<unknown> = Promise.resolve(),
): Promise<FileAnalysis[]> {
  const results: FileAnalysis[] = new Array<FileAnalysis>(jobs.length);
  const leftOver: WorkerBatch[] = [];
  let next = 0;
  let done = 0;
  const take = (share = 1): WorkerBatch | undefined => {
    const retry = leftOver.pop();
    if (retry) return retry;
    if (next >= jobs.length) return undefined;
    const from = next;
    next = Math.min(jobs.length, next + Math.ceil(batchSize(jobs.length - next, threads) * share));
    return { from, jobs: jobs.slice(from, next), ...(catalogOnly ? { catalogOnly } : {}) };
  };
  const finish = (from: number, analyses: readonly FileAnalysis[]) => {
    analyses.forEach((analysis, index) => (results[from + index] = analysis));
    done += analyses.length;
    onProgress?.(done);
  };
  const workers = started.map((worker) => runWorker(worker, take, finish, (batch) => leftOver.push(batch)));
  const analyzeBatches = async () => {
    for (let mine = take(0.25); mine; mine = take(0.25)) {
      finish(mine.from, mine.jobs.map(analyzeHere));
      // Lets the workers' answers in and hands them their next batch.
      await new Promise((resolve) => setImmediate(resolve));
    }
  };
  // The workers ready now are given their batches first (their `ready` callbacks run before this
  // continues), so none waits for this thread's set-up or its first batch.
  try {
    await hereReady;
  } catch (error) {
    // Nothing more is handed out: the workers stop once they have answered what they hold.
    next = jobs.length;
    leftOver.length = 0;
    await Promise.all(workers);
    throw error;
  }
  await analyzeBatches();
  await Promise.all(workers);
  await analyzeBatches();
  return results;
}

/**
 * A worker's young generation: 12 MB (V8 makes it three times a semi-space, so 4 MB semi-spaces
 * instead of the default 16 MB). One file's garbage fits in it many times over; the default let
 * each worker hold about 25 MB more for no gain. Generated 4,000-skill catalog, two threads, back
 * to back on the busy machine: 210 and 211 MB peak RSS against 238 and 234 MB, CPU 18.7 and 23.9 s
 * against 18.0 and 23.0 s. (The main thread's cannot be set without a V8 flag on Node's command line.)
 */
const WORKER_LIMITS = { maxYoungGenerationSizeMb: 12 };

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
    const worker = startWorker(WORKER_FILE, { workerData: options, resourceLimits: WORKER_LIMITS });
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

/** One worker: keeps up to BATCHES_IN_FLIGHT batches given until there are none; resolves when it stopped, whatever the reason. */
function runWorker(
  started: StartedWorker,
  take: () => WorkerBatch | undefined,
  finish: (from: number, analyses: readonly FileAnalysis[]) => void,
  giveBack: (batch: WorkerBatch) => void,
): Promise<void> {
  return new Promise((resolve) => {
    // The batches given and not answered yet, oldest first (a worker answers them in order).
    const given: WorkerBatch[] = [];
    const topUp = () => {
      while (given.length < BATCHES_IN_FLIGHT) {
        const batch = take();
        if (!batch) break;
        given.push(batch);
        worker.postMessage(batch);
      }
      if (given.length === 0) void worker.terminate();
    };
    const stop = () => {
      for (const batch of given.splice(0)) giveBack(batch);
      resolve();
    };
    const { worker } = started;
    worker.ref();
    void started.ready.then((isReady) => {
      // Stopped before or since it was ready: its exit has been seen already.
      if (!isReady || started.exited) return resolve();
      worker.on('message', (answer: WorkerAnswer) => {
        given.shift();
        if (answer.analyses.length > 0) finish(answer.from, answer.analyses);
        topUp();
      });
      worker.once('exit', stop);
      topUp();
    });
  });
}

import { createRequire } from 'node:module';
import type { Worker, WorkerOptions } from 'node:worker_threads';

const requireBuiltin = createRequire(import.meta.url);

/**
 * Starts a worker thread, loading node:worker_threads at the first one: loading it costs about
 * 4 ms, a sixtieth of a one-file run, which never starts a thread. (A dynamic import would do,
 * but the CLI bundle may not hold one: its code cache cannot run it.)
 */
export function startWorker(file: URL, options: WorkerOptions): Worker {
  const threads = requireBuiltin('node:worker_threads') as typeof import('node:worker_threads');
  return new threads.Worker(file, options);
}

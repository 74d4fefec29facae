import { setFlagsFromString } from 'node:v8';
import { startedWithFlag } from './v8-flags.js';

/** From this many files to analyse, V8 is asked to grow each thread's heap slowly (withSlowHeapGrowth). */
export const SLOW_HEAP_GROWTH_FROM = 1000;

/** Whether a per-file phase of `files` files asks for slow heap growth. */
export function wantsSlowHeapGrowth(files: number): boolean {
  return files >= SLOW_HEAP_GROWTH_FROM;
}

/** V8's default: 0, its own heuristic. */
const DEFAULT_HEAP_GROWING_PERCENT = 0;

/**
 * Runs a per-file phase of `files` files with V8 asked to collect each thread's old generation
 * once it has grown by 30% since the last full collection, then sets V8's default back (the flag
 * is the process's, and a library caller's process outlives the run). By default V8 lets the old
 * generation grow up to fourfold first when collecting is fast next to the program's work, and a
 * long per-file phase promotes garbage steadily: at 10,000 skills the main thread's heap reached
 * 173 MB for about 80 MB of live data. The flag is read at each collection, in every thread, so it
 * also holds for workers already started. Not for small runs (a one-file run has no collection to
 * spare) nor when the process was started with its own value. 10,000 generated skills, back to
 * back, two pairs on the busy machine: 242 and 243 MB peak RSS against 316 and 272 MB, CPU 41.1 and
 * 39.9 s against 37.9 and 42.3 s (no difference beyond the machine's noise).
 */
export async function withSlowHeapGrowth<T>(files: number, work: () => Promise<T>): Promise<T> {
  if (!wantsSlowHeapGrowth(files) || startedWithFlag('heap-growing-percent')) return work();
  setFlagsFromString('--heap-growing-percent=30');
  try {
    return await work();
  } finally {
    setFlagsFromString(`--heap-growing-percent=${DEFAULT_HEAP_GROWING_PERCENT}`);
  }
}

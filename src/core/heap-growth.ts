import { setFlagsFromString } from 'node:v8';

/** From this many files to analyse, V8 is asked to grow each thread's heap slowly (growHeapsSlowly). */
export const SLOW_HEAP_GROWTH_FROM = 1000;

/** Whether a per-file phase of `files` files asks for slow heap growth. */
export function wantsSlowHeapGrowth(files: number): boolean {
  return files >= SLOW_HEAP_GROWTH_FROM;
}

/**
 * Asks V8 to collect a thread's old generation once it has grown by 30% since the last full
 * collection. By default V8 lets it grow up to fourfold first when collecting is fast next to the
 * program's work, and a long per-file phase promotes garbage steadily: at 10,000 skills the main
 * thread's heap reached 173 MB for about 80 MB of live data. The flag is read at each collection,
 * in every thread, so it also holds for workers already started. Not for small runs: a one-file
 * run has no collection to spare. 10,000 generated skills, back to back, two pairs on the busy
 * machine: 242 and 243 MB peak RSS against 316 and 272 MB, CPU 41.1 and 39.9 s against 37.9 and
 * 42.3 s (no difference beyond the machine's noise).
 */
export function growHeapsSlowly(): void {
  setFlagsFromString('--heap-growing-percent=30');
}

import type { CommandIo } from './io.js';

/**
 * Whether the human-readable report is coloured: `--color`/`--no-color` first, then NO_COLOR
 * (any value but empty turns it off, see no-color.org), then FORCE_COLOR (`0` or `false` off,
 * anything else on), else only when standard output is a terminal.
 */
export function colorWanted(flag: boolean | undefined, io: CommandIo): boolean {
  if (flag !== undefined) return flag;
  const env = io.env ?? {};
  if (env['NO_COLOR'] !== undefined && env['NO_COLOR'] !== '') return false;
  const force = env['FORCE_COLOR'];
  if (force !== undefined) return force !== '0' && force !== 'false';
  return io.stdoutIsTTY === true;
}

/** From this many files, a run on a terminal shows its progress. */
export const PROGRESS_MIN_FILES = 20;
const PROGRESS_INTERVAL_MS = 100;

export interface Progress {
  update(done: number, total: number): void;
  /** Erases the progress line; call before printing the report. */
  clear(): void;
}

/** A one-line `files done / total, elapsed` on standard error, only on a terminal, redrawn at most every 100 ms. */
export function progressLine(io: CommandIo, now: () => number = Date.now): Progress {
  if (io.stderrIsTTY !== true) return { update: () => undefined, clear: () => undefined };
  const started = now();
  let last = -Infinity;
  let shown = false;
  return {
    update(done, total) {
      if (total < PROGRESS_MIN_FILES) return;
      const time = now();
      if (time - last < PROGRESS_INTERVAL_MS && done < total) return;
      last = time;
      shown = true;
      io.stderr(`\r\x1b[Kskillhub: ${done}/${total} files, ${((time - started) / 1000).toFixed(1)} s`);
    },
    clear() {
      if (shown) io.stderr('\r\x1b[K');
      shown = false;
    },
  };
}

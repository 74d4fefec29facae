import { constants, statSync } from 'node:fs';
import path from 'node:path';
import { startedWithFlag } from '../core/v8-flags.js';

/*
 * The numbers of one `stat` the replay manifest compares (size, modification and change time in
 * ms, inode, and whether the path is a folder), read without a `Stats`.
 *
 * Node 20's `statSync` builds a `Stats` object with four `Date`s for every call, and nothing else
 * public returns a file's times. The replay manifest's loop (replay-manifest.ts) makes 43,000 of
 * them for 10,000 skills, so on Node versions whose `statSync` is the call below, the loop asks
 * Node's fs binding (`process.binding('fs').stat`) directly, exactly as `statSync` does, and reads
 * the numbers from the `Float64Array` it fills (the same array at each call) with the arithmetic
 * `statSync` uses for `mtimeMs` and `ctimeMs`. Measured on the 10,000-skill corpus, the loop alone
 * in a new process (busy machine, 3 runs each): 182-193 ms user CPU with `statSync`, 95-105 ms
 * this way (the kernel's part, 150-170 ms, is the same).
 *
 * An internal can change with any Node release, so it is used only after checking, once per
 * process, that:
 * - `statSync`'s own source makes this call (the binding's argument order changed in Node's
 *   history: an older form took a context object in fourth place);
 * - the binding answers a real path with the same numbers as `statSync`, and a missing one with
 *   `undefined`;
 * - `process.binding` prints nothing: under `--pending-deprecation` it warns (DEP0111), so
 *   `statSync` is used then; under the permission model it is refused, and `statSync` is used.
 * Anything else, and any throw, uses `statSync`, with the same answers
 * (test/stat-stamp.test.ts runs both on the same paths).
 */

/** What `read` answers. */
export const ABSENT = 0;
export const FOLDER = 1;
export const OTHER = 2;

export interface StampReader {
  /** After a `read` that found the path: its size, mtimeMs, ctimeMs and inode. */
  readonly stamp: Float64Array;
  /** Whether the numbers come from Node's fs binding (else from `statSync`). */
  readonly raw: boolean;
  /** `stat`s the path (following links): ABSENT when it is missing or cannot be stat-ed, else FOLDER or OTHER, with `stamp` filled. */
  read(entryPath: string): number;
}

/** The binding's stat, as `statSync` calls it: (path, bigint, request, throwIfNoEntry) → the binding's shared array, or undefined. */
type BindingStat = (entryPath: string, bigint: false, request: undefined, throwIfNoEntry: false) => Float64Array | undefined;

/** Offsets in the binding's array (Node's src/node_file.h FillStatsArray: dev, mode, nlink, uid, gid, rdev, blksize, ino, size, blocks, then seconds and nanoseconds of atime, mtime, ctime, birthtime). */
const MODE = 1;
const INO = 7;
const SIZE = 8;
const MTIME_SEC = 12;
const MTIME_NSEC = 13;
const CTIME_SEC = 14;
const CTIME_NSEC = 15;
const FIELDS = 18;

/** `statSync`'s call of the binding in the Node versions this reader knows (Node 20.20, 22). */
const STAT_SYNC_CALL = /binding\.stat\(\s*pathModule\.toNamespacedPath\(path\),\s*options\.bigint,\s*undefined,\s*options\.throwIfNoEntry,?\s*\)/;

const NO_THROW = { throwIfNoEntry: false } as const;

/**
 * A reader of stamps; `raw: false` forces `statSync` (tests compare the two). `probe`: an
 * existing path the binding's answer is checked against (default: this process's executable).
 */
export function stampReader({ raw = true, probe = process.execPath }: { raw?: boolean; probe?: string } = {}): StampReader {
  const binding = raw ? checkedBindingStat(probe) : undefined;
  const stamp = new Float64Array(4);
  if (binding === undefined) {
    return {
      stamp,
      raw: false,
      read(entryPath) {
        let stats;
        try {
          stats = statSync(entryPath, NO_THROW);
        } catch {
          return ABSENT;
        }
        if (stats === undefined) return ABSENT;
        stamp[0] = stats.size;
        stamp[1] = stats.mtimeMs;
        stamp[2] = stats.ctimeMs;
        stamp[3] = stats.ino;
        return stats.isDirectory() ? FOLDER : OTHER;
      },
    };
  }
  return {
    stamp,
    raw: true,
    read(entryPath) {
      let values;
      try {
        values = binding(path.toNamespacedPath(entryPath), false, undefined, false);
      } catch {
        return ABSENT;
      }
      if (values === undefined) return ABSENT;
      fill(stamp, values);
      return ((values[MODE] as number) & constants.S_IFMT) === constants.S_IFDIR ? FOLDER : OTHER;
    },
  };
}

/** The binding's numbers as `statSync` computes them (lib/internal/fs/utils.js: `sec * 1e3 + nsec / 1e6`). */
function fill(stamp: Float64Array, values: Float64Array): void {
  stamp[0] = values[SIZE] as number;
  stamp[1] = (values[MTIME_SEC] as number) * 1e3 + (values[MTIME_NSEC] as number) / 1e6;
  stamp[2] = (values[CTIME_SEC] as number) * 1e3 + (values[CTIME_NSEC] as number) / 1e6;
  stamp[3] = values[INO] as number;
}

/** The binding's stat when every check above holds, else undefined. */
function checkedBindingStat(probe: string): BindingStat | undefined {
  try {
    if (!STAT_SYNC_CALL.test(statSync.toString())) return undefined;
    if (pendingDeprecation() || (process as { permission?: unknown }).permission !== undefined) return undefined;
    const binding = (process as unknown as { binding?: (name: string) => { stat?: unknown } }).binding?.('fs');
    const stat = binding?.stat;
    if (typeof stat !== 'function') return undefined;
    const call = stat.bind(binding) as BindingStat;
    const expected = statSync(probe);
    const values = call(path.toNamespacedPath(probe), false, undefined, false);
    if (!(values instanceof Float64Array) || values.length < FIELDS) return undefined;
    const stamp = new Float64Array(4);
    fill(stamp, values);
    const same = stamp[0] === expected.size && stamp[1] === expected.mtimeMs && stamp[2] === expected.ctimeMs && stamp[3] === expected.ino && values[MODE] === expected.mode;
    if (!same || call(path.toNamespacedPath(`${probe}\u0001missing`), false, undefined, false) !== undefined) return undefined;
    return call;
  } catch {
    return undefined;
  }
}

/** Whether `process.binding` would print a deprecation warning (DEP0111). */
function pendingDeprecation(): boolean {
  const env = process.env['NODE_PENDING_DEPRECATION'];
  return (env !== undefined && env !== '' && env !== '0') || startedWithFlag('pending-deprecation');
}

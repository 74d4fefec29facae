import { realpathSync, statSync, type Stats } from 'node:fs';

/** One options object for every call: a loop of tens of thousands of `stat`s need not allocate one each. */
const NO_THROW = { throwIfNoEntry: false } as const;

/** A `stat` that does not fail: a path that is missing or cannot be stat-ed gives undefined. */
export function statOrUndefined(entryPath: string): Stats | undefined {
  try {
    return statSync(entryPath, NO_THROW);
  } catch {
    return undefined;
  }
}

/** The real path of `entryPath`, or undefined when it cannot be resolved. */
export function realPathOrUndefined(entryPath: string): string | undefined {
  try {
    return realpathSync.native(entryPath);
  } catch {
    return undefined;
  }
}

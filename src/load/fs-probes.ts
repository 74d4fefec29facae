import { realpathSync, statSync, type Stats } from 'node:fs';

/** A `stat` that does not fail: a path that is missing or cannot be stat-ed gives undefined. */
export function statOrUndefined(entryPath: string): Stats | undefined {
  try {
    return statSync(entryPath, { throwIfNoEntry: false });
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

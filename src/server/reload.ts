import { stat } from 'node:fs/promises';
import path from 'node:path';
import { CatalogError } from '../catalog/types.js';
import { CATALOG_FILE } from '../publish/layout.js';
import { loadServedCatalog, type ServedCatalog } from './served.js';

export interface CatalogWatch {
  /** The build to answer the next request from: always one whole build. */
  current(): ServedCatalog;
  stop(): void;
}

export interface WatchOptions {
  intervalMs?: number;
  /** Told when a new build is served, or why one is not. */
  log?: (line: string) => void;
}

export const RELOAD_INTERVAL_MS = 1000;

/**
 * Serves `initial` and swaps in each new build of `dir` once it has been read whole and checked:
 * catalog.json is looked at every interval (following a symlink), and when its file or size or
 * time changes the folder is loaded again (loadServedCatalog); a different digest replaces the
 * served build in one assignment, so a request sees either the old build or the new one. A broken
 * or half-written catalog is never served: the old build stays and the reason is logged once.
 */
export function watchCatalog(dir: string, initial: ServedCatalog, options: WatchOptions = {}): CatalogWatch {
  let served = initial;
  // Unknown at first: the first look loads the folder again, so a build that landed while
  // `initial` was being read is not missed.
  let seen: string | undefined;
  let lastProblem: string | undefined;
  let busy = false;
  const log = options.log ?? (() => {});
  const tick = async () => {
    if (busy) return;
    busy = true;
    try {
      const key = await fileKey(dir);
      if (key === undefined || key === seen) return;
      const next = await loadServedCatalog(dir);
      seen = key;
      lastProblem = undefined;
      if (next.catalog.sha256 === served.catalog.sha256) return;
      const previous = served.catalog.sha256;
      served = next;
      log(`skillhub serve: now serving ${next.catalog.ids.length} skills, sha256 ${next.catalog.sha256} (was ${previous})`);
    } catch (error) {
      const message = error instanceof CatalogError ? error.message : (error as Error).message;
      if (message !== lastProblem) log(`skillhub serve: not reloading: ${message}; still serving sha256 ${served.catalog.sha256}`);
      lastProblem = message;
    } finally {
      busy = false;
    }
  };
  const timer = setInterval(() => void tick(), options.intervalMs ?? RELOAD_INTERVAL_MS);
  timer.unref();
  return { current: () => served, stop: () => clearInterval(timer) };
}

async function fileKey(dir: string): Promise<string | undefined> {
  try {
    const stats = await stat(path.join(dir, CATALOG_FILE));
    return `${stats.dev}:${stats.ino}:${stats.size}:${stats.mtimeMs}`;
  } catch {
    return undefined;
  }
}

import { realpathSync } from 'node:fs';
import path from 'node:path';
import { FolderLister, joinName, type KnownListings, type ListedEntry } from './folder-listings.js';
import { statOrUndefined } from './fs-probes.js';

/** A SKILL.md path found by the walk, or a folder on the way that could not be listed. */
export interface WalkEntry {
  filePath: string;
  /** Why the folder holding `filePath` could not be listed (an errno code such as EACCES). */
  unlisted?: string;
  /** Where the file really is, when the walk knows it without asking (no link on its way). */
  realPath?: string;
}

const SKIPPED = new Set(['node_modules', '.git']);

/** Folder listings a walk has read, by folder path: a later look at the same folder need not read it again. */
export type FolderListings = KnownListings;

/**
 * The SKILL.md files under `root`, at most `maxDepth` folders deep. Linked folders are followed
 * only while their real path stays inside the root's real path; a link that leads out is never
 * walked (its own SKILL.md, if any, is listed so the reader can refuse it with a diagnostic).
 * A folder that cannot be listed is an entry of its own instead of an exception, and a folder
 * reached twice (a link cycle) is walked once. `lister` lists the folders (and keeps the listings);
 * it may answer from listings stored by an earlier run (see FolderLister).
 */
export async function walkSkillFiles(
  root: string,
  fileName: string,
  isSkillFile: (name: string) => boolean,
  maxDepth: number,
  lister: FolderLister = new FolderLister(),
): Promise<WalkEntry[]> {
  const realRoot = realpathSync(root);
  const found: WalkEntry[] = [];
  const walked = new Set<string>([realRoot]);
  // Breadth first, real folders before links, names sorted: a folder reached by several paths is
  // walked once, by its shortest path, whatever order the file system lists entries in.
  // Each folder goes with its real path: below a real folder, an entry that is not a link is where
  // its path says, so only links cost a `realpath`.
  let level: Array<{ folder: string; real: string }> = [{ folder: root, real: realRoot }];
  for (let depth = 0; level.length > 0; depth++) {
    const next: Array<{ folder: string; real: string }> = [];
    for (const { folder, real } of level) {
      let entries: readonly ListedEntry[];
      try {
        // Synchronous: thousands of small listings one after the other cost less without a trip
        // through the thread pool each, and nothing else runs meanwhile. Sorted real entries
        // before links, then by name.
        entries = lister.list(folder);
      } catch (error) {
        found.push({ filePath: path.join(folder, fileName), unlisted: (error as NodeJS.ErrnoException).code ?? 'unreadable' });
        continue;
      }
      for (const entry of entries) {
        // The folder paths are normalised already (the root is resolved, the rest built here).
        const entryPath = joinName(folder, entry.name);
        if (isSkillFile(entry.name)) {
          found.push(entry.isSymbolicLink() ? { filePath: entryPath } : { filePath: entryPath, realPath: joinName(real, entry.name) });
          continue;
        }
        if (entry.name.startsWith('.') || SKIPPED.has(entry.name) || depth >= maxDepth) continue;
        if (!entry.isDirectory() && !entry.isSymbolicLink()) continue;
        const target = entry.isSymbolicLink() ? realTarget(entryPath) : joinName(real, entry.name);
        if (target === undefined || walked.has(target)) continue;
        if (entry.isSymbolicLink()) {
          if (!statOrUndefined(target)?.isDirectory()) continue;
          if (!isInside(target, realRoot)) {
            // Never walked; its SKILL.md is listed so that the reader refuses it with a diagnostic.
            if (statOrUndefined(path.join(entryPath, fileName))) found.push({ filePath: path.join(entryPath, fileName) });
            continue;
          }
        }
        walked.add(target);
        next.push({ folder: entryPath, real: target });
      }
    }
    level = next;
  }
  return found;
}

function realTarget(link: string): string | undefined {
  try {
    return realpathSync(link);
  } catch {
    return undefined;
  }
}

export function isInside(target: string, root: string): boolean {
  const relative = path.relative(root, target);
  return relative === '' || (!relative.startsWith('..') && !path.isAbsolute(relative));
}

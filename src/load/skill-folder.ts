import type { Dirent } from 'node:fs';
import { readdirSync } from 'node:fs';
import path from 'node:path';

/** Bounds on the walk of one skill folder: a skill bundles a handful of files, never a tree. */
const MAX_ENTRIES = 2000;
const MAX_DEPTH = 6;

/**
 * The files of a skill folder, as sorted `/`-separated paths relative to it, for the check that
 * the files the SKILL.md points to exist. Links are listed but never followed, hidden entries and
 * `node_modules` are skipped, and the walk is bounded; undefined when the folder cannot be read.
 * `known`: listings the discovery walk has just read, by folder path (the others are read here).
 */
export async function listSkillFolder(folder: string, known?: { get(folder: string): readonly Pick<Dirent, 'name' | 'isDirectory'>[] | undefined }): Promise<string[] | undefined> {
  return listSkillFolderSync(folder, known);
}

/**
 * listSkillFolder, synchronous: with the discovery walk's listings most folders are not read again,
 * and the rest are a readdir or two each (cheaper without a trip through the thread pool).
 */
export function listSkillFolderSync(folder: string, known?: { get(folder: string): readonly Pick<Dirent, 'name' | 'isDirectory'>[] | undefined }): string[] | undefined {
  const files: string[] = [];
  const queue: Array<{ relative: string; depth: number }> = [{ relative: '', depth: 0 }];
  let seen = 0;
  for (let next = queue.shift(); next !== undefined; next = queue.shift()) {
    const at = path.join(folder, next.relative);
    const entries = known?.get(at) ?? readdirOrUndefined(at);
    if (!entries) {
      if (next.relative === '') return undefined;
      continue;
    }
    for (const entry of entries) {
      if (++seen > MAX_ENTRIES) return files.sort();
      if (entry.name.startsWith('.') || entry.name === 'node_modules') continue;
      const relative = next.relative === '' ? entry.name : `${next.relative}/${entry.name}`;
      if (entry.isDirectory()) {
        if (next.depth + 1 < MAX_DEPTH) queue.push({ relative, depth: next.depth + 1 });
      } else files.push(relative);
    }
  }
  return files.sort();
}

function readdirOrUndefined(folder: string): Dirent[] | undefined {
  try {
    return readdirSync(folder, { withFileTypes: true });
  } catch {
    return undefined;
  }
}

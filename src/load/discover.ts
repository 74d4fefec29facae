import { lstat, realpath, stat } from 'node:fs/promises';
import path from 'node:path';
import { walkSkillFiles } from './walk-skills.js';

export const SKILL_FILE = 'SKILL.md';

export interface DiscoveredFile {
  /** Absolute path of the SKILL.md. */
  filePath: string;
  /** The folder the user named, which a symbolic link must not leave. */
  root: string;
  /** Set when the folder of this SKILL.md could not be listed (an errno code); nothing was read. */
  unlisted?: string;
}

/** Folder levels searched below a given path: a catalog nests skills two or three deep. */
export const MAX_DEPTH = 8;

export class UsageError extends Error {}

/**
 * Resolves CLI paths (a SKILL.md, a skill folder, or a folder of skill folders) to SKILL.md files.
 * Linked folders are followed only inside the root; the reader refuses a SKILL.md that leads out.
 */
export async function discoverSkillFiles(paths: readonly string[], cwd: string): Promise<DiscoveredFile[]> {
  const found = new Map<string, DiscoveredFile>();
  for (const given of paths) {
    const absolute = path.resolve(cwd, given);
    // A path the user names may be a link to a folder; links met inside it are not followed.
    const stats = (await stat(absolute).catch(() => undefined)) ?? (await lstat(absolute).catch(() => undefined));
    if (!stats) throw new UsageError(`No such file or folder: ${given}`);
    if (!stats.isDirectory()) {
      if (path.basename(absolute) !== SKILL_FILE) throw new UsageError(`Not a ${SKILL_FILE} or a folder: ${given}`);
      found.set(absolute, { filePath: absolute, root: path.dirname(absolute) });
      continue;
    }
    const entries = await walkSkillFiles(absolute, SKILL_FILE, MAX_DEPTH);
    for (const entry of entries) {
      if (entry.unlisted !== undefined) found.set(entry.filePath, { filePath: entry.filePath, root: absolute, unlisted: entry.unlisted });
    }
    // A file reached by several paths (a linked folder, a link cycle) is read once, by its shortest path.
    const seen = new Set<string>();
    const byDepth = entries.filter((entry) => entry.unlisted === undefined).map((entry) => path.normalize(entry.filePath)).sort((a, b) => a.split(path.sep).length - b.split(path.sep).length || (a < b ? -1 : 1));
    for (const filePath of byDepth) {
      const real = await realpath(filePath).catch(() => filePath);
      if (seen.has(real) || found.has(filePath)) continue;
      seen.add(real);
      found.set(filePath, { filePath, root: absolute });
    }
  }
  return [...found.values()].sort((a, b) => (a.filePath < b.filePath ? -1 : a.filePath > b.filePath ? 1 : 0));
}

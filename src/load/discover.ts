import { lstat, stat } from 'node:fs/promises';
import path from 'node:path';
import fg from 'fast-glob';

export const SKILL_FILE = 'SKILL.md';

export interface DiscoveredFile {
  /** Absolute path of the SKILL.md. */
  filePath: string;
  /** The folder the user named, which a symbolic link must not leave. */
  root: string;
}

export class UsageError extends Error {}

/**
 * Resolves CLI paths (a SKILL.md, a skill folder, or a folder of skill folders) to SKILL.md files.
 * Symbolic links are listed, not followed, so the reader can refuse those that leave the root.
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
    const entries = await fg(`**/${SKILL_FILE}`, {
      cwd: absolute,
      absolute: true,
      onlyFiles: false,
      followSymbolicLinks: false,
      dot: false,
      ignore: ['**/node_modules/**', '**/.git/**'],
    });
    for (const entry of entries) {
      const filePath = path.normalize(entry);
      if (!found.has(filePath)) found.set(filePath, { filePath, root: absolute });
    }
  }
  return [...found.values()].sort((a, b) => (a.filePath < b.filePath ? -1 : a.filePath > b.filePath ? 1 : 0));
}

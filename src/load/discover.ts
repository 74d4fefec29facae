import { lstat, realpath, stat } from 'node:fs/promises';
import path from 'node:path';
import type fg from 'fast-glob';
import { UsageError } from '../core/usage-error.js';
import { FolderLister } from './folder-listings.js';
import { walkSkillFiles } from './walk-skills.js';

export const SKILL_FILE = 'SKILL.md';

export interface DiscoveredFile {
  /** Absolute path of the SKILL.md. */
  filePath: string;
  /** The folder the user named, which a symbolic link must not leave. */
  root: string;
  /** Set when the folder of this SKILL.md could not be listed (an errno code); nothing was read. */
  unlisted?: string;
  /** Where the file really is, when the walk saw no link on its way (the reader then needs no realpath). */
  realPath?: string;
}

/** Folder levels searched below a given path: a catalog nests skills two or three deep. */
export const MAX_DEPTH = 8;

export { UsageError } from '../core/usage-error.js';

export interface Discovery {
  files: DiscoveredFile[];
  /** The patterns (paths or globs) that matched no skill file, as given. */
  unmatched: string[];
}

/** `SKILL.md` in any letter case: a `skill.md` is linted, and told its name (rule `skill-file-name`). */
export function isSkillFileName(name: string): boolean {
  return name.toLowerCase() === SKILL_FILE.toLowerCase();
}

const WALK_OPTIONS: fg.Options = {
  absolute: true,
  onlyFiles: false,
  // Linked skill folders are listed (the reader refuses those that lead out of the root);
  // the depth bound keeps a link cycle from multiplying the walk.
  followSymbolicLinks: true,
  deep: MAX_DEPTH,
  dot: false,
  ignore: ['**/node_modules/**', '**/.git/**'],
};

/**
 * Resolves CLI paths to skill files: a SKILL.md, a skill folder, a folder of skill folders, or a
 * glob (fast-glob syntax); a pattern starting with `!` leaves out what it matches. Symbolic links
 * are listed, not followed, so the reader can refuse those that leave the root. `lister` lists the
 * folders and keeps their listings (see FolderLister).
 */
export async function discoverSkillTargets(patterns: readonly string[], cwd: string, lister = new FolderLister()): Promise<Discovery> {
  const found = new Map<string, DiscoveredFile>();
  const unmatched: string[] = [];
  const positive = patterns.filter((pattern) => !pattern.startsWith('!'));
  const excluded = await excludedFiles(patterns.filter((pattern) => pattern.startsWith('!')).map((pattern) => pattern.slice(1)), cwd);
  const keep = (filePath: string) => !excluded.files.has(filePath) && !excluded.folders.some((folder) => filePath.startsWith(folder + path.sep));
  for (const given of positive) {
    const matched = await matchPattern(given, cwd, lister);
    for (const file of matched) if (keep(file.filePath) && !found.has(file.filePath)) found.set(file.filePath, file);
    // A pattern whose files a `!pattern` leaves out did match; only one that finds nothing is reported.
    if (matched.length === 0) unmatched.push(given);
  }
  const files = [...found.values()].sort((a, b) => (a.filePath < b.filePath ? -1 : a.filePath > b.filePath ? 1 : 0));
  return { files, unmatched };
}

/** Like discoverSkillTargets, but a pattern that matches nothing is a usage error (exit 2). */
export async function discoverSkillFiles(paths: readonly string[], cwd: string): Promise<DiscoveredFile[]> {
  const { files, unmatched } = await discoverSkillTargets(paths, cwd);
  if (unmatched.length > 0) throw new UsageError(unmatchedMessage(unmatched));
  return files;
}

export function unmatchedMessage(unmatched: readonly string[]): string {
  const quoted = unmatched.map((pattern) => `"${pattern}"`).join(', ');
  return `No files matching the pattern${unmatched.length === 1 ? '' : 's'} ${quoted} were found (looked for ${SKILL_FILE} files).`;
}

async function matchPattern(given: string, cwd: string, lister: FolderLister): Promise<DiscoveredFile[]> {
  const absolute = path.resolve(cwd, given);
  // A path the user names may be a link to a folder; links met inside it are not followed.
  const stats = (await stat(absolute).catch(() => undefined)) ?? (await lstat(absolute).catch(() => undefined));
  if (stats?.isDirectory()) return walkFolder(absolute, lister);
  if (stats) {
    if (!isSkillFileName(path.basename(absolute))) throw new UsageError(`Not a ${SKILL_FILE} or a folder: ${given}`);
    return [{ filePath: absolute, root: path.dirname(absolute) }];
  }
  const fg = await fastGlob();
  if (!fg.isDynamicPattern(given)) return [];
  const base = path.resolve(cwd, fg.generateTasks([given])[0]?.base ?? '.');
  const entries = await fg(toPosix(given), { ...WALK_OPTIONS, cwd, markDirectories: true });
  const files: DiscoveredFile[] = [];
  for (const entry of entries.map((entry) => path.normalize(entry)).sort()) {
    if (entry.endsWith(path.sep)) files.push(...(await walkFolder(entry.slice(0, -1), lister)));
    else if (isSkillFileName(path.basename(entry))) files.push({ filePath: entry, root: base });
  }
  return files;
}

async function walkFolder(folder: string, lister: FolderLister): Promise<DiscoveredFile[]> {
  // In a folder, `skill.md` and `Skill.md` are found too (and told their name); a glob means what it says.
  const entries = await walkSkillFiles(folder, SKILL_FILE, isSkillFileName, MAX_DEPTH, lister);
  const files: DiscoveredFile[] = [];
  // A folder that could not be listed becomes a diagnostic on the SKILL.md it may hold.
  for (const entry of entries) if (entry.unlisted !== undefined) files.push({ filePath: entry.filePath, root: folder, unlisted: entry.unlisted });
  // Without a link, every file has one path, already normal (the root is resolved, the rest joined
  // names): nothing to resolve or drop, and discoverSkillTargets sorts them.
  if (files.length === 0 && folder === path.normalize(folder) && entries.every((entry) => entry.realPath !== undefined)) {
    return entries.map(({ filePath, realPath }) => ({ filePath, root: folder, realPath }));
  }
  // A file reached by several paths (a linked folder, a link cycle) is read once, by its shortest path.
  const seen = new Set<string>();
  const byDepth = entries
    .filter((entry) => entry.unlisted === undefined)
    .map((entry) => {
      const filePath = path.normalize(entry.filePath);
      return { filePath, realPath: entry.realPath, depth: filePath.split(path.sep).length };
    })
    .sort((a, b) => a.depth - b.depth || (a.filePath < b.filePath ? -1 : 1));
  for (const { filePath, realPath } of byDepth) {
    // The walk knows where most files really are; only a linked SKILL.md is asked about.
    const real = realPath ?? (await realpath(filePath).catch(() => filePath));
    if (seen.has(real)) continue;
    seen.add(real);
    // Only a path without links is passed on: the reader finds the companions beside it too.
    files.push(realPath === undefined ? { filePath, root: folder } : { filePath, root: folder, realPath });
  }
  return files;
}

/** What `!pattern`s leave out: the files they match, and whole folders they name. */
async function excludedFiles(patterns: readonly string[], cwd: string): Promise<{ files: Set<string>; folders: string[] }> {
  const files = new Set<string>();
  const folders: string[] = [];
  for (const pattern of patterns) {
    const absolute = path.resolve(cwd, pattern);
    const stats = await stat(absolute).catch(() => undefined);
    if (stats?.isDirectory()) folders.push(absolute);
    else if (stats) files.add(absolute);
    else for (const entry of await (await fastGlob())(toPosix(pattern), { ...WALK_OPTIONS, cwd, onlyFiles: true })) files.add(path.normalize(entry));
  }
  return { files, folders };
}

/** fast-glob and its dependencies load only for a pattern that is not a path (a folder needs none of it). */
async function fastGlob(): Promise<typeof fg> {
  return (await import('fast-glob')).default;
}

function toPosix(pattern: string): string {
  return path.sep === '/' ? pattern : pattern.split(path.sep).join('/');
}

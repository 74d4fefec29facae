import { lstat, readFile, realpath } from 'node:fs/promises';
import path from 'node:path';
import { decodeSkillBytes, DEFAULT_MAX_FILE_SIZE, type Decoded, type LoadProblem } from './decode.js';
import type { DiscoveredFile } from './discover.js';

export interface LoadedFile {
  filePath: string;
  decoded: Decoded;
  /** Schema files committed beside the SKILL.md, by name, when present. */
  companions?: Companions;
}

/**
 * Files read with a SKILL.md, by path relative to its folder: the hand-written schemas the public
 * catalog keeps beside it (compared with the derived ones) and the OpenAI agent metadata.
 */
export const COMPANION_FILES = ['input_schema.json', 'output_schema.json', 'agents/openai.yaml'] as const;
export type CompanionName = (typeof COMPANION_FILES)[number];
export type Companions = Partial<Record<CompanionName, LoadedFile>>;

/** Reads the companion schema files of a SKILL.md with the same care as the SKILL.md itself. */
export async function readCompanionFiles(file: DiscoveredFile, maxFileSize = DEFAULT_MAX_FILE_SIZE): Promise<Companions> {
  const companions: Companions = {};
  for (const name of COMPANION_FILES) {
    const filePath = path.join(path.dirname(file.filePath), name);
    if (!(await lstat(filePath).catch(() => undefined))) continue;
    companions[name] = await readSkillFile({ filePath, root: file.root }, maxFileSize);
  }
  return companions;
}

/** Reads one SKILL.md without trusting it: bounded size, UTF-8 only, no link out of the root. */
export async function readSkillFile(file: DiscoveredFile, maxFileSize = DEFAULT_MAX_FILE_SIZE): Promise<LoadedFile> {
  const { filePath } = file;
  if (file.unlisted !== undefined) return refused(filePath, unlistedProblem(file.unlisted));
  try {
    // The file itself or any folder on its way may be a link: only where it really is counts.
    const target = await realpath(filePath).catch(() => undefined);
    if (target === undefined) return refused(filePath, MISSING_LINK_TARGET);
    const problem = placementProblem(target, await realpath(file.root)) ?? statsProblem(await lstat(target), maxFileSize);
    if (problem) return refused(filePath, problem);
    return { filePath, decoded: decodeSkillBytes(await readFile(target), maxFileSize) };
  } catch (error) {
    return refused(filePath, readProblem(error));
  }
}

/*
 * The checks of a file found on disk, shared with the synchronous context reader (read-context.ts)
 * so both give the same answers. Pure.
 */

export const MISSING_LINK_TARGET: LoadProblem = { kind: 'unreadable', reason: 'a symbolic link to a missing file' };

export function refused(filePath: string, problem: LoadProblem): LoadedFile {
  return { filePath, decoded: { ok: false, problem } };
}

export function unlistedProblem(code: string): LoadProblem {
  return { kind: 'unreadable', reason: `its folder could not be listed: ${code}` };
}

/** A file whose real path leaves the scanned folder is not read. */
export function placementProblem(target: string, realRoot: string): LoadProblem | undefined {
  return isInside(target, realRoot) ? undefined : { kind: 'symlink-outside-root', target };
}

export function statsProblem(stats: { isFile(): boolean; size: number }, maxFileSize: number): LoadProblem | undefined {
  if (!stats.isFile()) return { kind: 'unreadable', reason: 'not a regular file' };
  if (stats.size > maxFileSize) return { kind: 'too-large', size: stats.size, limit: maxFileSize };
  return undefined;
}

export function readProblem(error: unknown): LoadProblem {
  return { kind: 'unreadable', reason: (error as NodeJS.ErrnoException).code ?? 'read failed' };
}

function isInside(target: string, root: string): boolean {
  const relative = path.relative(root, target);
  return relative === '' || (!relative.startsWith('..') && !path.isAbsolute(relative));
}

import { closeSync, constants, fstatSync, lstatSync, openSync, readSync } from 'node:fs';
import path from 'node:path';
import { decodeSkillBytes, DEFAULT_MAX_FILE_SIZE } from './decode.js';
import type { DiscoveredFile } from './discover.js';
import { realPathOrUndefined } from './fs-probes.js';
import { contextFileReader } from './read-context.js';
import { COMPANION_FILES, placementProblem, refused, statsProblem, type Companions, type LoadedFile } from './read.js';

/** A SKILL.md to read where it is analysed, with its folder's files when they could be listed. */
export interface FileToRead {
  file: DiscoveredFile;
  /** The files of the skill's folder (see listSkillFolder); absent when the folder could not be listed. */
  folderFiles?: string[];
}

/** What the reader returns: the SKILL.md, its companions and its folder's files (a LintInput). */
export interface ReadSkill extends LoadedFile {
  companions: Companions;
  folderFiles?: string[];
}

/*
 * O_NOFOLLOW: a link in the last place is left to the careful reader (its diagnostics name it);
 * O_NONBLOCK: a FIFO named SKILL.md opens at once and is then refused as not a regular file.
 */
const OPEN_FLAGS = constants.O_RDONLY | constants.O_NOFOLLOW | constants.O_NONBLOCK;

/** Nothing is there: what an lstat of the same path would also say. */
const ABSENT = Symbol('absent');

/**
 * readSkillFile and readCompanionFiles (read.ts) for the bulk of a run, synchronous and with the
 * same answers. A file whose real path is known (the discovery walk saw no link on its way) costs
 * one open, one fstat and the read, and an absent companion one failed open, instead of two
 * realpaths, lstats and a promise read each. Anything else (a link, an error, a companion whose
 * subfolder may be a link) goes through the careful reader of read-context.ts, which resolves
 * every path as readSkillFile does. Each root's real path is resolved once per reader.
 */
export function skillReader(maxFileSize = DEFAULT_MAX_FILE_SIZE): (toRead: FileToRead) => ReadSkill {
  const { readAt, readSkill, careful } = readers(maxFileSize);
  return ({ file, folderFiles }) => {
    const loaded = readSkill(file);
    const companions: Companions = {};
    const folder = path.dirname(file.filePath);
    const realFolder = file.realPath === undefined ? undefined : path.dirname(file.realPath);
    for (const name of COMPANION_FILES) {
      const companion: DiscoveredFile = { filePath: path.join(folder, name), root: file.root };
      // Below a real folder, a file is where its path says; in a subfolder only when the listing shows that subfolder is real.
      const known = realFolder !== undefined && (!name.includes('/') || folderFiles?.includes(name) === true);
      const fast = known ? readAt(companion, path.join(realFolder, name)) : undefined;
      if (fast === ABSENT) continue;
      if (fast !== undefined) {
        companions[name] = fast;
        continue;
      }
      if (!exists(companion.filePath)) continue;
      companions[name] = careful(companion);
    }
    return { ...loaded, companions, ...(folderFiles ? { folderFiles } : {}) };
  };
}

/** The probe readCompanionFiles makes: an lstat that does not fail. */
function exists(filePath: string): boolean {
  try {
    return lstatSync(filePath, { throwIfNoEntry: false }) !== undefined;
  } catch {
    return false;
  }
}

/** The whole file from an open descriptor, sized by its fstat (the size was checked against the limit). */
function readAll(fd: number, size: number, bytes: Buffer = Buffer.allocUnsafe(size)): Uint8Array {
  let filled = 0;
  while (filled < size) {
    const got = readSync(fd, bytes, filled, size - filled, null);
    if (got === 0) break;
    filled += got;
  }
  return bytes.subarray(0, filled);
}

/**
 * readSkillFile (read.ts) alone, for a SKILL.md of the rest of the catalog (`validate skills/<id>`,
 * context-facts.ts): the same answers, and one open, fstat and read when the walk saw no link on
 * the file's way (instead of a realpath and a stat before them).
 */
export function fileReader(maxFileSize = DEFAULT_MAX_FILE_SIZE): (file: DiscoveredFile) => LoadedFile {
  return readers(maxFileSize).readSkill;
}

/** A SKILL.md read as bytes, not decoded: they are the reader's and valid until its next read. */
export interface FileBytes {
  filePath: string;
  bytes: Uint8Array;
}

/**
 * fileReader without the decoding, for the context scan (context-facts.ts), which decodes only
 * the front matter of most files: where the walk saw no link, the file's bytes in a buffer the
 * reader reuses (so each is valid until the next read); anything else (a refusal, a link, an
 * error) as fileReader answers it. A file given as bytes passed the same open, fstat and size
 * checks; `decodeSkillBytes` of them is fileReader's `decoded`.
 */
export function fileBytesReader(maxFileSize = DEFAULT_MAX_FILE_SIZE): (file: DiscoveredFile) => LoadedFile | FileBytes {
  let buffer = Buffer.allocUnsafe(64 * 1024);
  const into = (size: number) => {
    if (size > buffer.length) buffer = Buffer.allocUnsafe(Math.max(size, buffer.length * 2));
    return buffer;
  };
  return readers(maxFileSize, into).readSkill;
}

/**
 * The fast read at a known real path, the read of a SKILL.md (fast or careful), and the careful
 * reader. With `into` (a buffer of at least the given size), the fast read gives the bytes read
 * into it, undecoded.
 */
function readers(maxFileSize: number): Readers<LoadedFile>;
function readers(maxFileSize: number, into: (size: number) => Buffer): Readers<FileBytes>;
function readers(maxFileSize: number, into?: (size: number) => Buffer): Readers<LoadedFile | FileBytes> {
  const careful = contextFileReader(maxFileSize);
  const realRoots = new Map<string, string | undefined>();
  const realRoot = (root: string): string | undefined => {
    if (!realRoots.has(root)) realRoots.set(root, realPathOrUndefined(root));
    return realRoots.get(root);
  };
  /** The fast read of a file at a known real path: ABSENT, the loaded file, or undefined (ask the careful reader). */
  const readAt = (file: DiscoveredFile, realPath: string): LoadedFile | FileBytes | typeof ABSENT | undefined => {
    const root = realRoot(file.root);
    if (root === undefined) return undefined;
    let fd: number;
    try {
      fd = openSync(realPath, OPEN_FLAGS);
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code;
      return code === 'ENOENT' || code === 'ENOTDIR' ? ABSENT : undefined;
    }
    try {
      const stats = fstatSync(fd);
      const problem = placementProblem(realPath, root) ?? statsProblem(stats, maxFileSize);
      if (problem) return refused(file.filePath, problem);
      if (into) return { filePath: file.filePath, bytes: readAll(fd, stats.size, into(stats.size)) };
      return { filePath: file.filePath, decoded: decodeSkillBytes(readAll(fd, stats.size), maxFileSize) };
    } catch {
      return undefined;
    } finally {
      closeSync(fd);
    }
  };
  const readSkill = (file: DiscoveredFile): LoadedFile | FileBytes => {
    const fast = file.unlisted === undefined && file.realPath !== undefined ? readAt(file, file.realPath) : undefined;
    return fast === undefined || fast === ABSENT ? careful(file) : fast;
  };
  return { readAt, readSkill, careful };
}

interface Readers<Read> {
  readAt: (file: DiscoveredFile, realPath: string) => Read | typeof ABSENT | undefined;
  readSkill: (file: DiscoveredFile) => Read | LoadedFile;
  careful: (file: DiscoveredFile) => LoadedFile;
}

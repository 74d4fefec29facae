import { createHash, randomBytes } from 'node:crypto';
import { mkdirSync } from 'node:fs';
import { lstat, mkdir, readdir, readFile, readlink, realpath, rename, rm, symlink, utimes } from 'node:fs/promises';
import path from 'node:path';
import { compareStrings } from '../core/diagnostic.js';
import { CATALOG_ENTRIES } from './layout.js';
import { type CatalogFileWriter, StagedWriter } from './staged-writer.js';
import { canUseWriterThread, ThreadWriter } from './thread-writer.js';

export class OutputFolderError extends Error {}

/** A file's text, or the pieces it is the concatenation of (written one after the other, never joined). */
export type FileContents = string | readonly string[];

/** A catalog's files made one at a time, in path order (BuiltCatalog), so that a write holds one at a time. */
export interface CatalogEntries {
  entries(): Iterable<readonly [string, FileContents]>;
}

/** Versions kept besides the current one, for readers that opened them just before a swap. */
export const KEPT_PREVIOUS_VERSIONS = 2;
/** Versions written or reused this recently are never removed (a concurrent build may link them). */
const RECENT_MS = 60_000;

/** The folder beside `target` that holds its versions: `catalog` -> `catalog.versions`. */
export function versionsFolder(target: string): string {
  return `${target}.versions`;
}

/**
 * Publishes `files` (a map, or a built catalog whose files are made one at a time as they are
 * written) at `target` in one atomic step. `target` is a symbolic link to
 * `<target>.versions/<digest>`, a folder named after the SHA-256 of its files and never changed
 * once written. A build writes the new version into a staging folder there, renames it to its
 * digest, points a fresh link at it and renames that link over `target`: a single rename, so a
 * reader (or a kill at any moment) meets the complete old catalog or the complete new one, never
 * none. Two builds at once each stage their own folder; the same content gets the same name (the
 * later build keeps the first copy) and the last link rename wins. The previous versions are kept
 * (KEPT_PREVIOUS_VERSIONS) for readers that opened them; older ones are removed.
 *
 * A `target` that is still a plain catalog folder (the layout before versions) is moved into the
 * versions folder first: only that one migration has a moment without a catalog.
 */
export async function writeCatalogFolder(target: string, files: ReadonlyMap<string, string> | CatalogEntries): Promise<void> {
  const versions = versionsFolder(target);
  await mkdir(versions, { recursive: true });
  await assertReplaceable(target);
  await removeDeadStaging(target);
  const suffix = `${process.pid}-${randomBytes(4).toString('hex')}`;
  const staging = path.join(versions, `.tmp-${suffix}`);
  let version: string;
  try {
    // The system calls (a mkdir per skill folder, an open, write and close per file) and the digest
    // run on another thread while this one makes the next files (ThreadWriter; StagedWriter, on
    // libuv's thread pool, when the compiled worker is missing, as in tests run from the sources);
    // nobody reads the staging folder until it is renamed. Each file is encoded to UTF-8 once, for
    // its digest and its write; the version's name is filesDigest(files).
    mkdirSync(staging);
    const writer: CatalogFileWriter = canUseWriterThread() ? new ThreadWriter(staging) : new StagedWriter(staging);
    try {
      let previous: string | undefined;
      for (const [relative, contents] of files instanceof Map ? sortedEntries(files) : (files as CatalogEntries).entries()) {
        if (previous !== undefined && compareStrings(previous, relative) >= 0) throw new Error(`catalog files out of path order: ${previous}, then ${relative}`);
        previous = relative;
        const parts = typeof contents === 'string' ? [contents] : contents;
        let length = 0;
        for (const part of parts) length += part.length;
        const job = writer.begin(path.join(staging, ...relative.split('/')), digestHeader(relative, length));
        for (const part of parts) if (!writer.append(job, part)) await writer.room();
        if (!writer.end(job)) await writer.room();
      }
      version = (await writer.finish()).slice(0, DIGEST_LENGTH);
    } catch (error) {
      await writer.finish(true).catch(() => undefined);
      throw error;
    }
  } catch (error) {
    await rm(staging, { recursive: true, force: true });
    throw error;
  }
  const finished = path.join(versions, version);
  await rename(staging, finished).catch(async (error: NodeJS.ErrnoException) => {
    // The same version is there already (an earlier build, or a concurrent one): same bytes.
    if (error.code !== 'ENOTEMPTY' && error.code !== 'EEXIST') throw error;
    await rm(staging, { recursive: true, force: true });
  });
  const now = new Date();
  await utimes(finished, now, now);
  const stats = await lstat(target).catch(() => undefined);
  if (stats?.isDirectory()) await rename(target, path.join(versions, `legacy-${suffix}`));
  const link = path.join(path.dirname(target), `.${path.basename(target)}.link-${suffix}`);
  await symlink(path.join(path.basename(versions), version), link, 'dir');
  try {
    await rename(link, target);
  } catch (error) {
    await rm(link, { force: true });
    throw error;
  }
  await pruneVersions(target, version);
}

/** A short SHA-256 over the files' paths and contents: the name of a version folder. */
export function filesDigest(files: ReadonlyMap<string, string>): string {
  const hash = createHash('sha256');
  for (const [relative, contents] of sortedEntries(files)) hash.update(digestHeader(relative, contents.length)).update(contents);
  return hash.digest('hex').slice(0, DIGEST_LENGTH);
}

const DIGEST_LENGTH = 24;

/** What precedes a file's contents in the digest: its path and its length in UTF-16 code units. */
function digestHeader(relative: string, length: number): string {
  return `${relative}\u0000${length}\u0000`;
}

function sortedEntries(files: ReadonlyMap<string, string>): Array<[string, string]> {
  return [...files].sort(([a], [b]) => compareStrings(a, b));
}

/** Removes versions other than the current one, the one just written and the newest previous ones. */
async function pruneVersions(target: string, written: string): Promise<void> {
  const versions = versionsFolder(target);
  const current = await readlink(target).catch(() => '');
  const keep = new Set([written, path.basename(current)]);
  const candidates: Array<{ name: string; mtime: number }> = [];
  for (const entry of await readdir(versions, { withFileTypes: true })) {
    if (entry.name.startsWith('.') || keep.has(entry.name) || !entry.isDirectory()) continue;
    const stats = await lstat(path.join(versions, entry.name)).catch(() => undefined);
    if (stats) candidates.push({ name: entry.name, mtime: stats.mtimeMs });
  }
  candidates.sort((a, b) => b.mtime - a.mtime || compareStrings(a.name, b.name));
  // A version touched in the last minute may be one a concurrent build is about to link.
  const settled = Date.now() - RECENT_MS;
  for (const old of candidates.slice(KEPT_PREVIOUS_VERSIONS)) {
    if (old.mtime < settled) await rm(path.join(versions, old.name), { recursive: true, force: true });
  }
}

/** Every file under `folder` by relative path (`/` separators, in path order); empty when the folder is missing. */
export async function readCatalogFolder(given: string): Promise<Map<string, string>> {
  // Resolved once: a build that swaps the link meanwhile cannot mix two versions into one read.
  const folder = await realpath(given).catch(() => given);
  const found = new Map<string, string>();
  const walk = async (relative: string): Promise<void> => {
    const entries = await readdir(path.join(folder, ...relative.split('/').filter(Boolean)), { withFileTypes: true }).catch(
      (error: NodeJS.ErrnoException) => {
        if (relative === '' && error.code === 'ENOENT') return [];
        throw error;
      },
    );
    for (const entry of entries.sort((a, b) => compareStrings(a.name, b.name))) {
      const child = relative === '' ? entry.name : `${relative}/${entry.name}`;
      if (entry.isDirectory()) await walk(child);
      else found.set(child, await readFile(path.join(folder, ...child.split('/')), 'utf8'));
    }
  };
  await walk('');
  return new Map([...found].sort(([a], [b]) => compareStrings(a, b)));
}

/**
 * Refuses to replace what is not a catalog: a file, a link that leads anywhere but this target's
 * versions, or a folder holding anything a build does not write (`--out .` must not delete a project).
 */
async function assertReplaceable(target: string): Promise<void> {
  const stats = await lstat(target).catch(() => undefined);
  if (!stats) return;
  if (stats.isSymbolicLink()) {
    const destination = await readlink(target);
    if (path.dirname(destination) !== path.basename(versionsFolder(target))) {
      throw new OutputFolderError(`${target} is a symbolic link to ${destination}, not to a version of this catalog; refusing to replace it`);
    }
    return;
  }
  if (!stats.isDirectory()) throw new OutputFolderError(`${target} exists and is not a folder; refusing to replace it`);
  const strangers = (await readdir(target)).filter((name) => !CATALOG_ENTRIES.includes(name)).sort(compareStrings);
  if (strangers.length > 0) {
    throw new OutputFolderError(
      `${target} holds files that a catalog build does not write (${strangers.slice(0, 3).join(', ')}${strangers.length > 3 ? ', ...' : ''}); refusing to replace it`,
    );
  }
}

/** Removes staging folders and links that killed runs left (those of running ones stay). */
async function removeDeadStaging(target: string): Promise<void> {
  const versions = versionsFolder(target);
  for (const name of (await readdir(versions)).sort(compareStrings)) {
    const match = /^\.tmp-(\d+)-[0-9a-f]+$/.exec(name);
    if (match && !isAlive(Number(match[1]))) await rm(path.join(versions, name), { recursive: true, force: true });
  }
  const parent = path.dirname(target);
  const link = new RegExp(`^\\.${escapeRegExp(path.basename(target))}\\.link-(\\d+)-[0-9a-f]+$`);
  for (const name of (await readdir(parent)).sort(compareStrings)) {
    const match = link.exec(name);
    if (match && !isAlive(Number(match[1]))) await rm(path.join(parent, name), { force: true });
  }
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

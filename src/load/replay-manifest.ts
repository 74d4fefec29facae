import { closeSync, fstatSync, openSync, readSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import path from 'node:path';
import type { Worker } from 'node:worker_threads';
import { startWorker } from '../core/worker-threads.js';
import { joinName } from './folder-listings.js';
import { realPathOrUndefined } from './fs-probes.js';
import { ABSENT as NOT_THERE, FOLDER as A_FOLDER, stampReader } from './stat-stamp.js';
import { withYoungGenerationKept } from './young-generation.js';

/*
 * The replay manifest (`validate.json.replay`): every stamp the last replayable answer depended on,
 * in one flat list, so that an unchanged catalog is recognised by one loop of `stat` calls and
 * number comparisons, without reading the index, decoding folder listings, walking or building
 * stamp strings.
 *
 * It holds what the full path (discovery walk over stored listings, then each file's stamp; see
 * pipeline.ts) would check, and nothing less: each folder the walk and the tree stamps listed,
 * with the stamp its stored listing is trusted by (size, modification and change time, inode),
 * and each file that was stat-ed for a file stamp (a SKILL.md, a companion the listings show, or
 * one they show and that was missing), with its size, modification and change time. When every
 * one is as recorded, the full path would trust every listing (so walk the same folders and find
 * the same files) and every file stamp (the racy window is checked against the time of the read
 * when the manifest is written, as the full path checks it), and so replay the same report.
 * A manifest is written only when that reasoning holds: every folder's listing kept (not racy),
 * no symbolic link in any listing, every path given a folder, every file trusted by its stamp.
 * Any other write to the cache removes it first (see FileAnalysisCache).
 */

export const MANIFEST_FORMAT = 'skillhub-replay-manifest/2';

const FOLDER = 0;
const FILE = 1;
/** A path that was stat-ed and was not there (or could not be stat-ed): it must still not be. */
const ABSENT = 2;

/** The stamp of each entry, float64: size, mtimeMs, ctimeMs, inode (folders; 0 otherwise). */
const STAMP = 4;
/** The links of each entry, int32: parent entry (-1: the name is a whole path), kind, name (index in the names). */
const LINK = 3;
const ENTRY_BYTES = STAMP * 8 + LINK * 4;

/*
 * The file: a JSON header line (padded with spaces so that what follows starts 8-byte aligned),
 * the entries' stamps (`count` × STAMP float64, native byte order), their links (`count` × LINK
 * int32), then the names, UTF-8, `\0`-separated (`namesBytes` bytes), each name once (`names`
 * of them: 10,000 skills' 43,000 entries have about 10,000 names, the rest being `SKILL.md`,
 * `agents`, ...). Format 1 held every entry's name in the JSON header, where each separator was a
 * six-byte `\u0000` escape and the header (1 MB at 10,000 skills) was parsed twice; the names are
 * now decoded once, as one string of 0.3 MB, and split.
 */
interface ManifestHeader {
  format: string;
  /** The cache's fingerprint (toolchain, options, configuration, vocabulary). */
  fingerprint: string;
  /** The run's form and the paths it was given (see replayKey). */
  key: string;
  /** The generation of the complete run whose printed report this replays, and that report's key. */
  catalog: string;
  outputKey: string;
  /** Files of the run (cache hits) and files reported. */
  files: number;
  targets: number;
  /** Each folder given, as resolved, with its real path. */
  roots: Array<[string, string]>;
  /** The length of the names section, which follows the links, and the number of names in it: each a name in a parent folder entry, or a whole path. */
  namesBytes: number;
  names: number;
  count: number;
}

/** What a manifest that still holds tells: the report to replay and the counts for the run. */
export interface ManifestAnswer {
  catalog: string;
  outputKey: string;
  files: number;
  targets: number;
}

/** Collects the entries of a manifest; folders before what is in them. */
export class ManifestBuilder {
  private readonly folders = new Map<string, number>();
  private readonly names = new Map<string, number>();
  private readonly stamps: number[] = [];
  private readonly links: number[] = [];

  /** A folder and its stored listing's stamp (`size:mtimeMs:ctimeMs:ino`, see folder-listings.ts). */
  addFolder(folder: string, stamp: string): boolean {
    const parts = stamp.split(':').map(Number);
    if (parts.length !== 4 || parts.some((part) => !Number.isFinite(part))) return false;
    this.folders.set(folder, this.add(folder, FOLDER, parts));
    return true;
  }

  /** A file stat-ed for a stamp: its `size:mtimeMs:ctimeMs`, or `-` when it was not there. */
  addFile(filePath: string, part: string): boolean {
    if (part === '-') {
      this.add(filePath, ABSENT, [0, 0, 0, 0]);
      return true;
    }
    const parts = part.split(':').map(Number);
    if (parts.length !== 3 || parts.some((value) => !Number.isFinite(value))) return false;
    this.add(filePath, FILE, [...parts, 0]);
    return true;
  }

  private add(entryPath: string, kind: number, stamp: number[]): number {
    const parent = this.folders.get(path.dirname(entryPath));
    const name = parent === undefined ? entryPath : path.basename(entryPath);
    // A whole path as a name would break the `\0`-separated list only with a NUL, which no path holds.
    let nameIndex = this.names.get(name);
    if (nameIndex === undefined) this.names.set(name, (nameIndex = this.names.size));
    this.stamps.push(...stamp);
    this.links.push(parent ?? -1, kind, nameIndex);
    return this.links.length / LINK - 1;
  }

  /** The manifest's bytes: a JSON header line, padded so the stamps that follow start 8-byte aligned, the stamps, the links, the names. */
  encode(header: Omit<ManifestHeader, 'format' | 'namesBytes' | 'names' | 'count'>): Buffer {
    const names = Buffer.from([...this.names.keys()].join('\0'), 'utf8');
    const full: ManifestHeader = { format: MANIFEST_FORMAT, ...header, namesBytes: names.length, names: this.names.size, count: this.links.length / LINK };
    let line = JSON.stringify(full);
    const length = Buffer.byteLength(line) + 1;
    line += ' '.repeat((8 - (length % 8)) % 8);
    const stamps = new Float64Array(this.stamps);
    const links = new Int32Array(this.links);
    return Buffer.concat([Buffer.from(`${line}\n`), Buffer.from(stamps.buffer, stamps.byteOffset, stamps.byteLength), Buffer.from(links.buffer, links.byteOffset, links.byteLength), names]);
  }
}

/** The helper thread's code (tsc's output, beside this module; the bundle in dist/bin/ finds it the same way). */
const WORKER_FILE = new URL('../load/replay-check-worker.js', import.meta.url);

/** Below this many entries one thread checks them all: a thread costs more to start than it saves. */
const PARALLEL_FROM = 4000;

/** The share of the entries the main thread checks while the helper starts and checks the rest. */
const MAIN_SHARE = 0.6;

/**
 * The manifest file's bytes, in memory a helper thread can share; undefined when it cannot be read.
 * `room`: the memory is made at least that large (the rest is not touched until written), so that
 * what is read after the check can reuse the pages the manifest touched (see replayUnchanged).
 */
export function readManifestFile(file: string, room = 0): Uint8Array | undefined {
  let fd: number | undefined;
  try {
    fd = openSync(file, 'r');
    const size = fstatSync(fd).size;
    const bytes = new Uint8Array(new SharedArrayBuffer(Math.max(size, room)), 0, size);
    let read = 0;
    for (let chunk = -1; read < size && chunk !== 0; read += chunk) chunk = readSync(fd, bytes, read, size - read, read);
    return read === size ? bytes : undefined;
  } catch {
    return undefined;
  } finally {
    if (fd !== undefined) closeSync(fd);
  }
}

/**
 * checkManifest on two threads: the `stat` calls are most of the work, and the kernel's part of
 * each runs as well on a second core. The main thread checks the first entries while a helper
 * thread starts and checks the rest; a helper that cannot start or fails leaves its share to the
 * main thread, so the answer never depends on it. Measured on the busy 2-core machine (10,000
 * skills, 43,000 entries): 1.12-1.44 s CPU with the helper against 0.76-1.03 s without, and no
 * wall time saved there; so one thread is the default (`threads`), and a quiet machine's wall time
 * decides whether to change that.
 */
export async function checkManifestShared(
  bytes: Uint8Array,
  fingerprint: string,
  key: string,
  { threads = 1, parallelFrom = PARALLEL_FROM, workerFile = WORKER_FILE }: { threads?: number; parallelFrom?: number; workerFile?: URL } = {},
): Promise<ManifestAnswer | undefined> {
  const manifest = readManifest(bytes, fingerprint, key);
  if (manifest === undefined || !rootsUnchanged(manifest.roots)) return undefined;
  const { count } = manifest;
  const split = Math.min(threads, availableParallelism()) > 1 && count >= parallelFrom ? Math.floor(count * MAIN_SHARE) : count;
  const helper = split < count ? startHelper(workerFile, bytes, split, count) : undefined;
  if (!entriesUnchanged(manifest, 0, split)) {
    void helper?.worker.terminate();
    return undefined;
  }
  const helped = helper === undefined ? true : await helper.answer;
  const held = helped ?? entriesUnchanged(manifest, split, count);
  return held ? manifest.answer : undefined;
}

/** A helper thread checking the entries `from` to `to`; its answer is undefined when it failed. */
function startHelper(workerFile: URL, bytes: Uint8Array, from: number, to: number): { worker: Worker; answer: Promise<boolean | undefined> } | undefined {
  let worker: Worker;
  try {
    worker = startWorker(workerFile, { workerData: { bytes, from, to } });
  } catch {
    return undefined;
  }
  const answer = new Promise<boolean | undefined>((resolve) => {
    worker.once('message', (held: unknown) => resolve(typeof held === 'boolean' ? held : undefined));
    worker.once('error', () => resolve(undefined));
    worker.once('exit', () => resolve(undefined));
  });
  return { worker, answer };
}

/** A manifest read and found to be for this run: its header, entry names and numbers. */
export interface ReadManifest {
  answer: ManifestAnswer;
  /** The folders given, as resolved, with their real paths (not checked yet). */
  roots: unknown;
  /** The names (each once), the entries' stamps (STAMP numbers each) and links (LINK numbers each). */
  names: string[];
  links: Int32Array;
  numbers: Float64Array;
  count: number;
}

/**
 * Whether the manifest still holds for a run with this fingerprint and key: every root resolves
 * where it did, and every entry's stamp is as recorded. Stops at the first difference.
 */
export function checkManifest(bytes: Uint8Array, fingerprint: string, key: string): ManifestAnswer | undefined {
  const manifest = readManifest(bytes, fingerprint, key);
  return manifest && rootsUnchanged(manifest.roots) && entriesUnchanged(manifest, 0, manifest.count) ? manifest.answer : undefined;
}

/** The manifest's entries, when it is whole and made for this fingerprint and key (roots not checked). */
export function readManifest(bytes: Uint8Array, fingerprint: string | undefined, key: string | undefined): ReadManifest | undefined {
  const header = headerOf(bytes);
  if (header === undefined || header.format !== MANIFEST_FORMAT) return undefined;
  if (fingerprint !== undefined && (header.fingerprint !== fingerprint || header.key !== key)) return undefined;
  const { count, namesBytes } = header;
  const start = header.length;
  if (!Number.isInteger(count) || count < 0 || !Number.isInteger(namesBytes) || !Number.isInteger(header.names) || bytes.length !== start + count * ENTRY_BYTES + namesBytes) return undefined;
  if (typeof header.catalog !== 'string' || typeof header.outputKey !== 'string' || !Number.isInteger(header.files) || !Number.isInteger(header.targets)) return undefined;
  const namesStart = start + count * ENTRY_BYTES;
  const names = header.names === 0 ? [] : Buffer.from(bytes.buffer, bytes.byteOffset + namesStart, namesBytes).toString('utf8').split('\0');
  if (names.length !== header.names) return undefined;
  // Aligned (the header is padded), so the numbers are read in place when the bytes start aligned, copied otherwise.
  const offset = bytes.byteOffset + start;
  const numbers = offset % 8 === 0 ? new Float64Array(bytes.buffer, offset, count * STAMP) : new Float64Array(bytes.buffer.slice(offset, offset + count * STAMP * 8));
  const linksAt = offset + count * STAMP * 8;
  const links = linksAt % 4 === 0 ? new Int32Array(bytes.buffer, linksAt, count * LINK) : new Int32Array(bytes.buffer.slice(linksAt, linksAt + count * LINK * 4));
  // Every name index names a name, every parent is an earlier entry: a damaged file fails here, not in the loop.
  for (let index = 0, at = 0; index < count; index++, at += LINK) {
    const parent = links[at] as number;
    const name = links[at + 2] as number;
    if (parent < -1 || parent >= index || name < 0 || name >= names.length) return undefined;
  }
  return { answer: { catalog: header.catalog, outputKey: header.outputKey, files: header.files, targets: header.targets }, roots: header.roots, names, links, numbers, count };
}

/** Whether every folder given resolves where it did (a link put on its way changes that). */
export function rootsUnchanged(roots: unknown): boolean {
  return Array.isArray(roots) && roots.every((root) => Array.isArray(root) && typeof root[0] === 'string' && realPathOrUndefined(root[0]) === root[1]);
}

function headerOf(bytes: Uint8Array): (ManifestHeader & { length: number }) | undefined {
  const newline = bytes.indexOf(0x0a);
  if (newline < 0 || (newline + 1) % 8 !== 0) return undefined;
  try {
    const header = JSON.parse(Buffer.from(bytes.buffer, bytes.byteOffset, newline).toString('utf8')) as ManifestHeader;
    return typeof header === 'object' && header !== null ? { ...header, length: newline + 1 } : undefined;
  } catch {
    return undefined;
  }
}

/**
 * Whether the entries from `from` to `to` are as recorded (each by its own `stat`). The paths of
 * the folders before `from` are built too (names only, no `stat`): entries below them need them.
 * Only folder paths are kept (with the separator a name is joined with, by entry index); a file's
 * is dropped after its `stat`. The young generation is kept at its size meanwhile (young-generation.ts).
 */
export function entriesUnchanged(manifest: ReadManifest, from: number, to: number): boolean {
  return withYoungGenerationKept(() => entriesUnchangedNow(manifest, from, to));
}

function entriesUnchangedNow({ names, links, numbers }: ReadManifest, from: number, to: number): boolean {
  const prefixes: Array<string | undefined> = [];
  const pathOf = (index: number): string | undefined => {
    const parent = links[index * LINK] as number;
    const name = names[links[index * LINK + 2] as number] as string;
    if (parent < 0) return name;
    const prefix = prefixes[parent];
    return prefix === undefined ? undefined : prefix + name;
  };
  for (let index = 0; index < from; index++) {
    if (links[index * LINK + 1] !== FOLDER) continue;
    const folder = pathOf(index);
    if (folder !== undefined) prefixes[index] = joinName(folder, '');
  }
  // No `Stats` per entry: the numbers only (stat-stamp.ts).
  const reader = stampReader();
  const { stamp } = reader;
  for (let index = from, at = from * STAMP; index < to; index++, at += STAMP) {
    const entryPath = pathOf(index);
    if (entryPath === undefined) return false;
    const kind = links[index * LINK + 1];
    if (kind === FOLDER) prefixes[index] = joinName(entryPath, '');
    const found = reader.read(entryPath);
    if (kind === ABSENT) {
      if (found !== NOT_THERE) return false;
      continue;
    }
    if (found === NOT_THERE || stamp[0] !== numbers[at] || stamp[1] !== numbers[at + 1] || stamp[2] !== numbers[at + 2]) return false;
    if (kind === FOLDER ? found !== A_FOLDER || stamp[3] !== numbers[at + 3] : kind !== FILE) return false;
  }
  return true;
}

/** What a manifest is made from: the run's listings, files and stamps, and the report it replays. */
export interface ManifestSource {
  /** Each folder listed with its kept stamp (FolderLister.keptStamps); undefined: some listing cannot be trusted. */
  folders: ReadonlyArray<readonly [string, string]> | undefined;
  /** The folders the run was given, as resolved; undefined when a path given was not a folder (a file, a glob, a `!pattern`). */
  roots: readonly string[] | undefined;
  /** The files of the run, each with its stamp as the cache records it (file parts, then the tree tokens). */
  files: ReadonlyArray<{ filePath: string; unlisted?: string; realPath?: string }>;
  stamps: readonly string[];
  /** The companion files a stamp holds a part for, in order. */
  companions: readonly string[];
  /** Whether the cache trusts this stamp for the file (recorded, and older than its read by the racy window). */
  trusted: (filePath: string, stamp: string) => boolean;
  /** Whether the listings show a companion absent (the stamp did not stat it). */
  listedAbsent: (folder: string, name: string) => boolean;
  fingerprint: string;
  key: string;
  catalog: string;
  outputKey: string;
  targets: number;
}

/** The manifest's bytes, or undefined when some part of the answer is not vouched for by a stamp. */
export function encodeManifest(source: ManifestSource): Buffer | undefined {
  const { folders, roots, files, stamps } = source;
  if (folders === undefined || roots === undefined) return undefined;
  const builder = new ManifestBuilder();
  const listed = new Set<string>();
  for (const [folder, stamp] of folders) {
    if (!builder.addFolder(folder, stamp)) return undefined;
    listed.add(folder);
  }
  const realRoots: Array<[string, string]> = [];
  for (const root of roots) {
    const real = realPathOrUndefined(root);
    if (!listed.has(root) || real === undefined) return undefined;
    realRoots.push([root, real]);
  }
  for (const [index, file] of files.entries()) {
    const stamp = stamps[index];
    // A folder that could not be listed, or a link on the file's way: the walk asks more than stamps answer.
    if (stamp === undefined || file.unlisted !== undefined || file.realPath === undefined || !source.trusted(file.filePath, stamp)) return undefined;
    const parts = stamp.split('|');
    const fileParts = 1 + source.companions.length;
    // The tree tokens: a `!` (a folder that could not be listed) or `?` (too large) vouches for nothing.
    if (parts.length < fileParts || parts.slice(fileParts).some((token) => token.startsWith('!') || token === '?')) return undefined;
    const folder = path.dirname(file.filePath);
    if (!builder.addFile(file.filePath, parts[0] as string)) return undefined;
    for (const [at, name] of source.companions.entries()) {
      const part = parts[at + 1] as string;
      if (part === '-' && source.listedAbsent(folder, name)) continue;
      if (!builder.addFile(path.join(folder, name), part)) return undefined;
    }
  }
  return builder.encode({
    fingerprint: source.fingerprint,
    key: source.key,
    catalog: source.catalog,
    outputKey: source.outputKey,
    files: files.length,
    targets: source.targets,
    roots: realRoots,
  });
}

import { createHash, randomBytes } from 'node:crypto';
import { closeSync, fstatSync, mkdirSync, openSync, readdirSync, readFileSync, readSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { cachedDataVersionTag } from 'node:v8';
import { Script } from 'node:vm';

/*
 * A V8 code cache for the CLI bundle (Node 20 has no module compile cache): the bundle is one
 * CommonJS file compiled with vm.Script, and the code V8 compiled during a run is kept for the next
 * process, which then neither parses nor compiles the functions it reuses (the technique of
 * v8-compile-cache). Nothing from the cache is run blindly:
 * - the file's name is a hash of the bundle's text, Node's version and architecture and V8's
 *   version tag (version, flags, CPU features), so another bundle never finds it. A built bundle's
 *   digest is computed by the build (scripts/build-cli-bundle.mjs) and comes with the bundle file's
 *   identity (device, inode, size, change time): a file written since, even with the same length,
 *   has another change time and so another cache, without hashing 1 MB at every start;
 * - the file holds a SHA-256 of its data, checked before V8 sees it (a torn or corrupt file is ignored);
 * - V8 checks the data against the source and its own version and flags, and rejects a mismatch
 *   (`cachedDataRejected`): the bundle is then compiled from its text as without a cache.
 * The cache is written once, at exit, when there was none or it was rejected, to a temporary file
 * renamed into place; a folder that cannot be written leaves the run as it was, without a cache.
 * A run that changes V8's flags (the bash grammar sets --liftoff-only) writes nothing: its data
 * would carry the other flags' tag and be rejected by every later run.
 */

const CHECKSUM_BYTES = 32;

function sha256(data: string | Uint8Array): Buffer {
  return createHash('sha256').update(data).digest();
}

/**
 * The name a run's cache is kept under: its command word (`validate`, `build`), or `other`. A
 * cache holds the functions compiled by the run that wrote it and is not written again while V8
 * accepts it, so one cache for every command would leave `validate` compiling its own functions
 * on every run after a first `skillhub rules`.
 */
export function codeCacheVariant(args: readonly string[]): string {
  const [first] = args;
  if (first === undefined || !/^[a-z][a-z-]{0,19}$/.test(first)) return 'other';
  // A `validate --cache` of an unchanged catalog runs no analysis code at all, a plain `validate`
  // (one file in the editor) runs it all: whichever wrote the one cache first decided what the
  // other compiled at every run (a one-file run after a replay wrote it: 0.53 -> 0.71 s CPU).
  if (first === 'validate' && args.some((arg) => arg === '--cache' || arg === '--cache-location' || arg.startsWith('--cache-location='))) return 'validate-cache';
  return first;
}

/**
 * Where the code cache of `source` for runs of `variant` lives in `folder`. `built`, when given,
 * stands for the text: the digest the build computed and the identity of the file read (its
 * device, inode, size and change time in nanoseconds), which any write to the file changes.
 */
export function codeCacheFile(folder: string, bundleFile: string, source: string, variant = 'other', built?: BuiltBundle): string {
  const hash = createHash('sha256');
  if (built) hash.update(`built\0${built.digest}\0${built.identity}`);
  else hash.update(source);
  const key = hash.update(`\0${process.version}\0${process.arch}\0${cachedDataVersionTag()}`).digest('hex').slice(0, 32);
  return path.join(folder, `${path.basename(bundleFile)}-${variant}-${key}.v8cache`);
}

/** A bundle as the build made it: its SHA-256 (computed at build time) and the identity of the file it was read from. */
export interface BuiltBundle {
  digest: string;
  identity: string;
}

/** What the build writes around the bundle's code: the function Node wraps a CommonJS module in. */
export const BUNDLE_WRAPPER_START = '(function (exports, require, module, __filename, __dirname) { ';
export const BUNDLE_WRAPPER_END = '\n})';

/**
 * The cached data in `file` when it is whole (its checksum matches), else undefined. `into`, when
 * large enough, receives the bytes (no new memory: on some machines each page first touched costs
 * more than reading it).
 */
export function readCodeCache(file: string, into?: Buffer): Buffer | undefined {
  let bytes: Buffer;
  try {
    bytes = into === undefined ? readFileSync(file) : readWhole(file, into);
  } catch {
    return undefined;
  }
  if (bytes.length <= CHECKSUM_BYTES) return undefined;
  const data = bytes.subarray(CHECKSUM_BYTES);
  return sha256(data).equals(bytes.subarray(0, CHECKSUM_BYTES)) ? data : undefined;
}

/** The bytes of `file`, in `into` when they fit, else in a buffer of their own. */
function readWhole(file: string, into: Buffer): Buffer {
  const fd = openSync(file, 'r');
  try {
    const size = fstatSync(fd).size;
    const target = size <= into.length ? into.subarray(0, size) : Buffer.allocUnsafeSlow(size);
    let done = 0;
    while (done < size) {
      const read = readSync(fd, target, done, size - done, done);
      if (read === 0) break;
      done += read;
    }
    return target.subarray(0, done);
  } finally {
    closeSync(fd);
  }
}

/** Writes `data` with its checksum, atomically; false when the folder cannot be written. */
export function writeCodeCache(file: string, data: Buffer): boolean {
  const temporary = `${file}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`;
  try {
    mkdirSync(path.dirname(file), { recursive: true });
    writeFileSync(temporary, Buffer.concat([sha256(data), data]));
    renameSync(temporary, file);
    return true;
  } catch {
    try {
      rmSync(temporary, { force: true });
    } catch {
      // The folder itself is missing or not one: there is nothing to remove.
    }
    return false;
  }
}

/**
 * Runs the CommonJS file `bundleFile` as Node would, compiled with the code cache kept in
 * `cacheFolder` (none when undefined) under the name of `variant` (codeCacheVariant). What the
 * bundle does at its top level happens before this returns, as with require(); its exports are returned.
 */
export function runWithCodeCache(bundleFile: string, cacheFolder: string | undefined, variant = 'other', digest?: string): unknown {
  const { source, buffer, built } = readBundle(bundleFile, digest);
  const cacheFile = cacheFolder === undefined ? undefined : codeCacheFile(cacheFolder, bundleFile, source, variant, built);
  const cachedData = cacheFile === undefined ? undefined : readCodeCache(cacheFile, buffer);
  // The wrapper Node gives a CommonJS module, written around a built bundle by the build (V8 would
  // otherwise copy 1 MB to join it to the text); the bundle holds no import() (the build checks
  // it), which a script compiled from cached data could not run.
  // A `#!` line, which Node strips from a module, is made a comment (the lines keep their numbers).
  const body = source.startsWith('#!') ? `//${source.slice(2)}` : source;
  const wrapped = built ? source : `${BUNDLE_WRAPPER_START}${body}${BUNDLE_WRAPPER_END}`;
  const script = new Script(wrapped, { filename: bundleFile, ...(cachedData ? { cachedData } : {}) });
  if (cacheFile !== undefined && (cachedData === undefined || script.cachedDataRejected === true)) {
    const tag = cachedDataVersionTag();
    process.once('exit', () => {
      if (cachedDataVersionTag() === tag && writeCodeCache(cacheFile, script.createCachedData())) removeOlderCaches(cacheFile);
    });
  }
  const run = script.runInThisContext() as (exports: object, require: NodeJS.Require, module: { exports: object }, filename: string, dirname: string) => void;
  const module = { exports: {} };
  run.call(module.exports, module.exports, createRequire(bundleFile), module, bundleFile, path.dirname(bundleFile));
  return module.exports;
}

/**
 * The bundle's text; with the build's `digest`, and when the file holds the wrapped bundle the
 * build writes, the file's identity comes along. The bytes are read into a buffer large enough for
 * the cache as well, which readCodeCache then reuses.
 */
function readBundle(bundleFile: string, digest: string | undefined): { source: string; buffer?: Buffer; built?: BuiltBundle } {
  if (digest === undefined) return { source: readFileSync(bundleFile, 'utf8') };
  const fd = openSync(bundleFile, 'r');
  try {
    const stat = fstatSync(fd, { bigint: true });
    const size = Number(stat.size);
    // Room for the cache too (about the bundle's size): memory never written is never touched.
    const buffer = Buffer.allocUnsafeSlow(2 * size + 65536);
    let done = 0;
    while (done < size) {
      const read = readSync(fd, buffer, done, size - done, done);
      if (read === 0) break;
      done += read;
    }
    const source = buffer.toString('utf8', 0, done);
    // Not as the build wrote it (edited by hand?): run as a plain CommonJS text, keyed by the text.
    if (!source.startsWith(BUNDLE_WRAPPER_START) || !source.endsWith(BUNDLE_WRAPPER_END)) return { source, buffer };
    return { source, buffer, built: { digest, identity: `${stat.dev}:${stat.ino}:${done}:${stat.ctimeNs}` } };
  } finally {
    closeSync(fd);
  }
}

/**
 * Removes the caches of the same bundle name and command left by other bundles or Node versions
 * (an upgrade gives every cache a new name), so the folder holds one cache per command.
 */
export function removeOlderCaches(cacheFile: string): void {
  const folder = path.dirname(cacheFile);
  const name = path.basename(cacheFile);
  const prefix = name.replace(/[0-9a-f]{32}\.v8cache$/, '');
  try {
    for (const other of readdirSync(folder)) {
      if (other !== name && other.startsWith(prefix) && /^[0-9a-f]{32}\.v8cache$/.test(other.slice(prefix.length))) rmSync(path.join(folder, other), { force: true });
    }
  } catch {
    // A folder that cannot be listed keeps what it holds: the next run is as fast either way.
  }
}

import { createHash, randomUUID } from 'node:crypto';
import { mkdir, open, readFile, rename, rm, writeFile } from 'node:fs/promises';
import { closeSync, existsSync, fstatSync, openSync, readdirSync, readFileSync, readSync, statSync } from 'node:fs';
import { statOrUndefined } from './fs-probes.js';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { portableAnalysis, type FileAnalysis } from '../check/analysis.js';
import type { AnalysisCache, LintInput } from '../check/lint.js';
import type { Diagnostic, Fix } from '../core/diagnostic.js';
import { PACKAGE_ROOT, packageVersion } from '../core/project-files.js';
import type { FolderLister, KnownListings, StoredListings } from './folder-listings.js';
import { COMPANION_FILES } from './read.js';
import { checkManifestShared, readManifestFile } from './replay-manifest.js';

/** Bump when the stored shape changes. */
const FORMAT = 'skillhub-analysis-cache/6';

/**
 * A file whose modification time is this close to (or after) the moment its content was last read
 * may have changed again within the same time stamp (git's "racily clean" entries): its content
 * is hashed before its stored results are trusted. Two seconds covers the coarsest file systems.
 */
const RACY_WINDOW_MS = 2000;

/** The results of one file as the report shows them: the SKILL.md's, then its companions' with diagnostics. */
export interface StoredReport {
  filePath: string;
  diagnostics: Diagnostic[];
}

/**
 * A report as stored: the file, then each diagnostic as [rule, severity, message, line, column,
 * end line, end column] and, when the rule has one, its fix (so `--format json` says the same
 * about fixes whether the answer came from the cache or not).
 */
type CompactDiagnostic = [string, Diagnostic['severity'], string, number, number, number, number, Fix?];
type CompactReport = [filePath: string, diagnostics: CompactDiagnostic[]];

function compactReport(report: StoredReport): CompactReport {
  return [
    report.filePath,
    report.diagnostics.map((d): CompactDiagnostic => {
      const compact: CompactDiagnostic = [d.ruleId, d.severity, d.message, d.range.start.line, d.range.start.column, d.range.end.line, d.range.end.column];
      if (d.fix) compact.push(d.fix);
      return compact;
    }),
  ];
}

function expandReport([filePath, diagnostics]: CompactReport): StoredReport {
  return {
    filePath,
    diagnostics: diagnostics.map(([ruleId, severity, message, line, column, endLine, endColumn, fix]) => ({
      ruleId,
      severity,
      message,
      filePath,
      range: { start: { line, column }, end: { line: endLine, column: endColumn } },
      ...(fix ? { fix } : {}),
    })),
  };
}

interface IndexEntry {
  /** Size, modification and change time of the SKILL.md and of each companion file (`-` when absent). */
  stamp: string;
  /** SHA-256 of the contents, for when the stamp changed or cannot be trusted. */
  hash: string;
  /** When the run that last read the content started (ms since the epoch). */
  readAt: number;
}

/** An index entry as stored: [stamp, hash, readAt]. */
type StoredEntry = [stamp: string, hash: string, readAt: number];

/** The small file read on every run: one stamp and hash per file, nothing else. */
interface IndexFile {
  format: string;
  fingerprint: string;
  files: Record<string, StoredEntry>;
  /**
   * The complete run whose diagnostics the other files hold: the key of its sorted file paths and
   * a generation drawn when they were recorded, which those files must carry too (so a report
   * written by an older run, or left behind by an interrupted one, is never replayed).
   */
  catalog?: string;
  /** The folder listings of the last run, by folder, with the folder's stamp (see FolderLister). */
  folders?: StoredListings;
}

/** Read when every file is unchanged but the last printed report does not fit: the last complete run's diagnostics. */
interface ReportsFile {
  format: string;
  fingerprint: string;
  catalog: string;
  /** By SKILL.md: its reports (the SKILL.md's, then its companions' with diagnostics). */
  reports: Record<string, CompactReport[]>;
}

/** The larger file read only when a file changed: per-file analyses, for the catalog phase. */
interface AnalysesFile {
  format: string;
  fingerprint: string;
  entries: Record<string, { hash: string; analysis: FileAnalysis }>;
}

/** A printed report as the last run wrote it, with what the exit code needs. */
export interface StoredOutput {
  text: string;
  errors: number;
  warnings: number;
}

/** A stored printed report as read back: its UTF-8 bytes, written out as they are (no decoding). */
export interface ReplayedOutput {
  bytes: Uint8Array;
  errors: number;
  warnings: number;
}

/** The header line of the printed-report file; the text follows it verbatim. */
interface OutputHeader {
  format: string;
  fingerprint: string;
  catalog: string;
  /** The report's form (format, options, folder) and the files it reports. */
  key: string;
  errors: number;
  warnings: number;
}

/**
 * The results of earlier runs, as ESLint's file-entry-cache keeps them: a file whose size and
 * times (and its companions') are unchanged is not read at all; one whose stamp
 * changed is read and hashed, and analysed again only when its content changed. Results also
 * depend on everything else named in the fingerprint (the toolchain's code and schemas, the
 * options, the catalog's vocabulary). When every file is unchanged and the file set is the one of
 * the last run, that run's final diagnostics are the answer and neither the analyses nor the
 * catalog phase are needed.
 *
 * Unlike ESLint's cache, the stamp includes the change time (ctime), which no one can set back, so
 * a file rewritten with the same size and its old modification time is still read again. A file
 * changed within the same time stamp as the last read is caught too (see RACY_WINDOW_MS). The
 * known limitation left: a file changed while the system clock was set back.
 */
export class FileAnalysisCache implements AnalysisCache {
  private readonly index: Map<string, IndexEntry>;
  private analyses: Map<string, { hash: string; analysis: FileAnalysis }> | undefined;
  private reports: Map<string, CompactReport[]> | undefined;
  private indexChanged = false;
  private analysesChanged = false;
  private reportsChanged = false;
  private catalog: string | undefined;
  /** The folder listings stored by the last run, and the lister whose listings this run keeps. */
  readonly storedFolders: StoredListings | undefined;
  private lister: FolderLister | undefined;
  hits = 0;

  private constructor(
    private readonly location: string,
    private readonly fingerprint: string,
    stored: IndexFile | undefined,
    /** When this run started: the moment its reads are known to be no older than. */
    readonly startedAt: number,
  ) {
    this.index = new Map();
    // for…in rather than Object.entries: ten thousand files need not each allocate a pair.
    const files = stored?.files ?? {};
    for (const filePath in files) {
      const entry = files[filePath];
      if (Array.isArray(entry) && entry.length === 3) this.index.set(filePath, { stamp: String(entry[0]), hash: String(entry[1]), readAt: Number(entry[2]) });
    }
    this.catalog = typeof stored?.catalog === 'string' ? stored.catalog : undefined;
    this.storedFolders = typeof stored?.folders === 'object' && stored.folders !== null ? stored.folders : undefined;
  }

  /** Opens the cache's index; a missing, unreadable or foreign one starts empty. */
  static async open(location: string, fingerprint: string, startedAt = Date.now()): Promise<FileAnalysisCache> {
    const stored = await readJson<IndexFile>(location);
    const usable = stored?.format === FORMAT && stored.fingerprint === fingerprint && typeof stored.files === 'object' && stored.files !== null;
    return new FileAnalysisCache(location, fingerprint, usable ? stored : undefined, startedAt);
  }

  /**
   * True when the file is known unchanged from its stamp alone: same sizes and times as recorded,
   * and those times older than the last read by more than the racy window.
   */
  unchangedByStamp(filePath: string, stamp: string): boolean {
    const entry = this.index.get(filePath);
    return entry !== undefined && entry.stamp === stamp && !stamp.includes('?') && newestTime(stamp) < entry.readAt - RACY_WINDOW_MS;
  }

  /** The lister whose listings the index keeps for the next run (its folders as they were listed in this one). */
  keepFolders(lister: FolderLister): void {
    this.lister = lister;
  }

  /** True when the content read now is what was recorded; the stamp and read time are brought up to date. */
  unchangedByContent(input: LintInput, stamp: string): boolean {
    const entry = this.index.get(input.filePath);
    if (!entry || entry.hash !== inputKey(input)) return false;
    if (entry.stamp !== stamp || entry.readAt !== this.startedAt) {
      this.index.set(input.filePath, { ...entry, stamp, readAt: this.startedAt });
      this.indexChanged = true;
    }
    return true;
  }

  /**
   * The report printed by the last run in the same form (`form`: format, options, folder), when
   * the last complete run covered exactly these files (in this order) and it reported `reported`.
   */
  async storedOutput(filePaths: readonly string[], reported: ReadonlySet<string>, form: string): Promise<ReplayedOutput | undefined> {
    const catalog = this.completeRun(filePaths);
    if (catalog === undefined) return undefined;
    // Read as bytes: decoding a report of megabytes to a string and encoding it again costs more than the rest.
    const stored = await readFile(outputLocation(this.location)).catch(() => undefined);
    const replayed = storedOutputFitting(stored, this.fingerprint, catalog, outputKey(form, filePaths, reported));
    if (replayed) this.hits = filePaths.length;
    return replayed;
  }

  /** Keeps the report printed for a complete run over `filePaths`, for the next run in the same form. */
  async recordOutput(filePaths: readonly string[], reported: ReadonlySet<string>, form: string, output: StoredOutput): Promise<void> {
    const catalog = this.completeRun(filePaths);
    if (catalog === undefined) return;
    const header: OutputHeader = {
      format: FORMAT,
      fingerprint: this.fingerprint,
      catalog,
      key: outputKey(form, filePaths, reported),
      errors: output.errors,
      warnings: output.warnings,
    };
    await mkdir(path.dirname(this.location), { recursive: true });
    await removeManifest(this.location);
    await writeAtomically(outputLocation(this.location), `${JSON.stringify(header)}\n${output.text}`);
  }

  /**
   * Writes the replay manifest (replay-manifest.ts) for the report last printed in `form` over
   * `filePaths`, as `encode` makes it from that report's generation and key; none when the last
   * complete run did not cover exactly these files.
   */
  async recordReplayManifest(
    filePaths: readonly string[],
    reported: ReadonlySet<string>,
    form: string,
    encode: (answer: { fingerprint: string; catalog: string; outputKey: string }) => Uint8Array | undefined,
  ): Promise<void> {
    const catalog = this.completeRun(filePaths);
    if (catalog === undefined) return;
    const bytes = encode({ fingerprint: this.fingerprint, catalog, outputKey: outputKey(form, filePaths, reported) });
    if (bytes === undefined) return;
    await mkdir(path.dirname(this.location), { recursive: true });
    await writeAtomically(manifestLocation(this.location), bytes);
  }

  /**
   * The report printed last, when the replay manifest for this fingerprint and `key` (the run's
   * form and paths) still holds: every stamp it lists unchanged. Neither the index nor a listing is
   * read. Undefined when there is no manifest, it does not hold, or the report is not the one it names.
   * `threads`: more than one lets a helper thread check part of the stamps (where there are two cores).
   */
  static async replayUnchanged(
    location: string,
    fingerprint: string,
    key: string,
    threads?: number,
  ): Promise<(ReplayedOutput & { files: number; targets: number }) | undefined> {
    // On some machines a page touched for the first time costs more than reading it (about 20 us
    // on the development VM): the printed report is read into the manifest's memory, which the
    // check has touched and no longer needs, so its 3.4 MB (10,000 skills) touch little that is new.
    const output = outputLocation(location);
    const manifest = readManifestFile(manifestLocation(location), statOrUndefined(output)?.size);
    const answer = manifest && (await checkManifestShared(manifest, fingerprint, key, threads === undefined ? {} : { threads }));
    if (!answer) return undefined;
    const replayed = storedOutputFitting(readInto(output, manifest), fingerprint, answer.catalog, answer.outputKey);
    return replayed && { ...replayed, files: answer.files, targets: answer.targets };
  }

  /** The last complete run's diagnostics, when it covered exactly these files (in this order). */
  async storedReports(filePaths: readonly string[], reported?: ReadonlySet<string>): Promise<StoredReport[] | undefined> {
    const catalog = this.completeRun(filePaths);
    if (catalog === undefined) return undefined;
    if (!this.reports) {
      const stored = await readJson<ReportsFile>(reportsLocation(this.location));
      const usable = stored?.format === FORMAT && stored.fingerprint === this.fingerprint && stored.catalog === catalog && typeof stored.reports === 'object' && stored.reports !== null;
      if (!usable) return undefined;
      this.reports = new Map(Object.entries(stored.reports));
    }
    const reports: StoredReport[] = [];
    for (const filePath of filePaths) {
      const stored = this.reports.get(filePath);
      if (!stored) return undefined;
      // Context files (the rest of the catalog) are checked with the others but not reported.
      if (reported && !reported.has(filePath)) continue;
      for (const report of stored) reports.push(expandReport(report));
    }
    this.hits = filePaths.length;
    return reports;
  }

  /** The generation of the last complete run, when it covered exactly these files. */
  private completeRun(filePaths: readonly string[]): string | undefined {
    const key = catalogKey(filePaths);
    return this.catalog?.startsWith(`${key}:`) ? this.catalog : undefined;
  }

  /** Loads the per-file analyses (the larger file); needed only when some file changed. */
  async loadAnalyses(): Promise<void> {
    if (this.analyses) return;
    const stored = await readJson<AnalysesFile>(analysesLocation(this.location));
    const usable = stored?.format === FORMAT && stored.fingerprint === this.fingerprint && typeof stored.entries === 'object' && stored.entries !== null;
    this.analyses = new Map(usable ? Object.entries(stored.entries) : []);
  }

  /** The stored analysis of a file whose content is known unchanged (by stamp or by hash). */
  lookupUnchanged(filePath: string): FileAnalysis | undefined {
    const entry = this.index.get(filePath);
    const stored = this.analyses?.get(filePath);
    if (!entry || !stored || stored.hash !== entry.hash) return undefined;
    this.hits++;
    // A copy: the catalog phase appends its diagnostics to the analysis it is given.
    return { ...stored.analysis, diagnostics: [...stored.analysis.diagnostics] };
  }

  /** A file's analysis by its content (the AnalysisCache interface, for callers without stamps). */
  lookup(input: LintInput): FileAnalysis | undefined {
    const entry = this.index.get(input.filePath);
    if (!entry || entry.hash !== inputKey(input)) return undefined;
    return this.lookupUnchanged(input.filePath);
  }

  store(input: LintInput, analysis: FileAnalysis, stamp = this.index.get(input.filePath)?.stamp ?? ''): void {
    this.storeHashed(input.filePath, inputKey(input), analysis, stamp);
  }

  /** `store` with the input's key (inputKey) computed already, e.g. by the thread that read and analysed the file. */
  storeHashed(filePath: string, hash: string, analysis: FileAnalysis, stamp = this.index.get(filePath)?.stamp ?? ''): void {
    this.index.set(filePath, { stamp, hash, readAt: this.startedAt });
    this.analyses ??= new Map();
    this.analyses.set(filePath, { hash, analysis: portableAnalysis(analysis) });
    this.indexChanged = true;
    this.analysesChanged = true;
  }

  /** Whether the index has an entry for the file (one it has not is changed, whatever its content). */
  knows(filePath: string): boolean {
    return this.index.has(filePath);
  }

  /** Records the final diagnostics of a complete run over exactly `filePaths`, grouped by SKILL.md. */
  recordReports(filePaths: readonly string[], reportsByFile: ReadonlyMap<string, StoredReport[]>): void {
    this.reports = new Map(filePaths.map((filePath) => [filePath, (reportsByFile.get(filePath) ?? []).map(compactReport)]));
    // A new generation: reports and printed output of earlier runs no longer count.
    this.catalog = `${catalogKey(filePaths)}:${randomUUID()}`;
    this.reportsChanged = true;
    this.indexChanged = true;
  }

  /**
   * Forgets the last complete run: after a run that analysed files again without a complete
   * result (light context), its stored reports and printed output no longer describe the catalog.
   */
  forgetCompleteRun(): void {
    if (this.catalog === undefined) return;
    this.catalog = undefined;
    this.reports = undefined;
    this.indexChanged = true;
  }

  /** Keeps only the given files (removed skills leave the cache) and writes what changed, atomically. */
  async save(keep: ReadonlySet<string>): Promise<void> {
    for (const filePath of this.index.keys()) {
      if (keep.has(filePath)) continue;
      this.index.delete(filePath);
      this.indexChanged = true;
      if (this.analyses?.delete(filePath)) this.analysesChanged = true;
    }
    if (this.lister?.changed) this.indexChanged = true;
    if (!this.indexChanged && !this.analysesChanged) return;
    await mkdir(path.dirname(this.location), { recursive: true });
    // First: a manifest must never outlive the index and reports it was written with.
    await removeManifest(this.location);
    if (this.analysesChanged && this.analyses) {
      // Entries of files that left the cache while the analyses were not loaded are dropped here.
      for (const filePath of this.analyses.keys()) if (!this.index.has(filePath)) this.analyses.delete(filePath);
      await writeJsonAtomically(analysesLocation(this.location), { format: FORMAT, fingerprint: this.fingerprint }, 'entries', this.analyses);
    }
    // The reports before the index that names their generation: an interrupted save leaves an
    // index whose generation no reports file carries, never old reports under a new stamp.
    if (this.reportsChanged && this.reports && this.catalog !== undefined) {
      await writeJsonAtomically(reportsLocation(this.location), { format: FORMAT, fingerprint: this.fingerprint, catalog: this.catalog }, 'reports', this.reports);
    }
    const files: Record<string, StoredEntry> = {};
    for (const [filePath, entry] of this.index) files[filePath] = [entry.stamp, entry.hash, entry.readAt];
    const index: IndexFile = { format: FORMAT, fingerprint: this.fingerprint, files };
    if (this.catalog !== undefined) index.catalog = this.catalog;
    const folders = this.lister ? this.lister.toStored() : this.storedFolders;
    if (folders !== undefined) index.folders = folders;
    await writeAtomically(this.location, JSON.stringify(index));
    this.indexChanged = this.analysesChanged = this.reportsChanged = false;
  }
}

/**
 * One stat per file: the size, modification time and change time of a SKILL.md and of each
 * companion file it may have, `-` for a file that is absent. The change time cannot be set back by
 * hand (a file rewritten and given its old modification time still gets a new one) and moves on a
 * permission change too. Links are followed, so a changed target changes it.
 * `known`: folder listings read moments ago (by the discovery walk); a companion they show absent
 * is not asked about, and one that appears is in them, so it is stat-ed and changes the stamp.
 * Synchronous on purpose: nothing else runs meanwhile, and a missing companion (the usual case)
 * then costs no exception and no trip through the thread pool.
 */
export function fileStamp(skillFile: string, known?: KnownListings): string {
  const folder = path.dirname(skillFile);
  let stamp = stampPart(skillFile);
  for (const name of COMPANION_FILES) stamp += `|${known && listedAbsent(folder, name, known) ? '-' : stampPart(path.join(folder, name))}`;
  return stamp;
}

/** Whether the listings show `name` (`a/b` style) absent from `folder`: some name on its way is not listed. */
export function listedAbsent(folder: string, name: string, known: KnownListings): boolean {
  let at = folder;
  for (const part of name.split('/')) {
    const entries = known.get(at);
    if (entries === undefined) return false;
    if (!entries.some((entry) => entry.name === part)) return true;
    at = path.join(at, part);
  }
  return false;
}

function stampPart(file: string): string {
  try {
    const stats = statSync(file, { throwIfNoEntry: false });
    return stats ? `${stats.size}:${stats.mtimeMs}:${stats.ctimeMs}` : '-';
  } catch {
    // A folder on the way that cannot be read: the reader reports the file itself.
    return '-';
  }
}

function newestTime(stamp: string): number {
  let newest = 0;
  for (const part of stamp.split('|')) {
    const [, modified, changed] = part.split(':');
    newest = Math.max(newest, Number(modified ?? 0), Number(changed ?? 0));
  }
  return newest;
}

function catalogKey(filePaths: readonly string[]): string {
  return createHash('sha256').update(filePaths.join('\0')).digest('base64');
}

function outputKey(form: string, filePaths: readonly string[], reported: ReadonlySet<string>): string {
  return createHash('sha256')
    .update(form)
    .update('\0')
    .update(filePaths.filter((filePath) => reported.has(filePath)).join('\0'))
    .digest('base64');
}

function analysesLocation(location: string): string {
  return `${location}.analyses`;
}

function reportsLocation(location: string): string {
  return `${location}.reports`;
}

function outputLocation(location: string): string {
  return `${location}.output`;
}

function manifestLocation(location: string): string {
  return `${location}.replay`;
}

/** The printed report stored in `stored` (header line, then the bytes), when it is the one of this run and catalog. */
function storedOutputFitting(stored: Buffer | undefined, fingerprint: string, catalog: string, key: string): ReplayedOutput | undefined {
  const newline = stored?.indexOf(0x0a) ?? -1;
  if (stored === undefined || newline < 0) return undefined;
  let header: OutputHeader;
  try {
    header = JSON.parse(stored.toString('utf8', 0, newline)) as OutputHeader;
  } catch {
    return undefined;
  }
  const fits = header.format === FORMAT && header.fingerprint === fingerprint && header.catalog === catalog && header.key === key;
  if (!fits || !Number.isInteger(header.errors) || !Number.isInteger(header.warnings)) return undefined;
  return { bytes: stored.subarray(newline + 1), errors: header.errors, warnings: header.warnings };
}

async function removeManifest(location: string): Promise<void> {
  await rm(manifestLocation(location), { force: true });
}

/**
 * The bytes of `file`, read into the memory under `into` (from its start) when they fit there,
 * else into memory of their own; undefined when it cannot be read.
 */
function readInto(file: string, into: Uint8Array): Buffer | undefined {
  let fd: number | undefined;
  try {
    fd = openSync(file, 'r');
    const size = fstatSync(fd).size;
    const target = size <= into.buffer.byteLength - into.byteOffset ? Buffer.from(into.buffer, into.byteOffset, size) : Buffer.allocUnsafeSlow(size);
    let done = 0;
    for (let read = -1; done < size && read !== 0; done += read) read = readSync(fd, target, done, size - done, done);
    return target.subarray(0, done);
  } catch {
    return undefined;
  } finally {
    if (fd !== undefined) closeSync(fd);
  }
}

async function readJson<T>(file: string): Promise<T | undefined> {
  return readFile(file, 'utf8')
    .then((text) => JSON.parse(text) as T)
    .catch(() => undefined);
}

/**
 * Writes `JSON.stringify({ ...head, [key]: Object.fromEntries(entries) })`, the same text, a few
 * hundred entries at a time: the analyses and reports of ten thousand files as one string were
 * tens of megabytes (twice that as soon as one character is outside Latin-1) on top of the run.
 */
async function writeJsonAtomically(file: string, head: Record<string, unknown>, key: string, entries: ReadonlyMap<string, unknown>): Promise<void> {
  const temporary = `${file}.${process.pid}.tmp`;
  const handle = await open(temporary, 'w');
  try {
    let chunk = `${JSON.stringify(head).slice(0, -1)},${JSON.stringify(key)}:{`;
    let first = true;
    for (const [name, value] of entries) {
      chunk += `${first ? '' : ','}${JSON.stringify(name)}:${JSON.stringify(value)}`;
      first = false;
      if (chunk.length >= 1 << 20) {
        await handle.writeFile(chunk);
        chunk = '';
      }
    }
    await handle.writeFile(`${chunk}}}`);
  } finally {
    await handle.close();
  }
  await rename(temporary, file);
}

async function writeAtomically(file: string, text: string | Uint8Array): Promise<void> {
  const temporary = `${file}.${process.pid}.tmp`;
  await writeFile(temporary, text);
  await rename(temporary, file);
}

/** The content of a file and of its companions, which is all a file's analysis reads. */
export function inputKey(input: LintInput): string {
  const hash = createHash('sha256');
  hash.update(JSON.stringify(input.decoded));
  hash.update(`\0${JSON.stringify(input.folderFiles ?? null)}`);
  for (const [name, companion] of Object.entries(input.companions ?? {}).sort(([a], [b]) => (a < b ? -1 : 1))) {
    hash.update(`\0${name}\0${JSON.stringify(companion?.decoded)}`);
  }
  return hash.digest('base64');
}

/**
 * What, besides a file's content, its analysis depends on: the toolchain's version and code (the
 * size and time of every compiled file, so a rebuilt toolchain never reuses old results), its
 * dependencies (the lockfile, when there is one) and Node, the project schemas, the run's options
 * and the catalog's own vocabulary file.
 */
export function toolFingerprint(options: object, catalogVocabulary: string | undefined): string {
  const hash = createHash('sha256');
  hash.update(`${FORMAT}\0${packageVersion()}\0${process.versions.node}\0${JSON.stringify(options)}\0${catalogVocabulary ?? ''}`);
  const lockfile = fileURLToPath(new URL('package-lock.json', PACKAGE_ROOT));
  if (existsSync(lockfile)) hash.update(readFileSync(lockfile));
  for (const folder of [...codeFolders(), fileURLToPath(new URL('schemas/', PACKAGE_ROOT))]) {
    if (!existsSync(folder)) continue;
    for (const entry of readdirSync(folder, { recursive: true, withFileTypes: true })) {
      if (!entry.isFile()) continue;
      const file = path.join(entry.parentPath ?? entry.path, entry.name);
      const stats = statSync(file);
      hash.update(`\0${path.relative(folder, file)}\0${stats.size}\0${stats.mtimeMs}`);
    }
  }
  return hash.digest('hex');
}

/**
 * The folders of compiled code the fingerprint covers: all of dist/ (tsc's output, some 500 files,
 * the library's code), or, in the bundled CLI, the folders the build names as all it loads
 * (dist/bin/ and dist/generated/, scripts/build-cli-bundle.mjs): a dozen files to `stat` at the
 * start of a cached run instead of 500.
 */
declare const SKILLHUB_BUNDLED_CODE: readonly string[] | undefined;

function codeFolders(): string[] {
  const dist = new URL('../', import.meta.url);
  const bundled = typeof SKILLHUB_BUNDLED_CODE === 'undefined' ? undefined : SKILLHUB_BUNDLED_CODE;
  return (bundled ?? ['']).map((folder) => fileURLToPath(new URL(folder === '' ? '' : `${folder}/`, dist)));
}

/** Under node_modules, which `npm ci` recreates: a committed cache file can never vouch for a skill. */
export function defaultCacheLocation(cwd: string): string {
  return path.join(cwd, 'node_modules', '.cache', 'skillhub', 'validate.json');
}

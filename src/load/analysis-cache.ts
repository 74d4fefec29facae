import { createHash } from 'node:crypto';
import { mkdir, readFile, rename, writeFile } from 'node:fs/promises';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { portableAnalysis, type FileAnalysis } from '../check/analysis.js';
import type { AnalysisCache, LintInput } from '../check/lint.js';
import { PACKAGE_ROOT, packageVersion } from '../core/project-files.js';

/** Bump when the stored shape changes. */
const FORMAT = 'skillhub-analysis-cache/1';

interface CacheFile {
  format: string;
  fingerprint: string;
  entries: Record<string, { key: string; analysis: FileAnalysis }>;
}

/**
 * The per-file results of earlier runs, keyed by the file's content and by everything else they
 * depend on (the toolchain's own code and schemas, the options, the catalog's vocabulary), so an
 * unchanged file is neither parsed nor checked again. Catalog-wide checks always run.
 */
export class FileAnalysisCache implements AnalysisCache {
  private readonly entries: Map<string, { key: string; analysis: FileAnalysis }>;
  private changed = false;
  hits = 0;

  private constructor(
    private readonly location: string,
    private readonly fingerprint: string,
    entries: CacheFile['entries'],
  ) {
    this.entries = new Map(Object.entries(entries));
  }

  /** Opens the cache file; a missing, unreadable or foreign one starts empty. */
  static async open(location: string, fingerprint: string): Promise<FileAnalysisCache> {
    const stored = await readFile(location, 'utf8')
      .then((text) => JSON.parse(text) as CacheFile)
      .catch(() => undefined);
    const usable = stored?.format === FORMAT && stored.fingerprint === fingerprint && typeof stored.entries === 'object';
    return new FileAnalysisCache(location, fingerprint, usable ? stored.entries : {});
  }

  lookup(input: LintInput): FileAnalysis | undefined {
    const entry = this.entries.get(input.filePath);
    if (!entry || entry.key !== inputKey(input)) return undefined;
    this.hits++;
    // A copy: the catalog phase appends its diagnostics to the analysis it is given.
    return { ...entry.analysis, diagnostics: [...entry.analysis.diagnostics] };
  }

  store(input: LintInput, analysis: FileAnalysis): void {
    this.entries.set(input.filePath, { key: inputKey(input), analysis: portableAnalysis(analysis) });
    this.changed = true;
  }

  /** Keeps only the given files (removed skills leave the cache) and writes it atomically. */
  async save(keep: ReadonlySet<string>): Promise<void> {
    for (const filePath of this.entries.keys()) {
      if (!keep.has(filePath)) {
        this.entries.delete(filePath);
        this.changed = true;
      }
    }
    if (!this.changed) return;
    const file: CacheFile = { format: FORMAT, fingerprint: this.fingerprint, entries: Object.fromEntries(this.entries) };
    await mkdir(path.dirname(this.location), { recursive: true });
    const temporary = `${this.location}.${process.pid}.tmp`;
    await writeFile(temporary, JSON.stringify(file));
    await rename(temporary, this.location);
  }
}

/** The content of a file and of its companions, which is all a file's analysis reads. */
export function inputKey(input: LintInput): string {
  const hash = createHash('sha256');
  hash.update(JSON.stringify(input.decoded));
  hash.update(`\0${JSON.stringify(input.folderFiles ?? null)}`);
  for (const [name, companion] of Object.entries(input.companions ?? {}).sort(([a], [b]) => (a < b ? -1 : 1))) {
    hash.update(`\0${name}\0${JSON.stringify(companion?.decoded)}`);
  }
  return hash.digest('hex');
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
  const codeFolder = fileURLToPath(new URL('../', import.meta.url));
  for (const folder of [codeFolder, fileURLToPath(new URL('schemas/', PACKAGE_ROOT))]) {
    for (const entry of readdirSync(folder, { recursive: true, withFileTypes: true })) {
      if (!entry.isFile()) continue;
      const file = path.join(entry.parentPath ?? entry.path, entry.name);
      const stats = statSync(file);
      hash.update(`\0${path.relative(folder, file)}\0${stats.size}\0${stats.mtimeMs}`);
    }
  }
  return hash.digest('hex');
}

/** Under node_modules, which `npm ci` recreates: a committed cache file can never vouch for a skill. */
export function defaultCacheLocation(cwd: string): string {
  return path.join(cwd, 'node_modules', '.cache', 'skillhub', 'validate.json');
}

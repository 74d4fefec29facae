import { statSync } from 'node:fs';
import path from 'node:path';
import { UsageError } from './discover.js';

/**
 * A catalog: the folder that holds `skills/` (and may hold its own `schemas/input-fields.json`
 * and configuration). Every command finds it the same way, so they all read the same vocabulary
 * and see the same skills.
 */
export interface CatalogRoot {
  /** The catalog folder: vocabulary, configuration and the published `catalog/` live here. */
  root: string;
  /** Its skills: `<root>/skills`, or the folder given as `--root` when that is a folder of skills. */
  skillsDir: string;
}

export const SKILLS_FOLDER = 'skills';
/** Where `skillhub build` publishes, and `serve` and `check --catalog` read, by default. */
export const CATALOG_OUTPUT_FOLDER = 'catalog';

function isDirectory(folder: string): boolean {
  try {
    return statSync(folder).isDirectory();
  } catch {
    return false;
  }
}

/**
 * The catalog named by `--root`: a folder holding `skills/`, or a folder of skill folders itself
 * (then the catalog is the folder around it, as `skills/` sits in its repository).
 */
export function catalogRootFromOption(given: string, cwd: string): CatalogRoot {
  const folder = path.resolve(cwd, given);
  if (!isDirectory(folder)) throw new UsageError(`No such folder: ${given}`);
  const nested = path.join(folder, SKILLS_FOLDER);
  if (isDirectory(nested)) return { root: folder, skillsDir: nested };
  return { root: path.dirname(folder), skillsDir: folder };
}

/**
 * Searches upward from `start` (a file or a folder) for the folder that holds `skills/`, as git
 * looks for `.git`. Undefined when no folder on the way has one.
 */
export function findCatalogRoot(start: string): CatalogRoot | undefined {
  let folder = isDirectory(start) ? start : path.dirname(start);
  for (;;) {
    const skillsDir = path.join(folder, SKILLS_FOLDER);
    if (isDirectory(skillsDir)) return { root: folder, skillsDir };
    const parent = path.dirname(folder);
    if (parent === folder) return undefined;
    folder = parent;
  }
}

/** The part of a glob before its first magic character: where to start looking for the catalog. */
export function staticPrefix(pattern: string): string {
  const negated = pattern.startsWith('!') ? pattern.slice(1) : pattern;
  const parts = negated.split(/[\\/]/);
  const kept: string[] = [];
  for (const part of parts) {
    if (/[*?[\]{}()!]/.test(part)) break;
    kept.push(part);
  }
  return kept.join('/') || '.';
}

/**
 * The catalog of a run: `--root` when given, else the first catalog found upward from the first
 * path given (or from the working directory).
 */
export function resolveCatalogRoot(options: { root?: string | undefined; paths?: readonly string[]; cwd: string }): CatalogRoot | undefined {
  if (options.root !== undefined) return catalogRootFromOption(options.root, options.cwd);
  const first = options.paths?.find((given) => !given.startsWith('!'));
  const start = first === undefined ? options.cwd : path.resolve(options.cwd, staticPrefix(first));
  return findCatalogRoot(start);
}

/** Like resolveCatalogRoot, for commands that cannot work without a catalog. */
export function requireCatalogRoot(options: { root?: string | undefined; cwd: string }): CatalogRoot {
  const found = resolveCatalogRoot(options);
  if (!found) throw new UsageError(`no ${SKILLS_FOLDER}/ folder in ${options.cwd} or any folder above it; run inside a catalog or give --root <dir>`);
  return found;
}

/** What `skillhub build` writes by default, relative to `cwd`: `catalog/` beside the catalog's `skills/`. */
export function defaultCatalogFolder(cwd: string): string {
  const found = findCatalogRoot(cwd);
  return found ? path.relative(cwd, path.join(found.root, CATALOG_OUTPUT_FOLDER)) || CATALOG_OUTPUT_FOLDER : CATALOG_OUTPUT_FOLDER;
}

import { readFile, realpath, stat } from 'node:fs/promises';
import path from 'node:path';
import { loadCatalog } from '../catalog/load.js';
import { CatalogError, type Catalog } from '../catalog/types.js';
import { CATALOG_FILE } from '../publish/layout.js';
import { INDEX_PAGE, SITE_ASSETS, skillPage } from '../site/layout.js';

/** One build as the server answers from it: the catalog and the site's pages, read together. */
export interface ServedCatalog {
  catalog: Catalog;
  /** Site files by relative path (`index.html`, `skills/<id>.html`, `assets/...`); empty for a catalog built without a site. */
  site: ReadonlyMap<string, string>;
}

const ATTEMPTS = 6;

/**
 * Reads a catalog folder and its site as one consistent build. The folder may be swapped while it
 * is read: when the out path is a symlink, everything is read from the folder it points to at the
 * start (a build's folder is never changed, only replaced); when it is a folder swapped in by
 * renames, catalog.json is looked at again after the pages, and since every build writes new files
 * a changed file means a swap, so the read is thrown away and done again. The catalog's own
 * digests also catch any mix of its JSON documents. Throws CatalogError when the folder is not a
 * complete catalog (after a few tries, so a swap in progress is not taken for a broken build).
 */
export async function loadServedCatalog(dir: string): Promise<ServedCatalog> {
  let lastError: unknown;
  for (let attempt = 0; attempt < ATTEMPTS; attempt++) {
    if (attempt > 0) await new Promise((resolve) => setTimeout(resolve, 15 * attempt));
    const real = await realpath(dir).catch(() => undefined);
    const folder = real === undefined || real === path.resolve(dir) ? dir : real;
    const before = await stamp(folder);
    try {
      const catalog = await loadCatalog(folder);
      const site = await readSite(folder, catalog.ids);
      if (before !== undefined && before === (await stamp(folder))) return { catalog, site };
      lastError = new CatalogError(`${dir}: it kept changing while it was read`);
    } catch (error) {
      if (!(error instanceof CatalogError)) throw error;
      lastError = error;
    }
  }
  throw lastError;
}

/** Which catalog.json a folder holds: a new build's is a new file, even with the same content. */
export async function stamp(dir: string): Promise<string | undefined> {
  try {
    const stats = await stat(path.join(dir, CATALOG_FILE));
    return `${stats.dev}:${stats.ino}:${stats.size}:${stats.mtimeMs}:${stats.ctimeMs}`;
  } catch {
    return undefined;
  }
}

async function readSite(dir: string, ids: readonly string[]): Promise<Map<string, string>> {
  const site = new Map<string, string>();
  const index = await readOptional(dir, INDEX_PAGE);
  if (index === undefined) return site;
  site.set(INDEX_PAGE, index);
  for (const file of [...SITE_ASSETS, ...ids.map(skillPage)]) {
    const text = await readOptional(dir, file);
    if (text === undefined) throw new CatalogError(`${dir}: ${file} is missing`);
    site.set(file, text);
  }
  return site;
}

async function readOptional(dir: string, relative: string): Promise<string | undefined> {
  try {
    return await readFile(path.join(dir, ...relative.split('/')), 'utf8');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOENT' || code === 'ENOTDIR') return undefined;
    throw new CatalogError(`cannot read ${relative} in ${dir}: ${code ?? (error as Error).message}`);
  }
}

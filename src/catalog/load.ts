import { readFile, realpath } from 'node:fs/promises';
import path from 'node:path';
import { createCatalog } from './catalog.js';
import { readCatalogDocuments } from './documents.js';
import { CatalogError, type Catalog } from './types.js';

/**
 * Opens a catalog folder written by `skillhub build` (catalog.json and skills/<id>.json).
 * Throws a CatalogError that says what is wrong when the folder is missing or inconsistent.
 */
export async function loadCatalog(dir: string): Promise<Catalog> {
  // A built catalog is a link to its current version; following it once means a build that
  // swaps the link meanwhile cannot mix two versions into one catalog.
  const root = await realpath(path.resolve(dir)).catch(() => path.resolve(dir));
  const { index, skills } = await readCatalogDocuments(async (relative) => {
    try {
      return await readFile(path.join(root, ...relative.split('/')), 'utf8');
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code;
      if (code === 'ENOENT' || code === 'ENOTDIR') return undefined;
      throw new CatalogError(`cannot read ${relative} in ${dir}: ${code ?? (error as Error).message}`);
    }
  }).catch((error: unknown) => {
    if (error instanceof CatalogError) throw new CatalogError(`${dir}: ${error.message}`);
    throw error;
  });
  return createCatalog(index, skills);
}

/** The same catalog from files held in memory (a build that was not written, or a test). */
export async function catalogFromFiles(files: ReadonlyMap<string, string>): Promise<Catalog> {
  const { index, skills } = await readCatalogDocuments(async (relative) => files.get(relative));
  return createCatalog(index, skills);
}

import { close, open as openFd } from 'node:fs';
import { open, realpath } from 'node:fs/promises';
import path from 'node:path';
import { promisify } from 'node:util';
import { DOCUMENTS_FILE } from '../publish/layout.js';
import { catalogOver } from './catalog.js';
import { readCatalogDocuments, type OpenFile } from './documents.js';
import { CatalogError, type Catalog } from './types.js';

/**
 * Opens a catalog folder written by `skillhub build` (catalog.json and documents.json, or
 * skills/<id>.json for a build without documents.json). Throws a CatalogError that says what is
 * wrong when the folder is missing or inconsistent; a skill whose document only fails when parsed
 * is refused with a CatalogError at its first use (see readCatalogDocuments).
 */
export async function loadCatalog(dir: string): Promise<Catalog> {
  // A built catalog is a link to its current version; following it once means a build that
  // swaps the link meanwhile cannot mix two versions into one catalog.
  const root = await realpath(path.resolve(dir)).catch(() => path.resolve(dir));
  const { index, documents, held } = await readCatalogDocuments(
    async (relative) => {
      try {
        return await readWhole(path.join(root, ...relative.split('/')));
      } catch (error) {
        const code = (error as NodeJS.ErrnoException).code;
        if (code === 'ENOENT' || code === 'ENOTDIR') return undefined;
        throw new CatalogError(`cannot read ${relative} in ${dir}: ${code ?? (error as Error).message}`);
      }
    },
    dir,
    () => openForReading(path.join(root, DOCUMENTS_FILE)),
  ).catch((error: unknown) => {
    if (error instanceof CatalogError) throw new CatalogError(`${dir}: ${error.message}`);
    throw error;
  });
  // The catalog reads its documents from the open file at their first use; held open, it is the
  // version that was checked even after a newer build removes its folder. It is closed once
  // nothing can read it: every document's reader refers to `held` (the catalog object alone would
  // not do: a caller may keep its methods without it).
  if (held !== undefined) closeWhenCollected.register(held, held.fd);
  return catalogOver(index.sha256, documents);
}

const closeWhenCollected = new FinalizationRegistry<number>((fd) => close(fd, () => undefined));

async function openForReading(file: string): Promise<OpenFile | undefined> {
  try {
    const fd = await promisify(openFd)(file, 'r');
    return { fd, close: () => close(fd, () => undefined) };
  } catch {
    return undefined;
  }
}

/** The same catalog from files held in memory (a build that was not written, or a test). */
export async function catalogFromFiles(files: ReadonlyMap<string, string>): Promise<Catalog> {
  const { index, documents } = await readCatalogDocuments(async (relative) => {
    const text = files.get(relative);
    return text === undefined ? undefined : Buffer.from(text, 'utf8');
  });
  return catalogOver(index.sha256, documents);
}

/**
 * A whole file in one read of its size (fs.promises.readFile reads in 512 KiB steps, a round trip
 * through the thread pool each: 113 of them for the 58 MB documents.json of 10,000 skills).
 */
async function readWhole(file: string): Promise<Buffer> {
  const handle = await open(file, 'r');
  try {
    const { size } = await handle.stat();
    const chunks: Buffer[] = [];
    let total = 0;
    // More than the size, in case the file grew: the read ends at its real end either way.
    for (let chunk = Buffer.allocUnsafe(size + 1); ; chunk = Buffer.allocUnsafe(65536)) {
      const { bytesRead } = await handle.read(chunk, 0, chunk.length, null);
      if (bytesRead === 0) break;
      chunks.push(chunk.subarray(0, bytesRead));
      total += bytesRead;
    }
    return chunks.length === 1 ? (chunks[0] as Buffer) : Buffer.concat(chunks, total);
  } finally {
    await handle.close();
  }
}

import { randomBytes } from 'node:crypto';
import { lstat, mkdir, readdir, readFile, rename, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { compareStrings } from '../core/diagnostic.js';
import { CATALOG_ENTRIES } from './layout.js';

export class OutputFolderError extends Error {}

/**
 * Replaces `target` with a folder holding exactly `files`. Everything is written to a sibling
 * folder first, then swapped in with two renames (old away, new in), so at any moment the target
 * holds either the complete old catalog or the complete new one; a run killed between the two
 * renames leaves the old catalog beside it, which the next run puts back first.
 */
export async function writeCatalogFolder(target: string, files: ReadonlyMap<string, string>): Promise<void> {
  const parent = path.dirname(target);
  await mkdir(parent, { recursive: true });
  await restoreInterruptedSwap(target);
  await assertReplaceable(target);
  const suffix = `${process.pid}-${randomBytes(4).toString('hex')}`;
  const staging = `${target}.tmp-${suffix}`;
  try {
    for (const [relative, contents] of files) {
      const file = path.join(staging, ...relative.split('/'));
      await mkdir(path.dirname(file), { recursive: true });
      await writeFile(file, contents, 'utf8');
    }
    if (files.size === 0) await mkdir(staging, { recursive: true });
  } catch (error) {
    await rm(staging, { recursive: true, force: true });
    throw error;
  }
  const exists = await lstat(target).then(() => true, () => false);
  if (!exists) {
    await rename(staging, target);
    return;
  }
  const retired = `${target}.old-${suffix}`;
  await rename(target, retired);
  await rename(staging, target);
  await rm(retired, { recursive: true, force: true });
}

/** Every file under `folder` by relative path (`/` separators, in path order); empty when the folder is missing. */
export async function readCatalogFolder(folder: string): Promise<Map<string, string>> {
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

/** Refuses to replace a folder that holds anything but a catalog (`--out .` must not delete a project). */
async function assertReplaceable(target: string): Promise<void> {
  const stats = await lstat(target).catch(() => undefined);
  if (!stats) return;
  if (!stats.isDirectory()) throw new OutputFolderError(`${target} exists and is not a folder; refusing to replace it`);
  const strangers = (await readdir(target)).filter((name) => !CATALOG_ENTRIES.includes(name)).sort(compareStrings);
  if (strangers.length > 0) {
    throw new OutputFolderError(
      `${target} holds files that a catalog build does not write (${strangers.slice(0, 3).join(', ')}${strangers.length > 3 ? ', ...' : ''}); refusing to replace it`,
    );
  }
}

/**
 * Tidies what killed runs left beside the target: staging folders and retired catalogs of
 * processes that are gone. A retired catalog with no target means the kill fell between the two
 * renames of a swap; it is the last complete catalog, so it is put back.
 */
async function restoreInterruptedSwap(target: string): Promise<void> {
  const parent = path.dirname(target);
  const pattern = new RegExp(`^${escapeRegExp(path.basename(target))}\\.(tmp|old)-(\\d+)-[0-9a-f]+$`);
  const leftovers: Array<{ name: string; kind: string }> = [];
  for (const name of (await readdir(parent)).sort(compareStrings)) {
    const match = pattern.exec(name);
    if (match && !isAlive(Number(match[2]))) leftovers.push({ name, kind: match[1] as string });
  }
  const retired = leftovers.filter((entry) => entry.kind === 'old');
  const exists = await lstat(target).then(() => true, () => false);
  const restore = !exists && retired.length === 1 ? retired[0] : undefined;
  if (restore) await rename(path.join(parent, restore.name), target);
  for (const entry of leftovers) {
    if (entry !== restore) await rm(path.join(parent, entry.name), { recursive: true, force: true });
  }
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

import { spawnSync } from 'node:child_process';
import { mkdir, readdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { compareCatalogFiles } from '../src/publish/compare.js';
import { OutputFolderError, readCatalogFolder, writeCatalogFolder } from '../src/publish/write.js';
import { makeTempDir, writeTree } from './publish-fixtures.js';

const OLD = new Map([
  ['catalog.json', '{"old":true}\n'],
  ['index.json', '{}\n'],
  ['skills/a.json', '{"a":1}\n'],
  ['skills/a/schema.json', '{}\n'],
]);
const NEW = new Map([
  ['catalog.json', '{"new":true}\n'],
  ['index.json', '{}\n'],
  ['skills/b.json', '{"b":1}\n'],
]);

/** The pid of a process that has exited. */
function deadPid(): number {
  const child = spawnSync(process.execPath, ['-e', '']);
  return child.pid as number;
}

async function setup(): Promise<{ parent: string; target: string }> {
  const parent = await makeTempDir();
  return { parent, target: path.join(parent, 'catalog') };
}

describe('writeCatalogFolder', () => {
  it('creates the folder with exactly the given files and leaves nothing beside it', async () => {
    const { parent, target } = await setup();
    await writeCatalogFolder(target, NEW);
    expect(await readCatalogFolder(target)).toEqual(NEW);
    expect(await readdir(parent)).toEqual(['catalog']);
  });

  it('replaces a previous catalog whole: files it no longer has are gone', async () => {
    const { parent, target } = await setup();
    await writeCatalogFolder(target, OLD);
    await writeCatalogFolder(target, NEW);
    expect(await readCatalogFolder(target)).toEqual(NEW);
    expect(await readdir(parent)).toEqual(['catalog']);
  });

  it('refuses to replace a folder holding files a build does not write, and leaves it alone', async () => {
    const { target } = await setup();
    await writeTree(target, { 'README.md': 'mine\n', 'catalog.json': '{}\n' });
    await expect(writeCatalogFolder(target, NEW)).rejects.toThrow(
      new OutputFolderError(`${target} holds files that a catalog build does not write (README.md); refusing to replace it`),
    );
    expect(await readCatalogFolder(target)).toEqual(new Map([['README.md', 'mine\n'], ['catalog.json', '{}\n']]));
  });

  it('leaves the previous catalog untouched and no staging folder when writing fails', async () => {
    const { parent, target } = await setup();
    await writeCatalogFolder(target, OLD);
    // `skills` as a file, then a file inside it: the second write fails half-way through.
    const broken = new Map([['catalog.json', 'x\n'], ['skills', 'not a folder\n'], ['skills/c.json', '{}\n']]);
    await expect(writeCatalogFolder(target, broken)).rejects.toThrow();
    expect(await readCatalogFolder(target)).toEqual(OLD);
    expect(await readdir(parent)).toEqual(['catalog']);
  });

  it('puts back the previous catalog that a run killed between its two renames left beside the target', async () => {
    const { parent, target } = await setup();
    const retired = path.join(parent, `catalog.old-${deadPid()}-0badc0de`);
    await writeTree(retired, Object.fromEntries(OLD));
    await expect(writeCatalogFolder(target, new Map([['skills', 'x'], ['skills/c.json', '{}']]))).rejects.toThrow();
    expect(await readCatalogFolder(target)).toEqual(OLD);
    expect(await readdir(parent)).toEqual(['catalog']);
  });

  it('removes staging and retired folders of dead runs but not those of a running one', async () => {
    const { parent, target } = await setup();
    const dead = deadPid();
    for (const name of [`catalog.tmp-${dead}-00000001`, `catalog.old-${dead}-00000002`, `catalog.tmp-${process.pid}-00000003`, 'catalog.tmp-notes']) {
      await mkdir(path.join(parent, name));
      await writeFile(path.join(parent, name, 'catalog.json'), '{}\n');
    }
    await writeCatalogFolder(target, NEW);
    expect((await readdir(parent)).sort()).toEqual(['catalog', `catalog.tmp-${process.pid}-00000003`, 'catalog.tmp-notes']);
  });
});

describe('compareCatalogFiles', () => {
  it('names each differing, missing and extra file in path order', () => {
    expect(compareCatalogFiles(NEW, OLD)).toEqual([
      { path: 'catalog.json', kind: 'differs' },
      { path: 'skills/a.json', kind: 'extra' },
      { path: 'skills/a/schema.json', kind: 'extra' },
      { path: 'skills/b.json', kind: 'missing' },
    ]);
    expect(compareCatalogFiles(NEW, new Map(NEW))).toEqual([]);
  });
});

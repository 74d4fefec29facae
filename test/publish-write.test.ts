import { spawnSync } from 'node:child_process';
import { mkdir, readdir, readlink, symlink, utimes, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { compareCatalogFiles } from '../src/publish/compare.js';
import { filesDigest, OutputFolderError, readCatalogFolder, versionsFolder, writeCatalogFolder } from '../src/publish/write.js';
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

/** The version folders of a target, sorted. */
async function versionNames(target: string): Promise<string[]> {
  return (await readdir(versionsFolder(target))).sort();
}

describe('writeCatalogFolder', () => {
  it('publishes a link to a digest-named version folder with exactly the given files, and nothing else beside it', async () => {
    const { parent, target } = await setup();
    await writeCatalogFolder(target, NEW);
    expect(await readCatalogFolder(target)).toEqual(NEW);
    expect((await readdir(parent)).sort()).toEqual(['catalog', 'catalog.versions']);
    expect(await readlink(target)).toBe(`catalog.versions/${filesDigest(NEW)}`);
    expect(await versionNames(target)).toEqual([filesDigest(NEW)]);
    expect(filesDigest(NEW)).toMatch(/^[0-9a-f]{24}$/);
  });

  it('writes a file given as pieces as their concatenation, in the same version folder as the joined text', async () => {
    const { target } = await setup();
    // Pieces with a two-byte character and an empty piece: the digest counts UTF-16 units, the file holds UTF-8.
    const parts = ['[\n', '{"a":"caf\u00e9 \u2190"}', '', ',\n', '{"b":1}', '\n]\n'];
    const joined = new Map([...NEW, ['documents.json', parts.join('')]]);
    await writeCatalogFolder(target, { entries: () => [...joined].sort(([a], [b]) => (a < b ? -1 : 1)).map(([file, text]): [string, string | string[]] => [file, file === 'documents.json' ? parts : text]) });
    expect(await readCatalogFolder(target)).toEqual(new Map([...joined].sort(([a], [b]) => (a < b ? -1 : 1))));
    expect(await readlink(target)).toBe(`catalog.versions/${filesDigest(joined)}`);
  });

  it('replaces a previous catalog whole with one rename of the link: files it no longer has are gone from the view', async () => {
    const { parent, target } = await setup();
    await writeCatalogFolder(target, OLD);
    await writeCatalogFolder(target, NEW);
    expect(await readCatalogFolder(target)).toEqual(NEW);
    expect((await readdir(parent)).sort()).toEqual(['catalog', 'catalog.versions']);
    expect(await versionNames(target)).toEqual([filesDigest(NEW), filesDigest(OLD)].sort());
  });

  it('keeps the current version and the two previous ones; the same content reuses its version folder', async () => {
    const { target } = await setup();
    const versions = [1, 2, 3, 4].map((n) => new Map([['catalog.json', `{"n":${n}}\n`]]));
    for (const [index, files] of versions.entries()) {
      await writeCatalogFolder(target, files);
      // Versions from the last minute are never removed: age each one as if written minutes apart.
      const written = path.join(versionsFolder(target), filesDigest(files));
      const when = new Date(Date.now() - (10 - index) * 120_000);
      await utimes(written, when, when);
    }
    expect(await versionNames(target)).toEqual([versions[1], versions[2], versions[3]].map((files) => filesDigest(files as Map<string, string>)).sort());
    await writeCatalogFolder(target, versions[3] as Map<string, string>);
    expect(await readCatalogFolder(target)).toEqual(versions[3]);
    expect(await versionNames(target)).toHaveLength(3);
  });

  it('moves a catalog folder of the old layout into the versions, then links the new one', async () => {
    const { target } = await setup();
    await writeTree(target, Object.fromEntries(OLD));
    await writeCatalogFolder(target, NEW);
    expect(await readCatalogFolder(target)).toEqual(NEW);
    const names = await versionNames(target);
    expect(names).toHaveLength(2);
    expect(names.filter((name) => name.startsWith('legacy-'))).toHaveLength(1);
  });

  it('refuses to replace a folder holding files a build does not write, or a link elsewhere, and leaves them alone', async () => {
    const { parent, target } = await setup();
    await writeTree(target, { 'README.md': 'mine\n', 'catalog.json': '{}\n' });
    await expect(writeCatalogFolder(target, NEW)).rejects.toThrow(
      new OutputFolderError(`${target} holds files that a catalog build does not write (README.md); refusing to replace it`),
    );
    expect(await readCatalogFolder(target)).toEqual(new Map([['README.md', 'mine\n'], ['catalog.json', '{}\n']]));
    const linked = path.join(parent, 'linked');
    await symlink(target, linked);
    await expect(writeCatalogFolder(linked, NEW)).rejects.toThrow(
      new OutputFolderError(`${linked} is a symbolic link to ${target}, not to a version of this catalog; refusing to replace it`),
    );
  });

  it('leaves the previous catalog untouched and no staging folder when writing fails', async () => {
    const { parent, target } = await setup();
    await writeCatalogFolder(target, OLD);
    // `skills` as a file, then a file inside it: the second write fails half-way through.
    const broken = new Map([['catalog.json', 'x\n'], ['skills', 'not a folder\n'], ['skills/c.json', '{}\n']]);
    await expect(writeCatalogFolder(target, broken)).rejects.toThrow();
    expect(await readCatalogFolder(target)).toEqual(OLD);
    expect((await readdir(parent)).sort()).toEqual(['catalog', 'catalog.versions']);
    expect(await versionNames(target)).toEqual([filesDigest(OLD)]);
  });

  it('removes staging folders of dead runs but not those of a running one', async () => {
    const { target } = await setup();
    const dead = deadPid();
    for (const name of [`.tmp-${dead}-00000001`, `.tmp-${process.pid}-00000003`]) {
      await mkdir(path.join(versionsFolder(target), name), { recursive: true });
      await writeFile(path.join(versionsFolder(target), name, 'catalog.json'), '{}\n');
    }
    await writeCatalogFolder(target, NEW);
    expect(await versionNames(target)).toEqual([`.tmp-${process.pid}-00000003`, filesDigest(NEW)]);
  });

  it('two builds at once to the same target both succeed, and the target is one of them whole', async () => {
    const { target } = await setup();
    await writeCatalogFolder(target, OLD);
    const builds = Array.from({ length: 6 }, (_, n) => (n % 2 === 0 ? NEW : new Map([...NEW, ['skills/c.json', `{"c":${n}}\n`]])));
    await Promise.all(builds.map((files) => writeCatalogFolder(target, files)));
    const published = await readCatalogFolder(target);
    expect(builds.some((files) => JSON.stringify([...files]) === JSON.stringify([...published]))).toBe(true);
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

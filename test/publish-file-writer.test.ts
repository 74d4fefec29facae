import { existsSync } from 'node:fs';
import { readdir, readlink } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { createFileWriter, type EncodedText } from '../src/publish/file-writer.js';
import { filesDigest, readCatalogFolder, versionsFolder, writeCatalogFolder } from '../src/publish/write.js';
import { makeTempDir } from './publish-fixtures.js';

/*
 * The build hands a catalog's files to a writer thread (src/publish/file-writer.ts) once it has
 * written a few itself: the published folder and its version name must be exactly those of
 * in-thread writes, and a failure on the thread must leave no half-written catalog.
 */

const WORKER = new URL('../dist/publish/write-worker.js', import.meta.url);
const compiled = existsSync(fileURLToPath(WORKER));

/** Many files in many folders (more batches than the writer keeps in flight), multi-byte text, and one file larger than a batch. */
function manyFiles(): Map<string, string> {
  const files = new Map<string, string>();
  files.set('catalog.json', `{"big":"${'é€𝄞x'.repeat(400_000)}"}\n`);
  for (let n = 0; n < 1500; n++) {
    const id = `skill-${String(n).padStart(4, '0')}`;
    files.set(`skills/${id}.html`, `<p>${id} ${'ü'.repeat(n % 97)}</p>\n`.repeat(1 + (n % 40)));
    files.set(`skills/${id}.json`, `{"id":"${id}"}\n`);
    files.set(`skills/${id}/schema.json`, `{"n":${n}}\n`);
  }
  files.set('skills/index.json', '{}\n');
  return new Map([...files].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
}

describe.runIf(compiled)('the catalog writer thread', () => {
  it('publishes the same files under the same version name as writes on the calling thread', async () => {
    const files = manyFiles();
    const parent = await makeTempDir();
    const threaded = path.join(parent, 'threaded');
    const here = path.join(parent, 'here');
    await writeCatalogFolder(threaded, files, createFileWriter({ threadAfter: 5, workerFile: WORKER }));
    await writeCatalogFolder(here, files, createFileWriter({ threadAfter: Number.POSITIVE_INFINITY }));
    const written = await readCatalogFolder(threaded);
    expect([...written.keys()]).toEqual([...files.keys()]);
    for (const [file, contents] of files) expect(written.get(file), file).toBe(contents);
    expect(await readlink(threaded)).toBe(`threaded.versions/${filesDigest(files)}`);
    expect(await readlink(here)).toBe(`here.versions/${filesDigest(files)}`);
    expect(await readdir(versionsFolder(threaded))).toEqual([filesDigest(files)]);
  });

  it('reports a write that fails on the thread, and leaves the previous catalog and no staging folder', async () => {
    const parent = await makeTempDir();
    const target = path.join(parent, 'catalog');
    const old = new Map([['catalog.json', '{"old":true}\n']]);
    await writeCatalogFolder(target, old);
    // `skills` as a file, then a file inside it: making its folder fails on the thread half-way through.
    const broken = new Map([['catalog.json', 'x\n'], ['skills', 'not a folder\n'], ['skills/c.json', '{}\n'], ['skills/d.json', '{}\n']]);
    await expect(writeCatalogFolder(target, broken, createFileWriter({ threadAfter: 1, workerFile: WORKER }))).rejects.toMatchObject({ code: 'EEXIST', message: expect.stringMatching(/^EEXIST: file already exists, mkdir '.*skills'$/) });
    expect(await readCatalogFolder(target)).toEqual(old);
    expect((await readdir(parent)).sort()).toEqual(['catalog', 'catalog.versions']);
    expect(await readdir(versionsFolder(target))).toEqual([filesDigest(old)]);
  });

  it('writes text already encoded to UTF-8 as it writes the string, under the same version name', async () => {
    const files = manyFiles();
    // Every other file handed over as bytes with its string length, as a prepared page is.
    const entries = () =>
      [...files].map(([file, text], at): [string, string | EncodedText] => [file, at % 2 === 0 ? text : { bytes: new TextEncoder().encode(text), length: text.length }]);
    const parent = await makeTempDir();
    for (const [name, threadAfter] of [['threaded', 3], ['here', Number.POSITIVE_INFINITY]] as const) {
      const target = path.join(parent, name);
      await writeCatalogFolder(target, { entries }, createFileWriter({ threadAfter, workerFile: WORKER }));
      const written = await readCatalogFolder(target);
      expect([...written.keys()]).toEqual([...files.keys()]);
      for (const [file, contents] of files) expect(written.get(file), file).toBe(contents);
      expect(await readlink(target)).toBe(`${name}.versions/${filesDigest(files)}`);
    }
  });
});

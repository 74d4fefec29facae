import { createHash } from 'node:crypto';
import { mkdir, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { type CatalogFileWriter, StagedWriter } from '../src/publish/staged-writer.js';
import { canUseWriterThread, ThreadWriter } from '../src/publish/thread-writer.js';
import { makeTempDir } from './publish-fixtures.js';

/** Every file under `folder` (relative path -> text), and every folder (relative path -> null). */
async function tree(folder: string, relative = ''): Promise<Map<string, string | null>> {
  const found = new Map<string, string | null>();
  for (const entry of (await readdir(path.join(folder, relative), { withFileTypes: true })).sort((a, b) => (a.name < b.name ? -1 : 1))) {
    const child = relative === '' ? entry.name : `${relative}/${entry.name}`;
    if (entry.isDirectory()) {
      found.set(child, null);
      for (const [name, text] of await tree(folder, child)) found.set(name, text);
    } else found.set(child, await readFile(path.join(folder, child), 'utf8'));
  }
  return found;
}

/** tsc's output of the writer thread (test/global-setup.ts builds dist/ first). */
const WORKER_FILE = new URL('../dist/publish/catalog-writer-worker.js', import.meta.url);

const WRITERS: Array<[string, (staging: string) => CatalogFileWriter]> = [
  ['StagedWriter (libuv thread pool)', (staging) => new StagedWriter(staging)],
  ['ThreadWriter (a thread of its own)', (staging) => new ThreadWriter(staging, WORKER_FILE)],
];

/** The header writeAll gives each file: what the digest holds before its bytes. */
function headerOf(relative: string): string {
  return `${relative}\u0000`;
}

/** Writes `files` (relative path -> pieces) as writeCatalogFolder does: awaiting room when told to. */
async function writeAll(writer: CatalogFileWriter, staging: string, files: ReadonlyArray<[string, readonly string[]]>): Promise<{ digest: string; waits: number }> {
  let waits = 0;
  for (const [relative, parts] of files) {
    const job = writer.begin(path.join(staging, ...relative.split('/')), headerOf(relative));
    for (const part of parts) {
      if (!writer.append(job, part)) {
        waits++;
        await writer.room();
      }
    }
    if (!writer.end(job)) {
      waits++;
      await writer.room();
    }
  }
  return { digest: await writer.finish(), waits };
}

/** The digest the writers give: each file's header, then its bytes. */
function digestOf(files: ReadonlyArray<[string, readonly string[]]>): string {
  const hash = createHash('sha256');
  for (const [relative, parts] of files) hash.update(headerOf(relative)).update(parts.join(''), 'utf8');
  return hash.digest('hex');
}

it('the writer thread is built', () => {
  expect(canUseWriterThread(WORKER_FILE)).toBe(true);
});

describe.each(WRITERS)('%s', (_name, makeWriter) => {
  it('writes each file as the UTF-8 of its pieces joined, makes each folder once after its parent, and hands the bytes over in order', async () => {
    const staging = path.join(await makeTempDir(), 'staging');
    await mkdir(staging);
    const files: Array<[string, string[]]> = [
      ['a.json', ['{"a":1}\n']],
      ['empty.txt', []],
      ['skills/x.html', ['<p>\u2190 caf\u00e9 ', '', '\u{1f600}</p>\n']],
      ['skills/x/deep/er/schema.json', ['{}', '\n']],
      ['skills/y.json', ['[', '\n', '1', '\n]\n']],
    ];
    const { digest } = await writeAll(makeWriter(staging), staging, files);
    expect(await tree(staging)).toEqual(
      new Map<string, string | null>([
        ['a.json', '{"a":1}\n'],
        ['empty.txt', ''],
        ['skills', null],
        ['skills/x', null],
        ['skills/x/deep', null],
        ['skills/x/deep/er', null],
        ['skills/x/deep/er/schema.json', '{}\n'],
        ['skills/x.html', '<p>\u2190 caf\u00e9 \u{1f600}</p>\n'],
        ['skills/y.json', '[\n1\n]\n'],
      ]),
    );
    expect(digest).toBe(digestOf(files));
  });

  it('bounds what waits for the disk: thousands of files and a 10 MB file of small pieces come out whole, and the caller is told to wait', async () => {
    const staging = path.join(await makeTempDir(), 'staging');
    await mkdir(staging);
    const files: Array<[string, string[]]> = [];
    // Pieces of varied lengths, some two-byte, some over the size that gets a buffer of its own.
    const big = Array.from({ length: 4000 }, (_, n) => `${n}:${'\u00e9\u2190x'.repeat(n % 7)}${'y'.repeat((n * 997) % 5000)}\n`);
    big.push('z'.repeat(400_000), '\u2190'.repeat(100_000));
    for (let n = 0; n < 3; n++) big.push(...big.slice(0, 4000));
    files.push(['big.txt', big]);
    for (let n = 0; n < 600; n++) {
      files.push([`skills/s${String(n).padStart(4, '0')}.html`, [`<p>\u2190 ${n}</p>`, 'q'.repeat(n * 13), '\n']]);
      files.push([`skills/s${String(n).padStart(4, '0')}/schema.json`, [`{"n":${n}}\n`]]);
    }
    const { digest, waits } = await writeAll(makeWriter(staging), staging, files);
    expect(waits).toBeGreaterThan(0);
    const written = await tree(staging);
    expect(written.size).toBe(1 + 1 + 600 * 3);
    expect(written.get('big.txt')).toBe(big.join(''));
    for (const [relative, parts] of files) expect(written.get(relative)).toBe(parts.join(''));
    expect(digest).toBe(digestOf(files));
  });

  it('throws the first failure at finish, once nothing is open: a file where a folder must go', async () => {
    const staging = path.join(await makeTempDir(), 'staging');
    await mkdir(staging);
    await writeFile(path.join(staging, 'skills'), 'not a folder\n');
    const writer = makeWriter(staging);
    for (const name of ['a', 'b', 'c']) writer.end(writer.begin(path.join(staging, 'skills', name, 'schema.json'), name));
    writer.end(writer.begin(path.join(staging, 'ok.json'), 'ok'));
    await expect(writer.finish()).rejects.toMatchObject({ code: 'EEXIST', syscall: 'mkdir' });
    expect(() => writer.begin(path.join(staging, 'later.json'), 'later')).toThrow(/EEXIST/);
    await rm(staging, { recursive: true });
  });

  it('gives up a file that is still being given when the caller abandons the write, and closes it before returning', async () => {
    const staging = path.join(await makeTempDir(), 'staging');
    await mkdir(staging);
    const writer = makeWriter(staging);
    const job = writer.begin(path.join(staging, 'half.json'), 'half');
    writer.append(job, '{"half":');
    await writer.room();
    await expect(writer.finish(true)).rejects.toThrow('abandoned');
    await rm(staging, { recursive: true });
  });

  it('refuses a file outside its staging folder', async () => {
    const staging = path.join(await makeTempDir(), 'staging');
    await mkdir(staging);
    const writer = makeWriter(staging);
    expect(() => writer.begin(path.join(path.dirname(staging), 'outside.json'), 'outside')).toThrow(`${path.join(path.dirname(staging), 'outside.json')} is not inside ${staging}`);
    await writer.finish();
  });
});

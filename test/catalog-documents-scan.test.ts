import { closeSync, openSync } from 'node:fs';
import { readFile, rename, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { readDocumentAt, scanDocumentsFile } from '../src/catalog/documents-scan.js';
import { loadCatalog } from '../src/catalog/load.js';
import { CatalogError } from '../src/catalog/types.js';
import { buildCatalog } from '../src/publish/build.js';
import { documentSpans } from '../src/publish/documents-file.js';
import { writeCatalogFolder } from '../src/publish/write.js';
import { IDS, makeTempDir, sourceOf } from './publish-fixtures.js';

function built(): { files: Map<string, string>; digests: string[] } {
  const result = buildCatalog([sourceOf(IDS.alpha), sourceOf(IDS.beta, { title: 'Beta — “Images”' }), sourceOf(IDS.gamma)]);
  if (!result.ok) throw new Error(JSON.stringify(result.problems));
  return { files: result.catalog.files, digests: result.catalog.skills.map((skill) => skill.sha256) };
}

/** documents.json with `from` replaced by `to` in its document number `index` only. */
function editedIn(documents: string, index: number, from: string, to: string): Buffer {
  const bytes = Buffer.from(documents);
  const spans = documentSpans(bytes, 3);
  if (typeof spans === 'string') throw new Error(spans);
  const { start, end } = spans[index]!;
  const at = bytes.subarray(start, end).indexOf(from);
  if (at < 0) throw new Error(`no ${from} in document ${index}`);
  return Buffer.concat([bytes.subarray(0, start + at), Buffer.from(to), bytes.subarray(start + at + Buffer.byteLength(from))]);
}

async function scanned(text: string | Buffer, digests: readonly string[], step?: number) {
  const file = path.join(await makeTempDir(), 'documents.json');
  await writeFile(file, text);
  const fd = openSync(file, 'r');
  try {
    return scanDocumentsFile(fd, digests, step);
  } finally {
    closeSync(fd);
  }
}

describe('scanDocumentsFile (the fast pass over documents.json)', () => {
  it('finds the spans documentSpans finds, whatever the read boundaries', async () => {
    const { files, digests } = built();
    const documents = files.get('documents.json') as string;
    const expected = documentSpans(Buffer.from(documents), 3);
    for (const step of [1, 2, 3, 5, 7, 64, 1000, 1 << 20]) expect(await scanned(documents, digests, step)).toEqual(expected);
  });

  it('vouches for nothing that the exact check would refuse or would have to parse', async () => {
    const { files, digests } = built();
    const documents = files.get('documents.json') as string;
    const cases: Array<[string, string | Buffer, readonly string[]]> = [
      ['another digest listed', documents, [digests[0] as string, digests[2] as string, digests[1] as string]],
      ['one document fewer listed', documents, digests.slice(0, 2)],
      ['one document more listed', documents, [...digests, digests[0] as string]],
      ['an edited document', editedIn(documents, 1, '"estimated_duration_s": 60,', '"estimated_duration_s": 61,'), digests],
      ['cut short', documents.slice(0, -100), digests],
      ['without the final line feed', documents.slice(0, -1), digests],
      ['bytes after the end', `${documents}\n`, digests],
      ['no `[` line', documents.replace('[\n', '['), digests],
      ['a space before a document', documents.replace('},\n{', '},\n {'), digests],
      ['a compact document', documents.replace(/\{\n[^]*?\n\}(?=,\n\{)/, (text) => JSON.stringify(JSON.parse(text))), digests],
      ['nothing', '', digests],
      ['no documents', '[]\n', []],
    ];
    for (const [name, text, listed] of cases) expect([name, await scanned(text, listed, 5)]).toEqual([name, undefined]);
  });

  it('reads a document again at its first use only when its bytes are still the ones checked', async () => {
    const { files, digests } = built();
    const documents = files.get('documents.json') as string;
    const spans = documentSpans(Buffer.from(documents), 3);
    if (typeof spans === 'string') throw new Error(spans);
    const file = path.join(await makeTempDir(), 'documents.json');
    await writeFile(file, documents);
    const fd = openSync(file, 'r');
    try {
      expect(readDocumentAt(fd, spans[1]!, digests[1]!)?.toString('utf8')).toBe((files.get(`skills/${IDS.beta}.json`) as string).slice(0, -1));
      expect(readDocumentAt(fd, spans[1]!, digests[0]!)).toBeUndefined();
      await writeFile(file, Buffer.from(documents).subarray(0, spans[1]!.end - 1));
      expect(readDocumentAt(fd, spans[1]!, digests[1]!)).toBeUndefined();
    } finally {
      closeSync(fd);
    }
  });
});

describe('loadCatalog with documents.json left on disk', () => {
  async function written(): Promise<string> {
    const dir = path.join(await makeTempDir(), 'catalog');
    await writeCatalogFolder(dir, built().files);
    return dir;
  }

  it('serves the version it checked after that folder was replaced and removed', async () => {
    const dir = await written();
    const catalog = await loadCatalog(dir);
    const expected = JSON.parse(built().files.get(`skills/${IDS.beta}.json`) as string) as unknown;
    await rename(dir, `${dir}.old`);
    await rm(`${dir}.old`, { recursive: true, force: true });
    expect(catalog.get(IDS.beta)).toEqual(expected);
    expect(catalog.validateInput(IDS.gamma, { prompt: 'x' })).toEqual({ valid: true, errors: [] });
  });

  it('refuses a skill, at its first use and every later one, whose bytes were rewritten in place after the load', async () => {
    const dir = await written();
    const catalog = await loadCatalog(dir);
    expect(catalog.get(IDS.alpha)?.id).toBe(IDS.alpha);
    const file = path.join(dir, 'documents.json');
    await writeFile(file, editedIn(await readFile(file, 'utf8'), 1, '"estimated_duration_s": 60,', '"estimated_duration_s": 61,'));
    const refusal = new CatalogError(`${dir}: documents.json: ${IDS.beta}: it changed on disk after the catalog was loaded`);
    expect(() => catalog.get(IDS.beta)).toThrow(refusal);
    expect(() => catalog.validateInput(IDS.beta, { prompt: 'x' })).toThrow(refusal);
    // A skill read before the rewrite keeps its checked document.
    expect(catalog.get(IDS.alpha)?.id).toBe(IDS.alpha);
  });
});

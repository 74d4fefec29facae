import { readFile, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { Ajv2020 } from 'ajv/dist/2020.js';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { catalogFromFiles, loadCatalog } from '../src/catalog/load.js';
import { CatalogError, type Catalog, type CatalogIndex } from '../src/catalog/types.js';
import { buildCatalog, catalogDigest } from '../src/publish/build.js';
import { canonicalJson, sha256Hex } from '../src/publish/canonical-json.js';
import { documentsFileText } from '../src/publish/documents-file.js';
import { writeCatalogFolder } from '../src/publish/write.js';
import { startServer } from '../src/server/server.js';
import { IDS, makeTempDir, sourceOf } from './publish-fixtures.js';

const AGENTS = `interface:
  display_name: "Gamma Showcase"
  short_description: "Generate one showcase image from a prompt"
  default_prompt: "Use this skill for the gamma showcase."
`;

function builtFiles(): Map<string, string> {
  const result = buildCatalog([
    sourceOf(IDS.alpha, { description: 'Generate one image from a text prompt. Use it for quick concept frames.' }),
    sourceOf(IDS.beta, { title: 'Beta Images', description: 'Paint a watercolor landscape from a short prompt.' }),
    sourceOf(IDS.gamma, { extraTags: ['showcase'], agentsYaml: AGENTS }),
  ]);
  if (!result.ok) throw new Error(JSON.stringify(result.problems));
  return result.catalog.files;
}

/** The built files with beta's document changed by `edit`, every digest recomputed to agree. */
function forgedFiles(edit: (skill: Record<string, unknown>) => Record<string, unknown>): Map<string, string> {
  const files = builtFiles();
  const { sha256: _old, ...content } = edit(JSON.parse(files.get(`skills/${IDS.beta}.json`) as string) as Record<string, unknown>);
  const sha256 = sha256Hex(canonicalJson(content));
  files.set(`skills/${IDS.beta}.json`, canonicalJson({ ...content, sha256 }));
  const index = JSON.parse(files.get('catalog.json') as string) as CatalogIndex;
  index.skills = index.skills.map((summary) => (summary.id === IDS.beta ? { ...summary, sha256 } : summary));
  index.sha256 = catalogDigest(index.skills.map((summary) => summary.sha256));
  files.set('catalog.json', canonicalJson(index));
  files.set('documents.json', documentsFileText(index.skills.map((summary) => files.get(`skills/${summary.id}.json`) as string)));
  return files;
}

const ids = (catalog: Catalog, query: Parameters<Catalog['list']>[0]) => catalog.list(query).items.map((item) => item.id);

afterEach(() => {
  vi.restoreAllMocks();
});

describe('list', () => {
  it('returns summaries sorted by id, with the paging it applied', async () => {
    const catalog = await catalogFromFiles(builtFiles());
    const list = catalog.list();
    expect({ ...list, items: list.items.map((item) => item.id) }).toEqual({ items: [IDS.alpha, IDS.beta, IDS.gamma], total: 3, limit: 50, offset: 0 });
    expect(list.items[0]).not.toHaveProperty('input_schema');
    expect(Object.keys(list.items[0] as object).sort()).toEqual([
      'capability', 'category', 'default_profile', 'description', 'estimated_duration_s', 'id', 'model_type', 'name', 'path', 'sha256', 'tags', 'version',
    ]);
  });

  it('filters by exact tag and by search words over id, name, description and tags', async () => {
    const catalog = await catalogFromFiles(builtFiles());
    expect(ids(catalog, { tag: 'showcase' })).toEqual([IDS.gamma]);
    expect(ids(catalog, { tag: 'show' })).toEqual([]);
    expect(ids(catalog, { search: 'gamma' })).toEqual([IDS.gamma]);
    expect(ids(catalog, { search: 'BETA images' })).toEqual([IDS.beta]);
    expect(ids(catalog, { search: 'watercolor' })).toEqual([IDS.beta]);
    expect(ids(catalog, { search: 'showcase' })).toEqual([IDS.gamma]);
    expect(ids(catalog, { search: 'prompt concept' })).toEqual([IDS.alpha, IDS.gamma]);
    expect(ids(catalog, { search: 'watercolor PROMPT' })).toEqual([IDS.beta]);
    expect(ids(catalog, { search: 'prompt', tag: 'showcase' })).toEqual([IDS.gamma]);
    expect(ids(catalog, { search: '   ' })).toEqual([IDS.alpha, IDS.beta, IDS.gamma]);
  });

  it('pages with limit and offset and counts every match in total', async () => {
    const catalog = await catalogFromFiles(builtFiles());
    expect(catalog.list({ limit: 1, offset: 1 })).toMatchObject({ total: 3, limit: 1, offset: 1 });
    expect(ids(catalog, { limit: 1, offset: 1 })).toEqual([IDS.beta]);
    expect(ids(catalog, { limit: 2, offset: 2 })).toEqual([IDS.gamma]);
    expect(catalog.list({ offset: 7 })).toEqual({ items: [], total: 3, limit: 50, offset: 7 });
    expect(catalog.list({ limit: 0 })).toEqual({ items: [], total: 3, limit: 0, offset: 0 });
  });

  it('refuses a limit or offset that is not a whole number in range', async () => {
    const catalog = await catalogFromFiles(builtFiles());
    expect(() => catalog.list({ limit: -1 })).toThrow(new CatalogError('`limit` must be a whole number from 0 to 1000, got -1'));
    expect(() => catalog.list({ limit: 1001 })).toThrow(CatalogError);
    expect(() => catalog.list({ offset: 1.5 })).toThrow(CatalogError);
  });
});

describe('get and schema', () => {
  it('returns the full skill and its schema pair, frozen; undefined for an unknown id', async () => {
    const files = builtFiles();
    const catalog = await catalogFromFiles(files);
    const skill = catalog.get(IDS.beta);
    expect(skill).toEqual(JSON.parse(files.get(`skills/${IDS.beta}.json`) as string));
    expect(catalog.schema(IDS.beta)).toEqual(JSON.parse(files.get(`skills/${IDS.beta}/schema.json`) as string));
    expect(Object.isFrozen(skill)).toBe(true);
    expect(Object.isFrozen(skill?.input_schema['properties'])).toBe(true);
    expect(catalog.get('popiskill-image-text2image-delta-v1')).toBeUndefined();
    expect(catalog.schema('nope')).toBeUndefined();
    expect(catalog.closestIds('popiskill-image-text2image-betta-v1')[0]).toBe(IDS.beta);
    expect(catalog.sha256).toBe(JSON.parse(files.get('catalog.json') as string).sha256);
  });
});

describe('validateInput', () => {
  it('accepts a payload that matches the input schema', async () => {
    const catalog = await catalogFromFiles(builtFiles());
    const result = catalog.validateInput(IDS.alpha, { prompt: 'a lighthouse', aspect_ratio: '16:9', strength: 0.5 });
    expect(result).toEqual({ valid: true, errors: [] });
    // Every valid answer is one shared, frozen object: the hot path allocates nothing.
    expect(Object.isFrozen(result) && Object.isFrozen(result?.errors)).toBe(true);
    expect(catalog.validateInput(IDS.beta, { prompt: 'x' })).toBe(result);
  });

  it('reports every problem with a JSON pointer, a message that says what was expected, and the keyword', async () => {
    const catalog = await catalogFromFiles(builtFiles());
    const result = catalog.validateInput(IDS.alpha, { aspect_ratio: 'wide', strength: 'high', colour: 'red' });
    expect(result).toEqual({
      valid: false,
      errors: [
        { path: '', message: 'The input needs `prompt`.', keyword: 'required' },
        { path: '/colour', message: '`colour` is not an input of this skill.', keyword: 'additionalProperties' },
        { path: '/aspect_ratio', message: '`aspect_ratio` must be a string matching `^[1-9][0-9]*:[1-9][0-9]*$`, got the string "wide".', keyword: 'pattern' },
        { path: '/strength', message: '`strength` must be a number from 0 to 1, got the string "high".', keyword: 'type' },
      ],
    });
  });

  it('returns undefined for an unknown skill', async () => {
    const catalog = await catalogFromFiles(builtFiles());
    expect(catalog.validateInput('popiskill-image-text2image-delta-v1', {})).toBeUndefined();
  });

  it('compiles each field check once for every skill, and a skill\'s full validator once, at its first refused payload', async () => {
    const compile = vi.spyOn(Ajv2020.prototype, 'compile');
    const catalog = await catalogFromFiles(builtFiles());
    const afterLoad = compile.mock.calls.length;
    for (let i = 0; i < 50; i++) expect(catalog.validateInput(IDS.alpha, { prompt: `p${i}` })?.valid).toBe(true);
    // prompt, aspect_ratio and strength: one check each.
    expect(compile.mock.calls.length - afterLoad).toBe(3);
    // beta lists the same fields: nothing new to compile.
    expect(catalog.validateInput(IDS.beta, { prompt: 'x', strength: 0.5 })?.valid).toBe(true);
    expect(compile.mock.calls.length - afterLoad).toBe(3);
    // A refused payload is explained by the skill's own validator, compiled once.
    expect(catalog.validateInput(IDS.alpha, {})?.valid).toBe(false);
    expect(catalog.validateInput(IDS.alpha, { prompt: '' })?.valid).toBe(false);
    expect(compile.mock.calls.length - afterLoad).toBe(4);
  });
});

describe('loadCatalog', () => {
  async function writtenCatalog(): Promise<string> {
    const dir = path.join(await makeTempDir(), 'catalog');
    await writeCatalogFolder(dir, builtFiles());
    return dir;
  }

  it('opens a catalog folder written by the build', async () => {
    const catalog = await loadCatalog(await writtenCatalog());
    expect(catalog.ids).toEqual([IDS.alpha, IDS.beta, IDS.gamma]);
    expect(catalog.validateInput(IDS.gamma, { prompt: 'x' })).toEqual({ valid: true, errors: [] });
  });

  it('reads a catalog built before documents.json from each skills/<id>.json', async () => {
    const dir = await writtenCatalog();
    await rm(path.join(dir, 'documents.json'));
    const catalog = await loadCatalog(dir);
    expect(catalog.ids).toEqual([IDS.alpha, IDS.beta, IDS.gamma]);
    expect(catalog.get(IDS.beta)).toEqual(JSON.parse(builtFiles().get(`skills/${IDS.beta}.json`) as string));
    expect(catalog.validateInput(IDS.gamma, { prompt: 'x' })).toEqual({ valid: true, errors: [] });
  });

  it('refuses, at its first use and every later one, a document whose digests agree but whose content does not match its schema', async () => {
    const files = forgedFiles((skill) => ({ ...skill, sections: { workflow: 42 } }));
    const dir = path.join(await makeTempDir(), 'catalog');
    await writeCatalogFolder(dir, files);
    const catalog = await loadCatalog(dir);
    expect(catalog.ids).toEqual([IDS.alpha, IDS.beta, IDS.gamma]);
    expect(catalog.list().items.map((item) => item.id)).toEqual([IDS.alpha, IDS.beta, IDS.gamma]);
    const refusal = new CatalogError(`${dir}: documents.json: ${IDS.beta} does not match its schema: /sections/workflow must be string`);
    expect(() => catalog.get(IDS.beta)).toThrow(refusal);
    expect(() => catalog.schema(IDS.beta)).toThrow(refusal);
    expect(() => catalog.validateInput(IDS.beta, { prompt: 'x' })).toThrow(refusal);
    expect(() => catalog.get(IDS.beta)).toThrow(refusal);
    // The other skills are served.
    expect(catalog.get(IDS.alpha)?.id).toBe(IDS.alpha);
    expect(catalog.validateInput(IDS.gamma, { prompt: 'x' })).toEqual({ valid: true, errors: [] });
    // `serve` answers that skill with a 500 that says why, and the others as usual.
    const running = await startServer({ catalog, port: 0, log: () => undefined });
    try {
      const refused = await fetch(`${running.url}/skills/${IDS.beta}`);
      expect([refused.status, await refused.json()]).toEqual([500, { ok: false, error: { code: 'internal', message: refusal.message } }]);
      expect((await fetch(`${running.url}/skills/${IDS.alpha}`)).status).toBe(200);
    } finally {
      await running.close();
    }
    // Held in memory, the same refusal without a folder name.
    await expect(catalogFromFiles(files).then((held) => held.get(IDS.beta))).rejects.toThrow(
      new CatalogError(`documents.json: ${IDS.beta} does not match its schema: /sections/workflow must be string`),
    );
  });

  it('refuses a skill at its first use when catalog.json\'s summary of it was edited', async () => {
    const files = builtFiles();
    files.set('catalog.json', (files.get('catalog.json') as string).replace('"name": "Beta Images"', '"name": "Better Images"'));
    const catalog = await catalogFromFiles(files);
    expect(catalog.list({ search: 'better' }).total).toBe(1);
    expect(() => catalog.get(IDS.beta)).toThrow(new CatalogError(`documents.json: ${IDS.beta}: it does not agree with its summary in catalog.json`));
  });

  it('says what is wrong with a missing, tampered or inconsistent catalog', async () => {
    const missing = path.join(await makeTempDir(), 'nothing');
    await expect(loadCatalog(missing)).rejects.toThrow(new CatalogError(`${missing}: catalog.json is missing`));

    // The server reads documents.json; an edit of a document there is refused at load.
    const tampered = await writtenCatalog();
    const documents = path.join(tampered, 'documents.json');
    const betaText = (builtFiles().get(`skills/${IDS.beta}.json`) as string).slice(0, -1);
    expect(betaText).toContain('"estimated_duration_s": 60,');
    await writeFile(documents, (await readFile(documents, 'utf8')).replace(betaText, betaText.replace('"estimated_duration_s": 60,', '"estimated_duration_s": 61,')));
    await expect(loadCatalog(tampered)).rejects.toThrow(new CatalogError(`${tampered}: documents.json: ${IDS.beta}: its sha256 does not match its content`));

    const cut = await writtenCatalog();
    const cutFile = path.join(cut, 'documents.json');
    await writeFile(cutFile, (await readFile(cutFile, 'utf8')).slice(0, -100));
    await expect(loadCatalog(cut)).rejects.toThrow(new CatalogError(`${cut}: documents.json: it is cut short in document 3 of 3`));

    // A catalog without documents.json (built before it existed) is read from skills/<id>.json, each checked.
    const older = await writtenCatalog();
    await rm(path.join(older, 'documents.json'));
    const file = path.join(older, 'skills', `${IDS.beta}.json`);
    const skill = JSON.parse(builtFiles().get(`skills/${IDS.beta}.json`) as string) as Record<string, unknown>;
    await writeFile(file, JSON.stringify({ ...skill, estimated_duration_s: 61 }));
    await expect(loadCatalog(older)).rejects.toThrow(new CatalogError(`${older}: skills/${IDS.beta}.json: its sha256 does not match its content`));

    const gone = await writtenCatalog();
    await rm(path.join(gone, 'documents.json'));
    await rm(path.join(gone, 'skills', `${IDS.gamma}.json`));
    await expect(loadCatalog(gone)).rejects.toThrow(new CatalogError(`${gone}: skills/${IDS.gamma}.json is missing`));

    const broken = await writtenCatalog();
    await writeFile(path.join(broken, 'catalog.json'), '{"version": 1,');
    await expect(loadCatalog(broken)).rejects.toThrow(/^.*: catalog\.json is not valid JSON: /);

    const foreign = await writtenCatalog();
    await writeFile(path.join(foreign, 'catalog.json'), JSON.stringify({ version: 2, sha256: 'x', skills: [] }));
    await expect(loadCatalog(foreign)).rejects.toThrow(`${foreign}: catalog.json does not match its schema: /version must be equal to constant; /sha256 must match pattern "^[0-9a-f]{64}$"`);
  });
});

import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { describe, expect, it } from 'vitest';
import { createPayloadAjv, INDEX_SCHEMA_FILES, indexSchemasDigest } from '../src/catalog/ajv.js';
import { fastCheckSource } from '../src/catalog/fast-check-code.js';
import { buildCatalog } from '../src/publish/build.js';
import { IDS, sourceOf } from './publish-fixtures.js';

type Check = (value: unknown) => boolean;

/** What `npm run build` wrote (src/catalog/ajv.ts loads it from dist/ the same way). */
function generated(): { accepts: Check; sha256: string } {
  return createRequire(import.meta.url)('../dist/generated/catalog-index.cjs') as { accepts: Check; sha256: string };
}

function compiledAjv(): Check {
  const texts = INDEX_SCHEMA_FILES.map((file) => readFileSync(new URL(`../schemas/${file}`, import.meta.url), 'utf8'));
  const ajv = createPayloadAjv();
  ajv.addSchema(JSON.parse(texts[1] as string) as object);
  return ajv.compile(JSON.parse(texts[0] as string) as object);
}

function fixtureIndex(): Record<string, unknown> & { skills: Array<Record<string, unknown>> } {
  const built = buildCatalog([sourceOf(IDS.alpha), sourceOf(IDS.beta), sourceOf(IDS.gamma, { extraTags: ['showcase'] })]);
  if (!built.ok) throw new Error('the fixture catalog did not build');
  return JSON.parse(built.catalog.files.get('catalog.json') as string) as Record<string, unknown> & { skills: Array<Record<string, unknown>> };
}

const ASTRAL = '\u{1F600}';
/** Values each field of a summary is replaced with: every kind, and the edges of each constraint. */
const VALUES: unknown[] = [
  null, true, false, 0, 1, -1, 1.5, 60, 2 ** 53, '', 'a', 'x'.repeat(64), 'x'.repeat(65), 'image', 'Image', 'two words',
  'v1', 'v0', 'v12', 'popiskill-image-x-v1', `popiskill-${'a'.repeat(51)}-v1`, `popiskill-${'a'.repeat(52)}-v1`,
  'skills/x/SKILL.md', '/abs/SKILL.md', 'skills/../x', '.', 'a/./b', 'line\nbreak', 'é',
  'a'.repeat(1024), 'a'.repeat(1025), ASTRAL.repeat(1024), ASTRAL.repeat(1025), `${ASTRAL.repeat(1023)}ab`, '\ud800'.repeat(1025),
  'f'.repeat(64), 'F'.repeat(64), 'f'.repeat(63), [], ['image'], ['image', 'image'], ['image', 'video'], ['Image'], [1], [null],
  Array.from({ length: 20 }, (_, i) => `t${i}`), [...Array.from({ length: 20 }, (_, i) => `t${i}`), 't3'], {}, { a: 1 },
];

describe('the yes/no check of the catalog index generated from its schema', () => {
  it('is built next to ajv\'s validator, from the current schema texts, and accepts a built index', () => {
    const texts = INDEX_SCHEMA_FILES.map((file) => readFileSync(new URL(`../schemas/${file}`, import.meta.url), 'utf8'));
    expect(generated().sha256).toBe(indexSchemasDigest(texts));
    expect(typeof generated().accepts).toBe('function');
    expect(generated().accepts(fixtureIndex())).toBe(true);
  });

  it('gives ajv\'s verdict on every summary field replaced by every kind of value, on missing and unknown keys and on the top level', () => {
    const { accepts } = generated();
    const ajv = compiledAjv();
    const index = fixtureIndex();
    const first = index.skills[0] as Record<string, unknown>;
    const samples: unknown[] = [index, { ...index, $schema: 'https://popiart.dev/schemas/catalog.schema.json' }, { ...index, $schema: 'x' }];
    for (const key of [...Object.keys(first), 'unknown_key', '__proto__', 'constructor', 'toString']) {
      const without = { ...first };
      delete without[key];
      samples.push({ ...index, skills: [without, ...index.skills.slice(1)] });
      for (const value of VALUES) {
        // Through JSON, as loadCatalog gets it (a computed `__proto__` key is an own property, kept).
        const changed = JSON.parse(JSON.stringify({ ...first, [key]: value })) as unknown;
        samples.push({ ...index, skills: [...index.skills.slice(1), changed] });
      }
    }
    // An own `__proto__` key, as JSON.parse makes it.
    samples.push(JSON.parse(JSON.stringify(index).replace('"skills": [', '"skills": [{"__proto__": 1},').replace('"skills":[', '"skills":[{"__proto__":1},')) as unknown);
    for (const key of ['version', 'sha256', 'skills', 'extra']) {
      for (const value of [...VALUES, index.sha256, index.skills]) samples.push({ ...index, [key]: value });
      const without = { ...index };
      delete without[key];
      samples.push(without);
    }
    samples.push(null, [], 'catalog', 1, { ...index, skills: [null] }, { ...index, skills: [[]] }, { ...index, skills: {} });
    let refused = 0;
    for (const sample of samples) {
      const expected = ajv(sample);
      expect([JSON.stringify(sample).slice(0, 300), accepts(sample)]).toEqual([JSON.stringify(sample).slice(0, 300), expected]);
      if (!expected) refused++;
    }
    expect(samples.length).toBeGreaterThan(900);
    expect(refused).toBeGreaterThan(500);
  });

  it('refuses, leaving the verdict to ajv, while Object.prototype has an enumerable key', () => {
    const { accepts } = generated();
    const index = fixtureIndex();
    const ajv = compiledAjv();
    let verdicts: boolean[];
    Object.defineProperty(Object.prototype, 'polluted', { value: 1, enumerable: true, configurable: true, writable: true });
    try {
      verdicts = [accepts(index), ajv(index)];
    } finally {
      delete (Object.prototype as Record<string, unknown>).polluted;
    }
    expect(verdicts).toEqual([false, true]);
    expect(accepts(index)).toBe(true);
  });

  it('is only written for schemas made of the keywords it knows', () => {
    const resolve = (): unknown => undefined;
    expect(fastCheckSource({ type: 'object', properties: { a: { oneOf: [{ type: 'string' }] } } }, resolve)).toBeUndefined();
    expect(fastCheckSource({ type: 'array', items: { type: 'object' }, uniqueItems: true }, resolve)).toBeUndefined();
    expect(fastCheckSource({ type: 'object', $ref: 'other.json#/x' }, resolve)).toBeUndefined();
    expect(fastCheckSource({ type: 'object', properties: { a: { const: { deep: true } } } }, resolve)).toBeUndefined();
    expect(fastCheckSource({ type: 'object', additionalProperties: { type: 'string' } }, resolve)).toBeUndefined();
    // A $ref'd object shell: additionalProperties closes an object to its own properties only,
    // unevaluatedProperties to the shell's too (ajv's verdicts, on every sample).
    const ajv = createPayloadAjv();
    ajv.addSchema({ $id: 'https://example.com/shell.json', type: 'object', properties: { b: { type: 'integer' } }, required: ['b'] });
    ajv.addSchema({ $id: 'https://example.com/open.json', type: 'object', properties: { b: { type: 'integer' } } });
    const shells: Record<string, unknown> = { 'shell.json': ajv.getSchema('https://example.com/shell.json')?.schema, 'open.json': ajv.getSchema('https://example.com/open.json')?.schema };
    const samples = [{}, { b: 1 }, { b: 'x' }, { c: 'x' }, { b: 1, c: 'x' }, { b: 1, d: 1 }, { c: 1, d: 1 }, [], null];
    for (const schema of [
      { $id: 'https://example.com/a.json', type: 'object', $ref: 'shell.json', properties: { c: true }, unevaluatedProperties: false },
      { $id: 'https://example.com/b.json', type: 'object', $ref: 'open.json', properties: { c: true }, additionalProperties: false },
      { $id: 'https://example.com/c.json', type: 'object', $ref: 'shell.json', properties: { c: true } },
      { $id: 'https://example.com/d.json', type: 'object', properties: { c: { type: 'string', minLength: 2 } }, required: ['c'] },
    ]) {
      const source = fastCheckSource(schema, (ref) => shells[ref]);
      const check = new Function(`return ${source as string};`)() as Check;
      const validate = ajv.compile(schema);
      for (const sample of samples) expect([schema.$id, sample, check(sample)]).toEqual([schema.$id, sample, validate(sample)]);
    }
  });
});

import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { describe, expect, it } from 'vitest';
import type { ValidateFunction } from 'ajv';
import { createAjv } from '../src/check/environment.js';
import { LINT_TIME_AJV_OPTIONS } from '../src/check/payload/payload-validators.js';
import { generatedPayloadVocabulary, STATIC_SCHEMAS, vocabularyVerifiedByBuild, type StaticSchemaName } from '../src/check/static-validators.js';
import { loadVocabulary } from '../src/load/vocabulary.js';
import { createPayloadAjv, INDEX_SCHEMA_FILES, indexSchemasDigest } from '../src/catalog/ajv.js';
import { buildCatalog } from '../src/publish/build.js';
import { IDS, sourceOf } from './publish-fixtures.js';

/** The code `npm run build` generated (the CLI and the library load it instead of compiling). */
const generated = createRequire(import.meta.url)('../dist/generated/static-validators.cjs') as Record<string, unknown> & {
  sha256: Record<string, string>;
};

const schemaText = (name: StaticSchemaName) => readFileSync(new URL(`../schemas/${STATIC_SCHEMAS[name]}`, import.meta.url), 'utf8');

const SAMPLES: Record<StaticSchemaName, unknown[]> = {
  frontMatter: [
    { name: 'popiskill-image-text2image-demo-v1', description: 'x', tags: ['image'], version: 'v1', model_type: 'image', estimated_duration_s: 30 },
    { name: 5, description: [], tags: 'image', version: 1, model_type: 'sound', estimated_duration_s: -5, default_profile: 'yes' },
    {},
    'not an object',
  ],
  agents: [
    { interface: { display_name: 'Demo', short_description: 'Generate one image from one prompt', default_prompt: 'Use it.' } },
    { interface: { display_name: 5, short_description: 'short' }, policy: { allow_implicit_invocation: 'yes' } },
    [],
  ],
  vocabularyFile: [JSON.parse(readFileSync(new URL('../schemas/input-fields.json', import.meta.url), 'utf8')), { input: { x: 5 } }, { input: [] }, null],
};

describe('validators generated at build time for the static schemas', () => {
  for (const name of Object.keys(STATIC_SCHEMAS) as StaticSchemaName[]) {
    it(`${name}: made from the current schema text, same verdicts and errors as a run-time compile`, () => {
      expect(generated.sha256[name]).toBe(createHash('sha256').update(schemaText(name)).digest('hex'));
      const built = generated[name] as ValidateFunction;
      const compiled = createAjv().compile(JSON.parse(schemaText(name)) as object);
      const verdicts: boolean[] = [];
      for (const sample of SAMPLES[name]) {
        const verdict = built(sample);
        expect(verdict).toBe(compiled(sample));
        expect(built.errors ?? null).toEqual(compiled.errors ?? null);
        verdicts.push(verdict);
      }
      // The samples cover both verdicts, so the comparison is not only of silence.
      expect(verdicts).toContain(true);
      expect(verdicts).toContain(false);
    });
  }
});

describe('the payload checks validator of the built-in field vocabulary, generated at build time', () => {
  const generatedVocabulary = createRequire(import.meta.url)('../dist/generated/payload-vocabulary.cjs') as { payloadVocabulary: ValidateFunction; sha256: Record<string, string> };
  const schema = { type: 'object', properties: Object.fromEntries(loadVocabulary(createAjv).input) };

  it('is made from the current vocabulary and used only for exactly that schema', () => {
    expect(generatedVocabulary.sha256['payloadVocabulary']).toBe(createHash('sha256').update(JSON.stringify(schema)).digest('hex'));
    expect(generatedPayloadVocabulary(schema)).toBeUndefined(); // from src/, no generated code sits beside the module
    const extended = { ...schema, properties: { ...schema.properties, lighting_rig: { type: 'string' } } };
    expect(createHash('sha256').update(JSON.stringify(extended)).digest('hex')).not.toBe(generatedVocabulary.sha256['payloadVocabulary']);
  });

  it('gives the verdicts and errors of a lint-time compile', () => {
    const compiled = createAjv(LINT_TIME_AJV_OPTIONS).compile(schema);
    const samples = [{}, { prompt: 'a cat', strength: 0.5 }, { prompt: '', strength: 2, image_url: 5 }, { aspect_ratio: 'wide', seed: -1, extra: true }, [], 'x'];
    const verdicts = samples.map((sample) => {
      const verdict = generatedVocabulary.payloadVocabulary(sample);
      expect(verdict).toBe(compiled(sample));
      expect(generatedVocabulary.payloadVocabulary.errors ?? null).toEqual(compiled.errors ?? null);
      return verdict;
    });
    expect(verdicts).toContain(true);
    expect(verdicts).toContain(false);
  });
});

describe('the catalog index validator generated at build time (loadCatalog reads it instead of compiling)', () => {
  it('is made from the current schema texts and gives the same verdicts and errors as a run-time compile', () => {
    const generatedIndex = createRequire(import.meta.url)('../dist/generated/catalog-index.cjs') as { index: ValidateFunction; sha256: string };
    const texts = INDEX_SCHEMA_FILES.map((file) => readFileSync(new URL(`../schemas/${file}`, import.meta.url), 'utf8'));
    expect(generatedIndex.sha256).toBe(indexSchemasDigest(texts));
    const ajv = createPayloadAjv();
    ajv.addSchema(JSON.parse(texts[1] as string) as object);
    const compiled = ajv.compile(JSON.parse(texts[0] as string) as object);
    const built = buildCatalog([sourceOf(IDS.alpha), sourceOf(IDS.beta)]);
    if (!built.ok) throw new Error('the fixture catalog did not build');
    const index = JSON.parse(built.catalog.files.get('catalog.json') as string) as { skills: Array<Record<string, unknown>> } & Record<string, unknown>;
    const [first] = index.skills;
    const samples: unknown[] = [
      index,
      { ...index, extra: true },
      { ...index, skills: [{ ...first, id: 5 }] },
      { ...index, skills: [{ ...first, tags: 'image', unknown_key: 1 }] },
      { skills: [] },
      [],
    ];
    const verdicts = samples.map((sample) => {
      const verdict = generatedIndex.index(sample);
      expect(verdict).toBe(compiled(sample));
      expect(generatedIndex.index.errors ?? null).toEqual(compiled.errors ?? null);
      return verdict;
    });
    expect(verdicts).toEqual([true, false, false, false, false, false]);
  });
});

describe('the built-in field vocabulary, checked at build time', () => {
  const sha256 = (text: string) => createHash('sha256').update(text).digest('hex');
  const vocabularyText = readFileSync(new URL('../schemas/input-fields.json', import.meta.url), 'utf8');

  it('is recorded by the hashes of the vocabulary and schema texts the build checked', () => {
    expect(generated['verifiedVocabulary']).toEqual({ text: sha256(vocabularyText), schema: sha256(schemaText('vocabularyFile')) });
  });

  it('spares a run the check only for exactly those two texts', () => {
    const verified = { text: sha256(vocabularyText), schema: sha256(schemaText('vocabularyFile')) };
    expect(vocabularyVerifiedByBuild(vocabularyText, schemaText('vocabularyFile'), verified)).toBe(true);
    expect(vocabularyVerifiedByBuild(`${vocabularyText} `, schemaText('vocabularyFile'), verified)).toBe(false);
    expect(vocabularyVerifiedByBuild(vocabularyText, `${schemaText('vocabularyFile')} `, verified)).toBe(false);
    expect(vocabularyVerifiedByBuild(vocabularyText, schemaText('vocabularyFile'), undefined)).toBe(false);
    expect(vocabularyVerifiedByBuild(vocabularyText, schemaText('vocabularyFile'), { text: verified.text })).toBe(false);
    // From the TypeScript sources there is no generated code: the vocabulary is checked.
    expect(vocabularyVerifiedByBuild(vocabularyText, schemaText('vocabularyFile'))).toBe(false);
  });

  it('reads the same vocabulary as a checked one', async () => {
    const built = (await import('../dist/load/vocabulary.js')) as typeof import('../src/load/vocabulary.js');
    const builtEnvironment = (await import('../dist/check/environment.js')) as typeof import('../src/check/environment.js');
    const builtStatic = (await import('../dist/check/static-validators.js')) as typeof import('../src/check/static-validators.js');
    expect(builtStatic.vocabularyVerifiedByBuild(vocabularyText, schemaText('vocabularyFile'))).toBe(true);
    const checked = loadVocabulary(() => createAjv());
    const trusted = built.loadVocabulary(() => builtEnvironment.createAjv());
    expect(trusted.input.size).toBeGreaterThan(10);
    expect([...trusted.input]).toEqual([...checked.input]);
    expect([...trusted.output]).toEqual([...checked.output]);
    expect(trusted.jobResult).toEqual(checked.jobResult);
  });
});

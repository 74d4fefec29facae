import { describe, expect, it } from 'vitest';
import { createPayloadAjv } from '../src/catalog/ajv.js';
import { inputShapeCheck, SharedFieldChecks } from '../src/catalog/shape-check.js';
import type { JsonSchema } from '../src/derive/index.js';
import { buildCatalogFromRoot } from '../src/publish/pipeline.js';
import { INPUT_SCHEMA } from './publish-fixtures.js';

const GROUPED: JsonSchema = {
  $schema: 'https://json-schema.org/draft/2020-12/schema',
  type: 'object',
  properties: {
    prompt: { type: 'string', minLength: 1, description: 'what to make' },
    image_url: { type: 'string', format: 'uri' },
    reference_image_url: { type: 'string', format: 'uri', deprecated: true },
    source_artifact_id: { type: 'string', minLength: 1 },
    duration_s: { type: 'integer', minimum: 5, maximum: 15 },
    quality: { enum: ['draft', 'final'] },
    tags: { type: 'array', items: { type: 'string' }, maxItems: 3 },
    options: { type: 'object', properties: { loop: { type: 'boolean' } }, additionalProperties: false },
  },
  required: ['prompt'],
  anyOf: [
    { properties: { image_url: true }, required: ['image_url'] },
    { properties: { reference_image_url: true }, required: ['reference_image_url'] },
    { properties: { source_artifact_id: true }, required: ['source_artifact_id'] },
  ],
  additionalProperties: false,
  examples: [{ prompt: 'x', image_url: 'https://example.com/a.png' }],
};

const OPEN: JsonSchema = { type: 'object', properties: { seed: { type: 'integer', minimum: 0 } }, required: ['seed'] };

/** A group that names a field the schema does not list: tested name by name, not by bit masks. */
const UNLISTED_GROUP: JsonSchema = {
  type: 'object',
  properties: { prompt: { type: 'string', minLength: 1 }, seed: { type: 'integer' } },
  anyOf: [{ properties: { extra: true }, required: ['extra'] }, { properties: { prompt: true, seed: true }, required: ['prompt', 'seed'] }],
  examples: [{ prompt: 'x', seed: 1 }, { extra: 1 }, { extra: 1, prompt: '' }],
};

const VALUES: unknown[] = [
  undefined, null, true, false, 0, -1, 1, 0.5, 2, 5, 15, 16, 1.5, 42, '', 'x', 'draft', 'final', '1:1', '16:9', '0:1',
  'https://example.com/a.png', 'not a uri', 'art_123', [], ['a'], ['a', 'b', 'c', 'd'], [1], {}, { loop: true }, { loop: 'yes' }, { other: 1 },
];

/** Each example, each with one key dropped, each key set to each value, plus an unknown key, and non-objects. */
function payloadsFor(schema: JsonSchema): unknown[] {
  const properties = Object.keys((schema['properties'] ?? {}) as object);
  const examples = ((schema['examples'] as unknown[] | undefined) ?? [{}]) as Array<Record<string, unknown>>;
  const payloads: unknown[] = [null, [], 'text', 3, {}, Object.create(null) as object];
  for (const example of examples) {
    payloads.push(example, { ...example, unknown_field: 1 }, { ...example, __proto__: 1 }, JSON.parse('{"__proto__": 1, "prompt": "x"}'));
    for (const key of Object.keys(example)) {
      const { [key]: _dropped, ...rest } = example;
      payloads.push(rest);
    }
    for (const key of properties) for (const value of VALUES) payloads.push({ ...example, [key]: value });
    for (const value of VALUES) payloads.push({ [properties[0] ?? 'x']: value });
  }
  return payloads;
}

async function projectSchemas(): Promise<JsonSchema[]> {
  const { build } = await buildCatalogFromRoot('skills', process.cwd());
  if (!build?.ok) throw new Error('skills/ does not build');
  return build.catalog.skills.map((skill) => skill.input_schema as JsonSchema);
}

describe('the shared-field shape check of catalog payloads', () => {
  it('gives ajv\'s verdict on every payload, for the project\'s skills and hand-made shapes', async () => {
    const fields = new SharedFieldChecks();
    const schemas = [...(await projectSchemas()), INPUT_SCHEMA as JsonSchema, GROUPED, OPEN, UNLISTED_GROUP];
    let accepted = 0;
    let refused = 0;
    for (const schema of schemas) {
      const check = inputShapeCheck(schema, fields);
      expect(check).toBeDefined();
      const validate = createPayloadAjv().compile(schema);
      for (const payload of payloadsFor(schema)) {
        const verdict = validate(payload);
        expect(check?.(payload), JSON.stringify(payload)).toBe(verdict);
        if (verdict) accepted++;
        else refused++;
      }
    }
    expect(accepted).toBeGreaterThan(100);
    expect(refused).toBeGreaterThan(100);
  });

  it('leaves any other shape to ajv alone', () => {
    const fields = new SharedFieldChecks();
    const variants: JsonSchema[] = [
      { ...GROUPED, minProperties: 2 },
      { ...GROUPED, type: ['object', 'null'] },
      { ...GROUPED, anyOf: [{ required: ['prompt'], not: {} }] },
      { ...GROUPED, additionalProperties: { type: 'string' } },
      { ...GROUPED, properties: { x: { $ref: '#/$defs/x' } } },
      { ...GROUPED, required: ['constructor'] },
      { ...GROUPED, required: ['not_listed'] },
      { ...GROUPED, anyOf: [{ required: ['prompt'] }] },
      { ...GROUPED, properties: { x: { type: 'strin' } } },
    ];
    for (const variant of variants) expect(inputShapeCheck(variant, fields)).toBeUndefined();
  });

  it('compiles a field once for every schema that lists it, whatever its description', () => {
    const fields = new SharedFieldChecks();
    const a = fields.get({ type: 'string', minLength: 1, description: 'one' });
    expect(fields.get({ description: 'two', minLength: 1, type: 'string' })).not.toBe(a);
    expect(fields.get({ type: 'string', minLength: 1, description: 'two' })).toBe(a);
  });
});

import { describe, expect, it } from 'vitest';
import { createAjv } from '../src/check/environment.js';
import { LINT_TIME_AJV_OPTIONS } from '../src/check/payload/payload-validators.js';
import { shellVerdict } from '../src/check/payload/shell-verdict.js';
import type { JsonSchema } from '../src/derive/index.js';

/** Lint-time shells of the shapes the derivation produces, every property left to the vocabulary. */
const SHELLS: Record<string, JsonSchema> = {
  closed: { type: 'object', properties: { prompt: true, image_url: true }, required: ['prompt'], additionalProperties: false },
  open: { type: 'object', properties: { prompt: true }, required: ['prompt'] },
  'one of a group': {
    $schema: 'https://json-schema.org/draft/2020-12/schema',
    type: 'object',
    properties: { prompt: true, image_url: true, source_artifact_id: true },
    required: ['prompt'],
    anyOf: [
      { required: ['image_url'], properties: { image_url: true } },
      { required: ['source_artifact_id'], properties: { source_artifact_id: true } },
    ],
    additionalProperties: false,
  },
  'nested groups': {
    type: 'object',
    properties: { a: true, b: true, c: true, d: true },
    allOf: [
      {
        anyOf: [
          { required: ['a'], properties: { a: true } },
          { allOf: [{ required: ['b'], properties: { b: true } }, { required: ['c'], properties: { c: true } }] },
        ],
      },
    ],
    additionalProperties: false,
  },
  'no fields': { type: 'object', properties: {}, additionalProperties: false },
};

const PAYLOADS: unknown[] = [
  {},
  { prompt: 'x' },
  { prompt: 'x', image_url: 'https://example.com/a.png' },
  { prompt: 'x', source_artifact_id: 'art_1', extra: 1 },
  { prompt: 'x', source_artifact_id: 'art_1' },
  { image_url: 'u' },
  { a: 1 },
  { b: 1 },
  { b: 1, c: 2 },
  { b: 1, c: 2, d: 3 },
  { a: 1, e: 1 },
  { toString: 1 },
  JSON.parse('{"__proto__": 1, "prompt": "x"}'),
  Object.create({ prompt: 'inherited' }),
  [],
  ['prompt'],
  null,
  'prompt',
  5,
];

describe('shellVerdict', () => {
  const ajv = createAjv(LINT_TIME_AJV_OPTIONS);

  for (const [name, shell] of Object.entries(SHELLS)) {
    it(`${name}: the verdict of the shell compiled by the lint-time ajv, for every payload`, () => {
      const verdict = shellVerdict(shell);
      expect(verdict).toBeDefined();
      const compiled = ajv.compile(shell);
      const verdicts = PAYLOADS.map((payload) => [payload, verdict?.(payload)]);
      expect(verdicts).toEqual(PAYLOADS.map((payload) => [payload, compiled(payload)]));
    });
  }

  it('the payloads include accepted and refused ones for the shells that accept anything', () => {
    const accepted = PAYLOADS.filter((payload) => shellVerdict(SHELLS['one of a group'] as JsonSchema)?.(payload));
    expect(accepted).toEqual([{ prompt: 'x', image_url: 'https://example.com/a.png' }, { prompt: 'x', source_artifact_id: 'art_1' }]);
  });

  it('declines a shell with anything it does not decide itself (a property schema, another keyword, a non-object type)', () => {
    // A group naming a field its own properties do not list: strict ajv does not compile it at all.
    const loose = { type: 'object', properties: { n: true }, anyOf: [{ required: ['n'] }] };
    expect(() => createAjv(LINT_TIME_AJV_OPTIONS).compile(loose)).toThrow(/strictRequired/);
    expect(shellVerdict(loose)).toBeUndefined();
    expect(shellVerdict({ type: 'object', properties: { n: true }, required: ['m'] })).toBeUndefined();
    expect(shellVerdict({ type: 'object', properties: { n: { type: 'integer' } } })).toBeUndefined();
    expect(shellVerdict({ type: 'object', properties: { n: true }, minProperties: 1 })).toBeUndefined();
    expect(shellVerdict({ properties: { n: true } })).toBeUndefined();
    expect(shellVerdict({ type: ['object'], properties: { n: true } })).toBeUndefined();
    expect(shellVerdict({ type: 'object', properties: { n: true }, additionalProperties: { type: 'string' } })).toBeUndefined();
    expect(shellVerdict({ type: 'object', properties: { n: true }, anyOf: [] })).toBeUndefined();
    expect(shellVerdict({ type: 'object', properties: { n: true }, anyOf: [{ required: ['n'], not: {} }] })).toBeUndefined();
    expect(shellVerdict({ type: 'object', properties: { n: true }, anyOf: [{ properties: { n: { type: 'string' } } }] })).toBeUndefined();
  });
});

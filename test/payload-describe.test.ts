import { describe, expect, it } from 'vitest';
import { createAjv } from '../src/check/environment.js';
import { describePayloadErrors } from '../src/check/payload/describe-errors.js';

/** Shaped like a derived input schema: groups as `anyOf` of `required`, closed object. */
const IMG2IMG = {
  $schema: 'https://json-schema.org/draft/2020-12/schema',
  type: 'object',
  properties: {
    prompt: { type: 'string', minLength: 1 },
    source_artifact_id: { type: 'string', minLength: 1 },
    image_url: { type: 'string', format: 'uri' },
    reference_image_url: { type: 'string', format: 'uri', deprecated: true },
    strength: { type: 'number', minimum: 0, maximum: 1 },
    seed: { type: 'integer', minimum: 0 },
    aspect_ratio: { type: 'string', pattern: '^[1-9][0-9]*:[1-9][0-9]*$', examples: ['16:9'] },
    image: { anyOf: [{ type: 'string', minLength: 1 }, { type: 'array', items: { type: 'string' }, minItems: 1 }] },
    reference_artifact_ids: { type: 'array', items: { type: 'string', minLength: 1 } },
    preserve_composition: { type: 'boolean' },
    quality: { enum: ['draft', 'final'] },
    metadata: {
      type: 'object',
      properties: { action: { type: 'string' } },
      required: ['action'],
      additionalProperties: false,
    },
  },
  required: ['prompt'],
  anyOf: [
    { required: ['source_artifact_id'], properties: { source_artifact_id: true } },
    { required: ['image_url'], properties: { image_url: true } },
    { required: ['reference_image_url'], properties: { reference_image_url: true } },
  ],
  additionalProperties: false,
};

function problems(payload: unknown, schema: Record<string, unknown> = IMG2IMG, withSchema = true) {
  const validate = createAjv().compile(schema);
  expect(validate(payload)).toBe(false);
  return describePayloadErrors(validate.errors ?? [], payload, withSchema ? schema : undefined);
}

describe('describePayloadErrors', () => {
  it('names the constraint in full and the offending value', () => {
    expect(problems({ prompt: 'x', source_artifact_id: 'a', strength: 'high' })).toEqual([
      { pointer: '/strength', keyword: 'type', message: '`strength` must be a number from 0 to 1, got the string "high".' },
    ]);
    expect(problems({ prompt: 'x', source_artifact_id: 'a', strength: 1.5, seed: -1 })).toEqual([
      { pointer: '/strength', keyword: 'maximum', message: '`strength` must be a number from 0 to 1, got the number 1.5.' },
      { pointer: '/seed', keyword: 'minimum', message: '`seed` must be a whole number of 0 or more, got the number -1.' },
    ]);
  });

  it('words strings, formats, patterns, enums, booleans and lists', () => {
    const payload = {
      prompt: '',
      image_url: 'not a url',
      aspect_ratio: 'wide',
      quality: 'best',
      preserve_composition: 'yes',
      reference_artifact_ids: 'art_1',
    };
    expect(problems(payload).map((p) => p.message)).toEqual([
      '`prompt` must be a non-empty string, got the string "".',
      '`image_url` must be a URL, got the string "not a url".',
      '`aspect_ratio` must be a string like "16:9", got the string "wide".',
      '`reference_artifact_ids` must be a list of non-empty strings, got the string "art_1".',
      '`preserve_composition` must be `true` or `false`, got the string "yes".',
      '`quality` must be one of "draft" or "final", got the string "best".',
    ]);
  });

  it('collapses a missing required group into one sentence', () => {
    expect(problems({ prompt: 'x' })).toEqual([
      {
        pointer: '',
        keyword: 'anyOf',
        message: 'The input needs one of `source_artifact_id`, `image_url` or `reference_image_url`.',
      },
    ]);
  });

  it('rebuilds the group from branch errors when no schema is given', () => {
    expect(problems({ prompt: 'x' }, IMG2IMG, false)).toEqual([
      {
        pointer: '',
        keyword: 'anyOf',
        message: 'The input needs one of `source_artifact_id`, `image_url` or `reference_image_url`.',
      },
    ]);
  });

  it('collapses the anyOf noise of a union-typed field', () => {
    expect(problems({ prompt: 'x', image_url: 'https://a.example/i.png', image: 5 })).toEqual([
      {
        pointer: '/image',
        keyword: 'anyOf',
        message: '`image` must be a non-empty string or a list of strings with at least 1 item, got the number 5.',
      },
    ]);
  });

  it('points an unknown key at itself and suggests the closest input', () => {
    expect(problems({ promt: 'x', image_url: 'https://a.example/i.png' })).toEqual([
      { pointer: '', keyword: 'required', message: 'The input needs `prompt`.' },
      { pointer: '/promt', keyword: 'additionalProperties', message: '`promt` is not an input of this skill. Did you mean `prompt`?' },
    ]);
  });

  it('reports nested objects by path', () => {
    expect(problems({ prompt: 'x', image_url: 'https://a.example/i.png', metadata: { acton: 1 } })).toEqual([
      { pointer: '/metadata', keyword: 'required', message: '`metadata` needs `action`.' },
      {
        pointer: '/metadata/acton',
        keyword: 'additionalProperties',
        message: '`metadata.acton` is not a field of `metadata`. Did you mean `action`?',
      },
    ]);
  });

  it('reports a payload that is not an object', () => {
    expect(problems(['x'])).toEqual([{ pointer: '', keyword: 'type', message: 'The input must be an object, got a list of 1.' }]);
  });

  it('reads parentSchema from verbose errors as well', () => {
    const ajv = createAjv();
    ajv.opts.verbose = true;
    const validate = ajv.compile({ type: 'object', properties: { n: { type: 'integer', minimum: 5, maximum: 15 } } });
    validate({ n: 2.5 });
    expect(describePayloadErrors(validate.errors ?? [], { n: 2.5 })).toEqual([
      { pointer: '/n', keyword: 'type', message: '`n` must be a whole number from 5 to 15, got the number 2.5.' },
    ]);
  });
});

import { describe, expect, it } from 'vitest';
import { parseAnnotation } from '../src/derive/annotation.js';
import { fieldSchema } from '../src/derive/field-schema.js';

describe('parseAnnotation', () => {
  it.each([
    ['string', { type: { name: 'string' } }],
    ['Integer', { type: { name: 'integer' } }],
    ['array', { type: { name: 'array' } }],
    ['array of array of number', { type: { name: 'array', items: { name: 'array', items: { name: 'number' } } } }],
    ['integer, 5..15', { type: { name: 'integer' }, lower: { value: 5, exclusive: false }, upper: { value: 15, exclusive: false } }],
    ['-1.5..1e2', { lower: { value: -1.5, exclusive: false }, upper: { value: 100, exclusive: false } }],
    ['>= 0', { lower: { value: 0, exclusive: false } }],
    ['> 0, < 1', { lower: { value: 0, exclusive: true }, upper: { value: 1, exclusive: true } }],
    ['<= 10', { upper: { value: 10, exclusive: false } }],
    ['one of "a", "b, c" or "d)"', { enum: ['a', 'b, c', 'd)'] }],
    ['string, one of "720p", "1080p", url', { type: { name: 'string' }, enum: ['720p', '1080p'], url: true }],
    ['one of 1, 2.5, true', { enum: [1, 2.5, true] }],
    ['url', { url: true }],
  ])('reads (%s)', (inner, expected) => {
    expect(parseAnnotation(inner)).toEqual({ ok: true, annotation: expected });
  });

  it.each([
    ['', 'it is empty; write a type, a range such as `5..15` or `>= 0`, an enumeration such as `one of "a", "b"`, or `url`'],
    ['strnig', '`strnig` is not a type, a range such as `5..15` or `>= 0`, an enumeration such as `one of "a", "b"`, or `url`. Did you mean `string`?'],
    ['required', '`required` is not a type: whether a field is required comes from its section (`## Required input` or `## Optional input`)'],
    ['string integer', 'expected `,` before `integer`'],
    ['string, integer', 'it names two types (`string` and `integer`)'],
    ['string,', 'a part is missing after the last `,`'],
    ['5', 'a number alone is not a range: write `5..<max>` or `>= 5`'],
    ['15..5', 'the range `15..5` is empty: write the smaller number first'],
    ['> 5, < 5', 'its bounds leave no value'],
    ['>= 1, >= 2', 'it gives two lower bounds'],
    ['>=', '`>=` needs a number after it'],
    ['array of', '`array of` needs a type after it, such as `array of string`'],
    ['one "a"', 'write an enumeration as `one of "a", "b"`'],
    ['one of a, b', '`one of` takes JSON values such as "a", 5 or true, not `a`'],
    ['one of "a", "a"', '`one of` lists "a" twice'],
    ['one of "a", one of "b"', 'it has two `one of` lists; join them into one'],
    ['one of "open', 'a string is not closed: add the closing `"`'],
    ['url, url', 'it says `url` twice'],
    ['string; url', '`;` is not a type, a range such as `5..15` or `>= 0`, an enumeration such as `one of "a", "b"`, or `url`'],
  ])('refuses (%s)', (inner, reason) => {
    expect(parseAnnotation(inner)).toEqual({ ok: false, reason });
  });
});

describe('fieldSchema: an annotation narrows the vocabulary entry', () => {
  const number = { type: 'number', exclusiveMinimum: 0, description: 'a length' };
  const annotation = (inner: string) => {
    const parsed = parseAnnotation(inner);
    if (!parsed.ok) throw new Error(parsed.reason);
    return parsed.annotation;
  };

  it('drops the description and keeps the entry when there is no annotation', () => {
    expect(fieldSchema(number, undefined)).toEqual({ ok: true, schema: { type: 'number', exclusiveMinimum: 0 } });
    expect(fieldSchema(undefined, undefined)).toEqual({ ok: false, kind: 'untyped' });
    expect(fieldSchema(undefined, annotation('>= 1'))).toEqual({ ok: false, kind: 'untyped' });
  });

  it('narrows number to integer and replaces the bounds by tighter ones', () => {
    expect(fieldSchema(number, annotation('integer, 5..15'))).toEqual({ ok: true, schema: { type: 'integer', minimum: 5, maximum: 15 } });
    expect(fieldSchema(number, annotation('> 0'))).toEqual({ ok: true, schema: { type: 'number', exclusiveMinimum: 0 } });
    expect(fieldSchema({ type: 'integer', minimum: 0, exclusiveMinimum: 2 }, annotation('>= 3'))).toEqual({ ok: true, schema: { type: 'integer', minimum: 3 } });
  });

  it('picks the matching branch of an anyOf entry, and the items of an array entry', () => {
    const image = { anyOf: [{ type: 'string', minLength: 1 }, { type: 'array', items: { type: 'string', minLength: 1 }, minItems: 1 }] };
    expect(fieldSchema(image, annotation('string'))).toEqual({ ok: true, schema: { type: 'string', minLength: 1 } });
    expect(fieldSchema(image, annotation('array of string'))).toEqual({
      ok: true,
      schema: { type: 'array', items: { type: 'string', minLength: 1 }, minItems: 1 },
    });
    expect(fieldSchema({ type: 'array', items: { type: 'number' } }, annotation('array of integer'))).toEqual({
      ok: true,
      schema: { type: 'array', items: { type: 'integer' } },
    });
  });

  it('refuses to widen: integer to number, values outside the entry, another format', () => {
    expect(fieldSchema({ type: 'integer' }, annotation('number'))).toMatchObject({ ok: false, kind: 'contradiction' });
    expect(fieldSchema({ type: 'array', items: { type: 'string' } }, annotation('array of integer'))).toMatchObject({ ok: false, kind: 'contradiction' });
    expect(fieldSchema({ type: 'string', enum: ['a', 'b'] }, annotation('one of "a", "c"'))).toEqual({
      ok: false,
      kind: 'contradiction',
      reason: 'lists "c", but the field vocabulary allows only "a", "b"; an annotation may only narrow the values',
    });
    expect(fieldSchema({ type: 'string', format: 'email' }, annotation('url'))).toEqual({
      ok: false,
      kind: 'contradiction',
      reason: 'says `url`, but the field vocabulary gives the field the format `email`',
    });
    expect(fieldSchema({ type: 'number', maximum: 1 }, annotation('< 2'))).toEqual({
      ok: false,
      kind: 'contradiction',
      reason: 'allows less than 2, but the field vocabulary allows only at most 1; an annotation may only narrow a range',
    });
  });

  it('infers the type of a new field from url or its values', () => {
    expect(fieldSchema(undefined, annotation('url'))).toEqual({ ok: true, schema: { type: 'string', format: 'uri' } });
    expect(fieldSchema(undefined, annotation('one of true'))).toEqual({ ok: true, schema: { type: 'boolean', enum: [true] } });
    expect(fieldSchema(undefined, annotation('one of 0.5, 1'))).toEqual({ ok: true, schema: { type: 'number', enum: [0.5, 1] } });
  });
});

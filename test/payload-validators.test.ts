import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { ErrorObject, ValidateFunction } from 'ajv';
import fg from 'fast-glob';
import { describe, expect, it } from 'vitest';
import { createAjv } from '../src/check/environment.js';
import { describePayloadErrors } from '../src/check/payload/describe-errors.js';
import { lintTimeSchema } from '../src/check/payload/lint-schema.js';
import { createPayloadValidators, LINT_TIME_AJV_OPTIONS, payloadValidator, type PayloadValidator } from '../src/check/payload/payload-validators.js';
import { ALL_RULES } from '../src/check/rules/index.js';
import type { DerivedSkill, FieldVocabulary, JsonSchema } from '../src/derive/index.js';
import { extendVocabulary } from '../src/derive/vocabulary.js';
import { builtInVocabulary, deriveText, IMG2IMG, IMG2VIDEO, skillText } from './derive-fixtures.js';

const ROOT = path.resolve(import.meta.dirname, '..');

/** Every vocabulary kind at once: a union, lists, a boolean, an object, exclusive bounds, patterns. */
const WIDE = skillText(
  'popiskill-image-wide-fixture-v1',
  `# Wide

## Required input

- \`prompt\`: what to make
- one image source:
  - \`image\`, or
  - \`reference_artifact_ids\`, or
  - \`image_url\`
- \`text\` or \`scene_prompt\`: the words
- \`count\` (integer, 1..4): how many
- \`duration_s\`: clip length

## Optional input

- \`preserve_composition\`
- \`metadata\`
- \`speed\`
- \`language\`
- \`size\`
- \`aspect_ratio\`
- \`seed\` (integer, 0..100): narrowed
- \`strength\` (number, 0.2..0.8): narrowed
- \`mode\` (one of "fast", "slow"): how hard to try
- \`callback\` (url): where to report
- \`labels\` (array of string): free labels
- \`sample_rate_hz\`
- \`images\`
- \`mystery\`: a field with no type

\`seconds\` and \`clip_length\` are compatibility aliases for \`duration_s\`. \`image_urls\` is a compatibility alias for \`images\`.

## Payload template

\`\`\`json
{ "prompt": "a lighthouse", "image_url": "https://example.com/a.png", "text": "hello", "count": 2, "duration_s": 5 }
\`\`\`
`,
);

/** A field that only the catalog's own vocabulary knows. */
const EXTENDED = skillText(
  'popiskill-image-extended-fixture-v1',
  `# Extended

## Required input

- \`prompt\`: what to make
- \`mood_board\`: pictures to match

## Optional input

- \`palette\`

## Payload template

\`\`\`json
{ "prompt": "a lighthouse", "mood_board": ["https://example.com/a.png"] }
\`\`\`
`,
);

function extendedVocabulary(): FieldVocabulary {
  const extension = {
    input: new Map<string, JsonSchema>([
      ['mood_board', { type: 'array', items: { type: 'string', format: 'uri' }, minItems: 1, maxItems: 3, description: 'Pictures to match.' }],
      ['palette', { type: 'string', enum: ['warm', 'cool'], description: 'A colour palette.' }],
    ]),
    output: new Map<string, JsonSchema>(),
  };
  const extended = extendVocabulary(builtInVocabulary(), extension, 'test');
  if (!extended.ok) throw new Error(extended.message);
  return extended.value;
}

function documents(): Array<{ label: string; text: string; extended?: boolean }> {
  const found: Array<{ label: string; text: string; extended?: boolean }> = [];
  for (const file of fg.sync('skills/*/SKILL.md', { cwd: ROOT }).sort()) found.push({ label: file, text: readFileSync(path.join(ROOT, file), 'utf8') });
  found.push({ label: 'fixture img2img', text: IMG2IMG }, { label: 'fixture img2video', text: IMG2VIDEO });
  found.push({ label: 'fixture wide', text: WIDE }, { label: 'fixture extended vocabulary', text: EXTENDED, extended: true });
  for (const rule of ALL_RULES) {
    rule.examples.forEach((example, index) => {
      for (const [file, text] of Object.entries(example.files)) {
        if (file.endsWith('SKILL.md') && typeof text === 'string') found.push({ label: `${rule.id} example ${index + 1} ${file}`, text });
      }
    });
  }
  return found;
}

/** Values of every JSON kind, valid for some fields and wrong for the others. */
const VALUES: unknown[] = [
  '', 'x', 'watercolor', 'https://example.com/a.png', 'not a url', '16:9', '1024x1024', '720p', 'en-US', 'fast', 'warm', '<seed>',
  0, 1, -1, 0.5, 1.5, 2, 5, 16, 4294967296, true, false, null,
  [], ['a'], ['a', 'a'], [''], [1], ['https://example.com/a.png'], ['https://example.com/a.png', 'https://example.com/b.png', 'https://example.com/c.png', 'https://example.com/d.png'],
  {}, { k: 1 },
];

/** Valid and invalid payloads for one derived skill: each property's wrong types, missing groups, unknown keys, aliases. */
function payloadsFor(derived: DerivedSkill, strict: ValidateFunction): unknown[] {
  const schema = derived.inputSchema;
  const properties = Object.keys((schema['properties'] ?? {}) as object);
  const examples = Array.isArray(schema['examples']) ? (schema['examples'] as Array<Record<string, unknown>>) : [];
  const base = examples[0] ?? {};
  // A valid value of each property, where one of VALUES is.
  const good = new Map<string, unknown>();
  for (const name of properties) {
    const value = VALUES.find((candidate) => {
      strict({ [name]: candidate });
      return !(strict.errors ?? []).some((error) => error.instancePath.startsWith(`/${name}`));
    });
    if (value !== undefined) good.set(name, value);
  }
  const full = { ...Object.fromEntries(good), ...base };
  const payloads: unknown[] = [...examples, {}, full, base, null, [], 'x', 42, [base]];
  for (const name of properties) {
    for (const value of VALUES) payloads.push({ ...base, [name]: value });
    const { [name]: _dropped, ...without } = full;
    payloads.push(without);
  }
  for (const group of derived.groups) payloads.push(Object.fromEntries(Object.entries(full).filter(([key]) => !group.members.includes(key))));
  for (const field of derived.fields.filter((candidate) => candidate.aliasOf !== undefined)) {
    const { [field.aliasOf as string]: target, ...rest } = full;
    payloads.push({ ...rest, [field.name]: target ?? good.get(field.name) ?? 'x' });
  }
  payloads.push({ ...base, unknown_field: 1 }, { ...full, [`${properties[0] ?? 'prompt'}s`]: 'x' }, { ...base, 'a/b~c': 1 });
  payloads.push(JSON.parse(`{"__proto__": 1, "prompt": "x"}`) as unknown);
  payloads.push(Object.fromEntries(properties.map((name) => [name, null])), Object.fromEntries(properties.map((name) => [name, {}])));
  payloads.push({ ...Object.fromEntries(properties.map((name) => [name, ['a', 'a']])), extra: true });
  // Root errors (a missing field, an unknown key) with every other property wrong.
  payloads.push({ extra: true, ...Object.fromEntries(properties.slice(1).reverse().map((name) => [name, 1.5])) });
  return payloads;
}

function errorsOf(validate: PayloadValidator, payload: unknown): { valid: boolean; errors: ErrorObject[] } {
  const valid = validate(payload);
  return { valid, errors: validate.errors ?? [] };
}

describe('lint-time payload validators agree with a strict compile of the published schema', () => {
  const builtIn = builtInVocabulary();
  const extended = extendedVocabulary();
  const strictAjv = createAjv();
  const validatorsFor = new Map([builtIn, extended].map((vocabulary) => [vocabulary, createPayloadValidators(vocabulary.input, () => createAjv(LINT_TIME_AJV_OPTIONS))]));
  const docs = documents();
  let validCount = 0;
  let invalidCount = 0;

  it('finds the catalog, the fixtures and the rule examples', () => {
    expect(docs.filter((doc) => doc.label.startsWith('skills/')).length).toBeGreaterThan(0);
    expect(docs.length).toBeGreaterThan(20);
  });

  it.each(docs.map((doc) => [doc.label, doc] as const))('%s', (_label, doc) => {
    const vocabulary = doc.extended ? extended : builtIn;
    const derived = deriveText(doc.text, vocabulary);
    const schema = derived.inputSchema;
    let strict: ValidateFunction | undefined;
    try {
      strict = strictAjv.compile(schema);
    } catch {
      strict = undefined;
    }
    const validators = validatorsFor.get(vocabulary);
    const lint = validators && payloadValidator(validators, schema);
    expect(lint === undefined, 'compiles exactly when the strict compile does').toBe(strict === undefined);
    if (!strict || !lint) return;

    const mismatches: unknown[] = [];
    for (const payload of payloadsFor(derived, strict)) {
      const expected = errorsOf(strict, payload);
      const actual = errorsOf(lint, payload);
      if (expected.valid) validCount++;
      else invalidCount++;
      const expectedWords = describePayloadErrors(expected.errors, payload, schema);
      const actualWords = describePayloadErrors(actual.errors, payload, schema);
      if (actual.valid !== expected.valid || JSON.stringify(actual.errors) !== JSON.stringify(expected.errors) || JSON.stringify(actualWords) !== JSON.stringify(expectedWords)) {
        mismatches.push({ payload, expected: expected.errors, actual: actual.errors, expectedWords, actualWords });
      }
    }
    expect(mismatches).toEqual([]);
  });

  it('saw valid and invalid payloads alike', () => {
    expect(validCount).toBeGreaterThan(100);
    expect(invalidCount).toBeGreaterThan(1000);
  });
});

describe('lintTimeSchema', () => {
  const vocabulary = builtInVocabulary();

  it('leaves plain fields to the vocabulary, keeps annotated ones inline, and drops annotations', () => {
    const derived = deriveText(IMG2VIDEO, vocabulary);
    const lint = lintTimeSchema(derived.inputSchema, vocabulary.input);
    expect(lint.referenced).toEqual(['source_artifact_id', 'image_url', 'prompt', 'last_frame_image_url', 'camera_motion', 'reference_image_url', 'end_frame_image_url']);
    expect(lint.properties).toEqual(Object.keys(derived.inputSchema['properties'] as object));
    const properties = lint.schema['properties'] as Record<string, unknown>;
    expect(properties['image_url']).toBe(true);
    // Annotated (narrowed) fields and the alias of one keep their own schema, without annotations.
    expect(properties['duration_s']).toEqual({ type: 'integer', minimum: 5, maximum: 15 });
    expect(properties['seconds']).toEqual({ type: 'integer', minimum: 5, maximum: 15 });
    expect(properties['seed']).toEqual({ type: 'integer', minimum: 0, maximum: 4294967295 });
    expect(lint.schema['examples']).toBeUndefined();
    expect(lint.schema['anyOf']).toEqual(derived.inputSchema['anyOf']);
  });

  it('leaves nothing to the vocabulary when another keyword could look inside a property', () => {
    const schema = {
      type: 'object',
      properties: { prompt: { type: 'string', minLength: 1 } },
      allOf: [{ properties: { prompt: { maxLength: 3 } } }],
    };
    expect(lintTimeSchema(schema, vocabulary.input)).toEqual({ schema, properties: ['prompt'], referenced: [] });
  });
});

describe('payloadValidator', () => {
  const vocabulary = builtInVocabulary();

  it('compiles a schema once per run: by object, and by text across skills with the same inputs', () => {
    const validators = createPayloadValidators(vocabulary.input, () => createAjv(LINT_TIME_AJV_OPTIONS));
    const schema = deriveText(IMG2IMG, vocabulary).inputSchema;
    const first = payloadValidator(validators, schema);
    expect(first).toBeDefined();
    expect(payloadValidator(validators, schema)).toBe(first);
    const reworded = deriveText(IMG2IMG.replace('how the picture should change', 'what to change'), vocabulary).inputSchema;
    expect(reworded).not.toEqual(schema);
    expect(payloadValidator(validators, reworded)).toBe(first);
    expect(validators.byText.size).toBe(1);
  });

  it('gives nothing to check against for a schema that does not compile, as a strict compile would', () => {
    const validators = createPayloadValidators(vocabulary.input, () => createAjv(LINT_TIME_AJV_OPTIONS));
    const untyped = { type: 'object', properties: { n: { minimum: 1 } } };
    expect(() => createAjv().compile(untyped)).toThrow(/strictTypes/);
    expect(payloadValidator(validators, untyped)).toBeUndefined();
    const badPattern = { type: 'object', properties: { prompt: { type: 'string', pattern: '(' } } };
    expect(payloadValidator(validators, badPattern)).toBeUndefined();
    expect(payloadValidator(validators, untyped)).toBeUndefined();
  });

  it('keeps every field inline when the vocabulary itself does not compile', () => {
    const fields = new Map<string, JsonSchema>([...vocabulary.input, ['broken', { minimum: 1 }]]);
    const validators = createPayloadValidators(fields, () => createAjv(LINT_TIME_AJV_OPTIONS));
    const schema = deriveText(IMG2IMG, vocabulary).inputSchema;
    const validate = payloadValidator(validators, schema) as PayloadValidator;
    expect(validators.vocabulary).toBeNull();
    const payload = { prompt: '', strength: 2, extra: 1 };
    const strict = createAjv().compile(schema);
    expect(validate(payload)).toBe(strict(payload));
    expect(validate.errors).toEqual(strict.errors);
  });

  it('reports a field left to the vocabulary at its place in the published schema', () => {
    const validators = createPayloadValidators(vocabulary.input, () => createAjv(LINT_TIME_AJV_OPTIONS));
    const schema = deriveText(IMG2IMG, vocabulary).inputSchema;
    const validate = payloadValidator(validators, schema) as PayloadValidator;
    expect(validate({ prompt: 'x', image_url: 'https://example.com/a.png', strength: 2 })).toBe(false);
    expect(validate.errors).toEqual([
      {
        instancePath: '/strength',
        schemaPath: '#/properties/strength/maximum',
        keyword: 'maximum',
        params: { comparison: '<=', limit: 1 },
        message: 'must be <= 1',
      },
    ]);
  });
});

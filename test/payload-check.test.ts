import { describe, expect, it } from 'vitest';
import { createAjv } from '../src/check/environment.js';
import { checkPayload, deprecatedFields } from '../src/check/payload/check-payload.js';
import { parseEmbeddedJson } from '../src/check/payload/embedded-json.js';
import { createSourceText } from '../src/core/source-text.js';
import type { DerivedSkill } from '../src/derive/index.js';
import { crossCheck, frontMatterLines } from './commands-fixtures.js';

const IMG2IMG = 'popiskill-image-img2img-fixture-v1';
const TEXT2IMAGE = 'popiskill-image-text2image-fixture-v1';

/** Lines 12-28 of the img2img fixture: a required group and an alias. */
const IMG2IMG_INPUTS = [
  '# Fixture Image To Image',
  '',
  '## Required input',
  '',
  '- `prompt`: the transformation intent',
  '- one image source:',
  '  - `source_artifact_id`, or',
  '  - `image_url`, or',
  '  - `reference_image_url`',
  '',
  '## Optional input',
  '',
  '- `strength`: how far to move',
  '- `seed`: for repeatable results',
  '',
  '`reference_image_url` is a compatibility alias for `image_url`.',
  '',
];

describe('payload templates, end to end', () => {
  it('validates every template against the derived schema, each problem where it stands', () => {
    const text = [
      ...frontMatterLines(IMG2IMG),
      ...IMG2IMG_INPUTS,
      '## Payload template', // 29
      '',
      '```json',
      '{', // 32
      '  "prompt": "watercolor",',
      '  "strength": 1.5,', // 34
      '  "seed": "<seed>",',
      '  "seeds": 7', // 36
      '}',
      '```',
      '',
      'With a URL instead:',
      '',
      '```json',
      '{"prompt": "watercolor", "reference_image_url": "https://example.com/a.png"}', // 43
      '```',
      '',
      '- A broken one, in a list:',
      '',
      '  ```json',
      '  {"prompt": "x", "image_url": "https://example.com/a.png" "seed": 1}', // 49
      '  ```',
      '',
      '- And one that repeats a key:',
      '',
      '  ```json',
      '  {"prompt": "x", "image_url": "https://example.com/a.png", "prompt": "y"}', // 55
      '  ```',
      '',
    ].join('\n');
    expect(crossCheck({ [`${IMG2IMG}/SKILL.md`]: text })).toEqual([
      `${IMG2IMG}/SKILL.md:32:1 payload-schema The input needs one of \`source_artifact_id\`, \`image_url\` or \`reference_image_url\`.`,
      `${IMG2IMG}/SKILL.md:34:15 payload-schema \`strength\` must be a number from 0 to 1, got the number 1.5.`,
      `${IMG2IMG}/SKILL.md:36:3 payload-schema \`seeds\` is not an input of this skill. Did you mean \`seed\`?`,
      `${IMG2IMG}/SKILL.md:43:26 payload-deprecated-field \`reference_image_url\` is a compatibility alias for \`image_url\`; write \`image_url\` instead.`,
      `${IMG2IMG}/SKILL.md:49:59 payload-json Invalid JSON: a \`,\` is missing between two values.`,
      `${IMG2IMG}/SKILL.md:55:61 payload-json \`prompt\` appears twice in this object; JSON readers keep only the last one.`,
    ]);
  });

  it("checks another skill's --input against that skill's schema, alias warnings included", () => {
    const img2img = [
      ...frontMatterLines(IMG2IMG),
      ...IMG2IMG_INPUTS,
      '## Payload template',
      '',
      '```json',
      '{"prompt": "watercolor", "source_artifact_id": "art_1"}',
      '```',
      '',
    ].join('\n');
    const text2image = [
      ...frontMatterLines(TEXT2IMAGE),
      '# Fixture Text To Image',
      '',
      '## Required input',
      '',
      '- `prompt`: what to make',
      '',
      '## Operating guidance',
      '',
      '- To restyle the result:', // 20
      '',
      '  ```sh',
      `  popiart run ${IMG2IMG} -i '{"prompt": "x", "reference_image_url": "https://e.com/a.png", "strength": "high"}'`, // 23
      '  ```',
      '',
    ].join('\r\n');
    expect(crossCheck({ [`${IMG2IMG}/SKILL.md`]: img2img, [`${TEXT2IMAGE}/SKILL.md`]: text2image })).toEqual([
      `${TEXT2IMAGE}/SKILL.md:23:70 payload-deprecated-field \`reference_image_url\` is a compatibility alias for \`image_url\`; write \`image_url\` instead.`,
      `${TEXT2IMAGE}/SKILL.md:23:128 run-input \`${IMG2IMG}\`: \`strength\` must be a number from 0 to 1, got the string "high".`,
    ]);
  });
});

describe('parseEmbeddedJson', () => {
  it('does not parse JSON nested deeper than any payload, and says so at the bracket', () => {
    const text = `{"a": ${'['.repeat(70)}${']'.repeat(70)}}`;
    const json = parseEmbeddedJson(createSourceText(text), { text, toFile: (index) => index });
    expect(json.value).toBeUndefined();
    expect(json.syntaxErrors.map((e) => `${e.range.start.line}:${e.range.start.column} ${e.message}`)).toEqual([
      '1:70 This JSON nests more than 64 levels deep; it is not checked.',
    ]);
    const deep = '['.repeat(50000) + ']'.repeat(50000);
    expect(parseEmbeddedJson(createSourceText(deep), { text: deep, toFile: (index) => index }).syntaxErrors).toHaveLength(1);
  });
});

describe('checkPayload and deprecatedFields on a hand-built schema', () => {
  const schema = {
    type: 'object',
    properties: {
      prompt: { type: 'string', minLength: 1 },
      size: { type: 'string', deprecated: true },
      metadata: { type: 'object', properties: { old: { type: 'string', deprecated: true } }, additionalProperties: false },
    },
    required: ['prompt'],
    additionalProperties: false,
  };
  const derived: DerivedSkill = {
    inputSchema: schema,
    outputSchema: {},
    fields: [{ name: 'size', aliasOf: 'resolution', required: false, range: { start: { line: 1, column: 1 }, end: { line: 1, column: 1 } } }],
    groups: [],
    problems: [],
    inputTrusted: true,
    outputNamed: [],
  };
  const text = '{\n  "size": "<size>",\n  "metadata": {"old": "x", "new": 1}\n}';
  const json = parseEmbeddedJson(createSourceText(text), { text, toFile: (index) => index });

  it('reports at the opening brace, at the key, and passes placeholders', () => {
    const findings = checkPayload(json, schema, createAjv().compile(schema));
    expect(findings.map((f) => `${f.range.start.line}:${f.range.start.column} ${f.message}`)).toEqual([
      '1:1 The input needs `prompt`.',
      '3:28 `metadata.new` is not a field of `metadata`.',
    ]);
  });

  it('names the field an alias stands for, and reports nested deprecated fields', () => {
    expect(deprecatedFields(json, schema, derived).map((f) => `${f.range.start.line}:${f.range.start.column} ${f.message}`)).toEqual([
      '2:3 `size` is a compatibility alias for `resolution`; write `resolution` instead.',
      "3:16 `old` is deprecated; see its description in the skill's input schema.",
    ]);
  });
});

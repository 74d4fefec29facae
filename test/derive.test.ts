import { describe, expect, it } from 'vitest';
import { createAjv } from '../src/check/environment.js';
import { deriveText, IMG2IMG, IMG2VIDEO, skillText } from './derive-fixtures.js';

const DIALECT = 'https://json-schema.org/draft/2020-12/schema';
const SOURCE_ARTIFACT_ID = {
  type: 'string',
  description: 'The id of a PopiArt artifact to use as the source; preferred over a URL when the file is already in PopiArt.',
  minLength: 1,
};
const IMAGE_URL = { type: 'string', description: 'A stable URL of the source image.', format: 'uri' };
const SEED_DESCRIPTION = 'A random seed for reproducible results, where the route supports one.';

const JOB_RESULT_PROPERTIES = {
  job_id: { type: 'string', description: 'The id of the job, for `popiart jobs get` and `popiart jobs wait`.', minLength: 1 },
  status: { type: 'string', description: 'Where the job stands.', enum: ['pending', 'running', 'done', 'failed', 'cancelled'] },
  artifact_ids: {
    type: 'array',
    description: 'The ids of the artifacts the job produced, for `popiart artifacts pull`.',
    items: { type: 'string', minLength: 1 },
  },
  primary_artifact_id: { type: 'string', description: 'The id of the main artifact, when the job produced several.', minLength: 1 },
  media_id: { type: 'string', description: 'The id of the stable media entry, when the server published one.', minLength: 1 },
  url: { type: 'string', description: 'A stable media URL of the result, when the server published one.', format: 'uri' },
};

function branch(name: string) {
  return { required: [name], properties: { [name]: true } };
}

describe('deriveSkill: image to image', () => {
  const derived = deriveText(IMG2IMG);

  it('derives the full input schema: required prompt, one image source, the alias deprecated, the template as example', () => {
    expect(derived.problems).toEqual([]);
    expect(derived.inputSchema).toEqual({
      $schema: DIALECT,
      type: 'object',
      properties: {
        prompt: { type: 'string', description: 'how the picture should change', minLength: 1 },
        source_artifact_id: SOURCE_ARTIFACT_ID,
        image_url: IMAGE_URL,
        reference_image_url: { type: 'string', description: 'Compatibility alias for `image_url`.', format: 'uri', deprecated: true },
        strength: {
          type: 'number',
          description: 'How far the result may move away from the source: 0 keeps it, 1 replaces it.',
          minimum: 0,
          maximum: 1,
        },
        style: { type: 'string', description: 'A look-and-feel hint, such as watercolor or cinematic realism.' },
        size: {
          type: 'string',
          description:
            'An exact output size as WIDTHxHEIGHT in pixels (such as 1024x1024), or a resolution tier such as 720p, where the runtime route supports it.',
          pattern: '^(?:[1-9][0-9]*x[1-9][0-9]*|[1-9][0-9]*[pP])$',
        },
        aspect_ratio: {
          type: 'string',
          description: 'Framing as width:height, such as 16:9; the server maps it to a size the route supports.',
          pattern: '^[1-9][0-9]*:[1-9][0-9]*$',
        },
        seed: { type: 'integer', description: SEED_DESCRIPTION, minimum: 0 },
        notes: { type: 'string', description: 'Extra constraints agreed with the user, in plain words.' },
      },
      required: ['prompt'],
      anyOf: [branch('source_artifact_id'), branch('image_url'), branch('reference_image_url')],
      additionalProperties: false,
      examples: [{ prompt: 'make it a pencil sketch', source_artifact_id: 'art_42', strength: 0.5, seed: 7 }],
    });
  });

  it('prints keys in a stable order', () => {
    expect(Object.keys(derived.inputSchema)).toEqual(['$schema', 'type', 'properties', 'required', 'anyOf', 'additionalProperties', 'examples']);
    const properties = derived.inputSchema['properties'] as Record<string, Record<string, unknown>>;
    expect(Object.keys(properties)).toEqual([
      'prompt', 'source_artifact_id', 'image_url', 'reference_image_url', 'strength', 'style', 'size', 'aspect_ratio', 'seed', 'notes',
    ]);
    expect(Object.keys(properties['strength'] ?? {})).toEqual(['type', 'description', 'minimum', 'maximum']);
    expect(Object.keys(properties['reference_image_url'] ?? {})).toEqual(['type', 'description', 'format', 'deprecated']);
    expect(JSON.stringify(deriveText(IMG2IMG))).toBe(JSON.stringify(derived));
  });

  it('derives the output schema from the shared job result', () => {
    expect(derived.outputSchema).toEqual({
      $schema: DIALECT,
      description: 'What a PopiArt job reports when it finishes.',
      type: 'object',
      properties: JOB_RESULT_PROPERTIES,
      required: ['job_id', 'status'],
    });
  });

  it('describes the fields and the group', () => {
    expect(derived.fields.map(({ name, required, aliasOf, group }) => ({ name, required, aliasOf, group }))).toEqual([
      { name: 'prompt', required: true, aliasOf: undefined, group: undefined },
      { name: 'source_artifact_id', required: false, aliasOf: undefined, group: 0 },
      { name: 'image_url', required: false, aliasOf: undefined, group: 0 },
      { name: 'reference_image_url', required: false, aliasOf: 'image_url', group: 0 },
      ...['strength', 'style', 'size', 'aspect_ratio', 'seed', 'notes'].map((name) => ({ name, required: false, aliasOf: undefined, group: undefined })),
    ]);
    expect(derived.fields[0]?.range).toEqual({ start: { line: 15, column: 3 }, end: { line: 15, column: 11 } });
    expect(derived.groups).toEqual([
      {
        label: 'one image source',
        members: ['source_artifact_id', 'image_url', 'reference_image_url'],
        range: { start: { line: 16, column: 3 }, end: { line: 16, column: 20 } },
      },
    ]);
  });

  it('accepts payloads with an image source and rejects the rest, under ajv strict mode', () => {
    const validate = createAjv().compile(derived.inputSchema);
    expect(validate({ prompt: 'sketch', source_artifact_id: 'art_1' })).toBe(true);
    expect(validate({ prompt: 'sketch', reference_image_url: 'https://media.example.com/a.png' })).toBe(true);
    expect(validate({ prompt: 'sketch' })).toBe(false);
    expect(validate({ prompt: 'sketch', image_url: 'not a url' })).toBe(false);
    expect(validate({ prompt: 'sketch', image_url: 'https://media.example.com/a.png', strength: 1.5 })).toBe(false);
    expect(validate({ prompt: 'sketch', image_url: 'https://media.example.com/a.png', colour: 'red' })).toBe(false);
  });
});

describe('deriveSkill: image to video with aliases', () => {
  const derived = deriveText(IMG2VIDEO);
  const ALIAS_OF_IMAGE_URL = { type: 'string', description: 'Compatibility alias for `image_url`.', format: 'uri', deprecated: true };

  it('derives the full input schema: annotations narrow, aliases copy their field and join its group', () => {
    expect(derived.problems).toEqual([]);
    expect(derived.inputSchema).toEqual({
      $schema: DIALECT,
      type: 'object',
      properties: {
        source_artifact_id: SOURCE_ARTIFACT_ID,
        image_url: IMAGE_URL,
        duration_s: { type: 'integer', description: 'clip length in seconds', minimum: 5, maximum: 15 },
        prompt: { type: 'string', description: 'the one motion to show', minLength: 1 },
        last_frame_image_url: { type: 'string', description: 'where the clip should end', format: 'uri' },
        camera_motion: { type: 'string', description: 'A camera move such as a slow push-in.' },
        seed: { type: 'integer', description: SEED_DESCRIPTION, minimum: 0, maximum: 4294967295 },
        reference_image_url: ALIAS_OF_IMAGE_URL,
        seconds: { type: 'integer', description: 'Compatibility alias for `duration_s`.', minimum: 5, maximum: 15, deprecated: true },
        end_frame_image_url: { type: 'string', description: 'Compatibility alias for `last_frame_image_url`.', format: 'uri', deprecated: true },
      },
      allOf: [
        { anyOf: [branch('source_artifact_id'), branch('image_url'), branch('reference_image_url')] },
        { anyOf: [branch('duration_s'), branch('seconds')] },
      ],
      additionalProperties: false,
      examples: [{ image_url: 'https://media.example.com/first.png', duration_s: 5 }],
    });
  });

  it('lists the aliases as fields and the required field with an alias as a group', () => {
    const aliases = derived.fields.filter((field) => field.aliasOf !== undefined);
    expect(aliases.map(({ name, aliasOf, required, range }) => ({ name, aliasOf, required, line: range.start.line, column: range.start.column }))).toEqual([
      { name: 'reference_image_url', aliasOf: 'image_url', required: false, line: 43, column: 1 },
      { name: 'seconds', aliasOf: 'duration_s', required: false, line: 43, column: 65 },
      { name: 'end_frame_image_url', aliasOf: 'last_frame_image_url', required: false, line: 44, column: 19 },
    ]);
    expect(derived.fields.find((field) => field.name === 'duration_s')?.required).toBe(true);
    expect(derived.groups.map((group) => [group.label, group.members])).toEqual([
      ['one image source', ['source_artifact_id', 'image_url', 'reference_image_url']],
      ['`duration_s` or `seconds`', ['duration_s', 'seconds']],
    ]);
  });

  it('adds the output fields that Output handling names and the vocabulary knows', () => {
    expect(derived.outputSchema['properties']).toEqual({
      ...JOB_RESULT_PROPERTIES,
      execution_mode: { type: 'string', description: "How the job ran, such as through the CLI's direct-fallback bridge." },
      model_id: { type: 'string', description: 'The model that ran the job.' },
    });
  });

  it('lets the old name satisfy the requirement of the new one', () => {
    const validate = createAjv().compile(derived.inputSchema);
    expect(validate({ image_url: 'https://media.example.com/a.png', seconds: 5 })).toBe(true);
    expect(validate({ reference_image_url: 'https://media.example.com/a.png', duration_s: 15 })).toBe(true);
    expect(validate({ image_url: 'https://media.example.com/a.png' })).toBe(false);
    expect(validate({ image_url: 'https://media.example.com/a.png', seconds: 4 })).toBe(false);
    expect(validate({ image_url: 'https://media.example.com/a.png', duration_s: 5.5 })).toBe(false);
  });
});

describe('deriveSkill: grammar details', () => {
  it('turns a multi-field item into a group under Required input and into optional fields under Optional input', () => {
    const derived = deriveText(
      skillText('popiskill-image-demo-v1', '## Required input\n\n- `image_url` or `source_artifact_id`: the picture\n\n## Optional input\n\n- `style` or `negative_prompt`: look and exclusions\n'),
    );
    expect(derived.problems).toEqual([]);
    expect(derived.inputSchema['anyOf']).toEqual([branch('image_url'), branch('source_artifact_id')]);
    expect(derived.inputSchema['required']).toBeUndefined();
    expect(derived.groups[0]?.label).toBe('`image_url` or `source_artifact_id`');
    const properties = derived.inputSchema['properties'] as Record<string, { description?: string }>;
    expect(properties['source_artifact_id']?.description).toBe('the picture');
    expect(properties['negative_prompt']?.description).toBe('look and exclusions');
  });

  it('reads annotations: enumerations, url, arrays, exclusive bounds; a field new to the vocabulary gets its type inline', () => {
    const derived = deriveText(
      skillText(
        'popiskill-image-demo-v1',
        [
          '## Required input',
          '',
          '- `quality` (one of "draft", "final"): how polished',
          '- `lens_mm` (integer, > 0, <= 200)',
          '',
          '## Optional input',
          '',
          '- `palette` (array of string)',
          '- `moodboard` (url): a page of references',
          '- `speed` (number, < 4)',
          '- `image` (array of string)',
          '- `levels` (one of 1, 2, 3)',
          '',
        ].join('\n'),
      ),
    );
    expect(derived.problems).toEqual([]);
    expect(derived.inputSchema['properties']).toEqual({
      quality: { type: 'string', description: 'how polished', enum: ['draft', 'final'] },
      lens_mm: { type: 'integer', exclusiveMinimum: 0, maximum: 200 },
      palette: { type: 'array', items: { type: 'string' } },
      moodboard: { type: 'string', description: 'a page of references', format: 'uri' },
      speed: { type: 'number', description: 'A speaking-speed multiplier: 1 is normal speed.', exclusiveMinimum: 0, exclusiveMaximum: 4 },
      image: {
        type: 'array',
        description: 'One image, or several, each given as a URL or as Base64-encoded data.',
        items: { type: 'string', minLength: 1 },
        minItems: 1,
      },
      levels: { type: 'integer', enum: [1, 2, 3] },
    });
    expect(derived.inputSchema['required']).toEqual(['quality', 'lens_mm']);
    createAjv().compile(derived.inputSchema);
  });

  it('joins descriptions that continue on the next line, keeps their Markdown, and ignores prose and code blocks', () => {
    const derived = deriveText(
      skillText(
        'popiskill-image-demo-v1',
        '## Required input\n\nThe prompt is the only required field.\n\n- `prompt`: what the image\n  should show, see `style`\n\n```json\n{"not": "a field"}\n```\n',
      ),
    );
    expect(derived.problems).toEqual([]);
    expect(derived.inputSchema['properties']).toEqual({ prompt: { type: 'string', description: 'what the image should show, see `style`', minLength: 1 } });
  });

  it('treats `constructor` as an ordinary field, refuses `__proto__`, and keeps a `__proto__` key of a template as data', () => {
    const derived = deriveText(
      skillText('popiskill-image-demo-v1', '## Required input\n\n- `__proto__` (string)\n- `constructor` (integer)\n\n## Payload template\n\n```json\n{"__proto__": {"polluted": true}, "constructor": 1}\n```\n'),
    );
    expect(derived.problems).toEqual([
      {
        ruleId: 'input-list-item',
        message: '`__proto__` cannot be a field name: JSON tools read it as the prototype of the payload object.',
        range: { start: { line: 11, column: 3 }, end: { line: 11, column: 14 } },
      },
    ]);
    const schema = derived.inputSchema;
    expect(JSON.stringify(schema)).toBe(
      '{"$schema":"https://json-schema.org/draft/2020-12/schema","type":"object","properties":{"constructor":{"type":"integer"}},"required":["constructor"],"additionalProperties":false,"examples":[{"__proto__":{"polluted":true},"constructor":1}]}',
    );
    const example = (schema['examples'] as Array<Record<string, unknown>>)[0];
    expect(Object.getPrototypeOf(example)).toBe(Object.prototype);
    expect(({} as Record<string, unknown>)['polluted']).toBeUndefined();
    expect(createAjv().compile(schema)({ constructor: 1 })).toBe(true);
  });

  it('derives a closed empty object when the document lists no input', () => {
    const derived = deriveText(skillText('popiskill-image-demo-v1', '# Nothing to take\n'));
    expect(derived.inputSchema).toEqual({ $schema: DIALECT, type: 'object', properties: {}, additionalProperties: false });
    expect(derived.problems).toEqual([]);
  });
});

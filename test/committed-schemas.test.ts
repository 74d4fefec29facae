import { mkdir, mkdtemp, readdir, readFile, rm, symlink, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { compareCommittedSchema } from '../src/check/committed-schemas/compare-schemas.js';
import { schemaFileText } from '../src/check/committed-schemas/schema-files.js';
import { EXAMPLE_BODY, EXAMPLE_ID, exampleSkill } from '../src/check/rules/example-skill.js';
import { runValidate } from '../src/cli/validate.js';
import type { CommandIo } from '../src/cli/io.js';
import { lintPaths } from '../src/pipeline.js';

const DERIVED = {
  schema: {
    type: 'object',
    properties: {
      prompt: { type: 'string' },
      source_artifact_id: { type: 'string' },
      image_url: { type: 'string', format: 'uri' },
      image: { anyOf: [{ type: 'string' }, { type: 'array', items: { type: 'string' } }] },
      seed: { type: 'integer' },
    },
    required: ['prompt'],
    anyOf: [{ required: ['source_artifact_id'] }, { required: ['image_url'] }],
  },
  groups: [['source_artifact_id', 'image_url']],
};

function drift(text: string): string[] {
  return compareCommittedSchema(text, DERIVED, 'input_schema.json').map((f) => `${f.range.start.line}:${f.range.start.column} ${f.message}`);
}

describe('compareCommittedSchema', () => {
  it('finds nothing when properties, types, required fields and groups agree', () => {
    const committed = {
      type: 'object',
      properties: {
        prompt: { type: 'string', description: 'words differ, which is fine' },
        source_artifact_id: { type: 'string' },
        image_url: { type: 'string' },
        image: { type: ['array', 'string'] },
        seed: { type: 'integer', minimum: 5 },
      },
      required: ['prompt'],
      allOf: [{ anyOf: [{ required: ['image_url'] }, { required: ['source_artifact_id'] }] }],
    };
    expect(drift(JSON.stringify(committed, null, 2))).toEqual([]);
  });

  it('reports each difference where it stands in the committed file', () => {
    const text = [
      '{', // 1
      '  "type": "object",',
      '  "properties": {', // 3
      '    "prompt": { "type": "string" },',
      '    "image_url": { "type": "string" },',
      '    "image": { "type": "string" },', // 6
      '    "seed": { "type": "number" },', // 7
      '    "style": { "type": "string" }', // 8
      '  },',
      '  "required": ["prompt", "style"],', // 10
      '  "oneOf": [{ "required": ["image_url"] }, { "required": ["style"] }]', // 11
      '}',
    ].join('\r\n');
    expect(drift(text)).toEqual([
      '3:3 `source_artifact_id` is missing here: the SKILL.md lists it (type "string").',
      '6:24 `image` has type "string" here but "array" or "string" in the schema derived from the SKILL.md.',
      '7:23 `seed` has type "number" here but "integer" in the schema derived from the SKILL.md.',
      '8:5 `style` is not in the SKILL.md: list it there or remove it here.',
      "10:26 `style` is required here but not in the SKILL.md's `## Required input`.",
      '1:1 The SKILL.md requires one of `source_artifact_id` or `image_url`; this schema has no such group (an `anyOf` of `required`).',
      '11:12 This group (one of `image_url` or `style`) is not in the SKILL.md.',
    ]);
  });

  it('reports a missing required entry at `required`, or at the opening brace when there is none', () => {
    expect(drift('{"properties": {"prompt": {"type": "string"}}, "required": [], "anyOf": [{"required": ["source_artifact_id"]}, {"required": ["image_url"]}]}')).toEqual([
      '1:2 `source_artifact_id` is missing here: the SKILL.md lists it (type "string").',
      '1:2 `image_url` is missing here: the SKILL.md lists it (type "string").',
      '1:2 `image` is missing here: the SKILL.md lists it (type "array" or "string").',
      '1:2 `seed` is missing here: the SKILL.md lists it (type "integer").',
      '1:48 `prompt` is required by the SKILL.md but not in `required` here.',
    ]);
    expect(compareCommittedSchema('{}', { schema: { required: ['job_id'] }, groups: [] }, 'output_schema.json')).toEqual([
      {
        range: { start: { line: 1, column: 1 }, end: { line: 1, column: 2 } },
        message: '`job_id` is required by the SKILL.md but not in `required` here.',
      },
    ]);
  });

  it('reports a file that is not JSON, or not an object, once', () => {
    expect(drift('{\n  "type": "object",\n  "properties": {,\n}')).toEqual([
      '3:18 input_schema.json is not valid JSON (expected a value), so it cannot be compared with the SKILL.md.',
    ]);
    expect(drift('[1]')).toEqual(['1:1 input_schema.json must hold a JSON Schema object.']);
    expect(drift('['.repeat(100000) + ']'.repeat(100000))).toEqual(['1:65 input_schema.json nests more than 64 levels deep; it is not compared.']);
  });
});

describe('committed schema files on disk', () => {
  let root: string;
  let skillFolder: string;
  let out: string[];
  let err: string[];
  const io = (): CommandIo => ({
    cwd: root,
    stdout: (text) => out.push(text),
    stderr: (text) => err.push(text),
    readStdin: async () => '',
  });

  beforeEach(async () => {
    root = await mkdtemp(path.join(os.tmpdir(), 'skillhub-committed-'));
    skillFolder = path.join(root, 'skills', EXAMPLE_ID);
    await mkdir(skillFolder, { recursive: true });
    await writeFile(path.join(skillFolder, 'SKILL.md'), exampleSkill());
    out = [];
    err = [];
  });
  afterEach(async () => {
    await rm(root, { recursive: true, force: true });
  });

  it('reports drift in the JSON file itself, as a result of its own', async () => {
    await writeFile(path.join(skillFolder, 'input_schema.json'), '{\n  "type": "object",\n  "properties": {\n    "prompt": {"type": "number"}\n  }\n}\n');
    const code = await runValidate(['skills', '--format', 'json'], io());
    expect(code).toBe(1);
    const results = JSON.parse(out.join('')) as Array<{ filePath: string; messages: Array<{ ruleId: string; line: number; column: number; message: string }> }>;
    expect(results.map((result) => [path.relative(root, result.filePath), result.messages.map((m) => `${m.line}:${m.column} ${m.ruleId} ${m.message}`)])).toEqual([
      [`skills/${EXAMPLE_ID}/SKILL.md`, []],
      [
        `skills/${EXAMPLE_ID}/input_schema.json`,
        [
          '1:1 committed-schema-drift `prompt` is required by the SKILL.md but not in `required` here.',
          '3:3 committed-schema-drift `aspect_ratio` is missing here: the SKILL.md lists it (type "string").',
          '4:24 committed-schema-drift `prompt` has type "number" here but "string" in the schema derived from the SKILL.md.',
        ],
      ],
    ]);
  });

  it('--write-schemas rewrites the committed files from the SKILL.md, deterministically, then reports clean', async () => {
    const input = path.join(skillFolder, 'input_schema.json');
    const output = path.join(skillFolder, 'output_schema.json');
    await writeFile(input, '{"type": "object"}\r\n');
    await writeFile(output, '{}');
    expect(await runValidate(['skills', '--write-schemas'], io())).toBe(0);
    expect(err.join('')).toBe(
      `skillhub: wrote skills/${EXAMPLE_ID}/input_schema.json\nskillhub: wrote skills/${EXAMPLE_ID}/output_schema.json\n`,
    );
    expect(out.join('')).toBe('');

    const { results } = await lintPaths(['skills'], root);
    const derived = results[0]?.analysis.derived;
    expect(derived).toBeDefined();
    const written = await readFile(input, 'utf8');
    expect(written).toBe(schemaFileText(derived?.inputSchema ?? {}));
    expect(written).toMatch(/^\{\n {2}"\$schema": /);
    expect(written.endsWith('}\n')).toBe(true);
    expect(written.includes('\r')).toBe(false);
    expect(JSON.parse(await readFile(output, 'utf8'))).toEqual(derived?.outputSchema);
    expect((await readdir(skillFolder)).sort()).toEqual(['SKILL.md', 'input_schema.json', 'output_schema.json']);

    err = [];
    expect(await runValidate(['skills', '--write-schemas'], io())).toBe(0);
    expect(err).toEqual([]);
    expect(await readFile(input, 'utf8')).toBe(written);
  });

  it('--write-schemas touches only the schema files, never other files read with the SKILL.md', async () => {
    await mkdir(path.join(skillFolder, 'agents'));
    const yaml = 'interface:\n  display_name: Demo\n';
    await writeFile(path.join(skillFolder, 'agents', 'openai.yaml'), yaml);
    await writeFile(path.join(skillFolder, 'input_schema.json'), '{}\n');
    await runValidate(['skills', '--write-schemas'], io());
    expect(err.join('')).toBe(`skillhub: wrote skills/${EXAMPLE_ID}/input_schema.json\n`);
    expect(await readFile(path.join(skillFolder, 'agents', 'openai.yaml'), 'utf8')).toBe(yaml);
  });

  it('--write-schemas leaves the files of a skill whose inputs do not derive, and does not write through a link', async () => {
    const broken = exampleSkill({ body: EXAMPLE_BODY.replace('- `prompt`: what the image should show', '- `prompt`: what the image should show\n- `mystery_field`: unknown to the vocabulary') });
    await writeFile(path.join(skillFolder, 'SKILL.md'), broken);
    await writeFile(path.join(skillFolder, 'input_schema.json'), '{}\n');
    await writeFile(path.join(root, 'elsewhere.json'), '{}\n');
    await symlink(path.join(root, 'elsewhere.json'), path.join(skillFolder, 'output_schema.json'));
    expect(await runValidate(['skills', '--write-schemas'], io())).toBe(1);
    expect(err.join('')).toBe(
      [
        `skillhub: did not write skills/${EXAMPLE_ID}/input_schema.json: the SKILL.md has input problems to fix first`,
        `skillhub: did not write skills/${EXAMPLE_ID}/output_schema.json: it could not be read (symlink-outside-root)`,
        '',
      ].join('\n'),
    );
    expect(await readFile(path.join(skillFolder, 'input_schema.json'), 'utf8')).toBe('{}\n');
    expect(await readFile(path.join(root, 'elsewhere.json'), 'utf8')).toBe('{}\n');
  });
});

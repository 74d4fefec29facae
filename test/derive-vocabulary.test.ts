import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createAjv, createLintEnvironment } from '../src/check/environment.js';
import { readProjectJson } from '../src/core/project-files.js';
import { main } from '../src/cli/main.js';
import type { CommandIo } from '../src/cli/io.js';
import { loadVocabulary, VocabularyError } from '../src/load/vocabulary.js';
import { deriveText, skillText } from './derive-fixtures.js';

let root: string;

beforeEach(async () => {
  root = await mkdtemp(path.join(os.tmpdir(), 'skillhub-vocabulary-'));
  await mkdir(path.join(root, 'schemas'));
});

afterEach(async () => {
  await rm(root, { recursive: true, force: true });
});

async function writeVocabulary(content: unknown): Promise<string> {
  const file = path.join(root, 'schemas', 'input-fields.json');
  await writeFile(file, typeof content === 'string' ? content : JSON.stringify(content, null, 2));
  return file;
}

function loadError(): string {
  try {
    loadVocabulary(createAjv(), root);
  } catch (error) {
    expect(error).toBeInstanceOf(VocabularyError);
    return (error as Error).message;
  }
  throw new Error('the vocabulary loaded');
}

describe('the built-in field vocabulary', () => {
  it('follows its own schema, and every entry compiles under ajv strict mode', () => {
    const ajv = createAjv();
    const validate = ajv.compile(readProjectJson('input-fields.schema.json') as object);
    const file = readProjectJson('input-fields.json') as { input: Record<string, object>; output: Record<string, object> };
    expect(validate(file), JSON.stringify(validate.errors)).toBe(true);
    for (const part of [file.input, file.output]) {
      for (const [name, entry] of Object.entries(part)) expect(() => ajv.compile(entry), name).not.toThrow();
    }
    ajv.compile(readProjectJson('job-result.schema.json') as object);
  });

  it('holds the fields the issue names, with their constraints', () => {
    const { input } = loadVocabulary(createAjv());
    expect(input.get('prompt')).toMatchObject({ type: 'string', minLength: 1 });
    expect(input.get('seed')).toMatchObject({ type: 'integer', minimum: 0 });
    expect(input.get('strength')).toMatchObject({ type: 'number', minimum: 0, maximum: 1 });
    expect(input.get('image_url')).toMatchObject({ type: 'string', format: 'uri' });
    expect(input.get('reference_image_url')).toMatchObject({ type: 'string', format: 'uri' });
    expect(input.get('reference_artifact_ids')).toMatchObject({ type: 'array', items: { type: 'string' } });
    expect(input.get('preserve_composition')).toMatchObject({ type: 'boolean' });
    expect(input.get('image')?.['anyOf']).toHaveLength(2);
    const aspect = new RegExp(String(input.get('aspect_ratio')?.['pattern']), 'u');
    expect(['16:9', '1:1', '9:16'].every((value) => aspect.test(value))).toBe(true);
    expect(['16/9', 'wide', '0:1'].some((value) => aspect.test(value))).toBe(false);
    for (const name of ['negative_prompt', 'style', 'size', 'notes', 'source_artifact_id']) expect(input.has(name), name).toBe(true);
  });
});

describe('a catalog root extends the vocabulary', () => {
  it('adds its own fields, and may repeat a built-in one word for word', async () => {
    const builtIn = readProjectJson('input-fields.json') as { input: Record<string, unknown> };
    await writeVocabulary({
      input: { lens_mm: { type: 'integer', minimum: 1, description: 'Focal length in millimetres.' }, seed: builtIn.input['seed'] },
      output: { focal_length: { type: 'number', description: 'The focal length used.' } },
    });
    const vocabulary = loadVocabulary(createAjv(), root);
    expect(vocabulary.input.get('lens_mm')).toEqual({ type: 'integer', minimum: 1, description: 'Focal length in millimetres.' });
    expect(vocabulary.input.has('prompt')).toBe(true);
    const derived = deriveText(skillText('popiskill-image-demo-v1', '## Optional input\n\n- `lens_mm`\n\n## Output handling\n\n- read `focal_length`\n'), vocabulary);
    expect(derived.problems).toEqual([]);
    expect(derived.inputSchema['properties']).toEqual({ lens_mm: { type: 'integer', description: 'Focal length in millimetres.', minimum: 1 } });
    expect((derived.outputSchema['properties'] as Record<string, unknown>)['focal_length']).toEqual({ type: 'number', description: 'The focal length used.' });
    expect(createLintEnvironment({ root }).vocabulary.input.has('lens_mm')).toBe(true);
  });

  it('ignores a root without a vocabulary file, and the project itself', () => {
    expect(loadVocabulary(createAjv(), path.join(root, 'nothing-here')).input.has('prompt')).toBe(true);
    expect(loadVocabulary(createAjv(), path.resolve('.')).input.size).toBe(loadVocabulary(createAjv()).input.size);
  });

  it('refuses to give a built-in field another meaning', async () => {
    const file = await writeVocabulary({ input: { seed: { type: 'string', description: 'A seed word.' } } });
    expect(loadError()).toBe(`${file}: \`input.seed\` redefines a built-in field; a field keeps one meaning across the catalog, so give this one another name`);
  });

  it('says where the JSON breaks', async () => {
    const file = await writeVocabulary('{\n  "input": {\n    "lens_mm": { "type": "integer", }\n  }\n}\n');
    expect(loadError()).toBe(`${file}:3:37: not valid JSON (PropertyNameExpected)`);
  });

  it('says which entry does not follow the vocabulary schema', async () => {
    const file = await writeVocabulary({
      input: {
        'lens-mm': { type: 'integer', description: 'Focal length.' },
        grain: { type: 'text', description: 'Film grain.' },
        fog: { description: 'Fog.' },
      },
    });
    expect(loadError()).toBe(
      `${file} does not follow schemas/input-fields.schema.json: \`input\` has a field name that is not a letter or \`_\` followed by letters, digits or \`_\`: "lens-mm"; \`input.grain.type\` must be one of \`string\`, \`integer\`, \`number\`, \`boolean\`, \`object\`, \`array\`; \`input.fog\` needs a \`type\` (or \`anyOf\` branches that each have one)`,
    );
    await writeVocabulary({ inputs: {} });
    expect(loadError()).toBe(
      `${file} does not follow schemas/input-fields.schema.json: the file needs \`input\`; the file has an unknown key \`inputs\` (it holds \`input\` and \`output\`)`,
    );
    await writeVocabulary({ input: { fog: { type: 'number', default: 1, description: 'Fog.' } } });
    expect(loadError()).toBe(`${file} does not follow schemas/input-fields.schema.json: \`input.fog\` has an unsupported keyword \`default\``);
  });

  it('refuses an entry that ajv strict mode would not compile', async () => {
    const file = await writeVocabulary({ input: { fog: { type: 'string', minimum: 1, description: 'Fog.' } } });
    expect(loadError()).toBe(
      `${file}: an \`input\` entry is not a usable JSON Schema: strict mode: missing type "number" for keyword "minimum" at "#/properties/fog" (strictTypes)`,
    );
  });

  it('makes the CLI exit 2 with the message, and no stack trace', async () => {
    await mkdir(path.join(root, 'skills', 'popiskill-image-demo-v1'), { recursive: true });
    await writeFile(path.join(root, 'skills', 'popiskill-image-demo-v1', 'SKILL.md'), skillText('popiskill-image-demo-v1', '# Demo\n'));
    const file = await writeVocabulary('not json');
    const out: string[] = [];
    const err: string[] = [];
    const io: CommandIo = { cwd: root, stdout: (text) => void out.push(text), stderr: (text) => void err.push(text), readStdin: async () => '' };
    expect(await main(['schema', 'popiskill-image-demo-v1', '--root', root], io)).toBe(2);
    expect(out).toEqual([]);
    expect(err.join('')).toBe(`skillhub schema: ${file}:1:1: not valid JSON (InvalidSymbol)\n`);
  });
});

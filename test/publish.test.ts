import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { Ajv2020 } from 'ajv/dist/2020.js';
import addFormats from 'ajv-formats';
import { describe, expect, it } from 'vitest';
import { buildCatalog, type BuiltCatalog } from '../src/publish/build.js';
import { canonicalJson } from '../src/publish/canonical-json.js';
import { publishedSkillOf, type SkillSource } from '../src/publish/skill-record.js';
import { IDS, INPUT_SCHEMA, OUTPUT_SCHEMA, sourceOf } from './publish-fixtures.js';

function built(sources: SkillSource[]): BuiltCatalog {
  const result = buildCatalog(sources);
  if (!result.ok) throw new Error(`build failed: ${JSON.stringify(result.problems)}`);
  return result.catalog;
}

const sha256 = (text: string) => createHash('sha256').update(text).digest('hex');

/** A seeded shuffle, so a failure can be replayed. */
function shuffled<T>(items: readonly T[], seed: number): T[] {
  const copy = [...items];
  let state = seed;
  for (let i = copy.length - 1; i > 0; i--) {
    state = (state * 1103515245 + 12345) % 2147483648;
    const j = state % (i + 1);
    [copy[i], copy[j]] = [copy[j] as T, copy[i] as T];
  }
  return copy;
}

const SHOWCASE_AGENTS = `interface:
  display_name: "Gamma Showcase"
  short_description: "Generate one showcase image from a prompt"
  default_prompt: "Use this skill for the gamma showcase."
`;

function threeSkills(): SkillSource[] {
  return [
    sourceOf(IDS.beta, { title: 'Beta Images' }),
    sourceOf(IDS.alpha),
    sourceOf(IDS.gamma, { extraTags: ['showcase'], agentsYaml: SHOWCASE_AGENTS }),
  ];
}

describe('canonicalJson', () => {
  it('sorts keys by code unit at every depth, indents by two spaces and ends with one LF', () => {
    const value = { b: 1, a: { z: [{ y: 1, x: 2 }], Z: true, é: 'e', A: null } };
    expect(canonicalJson(value)).toBe(
      '{\n  "a": {\n    "A": null,\n    "Z": true,\n    "z": [\n      {\n        "x": 2,\n        "y": 1\n      }\n    ],\n    "é": "e"\n  },\n  "b": 1\n}\n',
    );
  });

  it('keeps a `__proto__` key as data and touches no prototype', () => {
    const value = JSON.parse('{"__proto__": {"polluted": true}, "a": 1}') as unknown;
    expect(canonicalJson(value)).toBe('{\n  "__proto__": {\n    "polluted": true\n  },\n  "a": 1\n}\n');
    expect(({} as Record<string, unknown>)['polluted']).toBeUndefined();
  });
});

describe('buildCatalog', () => {
  it('writes the index, the sync index, and each skill and its schemas, in path order', () => {
    expect([...built(threeSkills()).files.keys()]).toEqual([
      'catalog.json',
      'documents.json',
      'healthz.json',
      'index.json',
      'skills/index.json',
      `skills/${IDS.alpha}.json`,
      `skills/${IDS.alpha}/schema.json`,
      `skills/${IDS.beta}.json`,
      `skills/${IDS.beta}/schema.json`,
      `skills/${IDS.gamma}.json`,
      `skills/${IDS.gamma}/schema.json`,
    ]);
  });

  it('publishes the full skill with a digest of its canonical content', () => {
    const files = built(threeSkills()).files;
    // Keys written in code-unit order, so JSON.stringify gives the canonical text independently.
    const content = {
      capability: 'text2image',
      category: 'image',
      default_profile: false,
      description: 'Generate one image from a text prompt. Use it for quick concept frames.',
      estimated_duration_s: 60,
      id: IDS.beta,
      input_schema: {
        $schema: 'https://json-schema.org/draft/2020-12/schema',
        additionalProperties: false,
        properties: {
          aspect_ratio: { description: 'framing such as `16:9`', pattern: '^[1-9][0-9]*:[1-9][0-9]*$', type: 'string' },
          prompt: { description: 'what the image should show', minLength: 1, type: 'string' },
          strength: { maximum: 1, minimum: 0, type: 'number' },
        },
        required: ['prompt'],
        type: 'object',
      },
      model_type: 'image',
      name: 'Beta Images',
      output_schema: {
        $schema: 'https://json-schema.org/draft/2020-12/schema',
        properties: { artifact_ids: { items: { type: 'string' }, type: 'array' }, job_id: { type: 'string' } },
        type: 'object',
      },
      path: `skills/${IDS.beta}/SKILL.md`,
      sections: {},
      skill_md_path: `skills/${IDS.beta}/SKILL.md`,
      tags: ['image', 'text2image'],
      version: 'v1',
    };
    const digest = sha256(`${JSON.stringify(content, null, 2)}\n`);
    const { skill_md_path, tags, version, ...upToSections } = content;
    const full = { ...upToSections, sha256: digest, skill_md_path, tags, version };
    expect(files.get(`skills/${IDS.beta}.json`)).toBe(`${JSON.stringify(full, null, 2)}\n`);
    expect(JSON.parse(files.get(`skills/${IDS.beta}/schema.json`) as string)).toEqual({ input_schema: INPUT_SCHEMA, output_schema: OUTPUT_SCHEMA });
  });

  it('gives each record its canonical texts (skills/<id>.json, skills/<id>/schema.json) from one sorting of the schemas', () => {
    const unsorted = JSON.parse('{"type":"object","properties":{"z":{"type":"string","description":"last"},"__proto__":{"type":"number"},"a":{"enum":[{"y":1,"b":2}]}},"$schema":"s"}') as Record<string, unknown>;
    const plain = sourceOf(IDS.alpha);
    const rich: SkillSource = {
      ...sourceOf(IDS.beta, { agentsYaml: 'interface:\n  display_name: Beta Display\n' }),
      sections: { workflow: '1. one', command_pattern: '```sh\nx\n```', operating_guidance: 'g' },
      frontMatter: { ...sourceOf(IDS.beta).frontMatter, profile_description: '  wide frames  ' },
    };
    rich.derived = { ...(rich.derived as NonNullable<SkillSource['derived']>), inputSchema: unsorted, outputSchema: { type: 'object', $id: 'o' } };
    for (const source of [plain, rich]) {
      const result = publishedSkillOf(source);
      if (!result.ok) throw new Error(result.problems.join('; '));
      expect(result.document).toBe(canonicalJson(result.skill));
      expect(result.schemas).toBe(canonicalJson({ input_schema: result.skill.input_schema, output_schema: result.skill.output_schema }));
    }
    const rendered = publishedSkillOf(rich);
    expect(rendered.ok && JSON.parse(rendered.document)).toMatchObject({ name: 'Beta Display', profile_description: 'wide frames', sections: { workflow: '1. one' } });
  });

  it('lists summaries sorted by id with a catalog digest over the sorted skill digests', () => {
    const catalog = built(threeSkills());
    const index = JSON.parse(catalog.files.get('catalog.json') as string) as { sha256: string; skills: Array<Record<string, unknown>> };
    expect(index.skills.map((skill) => skill['id'])).toEqual([IDS.alpha, IDS.beta, IDS.gamma]);
    expect(Object.keys(index.skills[0] as object)).toEqual([
      'capability', 'category', 'default_profile', 'description', 'estimated_duration_s', 'id', 'model_type', 'name', 'path', 'sha256', 'tags', 'version',
    ]);
    const digests = catalog.skills.map((skill) => skill.sha256).sort();
    expect(index.sha256).toBe(sha256(digests.join('\n')));
    expect(index).toMatchObject({ $schema: 'https://popiart.dev/schemas/catalog.schema.json', version: 1 });
  });

  it('names a skill by its agents/openai.yaml display name, else by its H1', () => {
    const names = built(threeSkills()).skills.map((skill) => [skill.id, skill.name]);
    expect(names).toEqual([
      [IDS.alpha, 'Demo Text To Image'],
      [IDS.beta, 'Beta Images'],
      [IDS.gamma, 'Gamma Showcase'],
    ]);
  });

  it('writes index.json in the public sync format, marking showcase-tagged skills', () => {
    expect(built(threeSkills()).files.get('index.json')).toBe(
      `${JSON.stringify(
        {
          skills: [
            { capability: 'text2image', category: 'image', name: IDS.alpha, origin: 'popiart', path: `skills/${IDS.alpha}` },
            { capability: 'text2image', category: 'image', name: IDS.beta, origin: 'popiart', path: `skills/${IDS.beta}` },
            { capability: 'text2image', category: 'image', name: IDS.gamma, origin: 'popiart', path: `skills/${IDS.gamma}`, showcase: true },
          ],
          version: 1,
        },
        null,
        2,
      )}\n`,
    );
  });

  it('gives byte-identical output for the same sources in any order', () => {
    const reference = built(threeSkills()).files;
    for (const seed of [1, 2, 3, 4, 5, 6, 7, 8]) {
      const again = built(shuffled(threeSkills(), seed)).files;
      expect([...again.entries()]).toEqual([...reference.entries()]);
    }
  });

  it('gives every file LF line ends, a final newline and no time stamp', () => {
    for (const [file, text] of built(threeSkills()).files) {
      expect(text.endsWith(file === 'documents.json' ? '}\n]\n' : '}\n'), file).toBe(true);
      expect(text.includes('\r'), file).toBe(false);
      expect(/\d{4}-\d{2}-\d{2}T\d{2}:/.test(text), file).toBe(false);
    }
  });

  it('changes the skill digest and the catalog digest when a skill changes, and nothing else', () => {
    const before = built(threeSkills());
    const changed = threeSkills();
    changed[1] = sourceOf(IDS.alpha, { description: 'Generate one image from a text prompt, quickly. Use it for concept frames.' });
    const after = built(changed);
    const digestOf = (catalog: BuiltCatalog, id: string) => catalog.skills.find((skill) => skill.id === id)?.sha256;
    expect(digestOf(after, IDS.alpha)).not.toBe(digestOf(before, IDS.alpha));
    expect(digestOf(after, IDS.beta)).toBe(digestOf(before, IDS.beta));
    expect(after.index.sha256).not.toBe(before.index.sha256);
    expect(after.files.get(`skills/${IDS.beta}.json`)).toBe(before.files.get(`skills/${IDS.beta}.json`));
  });

  it('refuses a skill without derived schemas and a second skill with the same id', () => {
    const missing = sourceOf(IDS.alpha);
    missing.derived = undefined;
    const twin = { ...sourceOf(IDS.beta), filePath: '/repo/skills/zz-copy/SKILL.md', path: 'skills/zz-copy' };
    const result = buildCatalog([missing, sourceOf(IDS.beta), twin]);
    expect(result).toEqual({
      ok: false,
      problems: [
        { filePath: `/repo/skills/${IDS.alpha}/SKILL.md`, message: 'no input or output schema could be derived from the document' },
        { filePath: '/repo/skills/zz-copy/SKILL.md', message: `a second skill is named \`${IDS.beta}\`` },
      ],
    });
  });

  it('produces documents that validate against schemas/catalog.schema.json and schemas/skill.schema.json', () => {
    const ajv = new Ajv2020({ strict: true, allErrors: true, allowUnionTypes: true });
    addFormats.default(ajv);
    const read = (name: string) => JSON.parse(readFileSync(new URL(`../schemas/${name}`, import.meta.url), 'utf8')) as object;
    ajv.addSchema(read('skill.schema.json'));
    const checkIndex = ajv.compile(read('catalog.schema.json'));
    const checkSkill = ajv.getSchema('https://popiart.dev/schemas/skill.schema.json');
    const checkSchemas = ajv.getSchema('https://popiart.dev/schemas/skill.schema.json#/$defs/schemas');
    const { files, skills } = built(threeSkills());
    expect(checkIndex(JSON.parse(files.get('catalog.json') as string)), JSON.stringify(checkIndex.errors)).toBe(true);
    for (const { id } of skills) {
      expect(checkSkill?.(JSON.parse(files.get(`skills/${id}.json`) as string)), JSON.stringify(checkSkill?.errors)).toBe(true);
      expect(checkSchemas?.(JSON.parse(files.get(`skills/${id}/schema.json`) as string)), JSON.stringify(checkSchemas?.errors)).toBe(true);
    }
    // The schemas can fail: a summary with an extra field and a skill without its schemas.
    const index = JSON.parse(files.get('catalog.json') as string) as { skills: Array<Record<string, unknown>> };
    (index.skills[0] as Record<string, unknown>)['route_key'] = 'internal';
    expect(checkIndex(index)).toBe(false);
    const { input_schema: _dropped, ...partial } = skills[0] as unknown as Record<string, unknown>;
    expect(checkSkill?.(partial)).toBe(false);
  });
});

import { readFileSync } from 'node:fs';
import { readFile, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { Ajv2020, type ValidateFunction } from 'ajv/dist/2020.js';
import addFormats from 'ajv-formats';
import { describe, expect, it } from 'vitest';
import type { CommandIo } from '../src/cli/io.js';
import { main } from '../src/cli/main.js';
import { readCatalogFolder } from '../src/publish/write.js';
import { IDS, makeTempDir, skillText, writeSkillsRepo, writeTree } from './publish-fixtures.js';

function memoryIo(cwd: string): CommandIo & { out: () => string; err: () => string } {
  const out: string[] = [];
  const err: string[] = [];
  return {
    cwd,
    stdout: (text) => out.push(text),
    stderr: (text) => err.push(text),
    readStdin: async () => '',
    out: () => out.join(''),
    err: () => err.join(''),
  };
}

async function run(cwd: string, ...argv: string[]): Promise<{ code: number; out: string; err: string }> {
  const io = memoryIo(cwd);
  const code = await main(argv, io);
  return { code, out: io.out(), err: io.err() };
}

const CATALOG = 'catalog';

describe('skillhub build', () => {
  it('validates ./skills and writes catalog/: the index, the sync index, each skill and its schemas', async () => {
    const repo = await writeSkillsRepo({ [IDS.beta]: { title: 'Beta Images' }, [IDS.alpha]: {} });
    const result = await run(repo, 'build');
    expect(result).toEqual({ code: 0, out: expect.stringMatching(new RegExp(`^skillhub build: wrote ${CATALOG} \\(2 skills, sha256 [0-9a-f]{64}\\)\\.\\n$`)), err: '' });
    const files = await readCatalogFolder(path.join(repo, CATALOG));
    expect([...files.keys()]).toEqual([
      'assets/fields.js', 'assets/site.css', 'assets/site.js', 'catalog.json', 'documents.json', 'healthz.json', 'index.html', 'index.json', 'skills/index.json',
      `skills/${IDS.alpha}.html`, `skills/${IDS.alpha}.json`, `skills/${IDS.alpha}/schema.json`,
      `skills/${IDS.beta}.html`, `skills/${IDS.beta}.json`, `skills/${IDS.beta}/schema.json`,
    ]);
    const index = JSON.parse(files.get('catalog.json') as string) as { sha256: string; skills: Array<{ id: string; name: string; path: string }> };
    expect(index.skills.map((skill) => [skill.id, skill.name, skill.path])).toEqual([
      [IDS.alpha, 'Demo Text To Image', `skills/${IDS.alpha}/SKILL.md`],
      [IDS.beta, 'Beta Images', `skills/${IDS.beta}/SKILL.md`],
    ]);
    expect(result.out).toContain(index.sha256);
    // The derived schema, published with its keys in code-unit order.
    expect(files.get(`skills/${IDS.alpha}/schema.json`)).toContain(
      `"input_schema": ${JSON.stringify(
        {
          $schema: 'https://json-schema.org/draft/2020-12/schema',
          additionalProperties: false,
          examples: [{ aspect_ratio: '16:9', prompt: 'a lighthouse at dawn' }],
          properties: {
            aspect_ratio: { description: 'framing such as `16:9`', pattern: '^[1-9][0-9]*:[1-9][0-9]*$', type: 'string' },
            prompt: { description: 'what the image should show', minLength: 1, type: 'string' },
          },
          required: ['prompt'],
          type: 'object',
        },
        null,
        2,
      ).replace(/\n/g, '\n  ')}`,
    );
  });

  it('writes documents that validate against schemas/catalog.schema.json and schemas/skill.schema.json', async () => {
    const repo = await writeSkillsRepo({ [IDS.alpha]: {}, [IDS.beta]: {}, [IDS.gamma]: { extraTags: ['showcase'] } });
    expect((await run(repo, 'build')).code).toBe(0);
    const ajv = new Ajv2020({ strict: true, allErrors: true, allowUnionTypes: true });
    addFormats.default(ajv);
    const schema = (name: string) => JSON.parse(readFileSync(new URL(`../schemas/${name}`, import.meta.url), 'utf8')) as object;
    ajv.addSchema(schema('skill.schema.json'));
    const checks: Record<string, ValidateFunction> = {
      index: ajv.compile(schema('catalog.schema.json')),
      skill: ajv.getSchema('https://popiart.dev/schemas/skill.schema.json') as ValidateFunction,
      schemas: ajv.getSchema('https://popiart.dev/schemas/skill.schema.json#/$defs/schemas') as ValidateFunction,
    };
    const files = await readCatalogFolder(path.join(repo, CATALOG));
    const kinds = [...files.keys()].map((file) =>
      file === 'catalog.json'
        ? 'index'
        : !file.startsWith('skills/') || file === 'skills/index.json' || !file.endsWith('.json')
          ? undefined
          : file.endsWith('/schema.json')
            ? 'schemas'
            : 'skill',
    );
    expect(kinds.filter(Boolean)).toHaveLength(7);
    [...files].forEach(([file, text], i) => {
      const kind = kinds[i];
      if (!kind) return;
      const check = checks[kind] as ValidateFunction;
      expect(check(JSON.parse(text)), `${file}: ${JSON.stringify(check.errors)}`).toBe(true);
    });
  });

  it('gives byte-identical catalogs for the same skills written to disk in another order, wherever it runs', async () => {
    const first = await writeSkillsRepo({ [IDS.alpha]: {}, [IDS.beta]: {}, [IDS.gamma]: { extraTags: ['showcase'] } });
    const second = await writeSkillsRepo({ [IDS.gamma]: { extraTags: ['showcase'] }, [IDS.beta]: {}, [IDS.alpha]: {} });
    expect((await run(first, 'build')).code).toBe(0);
    expect((await run(second, 'build')).code).toBe(0);
    expect((await run(first, 'build')).code).toBe(0);
    const elsewhere = await makeTempDir();
    expect((await run(elsewhere, 'build', '--root', path.join(second, 'skills'), '--out', 'out')).code).toBe(0);
    const reference = await readCatalogFolder(path.join(first, CATALOG));
    expect(await readCatalogFolder(path.join(second, CATALOG))).toEqual(reference);
    expect(await readCatalogFolder(path.join(elsewhere, 'out'))).toEqual(reference);
    expect(JSON.parse(reference.get('index.json') as string).skills[2]).toEqual({
      capability: 'text2image', category: 'image', name: IDS.gamma, origin: 'popiart', path: `skills/${IDS.gamma}`, showcase: true,
    });
  });

  it('writes nothing and exits 1 when a skill has an error, leaving the previous catalog as it was', async () => {
    const repo = await writeSkillsRepo({ [IDS.alpha]: {}, [IDS.beta]: {} });
    expect((await run(repo, 'build')).code).toBe(0);
    const before = await readCatalogFolder(path.join(repo, CATALOG));
    const broken = skillText(IDS.beta).replace('version: v1', 'version: 1');
    await writeFile(path.join(repo, 'skills', IDS.beta, 'SKILL.md'), broken);
    const result = await run(repo, 'build');
    expect(result.code).toBe(1);
    expect(result.out).toBe('');
    expect(result.err).toBe(
      [
        path.join('skills', IDS.beta, 'SKILL.md'),
        '  7:10  error  `version` must be `v` and a major version number, such as `v1`, got `1`.  frontmatter-schema',
        '',
        '✖ 1 problem (1 error, 0 warnings)',
        `skillhub build: 1 error in skills; nothing written, ${CATALOG} is unchanged.`,
        '',
      ].join('\n'),
    );
    expect(await readCatalogFolder(path.join(repo, CATALOG))).toEqual(before);
  });

  it('--check exits 0 when the catalog on disk is current and 1 naming each differing, missing or extra file', async () => {
    const repo = await writeSkillsRepo({ [IDS.alpha]: {}, [IDS.beta]: {} });
    const missing = await run(repo, 'build', '--check');
    expect(missing.code).toBe(1);
    expect((await run(repo, 'build')).code).toBe(0);
    const current = await run(repo, 'build', '--check');
    expect(current).toEqual({ code: 0, out: expect.stringMatching(/^skillhub build --check: catalog is up to date \(2 skills, sha256 [0-9a-f]{64}\)\.\n$/), err: '' });

    const skillFile = path.join(repo, CATALOG, 'skills', `${IDS.alpha}.json`);
    await writeFile(skillFile, (await readFile(skillFile, 'utf8')).replace('"estimated_duration_s": 60', '"estimated_duration_s": 61'));
    await rm(path.join(repo, CATALOG, 'index.json'));
    await writeTree(path.join(repo, CATALOG), { 'skills/stale.json': '{}\n' });
    const stale = await run(repo, 'build', '--check');
    expect(stale).toEqual({
      code: 1,
      out: [
        'skillhub build --check: catalog is out of date; run `skillhub build` to update it:',
        '  missing  catalog/index.json',
        `  differs  catalog/skills/${IDS.alpha}.json`,
        '  extra    catalog/skills/stale.json',
        '',
      ].join('\n'),
      err: '',
    });
  });

  it('names a skill by its agents/openai.yaml, and refuses to build when that file is invalid, with diagnostics at its positions', async () => {
    const agents = [
      'interface:',
      '  display_name: "Alpha Images"',
      '  short_description: "Generate one image from one prompt"',
      '  default_prompt: "Use this skill for one quick concept image."',
      '',
    ].join('\n');
    const repo = await writeSkillsRepo({ [IDS.alpha]: { agentsYaml: agents }, [IDS.beta]: {} });
    expect((await run(repo, 'build')).code).toBe(0);
    const index = JSON.parse((await readCatalogFolder(path.join(repo, CATALOG))).get('catalog.json') as string) as { skills: Array<{ name: string }> };
    expect(index.skills.map((skill) => skill.name)).toEqual(['Alpha Images', 'Demo Text To Image']);

    const agentsFile = path.join(repo, 'skills', IDS.alpha, 'agents', 'openai.yaml');
    await writeFile(agentsFile, agents.replace('Generate one image from one prompt', 'Too short').replace('  display_name:', '  display_nam:'));
    const result = await run(repo, 'build');
    expect(result).toEqual({
      code: 1,
      out: '',
      err: [
        path.join('skills', IDS.alpha, 'agents', 'openai.yaml'),
        '  1:1   error    Required key `interface.display_name` is missing.  agents-interface',
        '  2:3   warning  Unknown key `interface.display_nam` in agents/openai.yaml; agents ignore it. Did you mean `display_name`?  agents-unknown-key',
        '  3:22  error    `interface.short_description` must be 25 to 64 characters long, got 9.  agents-interface',
        '',
        '✖ 3 problems (2 errors, 1 warning)',
        `skillhub build: 2 errors in skills; nothing written, ${CATALOG} is unchanged.`,
        '',
      ].join('\n'),
    });
  });

  it('refuses to replace an --out folder that is not a catalog (exit 2) and takes no stray arguments', async () => {
    const repo = await writeSkillsRepo({ [IDS.alpha]: {} });
    await writeTree(repo, { 'notes/todo.txt': 'keep me\n' });
    const result = await run(repo, 'build', '--out', 'notes');
    expect(result.code).toBe(2);
    expect(result.err).toBe(`skillhub build: ${path.join(repo, 'notes')} holds files that a catalog build does not write (todo.txt); refusing to replace it\n`);
    expect(await readFile(path.join(repo, 'notes', 'todo.txt'), 'utf8')).toBe('keep me\n');
    expect(await run(repo, 'build', 'skills')).toEqual({ code: 2, out: '', err: 'skillhub build: unexpected argument "skills" (use --root <dir>)\n' });
    expect(await run(repo, 'build', '--root', 'missing')).toEqual({ code: 2, out: '', err: 'skillhub build: No such folder: missing\n' });
  });
});

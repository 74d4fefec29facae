import { rm } from 'node:fs/promises';
import { afterAll, describe, expect, it } from 'vitest';
import type { PublishedSkill } from '../src/publish/model.js';
import { buildCatalogFromRoot } from '../src/publish/pipeline.js';
import { preparedRecordOf } from '../src/publish/prepared-skill.js';
import { fieldKeysOf } from '../src/site/page-plan.js';
import { IDS, sourceOf, writeSkillsRepo } from './publish-fixtures.js';

/*
 * A build makes each skill's record (its document, schema file, catalog.json entry and the page's
 * field keys) in the per-file phase and keeps only the catalog-only form of the analyses
 * (src/publish/prepared-skill.ts); `derivedSchemas` keeps the whole analyses and makes the records
 * on the main thread as before. Both must give the same bytes.
 */

const repos: string[] = [];
afterAll(async () => {
  for (const repo of repos) await rm(repo, { recursive: true, force: true });
});

const AGENTS = `interface:
  display_name: "Alpha From Agents"
  short_description: "Generate one image from a prompt"
  default_prompt: "Use this skill for alpha."
`;

describe('records made in the per-file phase', () => {
  it('give the same catalog files and skills as records made from whole analyses', async () => {
    const repo = await writeSkillsRepo({
      [IDS.alpha]: { agentsYaml: AGENTS },
      [IDS.beta]: { title: 'Beta Images' },
      [IDS.gamma]: { extraTags: ['showcase'], description: 'Gamma `code` & <b>' },
    });
    repos.push(repo);
    const prepared = await buildCatalogFromRoot('.', repo, { site: true });
    const whole = await buildCatalogFromRoot('.', repo, { site: true, derivedSchemas: true });
    if (!prepared.build?.ok || !whole.build?.ok) throw new Error('a build failed');
    expect(prepared.results.map((result) => result.analysis.catalogOnly)).toEqual([true, true, true]);
    expect(whole.results.map((result) => result.analysis.catalogOnly)).toEqual([undefined, undefined, undefined]);
    expect([...prepared.build.catalog.files.keys()]).toEqual([...whole.build.catalog.files.keys()]);
    for (const [file, text] of whole.build.catalog.files) expect(prepared.build.catalog.files.get(file), file).toBe(text);
    expect(prepared.build.catalog.index.skills.map((skill) => skill.name)).toEqual(['Alpha From Agents', 'Beta Images', 'Demo Text To Image']);
    // The records as objects are parsed from the documents: equal, keys aside.
    expect(prepared.build.catalog.skills).toEqual(whole.build.catalog.skills);
    expect(prepared.skillFiles).toEqual(whole.skillFiles);
    expect([...prepared.skillFiles.keys()]).toEqual([IDS.alpha, IDS.beta, IDS.gamma]);
  });

  it('carry the page field keys of the input schema as published', () => {
    const record = preparedRecordOf(sourceOf(IDS.alpha));
    if (!record.ok) throw new Error(record.problems.join('; '));
    const published = JSON.parse(record.document) as PublishedSkill;
    expect(record.fieldKeys).toEqual([...(fieldKeysOf(published.input_schema) ?? [])]);
    expect(record.fieldKeys).toEqual([
      ['aspect_ratio', '{"pattern":"^[1-9][0-9]*:[1-9][0-9]*$","type":"string"}'],
      ['prompt', '{"minLength":1,"type":"string"}'],
      ['strength', '{"maximum":1,"minimum":0,"type":"number"}'],
    ]);
    // catalog.json's entry: the published record without its details.
    const { input_schema: _input, output_schema: _output, sections: _sections, skill_md_path: _path, ...summary } = published;
    expect(record.summary).toEqual(summary);
    expect(Object.keys(record.summary).sort()).toEqual([
      'capability', 'category', 'default_profile', 'description', 'estimated_duration_s', 'id', 'model_type', 'name', 'path', 'sha256', 'tags', 'version',
    ]);
  });
});

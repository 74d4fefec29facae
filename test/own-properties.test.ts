import { rm } from 'node:fs/promises';
import { afterAll, describe, expect, it } from 'vitest';
import { catalogFromFiles } from '../src/catalog/load.js';
import { buildCatalogFromRoot } from '../src/publish/pipeline.js';
import { IDS, skillText, writeSkillsRepo } from './publish-fixtures.js';
import { writeTree } from './publish-fixtures.js';

const FIELDS = '- `aspect_ratio`: framing such as `16:9`\n- `toString` (string): a caption\n- `constructor` (string): a builder\n- `hasOwnProperty` (integer): a count\n- `valueOf` (number): a weight';
const repos: string[] = [];
afterAll(async () => {
  for (const repo of repos) await rm(repo, { recursive: true, force: true });
});

describe('fields named like Object.prototype members are ordinary optional fields', () => {
  it('lint accepts them, the build publishes them, and a payload that leaves them out is valid', async () => {
    const repo = await writeSkillsRepo({});
    repos.push(repo);
    await writeTree(repo, { [`skills/${IDS.alpha}/SKILL.md`]: skillText(IDS.alpha).replace('- `aspect_ratio`: framing such as `16:9`', FIELDS) });
    const run = await buildCatalogFromRoot('.', repo);
    expect(run.results.flatMap((r) => r.diagnostics.map((d) => `${d.range.start.line}:${d.range.start.column} ${d.ruleId}`))).toEqual([]);
    if (!run.build?.ok) throw new Error('the build failed');
    const catalog = await catalogFromFiles(run.build.catalog.files);
    expect(Object.keys(catalog.schema(IDS.alpha)?.input_schema.properties as object).sort()).toEqual(['aspect_ratio', 'constructor', 'hasOwnProperty', 'prompt', 'toString', 'valueOf']);
    expect(catalog.validateInput(IDS.alpha, { prompt: 'a fox' })).toEqual({ valid: true, errors: [] });
    expect(catalog.validateInput(IDS.alpha, { prompt: 'a fox', toString: 'caption', valueOf: 0.5, hasOwnProperty: 2, constructor: 'x' })).toEqual({ valid: true, errors: [] });
    expect(catalog.validateInput(IDS.alpha, { prompt: 'a fox', toString: 3 })).toEqual({
      valid: false,
      errors: [{ path: '/toString', message: '`toString` must be a string, got the number 3.', keyword: 'type' }],
    });
  });
});

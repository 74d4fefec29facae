import { rm } from 'node:fs/promises';
import { afterAll, describe, expect, it } from 'vitest';
import { buildCatalogFromRoot } from '../src/publish/pipeline.js';
import { IDS, makeTempDir, skillText, writeTree } from './publish-fixtures.js';

const repos: string[] = [];
afterAll(async () => {
  for (const repo of repos) await rm(repo, { recursive: true, force: true });
});

describe('a published skill path is relative to the catalog root', () => {
  it('is skills/<id>/SKILL.md whatever the folder of skills is called, so the digests are the same', async () => {
    const repo = await makeTempDir();
    repos.push(repo);
    await writeTree(repo, {
      [`skills/${IDS.alpha}/SKILL.md`]: skillText(IDS.alpha),
      [`elsewhere/my-skills/${IDS.alpha}/SKILL.md`]: skillText(IDS.alpha),
    });
    const standard = await buildCatalogFromRoot('.', repo);
    const renamed = await buildCatalogFromRoot('elsewhere/my-skills', repo);
    if (!standard.build?.ok || !renamed.build?.ok) throw new Error('a build failed');
    const catalog = JSON.parse(standard.build.catalog.files.get('catalog.json') as string) as { sha256: string; skills: Array<{ path: string }> };
    expect(catalog.skills.map((skill) => skill.path)).toEqual([`skills/${IDS.alpha}/SKILL.md`]);
    expect(renamed.build.catalog.files).toEqual(standard.build.catalog.files);
    const index = JSON.parse(standard.build.catalog.files.get('index.json') as string) as { skills: Array<{ path: string }> };
    expect(index.skills.map((skill) => skill.path)).toEqual([`skills/${IDS.alpha}`]);
  });
});

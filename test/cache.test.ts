import { mkdtemp, mkdir, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { EXAMPLE_ID, exampleSkill } from '../src/check/rules/example-skill.js';
import { lintPaths } from '../src/pipeline.js';

const OTHER_ID = 'popiskill-image-text2image-other-v1';

async function catalog(): Promise<{ root: string; cacheLocation: string }> {
  const root = await mkdtemp(path.join(tmpdir(), 'skillhub-cache-'));
  for (const id of [EXAMPLE_ID, OTHER_ID]) {
    await mkdir(path.join(root, 'skills', id), { recursive: true });
    await writeFile(path.join(root, 'skills', id, 'SKILL.md'), exampleSkill().replaceAll(EXAMPLE_ID, id));
  }
  return { root, cacheLocation: path.join(root, 'cache', 'validate.json') };
}

const summary = (results: Awaited<ReturnType<typeof lintPaths>>['results']) =>
  results.flatMap((result) => result.diagnostics.map((d) => `${path.basename(path.dirname(d.filePath))}:${d.range.start.line}:${d.range.start.column} ${d.ruleId}`));

describe('the per-file result cache', () => {
  it('reuses every unchanged file and gives the same diagnostics', async () => {
    const { root, cacheLocation } = await catalog();
    const skillFile = path.join(root, 'skills', OTHER_ID, 'SKILL.md');
    await writeFile(skillFile, (await readFile(skillFile, 'utf8')).replace('version: v1', 'version: v2'));
    const first = await lintPaths(['skills'], root, {}, { cacheLocation });
    const second = await lintPaths(['skills'], root, {}, { cacheLocation });
    expect(first.cacheHits).toBe(0);
    expect(second.cacheHits).toBe(2);
    expect(summary(second.results)).toEqual([`${OTHER_ID}:7:10 version-matches-name`]);
    expect(summary(second.results)).toEqual(summary(first.results));
  });

  it('analyses a changed file again and still runs the catalog-wide checks', async () => {
    const { root, cacheLocation } = await catalog();
    await lintPaths(['skills'], root, {}, { cacheLocation });
    // The second skill now claims the first one's name: a catalog-wide problem across a cached file.
    const skillFile = path.join(root, 'skills', OTHER_ID, 'SKILL.md');
    await writeFile(skillFile, exampleSkill().replaceAll(EXAMPLE_ID, OTHER_ID).replace(`name: ${OTHER_ID}`, `name: ${EXAMPLE_ID}`));
    const run = await lintPaths(['skills'], root, {}, { cacheLocation });
    expect(run.cacheHits).toBe(1);
    // Its command pattern still runs OTHER_ID, which no skill is called any more.
    expect(summary(run.results)).toEqual([
      `${OTHER_ID}:2:7 duplicate-name`,
      `${OTHER_ID}:2:7 name-matches-folder`,
      `${OTHER_ID}:30:13 run-other-skill`,
      `${OTHER_ID}:30:13 run-unknown-skill`,
    ]);
  });

  it('starts empty when the cache file is corrupt or was made with other options', async () => {
    const { root, cacheLocation } = await catalog();
    await mkdir(path.dirname(cacheLocation), { recursive: true });
    await writeFile(cacheLocation, '{"format": "skillhub-analysis-cache/1", "entries": ');
    expect((await lintPaths(['skills'], root, {}, { cacheLocation })).cacheHits).toBe(0);
    expect((await lintPaths(['skills'], root, {}, { cacheLocation })).cacheHits).toBe(2);
    expect((await lintPaths(['skills'], root, { maxFileSize: 500_000 }, { cacheLocation })).cacheHits).toBe(0);
  });
});

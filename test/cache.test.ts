import { mkdtemp, mkdir, readFile, stat, utimes, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { EXAMPLE_ID, exampleSkill } from '../src/check/rules/example-skill.js';
import { lintPaths, reportPaths } from '../src/pipeline.js';

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

  describe('keyed by size and file times first', () => {
    const HOUR_AGO = new Date(Date.now() - 3600_000);
    const reportSummary = (reports: Awaited<ReturnType<typeof reportPaths>>['reports']) =>
      reports.flatMap((report) => report.diagnostics.map((d) => `${path.basename(path.dirname(d.filePath))}:${d.range.start.line}:${d.range.start.column} ${d.ruleId}`));
    /** A catalog whose files were last changed an hour ago, so their stamps can be trusted. */
    async function settledCatalog(): Promise<{ root: string; cacheLocation: string; skillFile: string }> {
      const { root, cacheLocation } = await catalog();
      const skillFile = path.join(root, 'skills', OTHER_ID, 'SKILL.md');
      await writeFile(skillFile, (await readFile(skillFile, 'utf8')).replace('version: v1', 'version: v2'));
      for (const id of [EXAMPLE_ID, OTHER_ID]) await utimes(path.join(root, 'skills', id, 'SKILL.md'), HOUR_AGO, HOUR_AGO);
      return { root, cacheLocation, skillFile };
    }

    it('answers an unchanged catalog with the last run\'s diagnostics, in the same form', async () => {
      const { root, cacheLocation } = await settledCatalog();
      const first = await reportPaths(['skills'], root, {}, { cacheLocation });
      const second = await reportPaths(['skills'], root, {}, { cacheLocation });
      expect(first.cacheHits).toBe(0);
      expect(second.cacheHits).toBe(2);
      expect(reportSummary(second.reports)).toEqual([`${OTHER_ID}:7:10 version-matches-name`]);
      expect(second.reports).toEqual(first.reports.map(({ filePath, diagnostics }) => ({ filePath, diagnostics })));
      expect((await second.rules()).length).toBeGreaterThan(0);
    });

    it('does not reuse the last diagnostics when the set of files changed', async () => {
      const { root, cacheLocation } = await settledCatalog();
      await reportPaths(['skills'], root, {}, { cacheLocation });
      const third = 'popiskill-image-text2image-third-v1';
      await mkdir(path.join(root, 'skills', third), { recursive: true });
      await writeFile(path.join(root, 'skills', third, 'SKILL.md'), exampleSkill().replaceAll(EXAMPLE_ID, third));
      const run = await reportPaths(['skills'], root, {}, { cacheLocation });
      // The two known files come from the stored analyses; the new one is analysed.
      expect(run.cacheHits).toBe(2);
      expect(run.reports.map((report) => path.basename(path.dirname(report.filePath)))).toEqual([EXAMPLE_ID, OTHER_ID, third]);
    });

    it('reads a file whose stamp changed, and reuses its results when the content is the same', async () => {
      const { root, cacheLocation, skillFile } = await settledCatalog();
      await reportPaths(['skills'], root, {}, { cacheLocation });
      await utimes(skillFile, new Date(), new Date());
      const run = await reportPaths(['skills'], root, {}, { cacheLocation });
      expect(run.cacheHits).toBe(2);
      expect(reportSummary(run.reports)).toEqual([`${OTHER_ID}:7:10 version-matches-name`]);
    });

    it('analyses a file again when a companion file appears beside it', async () => {
      const { root, cacheLocation } = await settledCatalog();
      await reportPaths(['skills'], root, {}, { cacheLocation });
      await mkdir(path.join(root, 'skills', EXAMPLE_ID, 'agents'), { recursive: true });
      await writeFile(path.join(root, 'skills', EXAMPLE_ID, 'agents', 'openai.yaml'), 'interface: 5\n');
      const run = await reportPaths(['skills'], root, {}, { cacheLocation });
      expect(run.cacheHits).toBe(1);
      expect(run.reports.flatMap((report) => report.diagnostics.map((d) => `${path.relative(root, d.filePath)} ${d.ruleId}`))).toEqual([
        `skills/${EXAMPLE_ID}/agents/openai.yaml agents-interface`,
        `skills/${OTHER_ID}/SKILL.md version-matches-name`,
      ]);
    });

    it('analyses a file again when a file is added to its folder (bundled files are checked)', async () => {
      const { root, cacheLocation, skillFile } = await settledCatalog();
      const text = await readFile(skillFile, 'utf8');
      await writeFile(skillFile, text.replace('## Workflow', 'Patterns are in `references/patterns.md`.\n\n## Workflow'));
      await utimes(skillFile, HOUR_AGO, HOUR_AGO);
      const before = await reportPaths(['skills'], root, {}, { cacheLocation });
      expect(reportSummary(before.reports)).toEqual([`${OTHER_ID}:7:10 version-matches-name`, `${OTHER_ID}:22:17 bundled-file`]);
      await mkdir(path.join(path.dirname(skillFile), 'references'));
      await writeFile(path.join(path.dirname(skillFile), 'references', 'patterns.md'), '# Patterns\n');
      const after = await reportPaths(['skills'], root, {}, { cacheLocation });
      expect(after.cacheHits).toBe(1);
      expect(reportSummary(after.reports)).toEqual([`${OTHER_ID}:7:10 version-matches-name`]);
    });

    it('catches a same-size change made right after the last read, with its modification time restored', async () => {
      const { root, cacheLocation } = await catalog();
      const skillFile = path.join(root, 'skills', OTHER_ID, 'SKILL.md');
      await reportPaths(['skills'], root, {}, { cacheLocation });
      const { mtime } = await stat(skillFile);
      // Same size, same modification time, other content: only the content hash can tell.
      await writeFile(skillFile, (await readFile(skillFile, 'utf8')).replace('version: v1', 'version: v2'));
      await utimes(skillFile, mtime, mtime);
      const run = await reportPaths(['skills'], root, {}, { cacheLocation });
      expect(run.cacheHits).toBe(1);
      expect(reportSummary(run.reports)).toEqual([`${OTHER_ID}:7:10 version-matches-name`]);
    });

    it('reads a same-size change again even when its modification time is set back (the change time moved)', async () => {
      const { root, cacheLocation, skillFile } = await settledCatalog();
      await reportPaths(['skills'], root, {}, { cacheLocation });
      await writeFile(skillFile, (await readFile(skillFile, 'utf8')).replace('version: v2', 'version: v3'));
      await utimes(skillFile, HOUR_AGO, HOUR_AGO);
      const run = await reportPaths(['skills'], root, {}, { cacheLocation });
      expect(run.cacheHits).toBe(1);
      expect(reportSummary(run.reports)).toEqual([`${OTHER_ID}:7:10 version-matches-name`]);
      expect(run.reports.flatMap((report) => report.diagnostics.map((d) => d.message)).join()).toContain('v3');
    });
  });
});

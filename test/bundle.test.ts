import { mkdir, readdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { IDS, runBuiltCli, skillText, writeSkillsRepo } from './publish-fixtures.js';

const cli = runBuiltCli;

/** What the popiart CLI's strict loader requires of a bundled skill folder. */
async function strictLoad(folder: string): Promise<string[]> {
  const problems: string[] = [];
  const bytes = await readFile(path.join(folder, 'SKILL.md'));
  const text = bytes.toString('utf8');
  if (!text.startsWith('---\n')) problems.push('no ---\\n at byte 0');
  const close = text.indexOf('\n---\n', 3);
  if (close === -1) problems.push('front matter not closed by ---\\n');
  const front = text.slice(4, close + 1);
  if (!/^estimated_duration_s: [0-9]+$/m.test(front)) problems.push('estimated_duration_s not an integer');
  if (!/^tags:\n(?: {2}- [a-z0-9-]+\n)+/m.test(front)) problems.push('tags not a list of strings');
  for (const name of ['input_schema.json', 'output_schema.json']) {
    const value = JSON.parse(await readFile(path.join(folder, name), 'utf8')) as unknown;
    if (value === null || typeof value !== 'object' || Array.isArray(value)) problems.push(`${name} is not an object`);
  }
  return problems;
}

describe('skillhub build --bundle', () => {
  it('writes popiskills/<id>/ with SKILL.md and both schemas in the form the strict loader reads, even from a CRLF file with a BOM', async () => {
    const repo = await writeSkillsRepo({ [IDS.alpha]: {}, [IDS.beta]: {} });
    await writeFile(path.join(repo, 'skills', IDS.beta, 'SKILL.md'), `\uFEFF${skillText(IDS.beta).replace(/\n/g, '\r\n')}`);
    const result = await cli(repo, 'build', '--out', 'catalog', '--bundle', 'cli-assets');
    expect(result).toEqual({
      code: 0,
      out: expect.stringContaining(`skillhub build: wrote ${path.join('cli-assets', 'popiskills')} (2 skills for the popiart CLI).\n`),
      err: '',
    });
    const root = path.join(repo, 'cli-assets', 'popiskills');
    expect((await readdir(root)).sort()).toEqual([IDS.alpha, IDS.beta]);
    for (const id of [IDS.alpha, IDS.beta]) {
      expect((await readdir(path.join(root, id))).sort()).toEqual(['SKILL.md', 'input_schema.json', 'output_schema.json']);
      expect(await strictLoad(path.join(root, id))).toEqual([]);
    }
    expect(await readFile(path.join(root, IDS.beta, 'SKILL.md'), 'utf8')).toBe(skillText(IDS.beta));
    const published = JSON.parse(await readFile(path.join(repo, 'catalog', 'skills', `${IDS.alpha}.json`), 'utf8')) as { input_schema: unknown };
    expect(JSON.parse(await readFile(path.join(root, IDS.alpha, 'input_schema.json'), 'utf8'))).toEqual(published.input_schema);
  }, 60000);

  it('refuses to write anything while the loader would refuse a skill, and names the place', async () => {
    const repo = await writeSkillsRepo({ [IDS.alpha]: {} });
    const file = path.join(repo, 'skills', IDS.alpha, 'SKILL.md');
    await writeFile(file, skillText(IDS.alpha).replace('estimated_duration_s: 60', 'estimated_duration_s: 60.0'));
    const result = await cli(repo, 'build', '--out', 'catalog', '--bundle', 'cli-assets');
    expect(result.code).toBe(1);
    expect(result.out).toBe('');
    expect(result.err).toContain('9:23  warning  The popiart loader reads `estimated_duration_s` as an integer; write `60`, not `60.0`.  popiart-loader');
    expect(result.err).toContain("skillhub build: the popiart CLI's loader would refuse 1 skill (popiart-loader above); no bundle written, nothing written, catalog is unchanged.\n");
    await expect(readdir(path.join(repo, 'cli-assets'))).rejects.toThrow();
    await expect(readdir(path.join(repo, 'catalog'))).rejects.toThrow();
    // Without --bundle the catalog is still published: the warning is only about the CLI's loader.
    expect((await cli(repo, 'build', '--out', 'catalog')).code).toBe(0);
  }, 60000);

  it('does not replace a popiskills folder that holds anything but skill folders', async () => {
    const repo = await writeSkillsRepo({ [IDS.alpha]: {} });
    await mkdir(path.join(repo, 'cli-assets', 'popiskills'), { recursive: true });
    await writeFile(path.join(repo, 'cli-assets', 'popiskills', 'main.go'), 'package popiskills\n');
    const result = await cli(repo, 'build', '--out', 'catalog', '--bundle', 'cli-assets');
    expect(result.code).toBe(2);
    expect(result.err).toBe(`skillhub build: ${path.join(repo, 'cli-assets', 'popiskills')} holds main.go, which are not skill folders; refusing to replace it\n`);
    await expect(readdir(path.join(repo, 'catalog'))).rejects.toThrow();
  }, 60000);
});

import { spawnSync } from 'node:child_process';
import { existsSync, statSync } from 'node:fs';
import { chmod, mkdir, mkdtemp, realpath, rm, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { exampleSkill } from '../src/check/rules/example-skill.js';
import { walkSkillFiles } from '../src/load/walk-skills.js';
import { lintPaths } from '../src/pipeline.js';
import { BUILT_BIN } from './support/built-cli.js';

let work: string;
beforeEach(async () => {
  work = await realpath(await mkdtemp(path.join(tmpdir(), 'skillhub-walk-')));
});
afterEach(async () => {
  await chmod(path.join(work, 'catalog', 'popiskill-locked-v1'), 0o755).catch(() => undefined);
  await rm(work, { recursive: true, force: true });
});

const isRoot = process.getuid?.() === 0;
/** Root reads every folder whatever its mode, so as root the built CLI runs as `nobody` instead. */
const SETPRIV = '/usr/bin/setpriv';
const BIN = BUILT_BIN;

/**
 * Whether `nobody` can run the built CLI: every folder above the project must let others pass
 * (a clone inside `mktemp -d`, mode 0700, does not), or the run could not even start.
 */
function othersCanReach(file: string): boolean {
  for (let folder = path.dirname(file); ; folder = path.dirname(folder)) {
    if ((statSync(folder).mode & 0o001) === 0) return false;
    if (path.dirname(folder) === folder) return true;
  }
}

async function put(relative: string, text = exampleSkill()): Promise<void> {
  const file = path.join(work, relative);
  await mkdir(path.dirname(file), { recursive: true });
  await writeFile(file, text);
}

describe('walking a catalog folder', () => {
  it('never walks a folder link that leads out of the root: only its own SKILL.md is listed (and refused)', async () => {
    await put('outside/SKILL.md');
    await put('outside/deeper/popiskill-x-v1/SKILL.md');
    await put('catalog/popiskill-a-v1/SKILL.md');
    await symlink(path.join(work, 'outside'), path.join(work, 'catalog/popiskill-out-v1'));
    await symlink('/', path.join(work, 'catalog/root-link'));
    const entries = await walkSkillFiles(path.join(work, 'catalog'), 'SKILL.md', (name) => name === 'SKILL.md', 8);
    expect(entries.map((entry) => path.relative(work, entry.filePath)).sort()).toEqual([
      'catalog/popiskill-a-v1/SKILL.md',
      'catalog/popiskill-out-v1/SKILL.md',
    ]);
    const { results } = await lintPaths(['catalog'], work);
    const readable = results.flatMap((r) => r.diagnostics.filter((d) => d.ruleId === 'file-readable').map((d) => `${path.relative(work, d.filePath)} ${d.message}`));
    expect(readable).toEqual([
      `catalog/popiskill-out-v1/SKILL.md SKILL.md leads through a symbolic link to ${path.join(work, 'outside/SKILL.md')}, outside the scanned folder; it was not read.`,
    ]);
  });

  it('a folder reached by a link inside the root and by its real path is walked once, by the shorter path', async () => {
    await put('catalog/group/popiskill-a-v1/SKILL.md');
    await symlink(path.join(work, 'catalog/group/popiskill-a-v1'), path.join(work, 'catalog/popiskill-b-v1'));
    await symlink(path.join(work, 'catalog'), path.join(work, 'catalog/group/loop'));
    const entries = await walkSkillFiles(path.join(work, 'catalog'), 'SKILL.md', (name) => name === 'SKILL.md', 8);
    expect(entries.map((entry) => path.relative(work, entry.filePath))).toEqual(['catalog/popiskill-b-v1/SKILL.md']);
  });

  it('knows the real path of each file without a realpath, except for linked SKILL.md files', async () => {
    await put('catalog/group/popiskill-a-v1/SKILL.md');
    await symlink(path.join(work, 'catalog/group'), path.join(work, 'catalog/linked-group'));
    await mkdir(path.join(work, 'catalog/popiskill-c-v1'));
    await symlink(path.join(work, 'catalog/group/popiskill-a-v1/SKILL.md'), path.join(work, 'catalog/popiskill-c-v1/SKILL.md'));
    const entries = await walkSkillFiles(path.join(work, 'catalog'), 'SKILL.md', (name) => name === 'SKILL.md', 8);
    const relative = (file: string | undefined) => file && path.relative(work, file);
    expect(entries.map((entry) => [relative(entry.filePath), relative(entry.realPath)])).toEqual([
      ['catalog/popiskill-c-v1/SKILL.md', undefined],
      ['catalog/group/popiskill-a-v1/SKILL.md', 'catalog/group/popiskill-a-v1/SKILL.md'],
    ]);
    // The linked SKILL.md is the same file: discovery reads it once, by the shorter path.
    const { results } = await lintPaths(['catalog'], work);
    expect(results.map((result) => relative(result.filePath))).toEqual(['catalog/popiskill-c-v1/SKILL.md']);
  });

  it.skipIf(isRoot)('a folder that cannot be listed (chmod 000) is a file-readable diagnostic on that path, and the others are checked', async () => {
    await put('catalog/popiskill-locked-v1/SKILL.md');
    await put('catalog/popiskill-image-text2image-demo-v1/SKILL.md');
    await chmod(path.join(work, 'catalog', 'popiskill-locked-v1'), 0);
    const { results } = await lintPaths(['catalog'], work);
    expect(results.map((r) => [path.relative(work, r.filePath), r.diagnostics.map((d) => `${d.range.start.line}:${d.range.start.column} ${d.ruleId} ${d.message}`)])).toEqual([
      ['catalog/popiskill-image-text2image-demo-v1/SKILL.md', []],
      ['catalog/popiskill-locked-v1/SKILL.md', ['1:1 file-readable SKILL.md could not be read (its folder could not be listed: EACCES).']],
    ]);
  });

  it.runIf(isRoot && existsSync(SETPRIV) && othersCanReach(BIN))('as root: the built CLI run as nobody reports the unlistable folder (EACCES) and checks the others', async () => {
    await put('catalog/popiskill-locked-v1/SKILL.md');
    await put('catalog/popiskill-image-text2image-demo-v1/SKILL.md');
    await chmod(path.join(work, 'catalog', 'popiskill-locked-v1'), 0);
    await chmod(work, 0o755); // mkdtemp made it 0700: nobody could not even enter it
    const run = spawnSync(SETPRIV, ['--reuid=65534', '--regid=65534', '--clear-groups', process.execPath, BIN, 'validate', 'catalog', '--format', 'json'], { cwd: work, encoding: 'utf8' });
    expect([run.status, run.stderr]).toEqual([1, '']);
    const report = JSON.parse(run.stdout) as { filePath: string; messages: { line: number; column: number; ruleId: string; message: string }[] }[];
    expect(report.map((r) => [path.relative(work, r.filePath), r.messages.map((m) => `${m.line}:${m.column} ${m.ruleId} ${m.message}`)])).toEqual([
      ['catalog/popiskill-image-text2image-demo-v1/SKILL.md', []],
      ['catalog/popiskill-locked-v1/SKILL.md', ['1:1 file-readable SKILL.md could not be read (its folder could not be listed: EACCES).']],
    ]);
  });

  it('lists plain entries without a problem; a root that does not exist is the caller\'s usage error', async () => {
    await put('catalog/popiskill-a-v1/SKILL.md');
    const entries = await walkSkillFiles(path.join(work, 'catalog'), 'SKILL.md', (name) => name === 'SKILL.md', 8);
    const filePath = path.join(work, 'catalog/popiskill-a-v1/SKILL.md');
    expect(entries).toEqual([{ filePath, realPath: filePath }]);
    await expect(walkSkillFiles(path.join(work, 'missing'), 'SKILL.md', (name) => name === 'SKILL.md', 8)).rejects.toThrow(/ENOENT/);
  });
});

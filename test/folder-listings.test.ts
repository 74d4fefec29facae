import { mkdir, mkdtemp, readFile, realpath, rename, stat, utimes, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { EXAMPLE_ID, exampleSkill } from '../src/check/rules/example-skill.js';
import { FolderLister, type StoredListings } from '../src/load/folder-listings.js';
import { reportPaths } from '../src/pipeline.js';

/** Runs stand an hour (then two) after now, so the folders and files just written are not racily clean. */
const LATER = Date.now() + 3600_000;
const LATER_STILL = LATER + 3600_000;

async function folderWith(names: string[]): Promise<string> {
  const folder = await realpath(await mkdtemp(path.join(tmpdir(), 'skillhub-listing-')));
  for (const name of names) {
    if (name.endsWith('/')) await mkdir(path.join(folder, name));
    else await writeFile(path.join(folder, name), name);
  }
  return folder;
}

/** A listing as `name/` for folders and `name` for the rest. */
const shown = (lister: FolderLister, folder: string) => lister.list(folder).map((entry) => `${entry.name}${entry.isDirectory() ? '/' : ''}`);

/** Lists `folder` in a run starting at `startedAt` with what an earlier run stored; returns that run's listing and what it keeps. */
function run(folder: string, stored: StoredListings | undefined, startedAt: number) {
  const lister = new FolderLister(stored, startedAt);
  const listing = shown(lister, folder);
  const tree = lister.treeStamp(folder);
  return { listing, tree, read: lister.read, trusted: lister.trusted, changed: lister.changed, kept: lister.toStored() };
}

describe('folder listings without a cache', () => {
  it('are the stamped listings, and none is kept for a next run', async () => {
    const folder = await folderWith(['b.md', 'a/', 'SKILL.md', 'a/x.yaml']);
    const stamped = new FolderLister(undefined, LATER);
    const unstamped = new FolderLister(undefined, LATER, false);
    for (const at of [folder, path.join(folder, 'a')]) expect(shown(unstamped, at)).toEqual(shown(stamped, at));
    expect(shown(unstamped, folder)).toEqual(['SKILL.md', 'a/', 'b.md']);
    expect(stamped.toStored()).not.toEqual({});
    expect(unstamped.toStored()).toEqual({});
    expect(unstamped.read).toBe(2);
    expect(() => unstamped.list(path.join(folder, 'missing'))).toThrow(expect.objectContaining({ code: 'ENOENT' }));
  });
});

describe('folder listings trusted by the folder\'s own stamp', () => {
  it('lists the same entries without a stamp when nothing is kept for a next run, and keeps none', async () => {
    const folder = await folderWith(['b.md', 'a/', 'SKILL.md']);
    const lister = new FolderLister(undefined, LATER, false);
    expect(shown(lister, folder)).toEqual(['SKILL.md', 'a/', 'b.md']);
    expect(lister.toStored()).toEqual({});
    expect(lister.keptStamps()).toBeUndefined();
    expect(() => lister.list(path.join(folder, 'b.md'))).toThrow(expect.objectContaining({ code: 'ENOTDIR' }));
    expect(() => lister.list(path.join(folder, 'missing'))).toThrow(expect.objectContaining({ code: 'ENOENT' }));
  });

  it('answers an unchanged folder from the stored listing, without reading it, and with the same tree token', async () => {
    const folder = await folderWith(['b.md', 'a/', 'SKILL.md']);
    const first = run(folder, undefined, LATER);
    expect(first).toMatchObject({ listing: ['SKILL.md', 'a/', 'b.md'], read: 2, trusted: 0, changed: true });
    const second = run(folder, first.kept, LATER_STILL);
    expect(second).toMatchObject({ listing: ['SKILL.md', 'a/', 'b.md'], read: 0, trusted: 2, changed: false, tree: first.tree });
  });

  it('reads a folder again when a file is added to it, and gives the files below it another tree token', async () => {
    const folder = await folderWith(['SKILL.md']);
    const first = run(folder, undefined, LATER);
    await writeFile(path.join(folder, 'notes.md'), 'notes\n');
    const second = run(folder, first.kept, LATER_STILL);
    expect(second).toMatchObject({ listing: ['SKILL.md', 'notes.md'], read: 1, trusted: 0, changed: true });
    expect(second.tree).not.toBe(first.tree);
  });

  it('trusts a folder whose file changed inside (the file keeps its own stamp)', async () => {
    const folder = await folderWith(['SKILL.md']);
    const first = run(folder, undefined, LATER);
    await writeFile(path.join(folder, 'SKILL.md'), 'changed\n');
    expect(run(folder, first.kept, LATER_STILL)).toMatchObject({ listing: ['SKILL.md'], read: 0, trusted: 1, tree: first.tree });
  });

  it('reads a subfolder again when an entry in it is renamed, and changes the tree token of the folder above', async () => {
    const folder = await folderWith(['SKILL.md', 'agents/', 'agents/notes.yaml']);
    const first = run(folder, undefined, LATER);
    await rename(path.join(folder, 'agents', 'notes.yaml'), path.join(folder, 'agents', 'openai.yaml'));
    const lister = new FolderLister(first.kept, LATER_STILL);
    expect(shown(lister, folder)).toEqual(['SKILL.md', 'agents/']);
    expect(shown(lister, path.join(folder, 'agents'))).toEqual(['openai.yaml']);
    expect([lister.read, lister.trusted]).toEqual([1, 1]);
    expect(lister.treeStamp(folder)).not.toBe(first.tree);
  });

  it('does not keep a racily clean listing (changed within two seconds of the run\'s start): the next run reads it again', async () => {
    const folder = await folderWith(['SKILL.md']);
    const { mtimeMs } = await stat(folder);
    const racy = run(folder, undefined, mtimeMs + 1000);
    expect(racy).toMatchObject({ read: 1, kept: {} });
    expect(run(folder, racy.kept, LATER)).toMatchObject({ read: 1, trusted: 0 });
  });

  it('reads a folder put in the place of another with the same modification time (another inode and change time)', async () => {
    const folder = await folderWith(['one/', 'one/SKILL.md', 'two/', 'two/SKILL.md', 'two/extra.md']);
    const one = path.join(folder, 'one');
    const first = new FolderLister(undefined, LATER);
    expect(shown(first, one)).toEqual(['SKILL.md']);
    const { mtime } = await stat(one);
    await rename(one, path.join(folder, 'old'));
    await rename(path.join(folder, 'two'), one);
    await utimes(one, mtime, mtime);
    const second = new FolderLister(first.toStored(), LATER_STILL);
    expect(shown(second, one)).toEqual(['SKILL.md', 'extra.md']);
    expect([second.read, second.trusted]).toEqual([1, 0]);
  });

  it('keeps links, folders and files apart in a stored listing, and throws as readdir does for a missing folder', async () => {
    const folder = await folderWith(['a/', 'b.md']);
    const { symlink } = await import('node:fs/promises');
    await symlink(path.join(folder, 'a'), path.join(folder, 'link'));
    const first = new FolderLister(undefined, LATER);
    const kinds = (lister: FolderLister) => lister.list(folder).map((entry) => `${entry.name}:${entry.isDirectory() ? 'd' : entry.isSymbolicLink() ? 'l' : 'f'}`);
    expect(kinds(first)).toEqual(['a:d', 'b.md:f', 'link:l']);
    const second = new FolderLister(first.toStored(), LATER_STILL);
    expect(kinds(second)).toEqual(['a:d', 'b.md:f', 'link:l']);
    expect(second.trusted).toBe(1);
    expect(() => second.list(path.join(folder, 'missing'))).toThrow(/ENOENT/);
  });
});

describe('validate --cache with trusted folder listings sees every change', () => {
  const OTHER_ID = 'popiskill-image-text2image-other-v1';
  const NESTED_ID = 'popiskill-image-text2image-nested-v1';

  /** Two skills; every run stands later than the files, so folder listings and file stamps are trusted. */
  async function catalog(): Promise<{ root: string; cacheLocation: string; skills: string }> {
    const root = await realpath(await mkdtemp(path.join(tmpdir(), 'skillhub-trusted-')));
    for (const id of [EXAMPLE_ID, OTHER_ID]) {
      await mkdir(path.join(root, 'skills', id), { recursive: true });
      await writeFile(path.join(root, 'skills', id, 'SKILL.md'), exampleSkill().replaceAll(EXAMPLE_ID, id));
    }
    return { root, cacheLocation: path.join(root, 'cache', 'validate.json'), skills: path.join(root, 'skills') };
  }
  /** A path below skills/, `/`-separated. */
  const inSkills = (filePath: string) => filePath.slice(filePath.lastIndexOf(`${path.sep}skills${path.sep}`) + 8).split(path.sep).join('/');
  const lines = (reports: Awaited<ReturnType<typeof reportPaths>>['reports']) =>
    reports.flatMap((report) => report.diagnostics.map((d) => `${inSkills(d.filePath)}:${d.range.start.line}:${d.range.start.column} ${d.ruleId}`));
  const files = (reports: Awaited<ReturnType<typeof reportPaths>>['reports']) => reports.map((report) => `skills/${inSkills(report.filePath)}`);
  let hour = 1;
  const later = () => Date.now() + 3600_000 * hour++;

  /** A first run that fills the cache (and keeps every listing), then a second one after `change`. */
  async function afterChange(change: (skills: string) => Promise<void>) {
    const { root, cacheLocation, skills } = await catalog();
    const first = await reportPaths(['skills'], root, {}, { cacheLocation, startedAt: later(), printedForm: 'A' });
    await first.remember?.({ text: 'first\n', errors: 0, warnings: 0 });
    const settled = await reportPaths(['skills'], root, {}, { cacheLocation, startedAt: later(), printedForm: 'A' });
    expect(settled.replayed?.bytes).toEqual(Buffer.from('first\n'));
    const stored = JSON.parse(await readFile(cacheLocation, 'utf8')) as { folders: StoredListings };
    expect(Object.keys(stored.folders).map((folder) => path.relative(root, folder)).sort()).toEqual(['skills', `skills/${EXAMPLE_ID}`, `skills/${OTHER_ID}`]);
    await change(skills);
    return reportPaths(['skills'], root, {}, { cacheLocation, startedAt: later(), printedForm: 'A' });
  }

  it('a nested skill added inside a trusted skill folder is found and checked', async () => {
    const run = await afterChange(async (skills) => {
      await mkdir(path.join(skills, OTHER_ID, NESTED_ID));
      await writeFile(path.join(skills, OTHER_ID, NESTED_ID, 'SKILL.md'), exampleSkill().replaceAll(EXAMPLE_ID, NESTED_ID).replace('version: v1', 'version: v2'));
    });
    expect(run.replayed).toBeUndefined();
    expect(files(run.reports)).toEqual([`skills/${EXAMPLE_ID}/SKILL.md`, `skills/${OTHER_ID}/SKILL.md`, `skills/${OTHER_ID}/${NESTED_ID}/SKILL.md`]);
    expect(lines(run.reports)).toContain(`${OTHER_ID}/${NESTED_ID}/SKILL.md:7:10 version-matches-name`);
  });

  it('a companion file added to a trusted skill folder is read', async () => {
    const run = await afterChange(async (skills) => {
      await mkdir(path.join(skills, EXAMPLE_ID, 'agents'));
      await writeFile(path.join(skills, EXAMPLE_ID, 'agents', 'openai.yaml'), 'interface: 5\n');
    });
    expect(run.replayed).toBeUndefined();
    expect(run.cacheHits).toBe(1);
    expect(lines(run.reports)).toEqual([`${EXAMPLE_ID}/agents/openai.yaml:1:12 agents-interface`]);
  });

  it('a file added below a trusted skill folder changes what its bundled-file check sees', async () => {
    const { root, cacheLocation, skills } = await catalog();
    const skillFile = path.join(skills, OTHER_ID, 'SKILL.md');
    await writeFile(skillFile, (await readFile(skillFile, 'utf8')).replace('## Workflow', 'Patterns are in `references/patterns.md`.\n\n## Workflow'));
    const before = await reportPaths(['skills'], root, {}, { cacheLocation, startedAt: later() });
    expect(lines(before.reports)).toEqual([`${OTHER_ID}/SKILL.md:22:17 bundled-file`]);
    await mkdir(path.join(skills, OTHER_ID, 'references'));
    await writeFile(path.join(skills, OTHER_ID, 'references', 'patterns.md'), '# Patterns\n');
    const after = await reportPaths(['skills'], root, {}, { cacheLocation, startedAt: later() });
    expect(after.cacheHits).toBe(1);
    expect(lines(after.reports)).toEqual([]);
  });

  it('a renamed skill folder is reported under its new name', async () => {
    const run = await afterChange(async (skills) => {
      await rename(path.join(skills, OTHER_ID), path.join(skills, 'popiskill-image-text2image-renamed-v1'));
    });
    expect(run.replayed).toBeUndefined();
    expect(files(run.reports)).toEqual([`skills/${EXAMPLE_ID}/SKILL.md`, 'skills/popiskill-image-text2image-renamed-v1/SKILL.md']);
    expect(lines(run.reports)).toContain('popiskill-image-text2image-renamed-v1/SKILL.md:2:7 name-matches-folder');
  });

  it('a SKILL.md changed inside a trusted folder is analysed again', async () => {
    const run = await afterChange(async (skills) => {
      const skillFile = path.join(skills, OTHER_ID, 'SKILL.md');
      await writeFile(skillFile, (await readFile(skillFile, 'utf8')).replace('version: v1', 'version: v3'));
    });
    expect(run.replayed).toBeUndefined();
    expect(run.cacheHits).toBe(1);
    expect(lines(run.reports)).toEqual([`${OTHER_ID}/SKILL.md:7:10 version-matches-name`]);
  });

  it('replays when nothing changed, and every listing is answered from the cache', async () => {
    const run = await afterChange(async () => undefined);
    expect(run.replayed?.bytes).toEqual(Buffer.from('first\n'));
  });
});

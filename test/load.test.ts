import { mkdir, realpath, symlink } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { exampleSkill } from '../src/check/rules/example-skill.js';
import { DEFAULT_MAX_FILE_SIZE } from '../src/load/decode.js';
import { discoverSkillFiles, UsageError } from '../src/load/discover.js';
import { readSkillFile } from '../src/load/read.js';
import { lintPaths } from '../src/pipeline.js';
import { tempFolderPerTest } from './support/temp-folder.js';

const temp = tempFolderPerTest('skillhub-load-');
const put = temp.put;

/** Every diagnostic of a run as `relative-path:line:column rule-id message`. */
async function lintLines(paths: string[], options: { maxFileSize?: number } = {}): Promise<string[]> {
  const { results } = await lintPaths(paths, temp.path, options);
  return results.flatMap((result) =>
    result.diagnostics.map(
      (d) => `${path.relative(temp.path, d.filePath)}:${d.range.start.line}:${d.range.start.column} ${d.ruleId} ${d.message}`,
    ),
  );
}

describe('discoverSkillFiles', () => {
  it('takes a SKILL.md path as it is, with its folder as the root', async () => {
    const file = await put('catalog/popiskill-a-v1/SKILL.md');
    expect(await discoverSkillFiles(['catalog/popiskill-a-v1/SKILL.md'], temp.path)).toEqual([
      { filePath: file, root: path.join(temp.path, 'catalog/popiskill-a-v1') },
    ]);
  });

  it('finds the SKILL.md of a skill folder', async () => {
    const file = await put('catalog/popiskill-a-v1/SKILL.md');
    await put('catalog/popiskill-a-v1/input_schema.json', '{}');
    expect(await discoverSkillFiles([path.join(temp.path, 'catalog/popiskill-a-v1')], '/')).toEqual([
      // The walk saw no link on the way, so the reader is told where the file really is.
      { filePath: file, root: path.join(temp.path, 'catalog/popiskill-a-v1'), realPath: await realpath(file) },
    ]);
  });

  it('finds every SKILL.md of a folder of folders, sorted, once each', async () => {
    const b = await put('catalog/popiskill-b-v1/SKILL.md');
    const a = await put('catalog/popiskill-a-v1/SKILL.md');
    const nested = await put('catalog/group/popiskill-c-v1/SKILL.md');
    await put('catalog/popiskill-a-v1/README.md', '# not a skill');
    await put('catalog/node_modules/dep/SKILL.md');
    const root = path.join(temp.path, 'catalog');
    const found = await discoverSkillFiles(['catalog', 'catalog/popiskill-a-v1'], temp.path);
    expect(found.map((file) => file.filePath)).toEqual([nested, a, b]);
    expect(found.every((file) => file.root === root)).toBe(true);
  });

  it('gives every file of a tree without links once, with its real path; with a linked folder, each file once by its shortest path', async () => {
    const a = await put('catalog/popiskill-a-v1/SKILL.md');
    const lower = await put('catalog/popiskill-b-v1/skill.md');
    const deep = await put('catalog/group/sub/popiskill-c-v1/SKILL.md');
    const inAgents = await put('catalog/popiskill-a-v1/agents/SKILL.md');
    const root = path.join(temp.path, 'catalog');
    const real = async (filePath: string) => ({ filePath, root, realPath: await realpath(filePath) });
    const expected = [await real(deep), await real(a), await real(inAgents), await real(lower)];
    expect(await discoverSkillFiles(['catalog'], temp.path)).toEqual(expected);
    expect(await discoverSkillFiles([`${root}${path.sep}`], '/')).toEqual(expected);
    // A link to a folder inside the root: its files were found by their own paths already.
    await symlink(path.join(root, 'group'), path.join(root, 'linked-group'));
    expect(await discoverSkillFiles(['catalog'], temp.path)).toEqual(expected);
  });

  it('refuses a path that does not exist as a usage error', async () => {
    await expect(discoverSkillFiles(['no-such-folder'], temp.path)).rejects.toThrow(new UsageError('No files matching the pattern "no-such-folder" were found (looked for SKILL.md files).'));
    await expect(lintPaths(['no-such-folder'], temp.path)).rejects.toBeInstanceOf(UsageError);
  });

  it('refuses a file that is not a SKILL.md as a usage error', async () => {
    await put('notes.md', '# notes');
    await expect(discoverSkillFiles(['notes.md'], temp.path)).rejects.toThrow(new UsageError('Not a SKILL.md or a folder: notes.md'));
  });
});

describe('readSkillFile', () => {
  it('reads a regular SKILL.md', async () => {
    const filePath = await put('catalog/popiskill-a-v1/SKILL.md', '---\nname: x\n---\n');
    expect(await readSkillFile({ filePath, root: path.join(temp.path, 'catalog') })).toEqual({
      filePath,
      decoded: { ok: true, text: '---\nname: x\n---\n' },
    });
  });

  it('follows a symbolic link that stays inside the scanned root', async () => {
    await put('catalog/popiskill-a-v1/SKILL.md', '---\nname: linked\n---\n');
    const link = path.join(temp.path, 'catalog/popiskill-b-v1/SKILL.md');
    await mkdir(path.dirname(link), { recursive: true });
    await symlink('../popiskill-a-v1/SKILL.md', link);
    const [discovered] = await discoverSkillFiles(['catalog/popiskill-b-v1'], temp.path);
    expect(discovered?.filePath).toBe(link);
    expect(await readSkillFile({ filePath: link, root: path.join(temp.path, 'catalog') })).toEqual({
      filePath: link,
      decoded: { ok: true, text: '---\nname: linked\n---\n' },
    });
  });

  it('refuses a SKILL.md link that leaves the root, without reading it: file-readable at 1:1', async () => {
    const secret = await put('outside/secret.txt', 'TOKEN=do-not-read\n');
    const link = path.join(temp.path, 'catalog/popiskill-a-v1/SKILL.md');
    await mkdir(path.dirname(link), { recursive: true });
    await symlink(secret, link);
    const { results } = await lintPaths(['catalog'], temp.path);
    expect(results.map((result) => result.analysis.loadProblem?.kind)).toEqual(['symlink-outside-root']);
    expect(await lintLines(['catalog'])).toEqual([
      `catalog/popiskill-a-v1/SKILL.md:1:1 file-readable SKILL.md leads through a symbolic link to ${secret}, outside the scanned folder; it was not read.`,
    ]);
  });

  it('reads a linked skill folder inside the root and refuses one that leaves it', async () => {
    await put('catalog/real/popiskill-a-v1/SKILL.md', '---\nname: inside\n---\n');
    await symlink(path.join(temp.path, 'catalog/real/popiskill-a-v1'), path.join(temp.path, 'catalog/popiskill-b-v1'));
    const outside = await put('outside/popiskill-c-v1/SKILL.md', 'TOKEN=do-not-read\n');
    await symlink(path.dirname(outside), path.join(temp.path, 'catalog/popiskill-c-v1'));
    await symlink(path.join(temp.path, 'catalog'), path.join(temp.path, 'catalog/real/loop'));
    const { results } = await lintPaths(['catalog'], temp.path);
    const read = results.filter((result) => result.analysis.loadProblem === undefined).map((result) => path.relative(temp.path, result.filePath));
    // The linked folder and its target are one file, read once by its shortest path; the cycle adds nothing.
    expect(read).toEqual(['catalog/popiskill-b-v1/SKILL.md']);
    expect((await lintLines(['catalog'])).filter((line) => line.includes('file-readable'))).toEqual([
      `catalog/popiskill-c-v1/SKILL.md:1:1 file-readable SKILL.md leads through a symbolic link to ${outside}, outside the scanned folder; it was not read.`,
    ]);
  });

  it('refuses a SKILL.md that is not a regular file', async () => {
    await mkdir(path.join(temp.path, 'catalog/popiskill-a-v1/SKILL.md'), { recursive: true });
    expect(await lintLines(['catalog'])).toEqual([
      'catalog/popiskill-a-v1/SKILL.md:1:1 file-readable SKILL.md could not be read (not a regular file).',
    ]);
  });

  it('refuses a file over the size limit without parsing it', async () => {
    await put('catalog/popiskill-a-v1/SKILL.md', exampleSkill());
    const size = Buffer.byteLength(exampleSkill());
    expect(await lintLines(['catalog'], { maxFileSize: size - 1 })).toEqual([
      `catalog/popiskill-a-v1/SKILL.md:1:1 file-size File is ${size} bytes, over the limit of ${size - 1} bytes; it was not parsed.`,
    ]);
  });

  it('refuses a file over the default limit of 1 MiB', async () => {
    const big = `${exampleSkill()}\n${'x'.repeat(DEFAULT_MAX_FILE_SIZE)}\n`;
    const filePath = await put('catalog/popiskill-a-v1/SKILL.md', big);
    const size = Buffer.byteLength(big);
    expect(await readSkillFile({ filePath, root: temp.path })).toEqual({
      filePath,
      decoded: { ok: false, problem: { kind: 'too-large', size, limit: DEFAULT_MAX_FILE_SIZE } },
    });
  });

  it('reports the exact line and UTF-16 column of the first byte that is not UTF-8', async () => {
    // Line 3 is `description: 日本😀 ` then byte 0xFF: 13 ASCII units (columns 1-13), 日 and 本
    // (14, 15), 😀 (two UTF-16 units: 16-17), a space (18), so the bad byte is in column 19.
    // In bytes: 5 + 9 + 13 + 3 + 3 + 4 + 1 = 38.
    const bytes = Buffer.concat([
      Buffer.from('---\r\nname: x\r\ndescription: 日本😀 ', 'utf8'),
      Buffer.from([0xff]),
      Buffer.from('\r\n---\r\n', 'utf8'),
    ]);
    await put('lf/popiskill-a-v1/SKILL.md', bytes);
    await put('bom/popiskill-a-v1/SKILL.md', Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), bytes]));
    expect(await lintLines(['lf', 'bom'])).toEqual([
      'bom/popiskill-a-v1/SKILL.md:3:19 file-encoding File is not valid UTF-8: byte 0xFF at byte offset 41; re-save it as UTF-8.',
      'lf/popiskill-a-v1/SKILL.md:3:19 file-encoding File is not valid UTF-8: byte 0xFF at byte offset 38; re-save it as UTF-8.',
    ]);
  });

  it('reports a truncated multi-byte sequence at its first byte', async () => {
    // `é` is C3 A9; a lone C3 before a newline is the start of a sequence that never ends.
    const bytes = Buffer.concat([Buffer.from('---\nname: caf', 'utf8'), Buffer.from([0xc3]), Buffer.from('\n---\n', 'utf8')]);
    await put('catalog/popiskill-a-v1/SKILL.md', bytes);
    expect(await lintLines(['catalog'])).toEqual([
      'catalog/popiskill-a-v1/SKILL.md:2:10 file-encoding File is not valid UTF-8: byte 0xC3 at byte offset 13; re-save it as UTF-8.',
    ]);
  });
});

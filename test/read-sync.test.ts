import { spawnSync } from 'node:child_process';
import { mkdir, symlink } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { discoverSkillTargets } from '../src/load/discover.js';
import { readCompanionFiles, readSkillFile } from '../src/load/read.js';
import { decodeSkillBytes } from '../src/load/decode.js';
import { fileBytesReader, fileReader, skillReader } from '../src/load/read-sync.js';
import { listSkillFolder, listSkillFolderSync } from '../src/load/skill-folder.js';
import { FolderLister } from '../src/load/folder-listings.js';
import { tempFolderPerTest } from './support/temp-folder.js';

const temp = tempFolderPerTest('skillhub-read-sync-');
const put = temp.put;

async function link(target: string, relative: string): Promise<void> {
  await mkdir(path.dirname(path.join(temp.path, relative)), { recursive: true });
  await symlink(path.join(temp.path, target), path.join(temp.path, relative));
}

describe('the synchronous reader of the per-file phase', () => {
  it('answers as readSkillFile and readCompanionFiles do, for plain files, links in and out, and odd companions', async () => {
    await put('catalog/plain/SKILL.md');
    await put('catalog/plain/input_schema.json', '{}');
    await put('catalog/plain/agents/openai.yaml', 'interface: {}\n');
    await put('catalog/large/SKILL.md', 'x'.repeat(3000));
    await put('catalog/latin1/SKILL.md', new Uint8Array([0x2d, 0xe9, 0x0a]));
    await put('outside/SKILL.md');
    await put('outside/secret.json', '{"secret": true}');
    await put('outside/agents/openai.yaml', 'secret: true\n');
    await put('catalog/linked-file/input_schema.json', '{}');
    await put('elsewhere/SKILL.md');
    await link('elsewhere/SKILL.md', 'catalog/linked-file/SKILL.md');
    await link('outside', 'catalog/linked-folder');
    await put('catalog/dangling/output_schema.json', '{}');
    await link('nothing/SKILL.md', 'catalog/dangling/SKILL.md');
    await put('catalog/odd/SKILL.md');
    await mkdir(path.join(temp.path, 'catalog/odd/input_schema.json'));
    await link('outside/secret.json', 'catalog/odd/output_schema.json');
    await link('outside/agents', 'catalog/odd/agents');
    await put('catalog/inside-link/SKILL.md');
    await link('catalog/plain/input_schema.json', 'catalog/inside-link/input_schema.json');
    await link('nothing.json', 'catalog/inside-link/output_schema.json');
    await put('catalog/agents-file/SKILL.md');
    await put('catalog/agents-file/agents', 'not a folder');
    await put('catalog/agents-folder/SKILL.md');
    await mkdir(path.join(temp.path, 'catalog/agents-folder/agents/openai.yaml'), { recursive: true });
    await put('catalog/fifo-schema/SKILL.md');
    await mkdir(path.join(temp.path, 'catalog/fifo-schema'), { recursive: true });
    spawnSync('mkfifo', [path.join(temp.path, 'catalog/fifo-schema/output_schema.json')], { stdio: 'ignore' });

    const lister = new FolderLister();
    const { files } = await discoverSkillTargets([path.join(temp.path, 'catalog')], temp.path, lister);
    const listings = lister.listings;
    expect(files.filter((file) => file.realPath !== undefined).length).toBeGreaterThan(5);
    const read = skillReader(2000);
    const readFile = fileReader(2000);
    const readBytes = fileBytesReader(2000);
    const asBytes: string[] = [];
    for (const file of files) {
      // The SKILL.md alone, as the context of `validate skills/<id>` reads it.
      expect({ at: file.filePath, ...readFile(file) }).toEqual({ at: file.filePath, ...(await readSkillFile(file, 2000)) });
      // ... and as its scan reads it: bytes that decode to the same answer, or the same answer.
      const bytesRead = readBytes(file);
      const decoded = 'bytes' in bytesRead ? { filePath: bytesRead.filePath, decoded: decodeSkillBytes(bytesRead.bytes, 2000) } : bytesRead;
      if ('bytes' in bytesRead) asBytes.push(path.relative(temp.path, file.filePath));
      expect({ at: file.filePath, ...decoded }).toEqual({ at: file.filePath, ...(await readSkillFile(file, 2000)) });
      const folder = path.dirname(file.filePath);
      const listed = listSkillFolderSync(folder, listings);
      expect(listed).toEqual(await listSkillFolder(folder));
      const expected = { ...(await readSkillFile(file, 2000)), companions: await readCompanionFiles(file, 2000), ...(listed ? { folderFiles: listed } : {}) };
      expect({ at: file.filePath, ...read(listed ? { file, folderFiles: listed } : { file }) }).toEqual({ at: file.filePath, ...expected });
    }
    // Not vacuous: the cases above give these answers.
    const kinds = files.map((file) => {
      const loaded = read({ file, folderFiles: listSkillFolderSync(path.dirname(file.filePath), listings) ?? [] });
      const companions = Object.entries(loaded.companions).map(([name, companion]) => `${name}=${companion.decoded.ok ? 'ok' : companion.decoded.problem.kind}`);
      return `${path.relative(temp.path, file.filePath)} ${loaded.decoded.ok ? 'ok' : loaded.decoded.problem.kind} ${companions.join(' ')}`.trim();
    });
    expect(kinds).toEqual([
      'catalog/agents-file/SKILL.md ok',
      'catalog/agents-folder/SKILL.md ok agents/openai.yaml=unreadable',
      'catalog/dangling/SKILL.md unreadable output_schema.json=ok',
      'catalog/fifo-schema/SKILL.md ok output_schema.json=unreadable',
      'catalog/inside-link/SKILL.md ok input_schema.json=ok output_schema.json=unreadable',
      'catalog/large/SKILL.md too-large',
      'catalog/latin1/SKILL.md encoding',
      'catalog/linked-file/SKILL.md symlink-outside-root input_schema.json=ok',
      'catalog/linked-folder/SKILL.md symlink-outside-root agents/openai.yaml=symlink-outside-root',
      'catalog/odd/SKILL.md ok input_schema.json=unreadable output_schema.json=symlink-outside-root agents/openai.yaml=symlink-outside-root',
      'catalog/plain/SKILL.md ok input_schema.json=ok agents/openai.yaml=ok',
    ]);
    // The files left as bytes: those read at their real path (refusals and links go through the careful reader).
    expect(asBytes).toEqual([
      'catalog/agents-file/SKILL.md',
      'catalog/agents-folder/SKILL.md',
      'catalog/fifo-schema/SKILL.md',
      'catalog/inside-link/SKILL.md',
      'catalog/latin1/SKILL.md',
      'catalog/odd/SKILL.md',
      'catalog/plain/SKILL.md',
    ]);
  });

  it('gives each file as bytes in one buffer it reuses, grown for a larger file', async () => {
    await put('catalog/a/SKILL.md', 'a'.repeat(10));
    await put('catalog/b/SKILL.md', 'b'.repeat(70 * 1024));
    await put('catalog/c/SKILL.md', 'c'.repeat(20));
    const { files } = await discoverSkillTargets([path.join(temp.path, 'catalog')], temp.path);
    const readBytes = fileBytesReader();
    const [a, b, c] = files.map((file) => readBytes(file)).map((read) => ('bytes' in read ? read.bytes : undefined));
    expect([a?.length, b?.length, c?.length]).toEqual([10, 70 * 1024, 20]);
    // c was read into b's buffer, over what a was: a's bytes are c's now.
    expect(c?.buffer).toBe(b?.buffer);
    expect(Buffer.from(c as Uint8Array).toString()).toBe('c'.repeat(20));
  });
});

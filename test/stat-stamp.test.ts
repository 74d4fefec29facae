import { spawnSync } from 'node:child_process';
import { mkdir, mkdtemp, realpath, symlink, utimes, writeFile } from 'node:fs/promises';
import { statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { ABSENT, FOLDER, OTHER, stampReader } from '../src/load/stat-stamp.js';

const BUILT = fileURLToPath(new URL('../dist/load/stat-stamp.js', import.meta.url));

/** A folder with a file, a subfolder, links to both, a dangling link and a file with a fractional time. */
async function tree(): Promise<Record<string, string>> {
  const root = await realpath(await mkdtemp(path.join(tmpdir(), 'skillhub-stamp-')));
  const file = path.join(root, 'SKILL.md');
  const folder = path.join(root, 'agents');
  await writeFile(file, 'some text\n');
  await mkdir(folder);
  await writeFile(path.join(folder, 'openai.yaml'), 'a: 1\n');
  // A time with a fraction of a millisecond, as ext4 records them: the arithmetic must match statSync's.
  await utimes(path.join(folder, 'openai.yaml'), 1_700_000_000.123456, 1_700_000_001.987654);
  await symlink(file, path.join(root, 'file-link'));
  await symlink(folder, path.join(root, 'folder-link'));
  await symlink(path.join(root, 'nowhere'), path.join(root, 'dangling'));
  return {
    root,
    file,
    folder,
    nested: path.join(folder, 'openai.yaml'),
    fileLink: path.join(root, 'file-link'),
    folderLink: path.join(root, 'folder-link'),
    dangling: path.join(root, 'dangling'),
    missing: path.join(root, 'missing'),
    belowFile: path.join(file, 'below'),
  };
}

describe('stat stamps without a Stats object', () => {
  it("uses Node's fs binding on this Node (its statSync makes the same call)", () => {
    expect(stampReader().raw).toBe(true);
    expect(stampReader({ raw: false }).raw).toBe(false);
  });

  it('answers exactly as statSync for folders, files, links, missing paths and paths below a file', async () => {
    const paths = await tree();
    const raw = stampReader();
    const plain = stampReader({ raw: false });
    const expected: Record<string, number> = {
      root: FOLDER,
      file: OTHER,
      folder: FOLDER,
      nested: OTHER,
      fileLink: OTHER,
      folderLink: FOLDER,
      dangling: ABSENT,
      missing: ABSENT,
      belowFile: ABSENT,
    };
    for (const [name, entryPath] of Object.entries(paths)) {
      const kind = raw.read(entryPath);
      expect([name, kind]).toEqual([name, expected[name]]);
      expect([name, plain.read(entryPath)]).toEqual([name, kind]);
      if (kind === ABSENT) continue;
      const stats = statSync(entryPath);
      expect([name, ...raw.stamp]).toEqual([name, stats.size, stats.mtimeMs, stats.ctimeMs, stats.ino]);
      expect([name, ...plain.stamp]).toEqual([name, ...raw.stamp]);
    }
    // The fractional times survive the binding's seconds and nanoseconds unchanged.
    raw.read(paths['nested'] as string);
    expect(raw.stamp[1]).toBe(statSync(paths['nested'] as string).mtimeMs);
    expect((raw.stamp[1] as number) % 1).not.toBe(0);
  });

  it('uses statSync when the binding cannot be checked against a real path', () => {
    expect(stampReader({ probe: path.join(tmpdir(), 'skillhub-no-such-file') }).raw).toBe(false);
  });

  it('uses statSync, and prints nothing, under --pending-deprecation (process.binding would warn)', () => {
    const script = `import(${JSON.stringify(BUILT)}).then((m) => { const r = m.stampReader(); process.stdout.write(JSON.stringify([r.raw, r.read(process.execPath)])); })`;
    for (const [args, env] of [
      [['--pending-deprecation'], {}],
      [[], { NODE_PENDING_DEPRECATION: '1' }],
      [[], { NODE_OPTIONS: '--pending-deprecation' }],
    ] as const) {
      const result = spawnSync(process.execPath, [...args, '-e', script], { env: { ...process.env, ...env }, encoding: 'utf8' });
      expect([result.stdout, result.stderr, result.status]).toEqual([JSON.stringify([false, OTHER]), '', 0]);
    }
    const plain = spawnSync(process.execPath, ['-e', script], { encoding: 'utf8' });
    expect([plain.stdout, plain.stderr, plain.status]).toEqual([JSON.stringify([true, OTHER]), '', 0]);
  });
});

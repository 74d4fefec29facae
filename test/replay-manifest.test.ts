import { mkdir, mkdtemp, readFile, realpath, rm, stat, symlink, utimes, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { EXAMPLE_ID, exampleSkill } from '../src/check/rules/example-skill.js';
import { checkManifest, checkManifestShared, ManifestBuilder, readManifest, readManifestFile } from '../src/load/replay-manifest.js';
import { reportPaths } from '../src/pipeline.js';

const OTHER_ID = 'popiskill-image-text2image-other-v1';
const PRINTED = { text: 'the printed report\n', errors: 1, warnings: 0 };
let hour = 1;
/** Each run stands an hour after the last, so the folders and files just written are not racily clean. */
const later = () => Date.now() + 3600_000 * hour++;

/** Two skills, the second with a companion schema and an agents file. */
async function catalog(): Promise<{ root: string; cacheLocation: string; skills: string }> {
  const root = await realpath(await mkdtemp(path.join(tmpdir(), 'skillhub-manifest-')));
  const skills = path.join(root, 'skills');
  for (const id of [EXAMPLE_ID, OTHER_ID]) {
    await mkdir(path.join(skills, id), { recursive: true });
    await writeFile(path.join(skills, id, 'SKILL.md'), exampleSkill().replaceAll(EXAMPLE_ID, id));
  }
  await mkdir(path.join(skills, OTHER_ID, 'agents'));
  await writeFile(path.join(skills, OTHER_ID, 'agents', 'openai.yaml'), 'interface:\n  display_name: Other\n');
  return { root, cacheLocation: path.join(root, 'cache', 'validate.json'), skills };
}

const run = (root: string, cacheLocation: string, form = 'A', paths = ['skills'], startedAt = later()) => reportPaths(paths, root, {}, { cacheLocation, startedAt, printedForm: form });

/** A first run that prints (and keeps) its report, so the replay manifest is written. */
async function printed(root: string, cacheLocation: string) {
  const first = await run(root, cacheLocation);
  expect(first.replayed).toBeUndefined();
  await first.remember?.(PRINTED);
  return first;
}

const manifestOf = (cacheLocation: string) => `${cacheLocation}.replay`;
const exists = (file: string) => stat(file).then(
  () => true,
  () => false,
);

describe('the replay manifest answers an unchanged catalog without the index', () => {
  it('is written with the printed report, and replays it without reading the index or a listing', async () => {
    const { root, cacheLocation } = await catalog();
    await printed(root, cacheLocation);
    expect(await exists(manifestOf(cacheLocation))).toBe(true);
    // Without the index, only the manifest can answer.
    await rm(cacheLocation);
    const replayed = await run(root, cacheLocation);
    expect(replayed.replayed).toEqual({ bytes: Buffer.from(PRINTED.text), errors: 1, warnings: 0 });
    expect(replayed.cacheHits).toBe(2);
    expect(replayed.fileCount).toBe(2);
    expect(replayed.reports).toEqual([]);
  });

  it('replays a report larger than the manifest (read into the memory the manifest was read into) byte for byte', async () => {
    const { root, cacheLocation } = await catalog();
    const first = await run(root, cacheLocation);
    const text = Array.from({ length: 4000 }, (_, line) => `line ${line} \u2713 caf\u00e9\n`).join('');
    await first.remember?.({ text, errors: 0, warnings: 3 });
    const manifestSize = (await stat(manifestOf(cacheLocation))).size;
    expect(Buffer.byteLength(text)).toBeGreaterThan(manifestSize);
    const replayed = await run(root, cacheLocation);
    expect(replayed.replayed?.errors).toBe(0);
    expect(replayed.replayed?.warnings).toBe(3);
    expect(Buffer.from(replayed.replayed?.bytes ?? []).toString('utf8')).toBe(text);
  });

  it('is written again by a full run that replays, after a change that left the answer the same', async () => {
    const { root, cacheLocation, skills } = await catalog();
    await printed(root, cacheLocation);
    // The same bytes again: a new change time, the same content (hashed, not analysed again).
    const skillFile = path.join(skills, EXAMPLE_ID, 'SKILL.md');
    await writeFile(skillFile, await readFile(skillFile));
    const full = await run(root, cacheLocation);
    expect(full.replayed?.bytes).toEqual(Buffer.from(PRINTED.text));
    expect(await exists(manifestOf(cacheLocation))).toBe(true);
    await rm(cacheLocation);
    expect((await run(root, cacheLocation)).replayed?.bytes).toEqual(Buffer.from(PRINTED.text));
  });

  it('does not hold for another form, and the report printed in that form replaces it', async () => {
    const { root, cacheLocation } = await catalog();
    const first = await printed(root, cacheLocation);
    const other = await run(root, cacheLocation, 'B');
    expect(other.replayed).toBeUndefined();
    // Printed again from the stored diagnostics.
    expect(other.reports).toEqual(first.reports.map(({ filePath, diagnostics }) => ({ filePath, diagnostics })));
    await other.remember?.({ text: 'form B\n', errors: 0, warnings: 0 });
    expect((await run(root, cacheLocation, 'B')).replayed?.bytes).toEqual(Buffer.from('form B\n'));
    expect((await run(root, cacheLocation, 'A')).replayed).toBeUndefined();
  });

  it('is removed by a run over other paths, which changes the index', async () => {
    const { root, cacheLocation } = await catalog();
    await printed(root, cacheLocation);
    await run(root, cacheLocation, 'A', [`skills/${EXAMPLE_ID}`]);
    expect(await exists(manifestOf(cacheLocation))).toBe(false);
    // The full path does not replay either: the index no longer names a complete run.
    expect((await run(root, cacheLocation)).replayed).toBeUndefined();
  });

  it('is not written while the folders are racily clean', async () => {
    const { root, cacheLocation, skills } = await catalog();
    // The run stands when the skills folder last changed: its listing is within the racy window.
    const first = await run(root, cacheLocation, 'A', ['skills'], (await stat(skills)).ctimeMs);
    await first.remember?.(PRINTED);
    expect(await exists(`${cacheLocation}.output`)).toBe(true);
    expect(await exists(manifestOf(cacheLocation))).toBe(false);
  });

  it('is not written when a listing holds a symbolic link', async () => {
    const { root, cacheLocation, skills } = await catalog();
    await symlink(path.join(skills, OTHER_ID), path.join(skills, 'linked'));
    await printed(root, cacheLocation);
    expect(await exists(`${cacheLocation}.output`)).toBe(true);
    expect(await exists(manifestOf(cacheLocation))).toBe(false);
  });

  it('a damaged manifest is ignored: the full path answers the same', async () => {
    const { root, cacheLocation } = await catalog();
    await printed(root, cacheLocation);
    await writeFile(manifestOf(cacheLocation), '{"format":');
    expect((await run(root, cacheLocation)).replayed?.bytes).toEqual(Buffer.from(PRINTED.text));
  });
});

describe('every change the manifest lists stops the replay', () => {
  /** The printed report is replayed from the manifest, then `change` happens, then a run. */
  async function afterChange(change: (skills: string) => Promise<void>) {
    const { root, cacheLocation, skills } = await catalog();
    const first = await printed(root, cacheLocation);
    expect((await run(root, cacheLocation)).replayed?.bytes).toEqual(Buffer.from(PRINTED.text));
    await change(skills);
    return { run: await run(root, cacheLocation), before: rules(first) };
  }
  /** The diagnostics of a run; `plus`: those of the first run with these added. */
  const plus = (before: string[], ...added: string[]) => [...before, ...added].sort();
  const rules = (reported: Awaited<ReturnType<typeof run>>) =>
    reported.reports.flatMap((report) => report.diagnostics.map((d) => `${path.basename(path.dirname(d.filePath))}/${path.basename(d.filePath)}:${d.range.start.line}:${d.range.start.column} ${d.ruleId}`)).sort();

  it('a SKILL.md rewritten with the same size and its old modification time (its change time moved)', async () => {
    const { run, before } = await afterChange(async (skills) => {
      const skillFile = path.join(skills, OTHER_ID, 'SKILL.md');
      const before = await stat(skillFile);
      await writeFile(skillFile, (await readFile(skillFile, 'utf8')).replace('version: v1', 'version: v2'));
      await utimes(skillFile, before.atime, before.mtime);
    });
    expect(run.replayed).toBeUndefined();
    expect(rules(run)).toEqual(plus(before, `${OTHER_ID}/SKILL.md:7:10 version-matches-name`));
  });

  it('a companion file changed inside its own folder (no skill folder changes)', async () => {
    const { run, before } = await afterChange(async (skills) => {
      await writeFile(path.join(skills, OTHER_ID, 'agents', 'openai.yaml'), 'interface: 5\n');
    });
    expect(run.replayed).toBeUndefined();
    expect(rules(run)).toEqual(['agents/openai.yaml:1:12 agents-interface']);
    expect(before).not.toEqual(rules(run));
  });

  it('a companion file appearing in a skill folder', async () => {
    const { run, before } = await afterChange(async (skills) => {
      await mkdir(path.join(skills, EXAMPLE_ID, 'agents'));
      await writeFile(path.join(skills, EXAMPLE_ID, 'agents', 'openai.yaml'), 'interface: 5\n');
    });
    expect(run.replayed).toBeUndefined();
    expect(rules(run)).toEqual(plus(before, 'agents/openai.yaml:1:12 agents-interface'));
  });

  it('a new skill in the catalog', async () => {
    const { run, before } = await afterChange(async (skills) => {
      const id = 'popiskill-image-text2image-third-v1';
      await mkdir(path.join(skills, id));
      await writeFile(path.join(skills, id, 'SKILL.md'), exampleSkill().replaceAll(EXAMPLE_ID, id).replace('version: v1', 'version: v2'));
    });
    expect(run.replayed).toBeUndefined();
    expect(rules(run)).toEqual(plus(before, 'popiskill-image-text2image-third-v1/SKILL.md:7:10 version-matches-name'));
  });

  it('a folder replaced by another with the same entries (another inode)', async () => {
    const { run, before } = await afterChange(async (skills) => {
      const agents = path.join(skills, OTHER_ID, 'agents');
      const text = await readFile(path.join(agents, 'openai.yaml'));
      await rm(agents, { recursive: true });
      await mkdir(agents);
      await writeFile(path.join(agents, 'openai.yaml'), text);
    });
    expect(run.replayed?.bytes).toEqual(Buffer.from(PRINTED.text));
    // Replayed by the full path (the answer is the same), which writes the manifest again.
    expect(run.cacheHits).toBe(2);
  });
});

describe('checkManifest', () => {
  it('checks the fingerprint and key, and every entry by its own stamp', async () => {
    const folder = await realpath(await mkdtemp(path.join(tmpdir(), 'skillhub-manifest-unit-')));
    const file = path.join(folder, 'SKILL.md');
    await writeFile(file, 'text');
    const folderStats = await stat(folder);
    const fileStats = await stat(file);
    const encode = (filePart: string) => {
      const builder = new ManifestBuilder();
      expect(builder.addFolder(folder, `${folderStats.size}:${folderStats.mtimeMs}:${folderStats.ctimeMs}:${folderStats.ino}`)).toBe(true);
      expect(builder.addFile(file, filePart)).toBe(true);
      expect(builder.addFile(path.join(folder, 'missing.json'), '-')).toBe(true);
      return builder.encode({ fingerprint: 'f', key: 'k', catalog: 'c', outputKey: 'o', files: 1, targets: 1, roots: [[folder, folder]] });
    };
    const bytes = encode(`${fileStats.size}:${fileStats.mtimeMs}:${fileStats.ctimeMs}`);
    expect(checkManifest(bytes, 'f', 'k')).toEqual({ catalog: 'c', outputKey: 'o', files: 1, targets: 1 });
    expect(checkManifest(bytes, 'other', 'k')).toBeUndefined();
    expect(checkManifest(bytes, 'f', 'other')).toBeUndefined();
    expect(checkManifest(encode(`${fileStats.size + 1}:${fileStats.mtimeMs}:${fileStats.ctimeMs}`), 'f', 'k')).toBeUndefined();
    expect(checkManifest(bytes.subarray(0, bytes.length - 8), 'f', 'k')).toBeUndefined();
    // A file that was absent and now is there.
    await writeFile(path.join(folder, 'missing.json'), '{}');
    expect(checkManifest(bytes, 'f', 'k')).toBeUndefined();
  });
});

describe('the manifest file', () => {
  it('holds its names after its numbers, as UTF-8: a name outside ASCII is read back and checked', async () => {
    const folder = path.join(await realpath(await mkdtemp(path.join(tmpdir(), 'skillhub-manifest-names-'))), 'caf\u00e9 \u2713');
    await mkdir(folder);
    const file = path.join(folder, 'SKILL.md');
    await writeFile(file, 'text');
    const folderStats = await stat(folder);
    const fileStats = await stat(file);
    const builder = new ManifestBuilder();
    builder.addFolder(folder, `${folderStats.size}:${folderStats.mtimeMs}:${folderStats.ctimeMs}:${folderStats.ino}`);
    builder.addFile(file, `${fileStats.size}:${fileStats.mtimeMs}:${fileStats.ctimeMs}`);
    const bytes = builder.encode({ fingerprint: 'f', key: 'k', catalog: 'c', outputKey: 'o', files: 1, targets: 1, roots: [[folder, folder]] });
    const newline = bytes.indexOf(0x0a);
    const header = JSON.parse(bytes.toString('utf8', 0, newline)) as Record<string, unknown>;
    expect(header['format']).toBe('skillhub-replay-manifest/2');
    expect(header['count']).toBe(2);
    expect(header['names']).toBe(2);
    const names = `${folder}\0SKILL.md`;
    expect(header['namesBytes']).toBe(Buffer.byteLength(names));
    expect((newline + 1) % 8).toBe(0);
    // Per entry four float64 (size, times, inode) and three int32 (parent, kind, name), then the names.
    expect(bytes.length).toBe(newline + 1 + 2 * (4 * 8 + 3 * 4) + Buffer.byteLength(names));
    const links = new Int32Array(bytes.buffer.slice(bytes.byteOffset + newline + 1 + 2 * 32, bytes.byteOffset + newline + 1 + 2 * 44));
    expect([...links]).toEqual([-1, 0, 0, 0, 1, 1]);
    expect(bytes.subarray(bytes.length - Buffer.byteLength(names)).toString('utf8')).toBe(names);
    expect(checkManifest(bytes, 'f', 'k')).toEqual({ catalog: 'c', outputKey: 'o', files: 1, targets: 1 });
    // A names section one byte short (or long) is a damaged file.
    expect(checkManifest(bytes.subarray(0, bytes.length - 1), 'f', 'k')).toBeUndefined();
    expect(checkManifest(Buffer.concat([bytes, Buffer.from('x')]), 'f', 'k')).toBeUndefined();
    await writeFile(file, 'other');
    expect(checkManifest(bytes, 'f', 'k')).toBeUndefined();
  });

  it('keeps each name once: the entries of several skill folders share `SKILL.md` and `agents`', () => {
    const builder = new ManifestBuilder();
    const root = path.join(tmpdir(), 'skillhub-names-shared');
    builder.addFolder(root, '1:2:3:4');
    for (const id of ['a-skill', 'b-skill']) {
      builder.addFolder(path.join(root, id), '1:2:3:4');
      builder.addFile(path.join(root, id, 'SKILL.md'), '5:6:7');
      builder.addFolder(path.join(root, id, 'agents'), '1:2:3:4');
      builder.addFile(path.join(root, id, 'agents', 'openai.yaml'), '-');
    }
    const bytes = builder.encode({ fingerprint: 'f', key: 'k', catalog: 'c', outputKey: 'o', files: 2, targets: 2, roots: [[root, root]] });
    const header = JSON.parse(bytes.toString('utf8', 0, bytes.indexOf(0x0a))) as { count: number; names: number; namesBytes: number };
    expect(header.count).toBe(9);
    expect(header.names).toBe(6);
    expect(bytes.subarray(bytes.length - header.namesBytes).toString('utf8').split('\0')).toEqual([root, 'a-skill', 'SKILL.md', 'agents', 'openai.yaml', 'b-skill']);
  });

  it('a name index or parent out of range is a damaged file, not a path', () => {
    const builder = new ManifestBuilder();
    const root = path.join(tmpdir(), 'skillhub-names-damaged');
    builder.addFolder(root, '1:2:3:4');
    builder.addFile(path.join(root, 'SKILL.md'), '-');
    const bytes = Buffer.from(builder.encode({ fingerprint: 'f', key: 'k', catalog: 'c', outputKey: 'o', files: 1, targets: 1, roots: [] }));
    const linksAt = bytes.indexOf(0x0a) + 1 + 2 * 32;
    const damaged = (at: number, value: number) => {
      const copy = Buffer.from(bytes);
      copy.writeInt32LE(value, linksAt + at * 4);
      return copy;
    };
    expect(readManifest(bytes, 'f', 'k')?.names).toEqual([root, 'SKILL.md']);
    expect(readManifest(damaged(5, 1), 'f', 'k')?.names).toEqual([root, 'SKILL.md']);
    // The second entry's name (index 5) and parent (index 3).
    expect(readManifest(damaged(5, 2), 'f', 'k')).toBeUndefined();
    expect(readManifest(damaged(3, 1), 'f', 'k')).toBeUndefined();
    expect(readManifest(damaged(3, -2), 'f', 'k')).toBeUndefined();
  });

  it('a manifest of the format before (names in the header) is not read', async () => {
    const legacy = Buffer.from(`${JSON.stringify({ format: 'skillhub-replay-manifest/1', fingerprint: 'f', key: 'k', catalog: 'c', outputKey: 'o', files: 0, targets: 0, roots: [], names: '', count: 0 })}`);
    const padded = Buffer.concat([legacy, Buffer.from(`${' '.repeat((8 - ((legacy.length + 1) % 8)) % 8)}\n`)]);
    expect(checkManifest(padded, 'f', 'k')).toBeUndefined();
  });
});

describe('checkManifestShared', () => {
  const DIST_WORKER = new URL('../dist/load/replay-check-worker.js', import.meta.url);

  /** A folder of `count` files and its manifest (the folder, then each file). */
  async function manifestOfFiles(count: number) {
    const folder = await realpath(await mkdtemp(path.join(tmpdir(), 'skillhub-manifest-shared-')));
    const builder = new ManifestBuilder();
    const files = Array.from({ length: count }, (_, index) => path.join(folder, `file-${index}.md`));
    for (const file of files) await writeFile(file, 'text');
    const folderStats = await stat(folder);
    builder.addFolder(folder, `${folderStats.size}:${folderStats.mtimeMs}:${folderStats.ctimeMs}:${folderStats.ino}`);
    for (const file of files) {
      const stats = await stat(file);
      builder.addFile(file, `${stats.size}:${stats.mtimeMs}:${stats.ctimeMs}`);
    }
    const encoded = builder.encode({ fingerprint: 'f', key: 'k', catalog: 'c', outputKey: 'o', files: count, targets: count, roots: [[folder, folder]] });
    // In memory a helper thread shares, as readManifestFile reads it.
    const file = path.join(await mkdtemp(path.join(tmpdir(), 'skillhub-manifest-file-')), 'manifest');
    await writeFile(file, encoded);
    return { files, bytes: readManifestFile(file) as Uint8Array };
  }
  const answer = { catalog: 'c', outputKey: 'o', files: 10, targets: 10 };
  const shared = (bytes: Uint8Array, workerFile = DIST_WORKER) => checkManifestShared(bytes, 'f', 'k', { threads: 2, parallelFrom: 1, workerFile });

  it('the helper thread checks the last entries: a change there is seen, as one in the main thread\'s share', async () => {
    const { files, bytes } = await manifestOfFiles(10);
    expect(await shared(bytes)).toEqual(answer);
    await writeFile(files[9] as string, 'longer text');
    expect(await shared(bytes)).toBeUndefined();
    const other = await manifestOfFiles(10);
    await writeFile(other.files[0] as string, 'longer text');
    expect(await shared(other.bytes)).toBeUndefined();
  });

  it('a helper that cannot start leaves its share to the main thread', async () => {
    const { files, bytes } = await manifestOfFiles(10);
    const missing = new URL('./no-such-worker.js', DIST_WORKER);
    expect(await shared(bytes, missing)).toEqual(answer);
    await writeFile(files[9] as string, 'longer text');
    expect(await shared(bytes, missing)).toBeUndefined();
  });
});

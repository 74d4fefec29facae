import { randomBytes } from 'node:crypto';
import { lstat, mkdir, readdir, rename, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { canonicalJson } from './canonical-json.js';
import { SAFE_ID } from './layout.js';
import type { PublishedSkill } from './model.js';

/** The folder the popiart CLI embeds skills from, inside the `--bundle` folder. */
export const BUNDLE_FOLDER = 'popiskills';

export class BundleFolderError extends Error {}

/**
 * The files of the popiart CLI's bundled skills, by path relative to the bundle folder:
 * `popiskills/<id>/SKILL.md` (no byte order mark, LF line ends, so it starts with `---\n` at byte
 * 0 when the source starts with `---`), `input_schema.json` and `output_schema.json` (the derived
 * schemas, JSON objects). Pure: `skillMd` maps an id to its SKILL.md text.
 */
export function bundleFiles(skills: readonly PublishedSkill[], skillMd: ReadonlyMap<string, string>): Map<string, string> {
  const files = new Map<string, string>();
  for (const skill of skills) {
    const text = skillMd.get(skill.id);
    if (text === undefined) throw new Error(`no SKILL.md text for ${skill.id}`);
    const folder = `${BUNDLE_FOLDER}/${skill.id}`;
    files.set(`${folder}/SKILL.md`, text.replace(/^\uFEFF/, '').replace(/\r\n?/g, '\n'));
    files.set(`${folder}/input_schema.json`, canonicalJson(skill.input_schema));
    files.set(`${folder}/output_schema.json`, canonicalJson(skill.output_schema));
  }
  return files;
}

/** Throws BundleFolderError when `<dir>/popiskills` is not ours to replace; tells whether it exists. */
export async function assertBundleReplaceable(dir: string): Promise<boolean> {
  const target = path.join(dir, BUNDLE_FOLDER);
  const existing = await lstat(target).catch(() => undefined);
  if (existing && !existing.isDirectory()) throw new BundleFolderError(`${target} exists and is not a folder; refusing to replace it`);
  if (existing) {
    const strangers = (await readdir(target)).filter((name) => !(name.startsWith('popiskill-') && SAFE_ID.test(name)));
    if (strangers.length > 0) throw new BundleFolderError(`${target} holds ${strangers.slice(0, 3).join(', ')}, which are not skill folders; refusing to replace it`);
  }
  return existing !== undefined;
}

/**
 * Replaces `<dir>/popiskills` with exactly the bundled skills: written beside it, then swapped in
 * with two renames, so the CLI's build never sees half a bundle. A `popiskills` folder that holds
 * anything but skill folders is not replaced.
 */
export async function writeBundle(dir: string, files: ReadonlyMap<string, string>): Promise<void> {
  const target = path.join(dir, BUNDLE_FOLDER);
  const existing = await assertBundleReplaceable(dir);
  await mkdir(dir, { recursive: true });
  const suffix = `${process.pid}-${randomBytes(4).toString('hex')}`;
  const staging = `${target}.tmp-${suffix}`;
  try {
    await mkdir(staging);
    for (const [relative, text] of files) {
      const inside = relative.slice(BUNDLE_FOLDER.length + 1);
      const file = path.join(staging, ...inside.split('/'));
      await mkdir(path.dirname(file), { recursive: true });
      await writeFile(file, text);
    }
    if (!existing) {
      await rename(staging, target);
      return;
    }
    const retired = `${target}.old-${suffix}`;
    await rename(target, retired);
    await rename(staging, target);
    await rm(retired, { recursive: true, force: true });
  } finally {
    await rm(staging, { recursive: true, force: true });
  }
}

import { mkdir, mkdtemp, utimes, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { EXAMPLE_ID, exampleSkill } from '../../src/check/rules/example-skill.js';

export const OTHER_ID = 'popiskill-image-text2image-other-v1';
const HOUR_AGO = new Date(Date.now() - 3600_000);

/**
 * A catalog folder (skills/ inside) with two skills, the second with a wrong version, whose files
 * were last changed an hour ago, so their stamps are trusted. With `folders`, the folders are set
 * an hour back too and the two seconds within which a listing is racily clean are waited out, as
 * a user's catalog has: only then is a replay manifest written.
 */
export async function settledCatalog(prefix: string, { folders = false } = {}): Promise<{ root: string; cacheLocation: string; skillFile: string }> {
  const root = await mkdtemp(path.join(tmpdir(), prefix));
  for (const id of [EXAMPLE_ID, OTHER_ID]) {
    const file = path.join(root, 'skills', id, 'SKILL.md');
    await mkdir(path.dirname(file), { recursive: true });
    const text = exampleSkill().replaceAll(EXAMPLE_ID, id);
    await writeFile(file, id === OTHER_ID ? text.replace('version: v1', 'version: v2') : text);
    await utimes(file, HOUR_AGO, HOUR_AGO);
    if (folders) await utimes(path.dirname(file), HOUR_AGO, HOUR_AGO);
  }
  if (folders) {
    await utimes(path.join(root, 'skills'), HOUR_AGO, HOUR_AGO);
    await new Promise((resolve) => setTimeout(resolve, 2100));
  }
  return { root, cacheLocation: path.join(root, 'cache', 'validate.json'), skillFile: path.join(root, 'skills', OTHER_ID, 'SKILL.md') };
}

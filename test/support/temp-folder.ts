import { mkdir, mkdtemp, realpath, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, afterEach, beforeEach } from 'vitest';
import { exampleSkill } from '../../src/check/rules/example-skill.js';

/**
 * A fresh temporary folder for each test of the file that calls this (removed after it), and a
 * writer of files under it. The folder is given by its real path: on some systems the temporary
 * folder is itself behind a symbolic link, which the loaders would report.
 */
export function tempFolderPerTest(prefix: string): {
  readonly path: string;
  /** Writes a file (and its folders) under the folder; returns its absolute path. */
  put(relative: string, content?: string | Uint8Array): Promise<string>;
} {
  let folder: string | undefined;
  beforeEach(async () => {
    folder = await realpath(await mkdtemp(path.join(tmpdir(), prefix)));
  });
  afterEach(async () => {
    if (folder !== undefined) await rm(folder, { recursive: true, force: true });
  });
  const current = (): string => {
    if (folder === undefined) throw new Error('the temporary folder exists only inside a test');
    return folder;
  };
  return {
    get path() {
      return current();
    },
    async put(relative, content = exampleSkill()) {
      const filePath = path.join(current(), relative);
      await mkdir(path.dirname(filePath), { recursive: true });
      await writeFile(filePath, content);
      return filePath;
    },
  };
}

/**
 * A writer of small catalogs for the test file that calls this: each call makes a new temporary
 * folder with `skills/` holding `files` (paths relative to `skills/`); all are removed after the file's tests.
 */
export function catalogWriter(prefix: string): (files: Record<string, string | Uint8Array>) => Promise<{ root: string; skills: string }> {
  const made: string[] = [];
  afterAll(async () => {
    await Promise.all(made.map((folder) => rm(folder, { recursive: true, force: true })));
  });
  return async (files) => {
    const root = await mkdtemp(path.join(tmpdir(), prefix));
    made.push(root);
    const skills = path.join(root, 'skills');
    for (const [relative, content] of Object.entries(files)) {
      const file = path.join(skills, relative);
      await mkdir(path.dirname(file), { recursive: true });
      await writeFile(file, content);
    }
    return { root, skills };
  };
}

import { readFileSync, realpathSync, statSync } from 'node:fs';
import { decodeSkillBytes, DEFAULT_MAX_FILE_SIZE } from './decode.js';
import type { DiscoveredFile } from './discover.js';
import { MISSING_LINK_TARGET, placementProblem, readProblem, refused, statsProblem, unlistedProblem, type LoadedFile } from './read.js';

/**
 * readSkillFile for the thousands of context files of `validate skills/<id>` (the rest of the
 * catalog, of which only a few facts are read): the same checks and the same answers, but
 * synchronous, one file at a time, each root resolved once. Read together as promises, 10,000
 * files cost seconds of promise, buffer and garbage-collection overhead; read one by one, each
 * text can be dropped as soon as its facts are taken.
 */
export function contextFileReader(maxFileSize = DEFAULT_MAX_FILE_SIZE): (file: DiscoveredFile) => LoadedFile {
  const realRoots = new Map<string, { real?: string; error?: unknown }>();
  const realRoot = (root: string) => {
    let known = realRoots.get(root);
    if (!known) {
      try {
        known = { real: realpathSync.native(root) };
      } catch (error) {
        known = { error };
      }
      realRoots.set(root, known);
    }
    if (known.real === undefined) throw known.error;
    return known.real;
  };
  return (file) => {
    const { filePath } = file;
    if (file.unlisted !== undefined) return refused(filePath, unlistedProblem(file.unlisted));
    try {
      let target: string;
      try {
        target = realpathSync.native(filePath);
      } catch {
        return refused(filePath, MISSING_LINK_TARGET);
      }
      // `target` has no link left in it, so this stat is the lstat readSkillFile takes.
      const problem = placementProblem(target, realRoot(file.root)) ?? statsProblem(statSync(target), maxFileSize);
      if (problem) return refused(filePath, problem);
      return { filePath, decoded: decodeSkillBytes(readFileSync(target), maxFileSize) };
    } catch (error) {
      return refused(filePath, readProblem(error));
    }
  };
}

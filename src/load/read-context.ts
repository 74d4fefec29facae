import { readFileSync, realpathSync, statSync } from 'node:fs';
import path from 'node:path';
import { decodeSkillBytes, DEFAULT_MAX_FILE_SIZE } from './decode.js';
import type { DiscoveredFile } from './discover.js';
import type { LoadedFile } from './read.js';

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
    if (file.unlisted !== undefined) {
      return { filePath, decoded: { ok: false, problem: { kind: 'unreadable', reason: `its folder could not be listed: ${file.unlisted}` } } };
    }
    try {
      let target: string;
      try {
        target = realpathSync.native(filePath);
      } catch {
        return { filePath, decoded: { ok: false, problem: { kind: 'unreadable', reason: 'a symbolic link to a missing file' } } };
      }
      if (!isInside(target, realRoot(file.root))) {
        return { filePath, decoded: { ok: false, problem: { kind: 'symlink-outside-root', target } } };
      }
      // `target` has no link left in it, so this is the lstat readSkillFile takes.
      const stats = statSync(target);
      if (!stats.isFile()) {
        return { filePath, decoded: { ok: false, problem: { kind: 'unreadable', reason: 'not a regular file' } } };
      }
      if (stats.size > maxFileSize) {
        return { filePath, decoded: { ok: false, problem: { kind: 'too-large', size: stats.size, limit: maxFileSize } } };
      }
      return { filePath, decoded: decodeSkillBytes(readFileSync(target), maxFileSize) };
    } catch (error) {
      const reason = (error as NodeJS.ErrnoException).code ?? 'read failed';
      return { filePath, decoded: { ok: false, problem: { kind: 'unreadable', reason } } };
    }
  };
}

function isInside(target: string, root: string): boolean {
  const relative = path.relative(root, target);
  return relative === '' || (!relative.startsWith('..') && !path.isAbsolute(relative));
}

import { compareStrings } from '../core/diagnostic.js';

export interface FileDifference {
  path: string;
  kind: 'differs' | 'missing' | 'extra';
}

/** What `--check` reports: each file whose bytes differ, that the build would add, or that it would remove. */
export function compareCatalogFiles(expected: ReadonlyMap<string, string>, actual: ReadonlyMap<string, string>): FileDifference[] {
  const differences: FileDifference[] = [];
  for (const [file, contents] of expected) {
    const onDisk = actual.get(file);
    if (onDisk === undefined) differences.push({ path: file, kind: 'missing' });
    else if (onDisk !== contents) differences.push({ path: file, kind: 'differs' });
  }
  for (const file of actual.keys()) if (!expected.has(file)) differences.push({ path: file, kind: 'extra' });
  return differences.sort((a, b) => compareStrings(a.path, b.path));
}

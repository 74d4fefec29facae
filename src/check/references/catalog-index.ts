import { compareStrings } from '../../core/diagnostic.js';
import { closestMatches } from '../../core/suggest.js';
import type { FileAnalysis } from '../analysis.js';

/** A skill's id: its front-matter `name`, or its folder's name when the name is missing. */
export function skillIdOf(file: FileAnalysis): string | undefined {
  return file.facts.name ?? file.facts.folderName;
}

/** The skills of the catalog being validated by id; with two files of one id, the first by path wins. */
export function catalogIndex(files: readonly FileAnalysis[]): Map<string, FileAnalysis> {
  const index = new Map<string, FileAnalysis>();
  for (const file of [...files].sort((a, b) => compareStrings(a.filePath, b.filePath))) {
    const id = skillIdOf(file);
    if (id !== undefined && !index.has(id)) index.set(id, file);
  }
  return index;
}

/** The closest existing ids, worded as the end of a message about an unknown id. */
export function closestSkillsHint(id: string, known: Iterable<string>): string {
  const closest = closestMatches(id, known, 3).map((candidate) => `\`${candidate}\``);
  if (closest.length === 0) return ' No skill id in this catalog is close to it.';
  return closest.length === 1 ? ` Did you mean ${closest[0] as string}?` : ` Closest ids: ${closest.join(', ')}.`;
}

import path from 'node:path';
import type { LintResult } from '../check/lint.js';
import type { SkillSource } from './skill-record.js';

/**
 * The build's view of lint results: each parsed skill with its folder relative to `repository`
 * (the folder that holds the skills folder, so paths read `skills/<id>` wherever the build runs).
 */
export function skillSourcesOf(results: readonly LintResult[], repository: string): SkillSource[] {
  const sources: SkillSource[] = [];
  for (const { analysis } of results) {
    if (!analysis.doc) continue;
    const folder = path.relative(repository, path.dirname(analysis.filePath)).split(path.sep).join('/');
    const source: SkillSource = { filePath: analysis.filePath, path: folder, doc: analysis.doc, derived: analysis.derived };
    sources.push(source);
  }
  return sources;
}

import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { parsedAgentsFile } from '../check/agents-openai.js';
import type { LintResult } from '../check/lint.js';
import { skillDocumentPath } from './layout.js';
import type { SkillSource } from './skill-record.js';
import { skillSectionsOf } from './skill-sections.js';

/**
 * The build's view of lint results: each parsed skill with its SKILL.md relative to the catalog
 * root, `skills/<id>/SKILL.md`, whatever the folder holding the skills is called or where the
 * build runs, so the same sources give the same digests anywhere.
 */
export function skillSourcesOf(results: readonly LintResult[]): SkillSource[] {
  const sources: SkillSource[] = [];
  for (const { analysis, filePath } of results) {
    // A companion file with diagnostics has a result of its own; the skill is its SKILL.md's.
    if (analysis.loadProblem || filePath !== analysis.filePath) continue;
    const source: SkillSource = {
      filePath: analysis.filePath,
      path: skillDocumentPath(path.basename(path.dirname(analysis.filePath))),
      frontMatter: analysis.facts.frontMatter,
      title: analysis.facts.title,
      derived: analysis.derived,
    };
    const agents = parsedAgentsFile(analysis)?.data;
    if (agents) source.agents = agents;
    sources.push(source);
  }
  return sources;
}

/**
 * Adds each skill's published prose sections, read from its SKILL.md (already validated, so
 * readable and UTF-8). The analyses no longer hold parse trees, so each SKILL.md is parsed again
 * here (about 1.5 ms a skill, on the main thread): keeping the four sections' offsets as a per-file
 * fact would save it.
 */
export async function withSections(sources: readonly SkillSource[]): Promise<SkillSource[]> {
  return Promise.all(
    sources.map(async (source) => (source.sections ? source : { ...source, sections: skillSectionsOf(source.filePath, await readFile(source.filePath, 'utf8')) })),
  );
}

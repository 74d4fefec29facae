import { readFileSync } from 'node:fs';
import path from 'node:path';
import { parsedAgentsFile } from '../check/agents-openai.js';
import type { FileAnalysis } from '../check/analysis.js';
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
    sources.push(skillSourceOf(analysis));
  }
  return sources;
}

/** One analysed SKILL.md as the build reads it (on the thread that analysed it, or later on the main one). */
export function skillSourceOf(analysis: FileAnalysis): SkillSource {
  const source: SkillSource = {
    filePath: analysis.filePath,
    path: skillDocumentPath(path.basename(path.dirname(analysis.filePath))),
    frontMatter: analysis.facts.frontMatter,
    title: analysis.facts.title,
    derived: analysis.derived,
  };
  if (analysis.facts.sectionSpans) source.sectionSpans = analysis.facts.sectionSpans;
  // A publication whose record failed may have failed on its sections: those are read from the file again.
  if (analysis.publication && analysis.publication.record?.ok !== false) {
    source.sections = analysis.publication.sections;
    source.sectionHtml = analysis.publication.sectionHtml;
  }
  const agents = parsedAgentsFile(analysis)?.data;
  if (agents) source.agents = agents;
  return source;
}

/**
 * Adds each skill's published prose sections, read from its SKILL.md (already validated, so
 * readable and UTF-8). The analyses do not keep parse trees, but they record where each section
 * lies, so the sections are cut from the text without parsing it again (which cost about 1.5 ms a
 * skill on the main thread); only a source without spans is parsed. Files are read one after the
 * other: ten thousand reads as promises cost more than the reads.
 */
export async function withSections(sources: readonly SkillSource[]): Promise<SkillSource[]> {
  return sources.map((source) =>
    source.sections ? source : { ...source, sections: skillSectionsOf(source.filePath, readFileSync(source.filePath, 'utf8'), source.sectionSpans) },
  );
}

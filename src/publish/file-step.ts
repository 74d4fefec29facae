import type { RootContent } from 'mdast';
import type { SkillDocument } from '../parse/skill-document.js';
import type { Section } from '../parse/sections.js';
import { blocksToHtml, markdownToHtml } from '../site/markdown-html.js';
import type { FileAnalysis } from '../check/analysis.js';
import { preparedRecordOf, type PreparedRecord } from './prepared-skill.js';
import { PUBLISHED_SECTIONS, skillSectionsOf, type SectionName, type SkillSections } from './skill-sections.js';
import { skillSourceOf } from './sources.js';

/**
 * What the build needs of one SKILL.md that only its parse tree gives cheaply: the published
 * prose sections and their HTML for the skill's page. Made in the per-file phase (on the worker
 * threads when there are any), while the tree exists, so the build neither reads the file again
 * nor parses each section's Markdown on the main thread. Plain strings: it crosses threads.
 */
export interface FilePublication {
  sections: SkillSections;
  sectionHtml: Partial<Record<SectionName, string>>;
  /**
   * The skill's published record (skills/<id>.json, its schema.json, its catalog.json entry), made
   * by publishFile from the analysis once its file rules ran: a build whose analyses keep only
   * their catalog-only form (check/catalog-only.ts) publishes from this alone.
   */
  record?: PreparedRecord;
}

/**
 * The publication of a parsed SKILL.md (`text` is what was parsed). Each section's HTML is that of
 * `markdownToHtml(<the section's published Markdown>)`; it is rendered from the document's own
 * nodes when parsing the cut-out section alone would give the same nodes, and from that parse otherwise.
 */
export function filePublicationOf(doc: SkillDocument, text: string): FilePublication {
  const sections: SkillSections = {};
  const sectionHtml: FilePublication['sectionHtml'] = {};
  for (const [name, key] of Object.entries(PUBLISHED_SECTIONS) as Array<[SectionName, string]>) {
    const section = doc.sections.find((candidate) => candidate.key === key && spanOf(candidate) !== undefined);
    const span = section && spanOf(section);
    if (!section || !span) continue;
    const raw = text.slice(span.start, span.end);
    const markdown = raw.replace(/\r\n?/g, '\n').trim();
    if (markdown === '') continue;
    sections[name] = markdown;
    sectionHtml[name] = sectionRendersFromTree(section, text) ? blocksToHtml(section.children) : markdownToHtml(markdown);
  }
  return { sections, sectionHtml };
}

function spanOf(section: Section): { start: number; end: number } | undefined {
  const start = section.children[0]?.position?.start.offset;
  const end = section.children[section.children.length - 1]?.position?.end.offset;
  return start === undefined || end === undefined ? undefined : { start, end };
}

/**
 * Whether the section's nodes are those its published Markdown gives parsed alone, so the page can
 * be rendered from them: no link reference definitions in the document (they decide what `[text]`
 * is anywhere in it), no carriage return (normalised in the published text), nothing trimmed from
 * either end (indented code keeps its indent, a trailing space may belong to a code line), and the
 * first node at the start of its line, so every line keeps its columns. The section's nodes are
 * top-level blocks between two headings, which nothing before or after can continue.
 */
export function sectionRendersFromTree(section: Section, text: string): boolean {
  const span = spanOf(section);
  if (!span || text.includes(']:') || text.includes('\r')) return false;
  const raw = text.slice(span.start, span.end);
  return raw.trim() === raw && firstColumn(section.children) === 1;
}

function firstColumn(nodes: readonly RootContent[]): number | undefined {
  return nodes[0]?.position?.start.column;
}

/**
 * The hook the per-file phase calls for a build (LintOptions.publish), with the parse tree still
 * on the analysis. Should rendering the sections throw, the sections are cut from the text by
 * their spans and the page renders them itself; should the record throw, it says why instead, and
 * the build reports it for this file (as it would have on the main thread).
 */
export function publishFile(analysis: FileAnalysis, text: string): void {
  if (!analysis.doc) return;
  try {
    let publication: FilePublication;
    try {
      publication = filePublicationOf(analysis.doc, text);
    } catch {
      publication = { sections: skillSectionsOf(analysis.filePath, text, analysis.facts.sectionSpans), sectionHtml: {} };
    }
    analysis.publication = publication;
    const { skill: _skill, ...record } = preparedRecordOf(skillSourceOf(analysis));
    publication.record = record;
  } catch (error) {
    analysis.publication = { sections: {}, sectionHtml: {}, record: { ok: false, problems: [`its published record could not be made: ${error instanceof Error ? error.message : String(error)}`] } };
  }
}

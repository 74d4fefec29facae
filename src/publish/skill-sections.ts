import { parseSkillDocument } from '../parse/skill-document.js';
import { sectionSpans, type SectionSpan } from '../parse/sections.js';

/** The prose sections a consumer cannot get from the schemas, by the key they are published under. */
export const PUBLISHED_SECTIONS = {
  workflow: 'workflow',
  command_pattern: 'command pattern',
  output_handling: 'output handling',
  operating_guidance: 'operating guidance',
} as const;

export type SectionName = keyof typeof PUBLISHED_SECTIONS;
export type SkillSections = Partial<Record<SectionName, string>>;

/**
 * The Markdown of each published section of a SKILL.md, as written (heading excluded, trimmed, LF
 * line ends). A section that is missing or empty is left out. Pure.
 */
export function skillSectionsOf(filePath: string, text: string, spans?: readonly SectionSpan[]): SkillSections {
  const source = text.replace(/^\uFEFF/, '');
  return sectionsFromSpans(source, spans ?? sectionSpans(parseSkillDocument(filePath, source).sections));
}

/** The published sections cut from the text (without a byte order mark) by the spans its analysis recorded. Pure. */
export function sectionsFromSpans(source: string, spans: readonly SectionSpan[]): SkillSections {
  const found: SkillSections = {};
  for (const [name, key] of Object.entries(PUBLISHED_SECTIONS) as Array<[SectionName, string]>) {
    const span = spans.find(([candidate]) => candidate === key);
    if (!span) continue;
    const markdown = source.slice(span[1], span[2]).replace(/\r\n?/g, '\n').trim();
    if (markdown !== '') found[name] = markdown;
  }
  return found;
}

import { parseSkillDocument, type SkillDocument } from '../parse/skill-document.js';

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
export function skillSectionsOf(filePath: string, text: string): SkillSections {
  return sectionsOfDocument(parseSkillDocument(filePath, text.replace(/^\uFEFF/, '')));
}

/** The same from a document parsed already (its text without a byte order mark, as parseSkillDocument takes it). Pure. */
export function sectionsOfDocument(doc: SkillDocument): SkillSections {
  const source = doc.source.text;
  const found: SkillSections = {};
  for (const [name, key] of Object.entries(PUBLISHED_SECTIONS) as Array<[SectionName, string]>) {
    const section = doc.sections.find((candidate) => candidate.key === key);
    const first = section?.children[0]?.position?.start.offset;
    const last = section?.children[section.children.length - 1]?.position?.end.offset;
    if (first === undefined || last === undefined) continue;
    const markdown = source.slice(first, last).replace(/\r\n?/g, '\n').trim();
    if (markdown !== '') found[name] = markdown;
  }
  return found;
}

import { skillPageParts } from '../site/pages.js';
import { pageFieldKeys } from '../site/page-plan.js';
import { preparedPageOf, type PreparedPage } from '../site/prepared-page.js';
import type { PublishedSkill } from './model.js';
import { publishedSkillOf, type SkillSource } from './skill-record.js';

/**
 * What the build makes of one skill without the rest of the catalog, made in the per-file phase
 * (on the worker threads when there are any; file-step.ts): its display name and digest, the bytes
 * of skills/<id>.json and skills/<id>/schema.json, and its page but for the payload checks, which
 * depend on what other skills share. Plain strings: it crosses threads. The main thread then only
 * orders the skills, writes the catalog-wide files and puts each page's checks in.
 */
export interface PreparedSkill {
  name: string;
  sha256: string;
  document: string;
  schemas: string;
  page: PreparedPage;
}

/** The prepared skill, or undefined when the source cannot be published (the build then reports why). */
export function preparedSkillOf(source: SkillSource): PreparedSkill | undefined {
  const result = publishedSkillOf(source);
  if (!result.ok) return undefined;
  // The page shows, and validates against, the skill exactly as published (keys in file order).
  const published = JSON.parse(result.document) as PublishedSkill;
  return {
    name: result.skill.name,
    sha256: result.skill.sha256,
    document: result.document,
    schemas: result.schemas,
    page: preparedPageOf(skillPageParts(published, source.sectionHtml), pageFieldKeys(published.input_schema)),
  };
}

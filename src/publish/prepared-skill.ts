import type { PublishedSkill, SkillSummary } from './model.js';
import { publishedSkillOf, type SkillSource } from './skill-record.js';
import type { SectionName } from './skill-sections.js';
import { summaryOf } from './summary.js';
import { fieldKeysOf } from '../site/page-plan.js';

/**
 * One skill's published record as its bytes: what the build needs of it once the analysis is
 * done. Plain strings and a small summary, so it crosses threads cheaply: made in the per-file
 * phase (file-step.ts), it spares the main thread the record and the copy of every derived schema.
 */
export type PreparedRecord =
  | { ok: true; summary: SkillSummary; document: string; schemas: string; fieldKeys: Array<[string, string]> | null }
  | { ok: false; problems: string[] };

/** A skill ready to be published. */
export interface PreparedSkill {
  /** The SKILL.md, for messages. */
  filePath: string;
  /** Its entry in catalog.json (and what the sync index reads). */
  summary: SkillSummary;
  /** The bytes of skills/<id>.json (canonical JSON, with the digest) and of skills/<id>/schema.json. */
  document: string;
  schemas: string;
  /** Each input's field key (site/page-plan.ts) in the schema's order, or null when the page needs a whole validator. */
  fieldKeys: Array<[string, string]> | null;
  /** Each published section's HTML for the page, when the per-file phase rendered it. */
  sectionHtml?: Partial<Record<SectionName, string>>;
  /** The record as objects (the schemas in the order they were derived), when it was made on this thread. */
  skill?: PublishedSkill;
}

/** The record of one source, or why it cannot be published. */
export function preparedRecordOf(source: SkillSource): PreparedRecord & { skill?: PublishedSkill } {
  const result = publishedSkillOf(source);
  if (!result.ok) return result;
  const keys = fieldKeysOf(result.inputSchema);
  return {
    ok: true,
    summary: summaryOf(result.skill),
    document: result.document,
    schemas: result.schemas,
    fieldKeys: keys ? [...keys] : null,
    skill: result.skill,
  };
}

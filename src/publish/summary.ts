import { compareStrings } from '../core/diagnostic.js';
import { sha256Hex } from './canonical-json.js';
import { DETAIL_KEYS, type PublishedSkill, type SkillSummary } from './model.js';

// What catalog.json records of the skills, apart from the rest of the build, so a reader of a
// built catalog (src/catalog/) checks it without loading the writer and the site's renderer.

/** The summary catalog.json lists: the full record without its details and schemas. */
export function summaryOf(skill: PublishedSkill): SkillSummary {
  const summary: Record<string, unknown> = { ...skill };
  for (const key of DETAIL_KEYS) delete summary[key];
  return summary as unknown as SkillSummary;
}

/** The catalog digest: SHA-256 over the skills' digests in code-unit order, one per line. */
export function catalogDigest(skillDigests: readonly string[]): string {
  return sha256Hex([...skillDigests].sort(compareStrings).join('\n'));
}

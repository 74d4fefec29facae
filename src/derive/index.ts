import type { SkillDocument } from '../parse/skill-document.js';

/** Placeholder until schema derivation lands (issue 3): the skill's derived JSON Schemas. */
export interface DerivedSkill {
  inputSchema: Record<string, unknown>;
  outputSchema: Record<string, unknown>;
}

export function deriveSkill(_doc: SkillDocument): DerivedSkill | undefined {
  return undefined;
}

import type { Range } from '../core/diagnostic.js';
import type { SkillDocument } from '../parse/skill-document.js';

/**
 * CONTRACT (issue 3 implements it; issues 4 and 5 read it):
 * a skill's input and output JSON Schemas derived from its SKILL.md, plus what went wrong.
 */
export type JsonSchema = Record<string, unknown>;

export interface DerivedField {
  name: string;
  /** Where the field's code span stands in the SKILL.md. */
  range: Range;
  required: boolean;
  /** Set for a compatibility alias: the field it stands for. */
  aliasOf?: string;
}

export interface DeriveProblem {
  /** The rule id that reports it (a rule module in src/check/rules/). */
  ruleId: string;
  message: string;
  range: Range;
}

export interface DerivedSkill {
  /** Draft 2020-12, `additionalProperties: false`, groups as `anyOf`, payload templates as `examples`. */
  inputSchema: JsonSchema;
  outputSchema: JsonSchema;
  fields: DerivedField[];
  problems: DeriveProblem[];
}

/** Placeholder until issue 3 lands. */
export function deriveSkill(_doc: SkillDocument): DerivedSkill | undefined {
  return undefined;
}

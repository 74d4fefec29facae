import type { Diagnostic, Range } from '../core/diagnostic.js';
import type { LoadProblem } from '../load/decode.js';
import type { SkillDocument } from '../parse/skill-document.js';
import type { DerivedSkill } from '../derive/index.js';

/** What one file contributes to the catalog-wide checks. */
export interface SkillFacts {
  /** The front-matter `name`, when it is a string. */
  name?: string;
  nameRange?: Range;
}

/** The result of the per-file phase for one SKILL.md. */
export interface FileAnalysis {
  filePath: string;
  loadProblem?: LoadProblem;
  doc?: SkillDocument;
  derived?: DerivedSkill;
  facts: SkillFacts;
  diagnostics: Diagnostic[];
}

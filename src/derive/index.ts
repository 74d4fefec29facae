import type { Fix, Range } from '../core/diagnostic.js';
import type { SkillDocument } from '../parse/skill-document.js';
import { findAliasDeclarations } from './aliases.js';
import { assembleInputSchema } from './input-schema.js';
import { readInputSections } from './input-sections.js';
import { assembleOutputSchema } from './output-schema.js';
import { payloadExamples } from './payload-examples.js';
import type { FieldVocabulary } from './vocabulary.js';

export type { FieldVocabulary } from './vocabulary.js';

/**
 * CONTRACT (issue 3 implements it; issues 4 and 5 read it):
 * a skill's input and output JSON Schemas derived from its SKILL.md, plus what went wrong.
 */
export type JsonSchema = Record<string, unknown>;

export interface DerivedField {
  name: string;
  /** Where the field's code span stands in the SKILL.md (for an alias only named in its sentence, there). */
  range: Range;
  /** Listed on its own under `## Required input` (a group member is not required on its own). */
  required: boolean;
  /** Set for a compatibility alias: the field it stands for. */
  aliasOf?: string;
  /** Index in `DerivedSkill.groups` of the group the field was listed in. */
  group?: number;
}

/** "At least one of these": a group item, a multi-field item, or a required field with aliases. */
export interface DerivedGroup {
  /** The group's words as written (`one image source`), or the members joined by `or`. */
  label: string;
  /** Every field that satisfies the group, aliases included, in schema order. */
  members: string[];
  range: Range;
}

export interface DeriveProblem {
  /** The rule id that reports it (a rule module in src/check/rules/). */
  ruleId: string;
  message: string;
  range: Range;
  /**
   * The document was still read as its author meant (a plural heading, a conditional list read as
   * optional), so the derived schema can be trusted despite this problem.
   */
  keepsContract?: boolean;
  /** The one right repair, when there is one (applied by `validate --fix`). */
  fix?: Fix;
}

export interface DerivedSkill {
  /** Draft 2020-12, `additionalProperties: false`, groups as `anyOf`, payload templates as `examples`. */
  inputSchema: JsonSchema;
  outputSchema: JsonSchema;
  fields: DerivedField[];
  groups: DerivedGroup[];
  problems: DeriveProblem[];
  /**
   * THE CONTRACT BETWEEN RULES: false when a problem of the input sections leaves the derived input
   * schema in doubt (a section that could not be read, an item that is not a field, a field without a
   * type...). Rules that check something against the input schema (payload-schema, run-input,
   * payload-deprecated-field, committed-schema-drift on input_schema.json) stay silent for such a
   * skill: the problem that caused the doubt is reported once, by its own rule, and nothing is piled on it.
   */
  inputTrusted: boolean;
  /** The output fields `## Output handling` names in code spans (job result fields included). */
  outputNamed: string[];
}

/** Whether the input schema can be checked against: every input problem kept the author's meaning. */
export function inputContractTrusted(problems: readonly DeriveProblem[]): boolean {
  return problems.every((problem) => problem.keepsContract === true);
}

/** Derives a skill's schemas from its parsed SKILL.md and the field vocabulary. Pure: no I/O. */
export function deriveSkill(doc: SkillDocument, vocabulary: FieldVocabulary): DerivedSkill {
  const listing = readInputSections(doc);
  const aliases = findAliasDeclarations(doc);
  const input = assembleInputSchema(listing, aliases, vocabulary, payloadExamples(doc));
  const problems = [...listing.problems, ...input.problems];
  const output = assembleOutputSchema(doc, vocabulary);
  return {
    inputSchema: input.schema,
    outputSchema: output.schema,
    fields: input.fields,
    groups: input.groups,
    problems,
    inputTrusted: inputContractTrusted(problems),
    outputNamed: output.named,
  };
}

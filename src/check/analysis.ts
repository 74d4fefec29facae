import type { BundledPath } from './bundled/bundled-paths.js';
import type { Diagnostic, Range } from '../core/diagnostic.js';
import type { LoadProblem } from '../load/decode.js';
import type { Companions } from '../load/read.js';
import type { SkillDocument } from '../parse/skill-document.js';
import type { SectionSpan } from '../parse/sections.js';
import type { DerivedSkill } from '../derive/index.js';
import type { ParsedAgentsFile } from './agents-openai.js';
import type { CommandFinding, RunInvocation } from './commands/document-commands.js';
import type { PayloadFinding } from './payload/check-payload.js';
import type { EmbeddedJson } from './payload/embedded-json.js';
import type { SkillReference } from './references/collect-references.js';
import type { AnalysisFailure } from './rules/internal-error.js';
import type { Directive } from '../config/directives.js';
import type { FilePublication } from '../publish/file-step.js';

/** What one file contributes to the catalog-wide checks. */
export interface SkillFacts {
  /** The folder that holds the SKILL.md. */
  folderName?: string;
  /** The front matter as plain data, when it parsed. */
  frontMatter?: Record<string, unknown>;
  /** The text of the first `#` heading. */
  title?: string;
  /** The front-matter `name`, when it is a string. */
  name?: string;
  nameRange?: Range;
  /** The ```json blocks under `## Payload template`, parsed with positions: for the file rules only (dropped after them). */
  payloadTemplates?: EmbeddedJson[];
  /** Compatibility aliases the payload templates use (see templateDeprecations), taken once the file rules ran. */
  templateDeprecations?: PayloadFinding[];
  /** Problems of the document's `popiart` commands: shell syntax and the CLI surface. */
  commandFindings?: CommandFinding[];
  /** Every `popiart run <skill-id>` in the document, with its `--input`. */
  runInvocations?: RunInvocation[];
  /** Problems of inline inputs of runs of this very skill, checked in the per-file phase. */
  ownRunFindings?: PayloadFinding[];
  /**
   * Compatibility aliases in the inline inputs of runs of this very skill, against its own schema:
   * only in a catalog-only analysis, which drops those inputs (see check/catalog-only.ts).
   */
  ownRunDeprecations?: PayloadFinding[];
  /** The files of the skill's folder that the body points to (links, paths, scripts run). */
  bundledPaths?: BundledPath[];
  /** Every skill id written in the body. */
  references?: SkillReference[];
  /** Where each `##` section's content lies in the text (without a BOM): the build publishes some of them. */
  sectionSpans?: SectionSpan[];
  /** The `<!-- skillhub-disable... -->` comments of the body. */
  directives?: Directive[];
}

/**
 * The result of the per-file phase for one SKILL.md. Everything but `doc` is plain data, so an
 * analysis can be cached between runs or computed in a worker thread; the catalog phase and the
 * publishing step read only the plain parts.
 */
export interface FileAnalysis {
  filePath: string;
  loadProblem?: LoadProblem;
  /** The parsed document, only while the file rules run: dropped at the end of analyzeFile (see facts for what lasts). */
  doc?: SkillDocument;
  /** agents/openai.yaml parsed once per run, on first use (see parsedAgentsFile); not cached. */
  agentsFile?: ParsedAgentsFile;
  derived?: DerivedSkill;
  /** Schema files committed beside the SKILL.md (input_schema.json, output_schema.json). */
  companions?: Companions;
  /** The files of the skill's folder, relative to it, when they could be listed (see listSkillFolder). */
  folderFiles?: string[];
  facts: SkillFacts;
  diagnostics: Diagnostic[];
  /** The build's per-file publishing work (only when LintOptions.publish is set; see src/publish/file-step.ts). */
  publication?: FilePublication;
  /** What threw while this file was analysed (reported by the internal-error rule); absent when nothing did. */
  failures?: AnalysisFailure[];
  /**
   * Set on the catalog-only form of an analysis (check/catalog-only.ts): only what the catalog
   * phase and the report read is left (no `derived`, no companion texts, fewer facts).
   */
  catalogOnly?: true;
  /** In a catalog-only analysis, the paths of the companion files (their texts are dropped with `companions`). */
  companionPaths?: string[];
  /**
   * The cache key (inputKey) of the input, when the thread that read the file computed it for a
   * run with a cache (see check/analysis-job.ts); the run takes it off as it stores the analysis.
   */
  inputHash?: string;
}

/** The plain-data part of an analysis, for the cache and for worker threads. */
export function portableAnalysis(analysis: FileAnalysis): FileAnalysis {
  const { doc: _doc, agentsFile: _agentsFile, ...portable } = analysis;
  return { ...portable, diagnostics: [...analysis.diagnostics] };
}

/**
 * A copy of a string cut from a document's text that does not keep that whole text alive: V8
 * represents a slice of 13 characters or more as a view into its parent string. Facts kept to the
 * catalog phase go through this, or the text of every file of the run stays in memory.
 */
export function detachedString(text: string): string {
  return text.length < 13 ? text : (' ' + text).slice(1);
}

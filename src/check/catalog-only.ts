import type { FileAnalysis, SkillFacts } from './analysis.js';
import type { RunInvocation } from './commands/document-commands.js';
import { deprecatedFields, type PayloadFinding } from './payload/check-payload.js';
import { catalogIndex } from './references/catalog-index.js';

/*
 * A run that only prints a report (`validate`) needs of each file, once its per-file analysis is
 * done, only what the catalog phase and the report read. Keeping the whole analysis of every file
 * to the end made memory grow by about 18 KB a skill (the derived schemas, every run's parsed
 * input, the companions' texts); the catalog-only form keeps a few hundred bytes:
 *
 * - duplicate-name, the catalog index and the did-you-mean hints: the path, `name`, its range and
 *   the folder's name;
 * - run-unknown-skill and skill-reference-unknown: every run's id and range, and the body's skill
 *   ids, except those that are the skill's own `name` (always in the catalog: this very file is);
 * - run-input: the findings on runs of the skill itself (checked in the per-file phase already)
 *   and, for runs of other skills, their parsed JSON input;
 * - payload-deprecated-field: the template findings (per-file already) and those on the runs of
 *   the skill itself, checked here against its own schema (ownRunDeprecations);
 * - the report: the diagnostics, the disable comments, the companion files' paths and failures.
 *
 * Two things are left out that a catalog rule may still need of a few files, found once every
 * file is analysed (filesToAnalyseFully): the derived input schema of a skill another skill runs
 * with an inline input, and the inputs of a skill's runs of its own `name` when that `name`
 * belongs to another file first by path (a duplicate name). Those files are analysed again in full.
 */

/** The catalog-only form of an analysis (unchanged when it is one already). */
export function catalogOnlyAnalysis(analysis: FileAnalysis): FileAnalysis {
  if (analysis.catalogOnly) return analysis;
  const compact: FileAnalysis = { filePath: analysis.filePath, facts: catalogFacts(analysis), diagnostics: analysis.diagnostics, catalogOnly: true };
  if (analysis.loadProblem) compact.loadProblem = analysis.loadProblem;
  if (analysis.companions) compact.companionPaths = Object.values(analysis.companions).map((companion) => companion.filePath);
  if (analysis.failures) compact.failures = analysis.failures;
  if (analysis.inputHash !== undefined) compact.inputHash = analysis.inputHash;
  // A build's per-file share (src/publish/file-step.ts): the skill's record, as strings.
  if (analysis.publication) compact.publication = analysis.publication;
  return compact;
}

/**
 * The catalog-only form of an analysis made on this thread, as the run keeps it to the catalog
 * phase: a copy sharing nothing with the file's text or parse (a structured clone, as a worker's
 * answer is). A string cut from a text (a `name` read by yaml, a skill id in a command, a message
 * built from one) is a view that keeps the whole text alive (see detachedString); kept this way,
 * an analysis holds about 3.8 KB instead of 6.6 KB (1,000 generated skills).
 */
export function keptCatalogOnlyAnalysis(analysis: FileAnalysis): FileAnalysis {
  return structuredClone(catalogOnlyAnalysis(analysis));
}

function catalogFacts(analysis: FileAnalysis): SkillFacts {
  const { facts } = analysis;
  const kept: SkillFacts = {};
  if (facts.folderName !== undefined) kept.folderName = facts.folderName;
  if (facts.name !== undefined) kept.name = facts.name;
  if (facts.nameRange) kept.nameRange = facts.nameRange;
  if (facts.templateDeprecations?.length) kept.templateDeprecations = facts.templateDeprecations;
  if (facts.ownRunFindings?.length) kept.ownRunFindings = facts.ownRunFindings;
  if (facts.directives) kept.directives = facts.directives;
  const references = facts.references?.filter((reference) => reference.id !== facts.name);
  if (references?.length) kept.references = references;
  if (facts.runInvocations?.length) kept.runInvocations = facts.runInvocations.map((run) => catalogRun(run, facts.name));
  const deprecations = ownRunDeprecations(analysis);
  if (deprecations.length > 0) kept.ownRunDeprecations = deprecations;
  return kept;
}

/** A run as the catalog rules read it: its input only when it is inline JSON given to another skill. */
function catalogRun(run: RunInvocation, ownName: string | undefined): RunInvocation {
  const kept: RunInvocation = { skillRange: run.skillRange, inCommandPattern: run.inCommandPattern };
  if (run.skillId !== undefined) kept.skillId = run.skillId;
  if (run.input?.kind === 'json' && run.skillId !== undefined && run.skillId !== ownName) kept.input = run.input;
  return kept;
}

/** payload-deprecated-field on the inline inputs of the skill's runs of its own `name`, against its own schema. */
function ownRunDeprecations({ facts, derived }: FileAnalysis): PayloadFinding[] {
  if (!derived?.inputTrusted || facts.name === undefined) return [];
  return (facts.runInvocations ?? []).flatMap((run) =>
    run.skillId === facts.name && run.input?.kind === 'json' ? deprecatedFields(run.input.json, derived.inputSchema, derived) : [],
  );
}

/**
 * The catalog-only analyses among `analyses` that the catalog phase needs in full: the skills
 * that another skill runs with an inline JSON input (their input schema), and, for a skill that
 * runs its own `name` while that name is first another file's, both files (the inputs, and the
 * schema they are checked against).
 */
export function filesToAnalyseFully(analyses: readonly FileAnalysis[]): Set<FileAnalysis> {
  const index = catalogIndex(analyses);
  const wanted = new Set<FileAnalysis>();
  const want = (file: FileAnalysis | undefined) => {
    if (file?.catalogOnly) wanted.add(file);
  };
  for (const file of analyses) {
    for (const run of file.facts.runInvocations ?? []) {
      if (run.skillId === undefined) continue;
      const target = index.get(run.skillId);
      if (file.catalogOnly && run.skillId === file.facts.name) {
        // A run of its own name, its input dropped (see catalogRun): its findings hold only against this file's schema.
        if (target !== file) {
          want(file);
          want(target);
        }
      } else if (run.input?.kind === 'json') {
        want(target);
      }
    }
  }
  return wanted;
}

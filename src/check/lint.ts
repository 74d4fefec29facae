import { compareDiagnostics, FILE_START, type Diagnostic, type Fix, type Range } from '../core/diagnostic.js';
import { createSourceText, rangeAt } from '../core/source-text.js';
import { deriveSkill } from '../derive/index.js';
import type { Decoded } from '../load/decode.js';
import type { Companions } from '../load/read.js';
import type { Heading } from 'mdast';
import { headingText, sectionSpans } from '../parse/sections.js';
import { frontMatterRange, parseSkillDocument, type SkillDocument } from '../parse/skill-document.js';
import { detachedString, type FileAnalysis } from './analysis.js';
import { publishFile } from '../publish/file-step.js';
import { collectBundledPaths } from './bundled/bundled-paths.js';
import { BashGrammarNotLoaded } from './commands/bash-grammar.js';
import { parseDocumentShell } from './commands/document-shell.js';
import { collectExampleFacts } from './commands/example-facts.js';
import type { LintEnvironment } from './environment.js';
import { ownRunFindings } from './payload/own-runs.js';
import { applyPolicy, collectDirectives, hasDirectives } from '../config/directives.js';
import { makeDiagnostic, type CatalogRule, type FileRule, type LoadRule } from './rule.js';
import { describeFailure, internalError, recordFailure } from './rules/internal-error.js';
import { templateDeprecations } from './rules/payload-deprecated-field.js';

export interface LintInput {
  filePath: string;
  decoded: Decoded;
  /** Schema files committed beside the SKILL.md; their diagnostics come as results of their own. */
  companions?: Companions;
  /** The files of the skill's folder (relative, `/`-separated), when it could be listed. */
  folderFiles?: readonly string[];
}

export interface LintResult {
  filePath: string;
  diagnostics: Diagnostic[];
  analysis: FileAnalysis;
  /** The fixed text, when `--fix-dry-run` changed the file (ESLint's `output`). */
  output?: string;
}

/** Earlier per-file results, for files whose content and toolchain have not changed. */
export interface AnalysisCache {
  lookup(input: LintInput): FileAnalysis | undefined;
  store(input: LintInput, analysis: FileAnalysis): void;
}

/** Lints a whole catalog in memory: every file on its own, then the skills against each other. */
export function lintCatalog(inputs: readonly LintInput[], env: LintEnvironment, cache?: AnalysisCache): LintResult[] {
  const analyses = inputs.map((input) => {
    const cached = cache?.lookup(input);
    if (cached) return cached;
    const analysis = analyzeFile(input, env);
    if (!analysis.failures) cache?.store(input, analysis);
    return analysis;
  });
  return checkCatalog(analyses, env);
}

/** The catalog phase: the skills against each other, then one result per file. */
export function checkCatalog(analyses: readonly FileAnalysis[], env: LintEnvironment): LintResult[] {
  const byPath = new Map(
    analyses.flatMap((analysis) => [analysis.filePath, ...companionPaths(analysis)].map((filePath) => [filePath, analysis] as const)),
  );
  for (const rule of env.rules) {
    if (rule.scope !== 'catalog' || rule.eachFileAlone) continue;
    try {
      runCatalogRule(rule, analyses, byPath, env);
    } catch (error) {
      // A catalog-wide rule has no single file to blame; the first file of the run carries it.
      const first = [...analyses].sort((a, b) => (a.filePath < b.filePath ? -1 : a.filePath > b.filePath ? 1 : 0))[0];
      if (first) reportFailure(first, `running the catalog rule ${rule.id}`, error);
    }
  }
  const ruleIds = new Set(env.rules.map((rule) => rule.id));
  return analyses.flatMap((analysis) => resultsOf(analysis, env, ruleIds));
}

function companionPaths(analysis: FileAnalysis): string[] {
  return analysis.companionPaths ?? Object.values(analysis.companions ?? {}).map((companion) => companion.filePath);
}

/** The SKILL.md's result, then one for each companion file that has diagnostics. */
function resultsOf(analysis: FileAnalysis, env: LintEnvironment, ruleIds: ReadonlySet<string>): LintResult[] {
  // Configured severities and disable comments apply to the finished diagnostics, whatever produced them.
  const sorted = applyPolicy(analysis.filePath, analysis.diagnostics, analysis.facts.directives ?? [], env.policy, ruleIds).sort(compareDiagnostics);
  const results: LintResult[] = [
    { filePath: analysis.filePath, diagnostics: sorted.filter((d) => d.filePath === analysis.filePath), analysis },
  ];
  for (const filePath of companionPaths(analysis)) {
    const diagnostics = sorted.filter((d) => d.filePath === filePath);
    if (diagnostics.length > 0) results.push({ filePath, diagnostics, analysis });
  }
  return results;
}

/**
 * The per-file phase: load problems, or parse, derive and run the file rules. Whatever throws
 * inside it becomes an internal-error diagnostic on this file, so the run goes on for the others.
 */
export function analyzeFile(input: LintInput, env: LintEnvironment): FileAnalysis {
  const analysis: FileAnalysis = { filePath: input.filePath, facts: {}, diagnostics: [] };
  if (input.companions) analysis.companions = input.companions;
  if (input.folderFiles) analysis.folderFiles = [...input.folderFiles];
  if (!input.decoded.ok) {
    analysis.loadProblem = input.decoded.problem;
    for (const rule of env.rules) if (rule.scope === 'load' && rule !== internalError) guard(analysis, `running the rule ${rule.id}`, () => runLoadRule(rule, analysis));
  } else {
    const text = input.decoded.text;
    const parsed = guard(analysis, 'parsing and deriving the document', () => parseAndDerive(input.filePath, text, analysis, env));
    if (parsed) {
      for (const rule of env.rules) if (rule.scope === 'file') guard(analysis, `running the rule ${rule.id}`, () => runFileRule(rule, analysis, env));
    }
    // A build's per-file share of publishing, while the tree exists (see src/publish/file-step.ts).
    if (parsed && env.options.publish) publishFile(analysis, text);
    // The parse tree served the file rules; holding it to the catalog phase made memory grow with the catalog.
    delete analysis.doc;
    // So did the payload templates: the catalog phase needs only what they say about aliases.
    if (analysis.facts.payloadTemplates) {
      const deprecations = guard(analysis, 'running the rule payload-deprecated-field', () => templateDeprecations(analysis));
      if (deprecations?.length) analysis.facts.templateDeprecations = deprecations.map((finding) => ({ ...finding, message: detachedString(finding.message) }));
    }
    delete analysis.facts.payloadTemplates;
  }
  for (const rule of env.rules) if (rule.scope === 'catalog' && rule.eachFileAlone) guard(analysis, `running the rule ${rule.id}`, () => runFileAloneRule(rule, analysis, env));
  // Parsed for those rules; the few later readers (the build) parse it again.
  delete analysis.agentsFile;
  if (analysis.failures) runLoadRule(internalError, analysis);
  return analysis;
}

function parseAndDerive(filePath: string, text: string, analysis: FileAnalysis, env: LintEnvironment): true {
  const doc = parseSkillDocument(filePath, text);
  analysis.doc = doc;
  analysis.derived = deriveSkill(doc, env.vocabulary);
  analysis.facts.folderName = doc.folderName;
  if (doc.frontMatter?.data) analysis.facts.frontMatter = doc.frontMatter.data;
  const title = firstHeadingText(doc);
  if (title !== undefined) analysis.facts.title = detachedString(title);
  const name = doc.frontMatter?.data?.['name'];
  if (typeof name === 'string') {
    analysis.facts.name = name;
    analysis.facts.nameRange = frontMatterRange(doc, ['name'], 'value');
  }
  const shell = parseDocumentShell(doc, env.shellReadings);
  Object.assign(analysis.facts, collectExampleFacts(doc, env.popiartCli, shell));
  // Skill ids are views into the text (see detachedString): the catalog phase would keep every text alive.
  for (const reference of analysis.facts.references ?? []) reference.id = detachedString(reference.id);
  analysis.facts.sectionSpans = sectionSpans(doc.sections);
  analysis.facts.bundledPaths = collectBundledPaths(doc, shell);
  analysis.facts.ownRunFindings = ownRunFindings(analysis.facts, analysis.derived, env);
  if (hasDirectives(text)) analysis.facts.directives = collectDirectives(doc);
  return true;
}

/**
 * Runs one step; what it throws is recorded on the analysis instead of ending the run, except a
 * shell parse asked for before the grammar was loaded: the caller loads it and starts the file
 * again (check/analyze-file.ts).
 */
function guard<T>(analysis: FileAnalysis, stage: string, step: () => T): T | undefined {
  try {
    return step();
  } catch (error) {
    if (error instanceof BashGrammarNotLoaded) throw error;
    recordFailure(analysis, stage, error);
    return undefined;
  }
}

/** A failure found after the per-file phase: recorded and reported at once. */
function reportFailure(analysis: FileAnalysis, stage: string, error: unknown): void {
  recordFailure(analysis, stage, error);
  const failure = analysis.failures?.at(-1);
  if (failure) analysis.diagnostics.push(makeDiagnostic(internalError, analysis.filePath, FILE_START, describeFailure(failure)));
}

function runLoadRule(rule: LoadRule, analysis: FileAnalysis): void {
  rule.check({
    analysis,
    report: (range, message) => analysis.diagnostics.push(makeDiagnostic(rule, analysis.filePath, range, message)),
  });
}

function runFileRule(rule: FileRule, analysis: FileAnalysis, env: LintEnvironment): void {
  const doc = analysis.doc;
  if (!doc) return;
  rule.check({
    doc,
    analysis,
    env,
    report: (range, message, fix) => analysis.diagnostics.push(makeDiagnostic(rule, analysis.filePath, range, message, fix)),
  });
}

/** A catalog rule whose findings on a file depend on that file alone, run on it alone (see CatalogRule.eachFileAlone). */
function runFileAloneRule(rule: CatalogRule, analysis: FileAnalysis, env: LintEnvironment): void {
  rule.check({
    files: [analysis],
    env,
    report: (filePath, range, message, fix) => {
      if (filePath === analysis.filePath || companionPaths(analysis).includes(filePath)) analysis.diagnostics.push(makeDiagnostic(rule, filePath, range, message, fix));
    },
  });
}

function runCatalogRule(
  rule: CatalogRule,
  analyses: readonly FileAnalysis[],
  byPath: ReadonlyMap<string, FileAnalysis>,
  env: LintEnvironment,
): void {
  rule.check({
    files: analyses,
    env,
    report: (filePath: string, range: Range, message: string, fix?: Fix) => {
      byPath.get(filePath)?.diagnostics.push(makeDiagnostic(rule, filePath, range, message, fix));
    },
  });
}

function firstHeadingText(doc: SkillDocument): string | undefined {
  const h1 = doc.body.children.find((node): node is Heading => node.type === 'heading' && node.depth === 1);
  const title = h1 ? headingText(h1).trim() : '';
  return title === '' ? undefined : title;
}

/** The range of the first line, for problems that concern a whole file. */
export function firstLineRange(text: string): Range {
  const source = createSourceText(text);
  const firstLineEnd = source.lineStarts.length > 1 ? (source.lineStarts[1] as number) - 1 : text.length;
  return rangeAt(source, 0, Math.max(0, firstLineEnd));
}

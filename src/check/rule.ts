import type { Diagnostic, Fix, Range, Severity } from '../core/diagnostic.js';
import type { SkillDocument } from '../parse/skill-document.js';
import type { LintEnvironment } from './environment.js';
import type { FileAnalysis } from './analysis.js';

/**
 * A rule's documentation example: a small catalog and exactly what the rule reports on it.
 * The rule tests run every example, so the docs cannot drift from the behaviour.
 */
export interface RuleExample {
  title: string;
  /** Files of the example catalog by path relative to its root, e.g. `popiskill-image-text2image-basic-v1/SKILL.md`. */
  files: Record<string, string | Uint8Array>;
  /** This rule's diagnostics as `path:line:column message`; empty for a good example. */
  expected: string[];
  /** Options the example runs with (for example a small file-size limit). */
  options?: { maxFileSize?: number };
}

interface RuleMeta {
  /** kebab-case, unique. */
  id: string;
  severity: Severity;
  /** One line, shown by `skillhub rules` and in SARIF `shortDescription`. */
  description: string;
  /** Markdown: why the rule exists and how to fix what it reports. */
  docs: string;
  examples: RuleExample[];
  /** True when the rule offers a fix (applied by `validate --fix`) where there is one right answer. */
  fixable?: boolean;
}

export interface FileRuleContext {
  doc: SkillDocument;
  analysis: FileAnalysis;
  env: LintEnvironment;
  report(range: Range, message: string, fix?: Fix): void;
}

export interface CatalogRuleContext {
  files: readonly FileAnalysis[];
  env: LintEnvironment;
  report(filePath: string, range: Range, message: string, fix?: Fix): void;
}

/** Checks one parsed SKILL.md on its own. */
export interface FileRule extends RuleMeta {
  scope: 'file';
  check(context: FileRuleContext): void;
}

/** Checks what the skills of one catalog say about each other. */
export interface CatalogRule extends RuleMeta {
  scope: 'catalog';
  /**
   * What it reports on a file depends on that file's analysis alone (its companion files): it runs
   * in the per-file phase, on one file at a time, so in parallel and cached with the file.
   */
  eachFileAlone?: true;
  check(context: CatalogRuleContext): void;
}

/** Reports problems found while loading a file, before any parsing. */
export interface LoadRule extends RuleMeta {
  scope: 'load';
  check(context: { analysis: FileAnalysis; report(range: Range, message: string): void }): void;
}

export type Rule = FileRule | CatalogRule | LoadRule;

export function makeDiagnostic(rule: RuleMeta, filePath: string, range: Range, message: string, fix?: Fix): Diagnostic {
  const diagnostic: Diagnostic = { ruleId: rule.id, severity: rule.severity, message, filePath, range };
  if (fix) diagnostic.fix = fix;
  return diagnostic;
}

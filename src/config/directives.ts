import type { Nodes, Parent } from 'mdast';
import type { Diagnostic, Range } from '../core/diagnostic.js';
import { rangeAt } from '../core/source-text.js';
import type { SkillDocument } from '../parse/skill-document.js';
import type { RulePolicy } from './policy.js';
import { SAFETY_RULES } from './safety-rules.js';

/** The rule that reports malformed and unused directives; comments cannot silence it either. */
export const DIRECTIVE_RULE = 'disable-directive';

export type DirectiveKind = 'disable-next-line' | 'disable' | 'enable';

/** One `<!-- skillhub-... -->` comment, as plain data (cached and sent between threads with the analysis). */
export interface Directive {
  kind: DirectiveKind;
  rules: string[];
  reason?: string;
  /** The comment itself. */
  range: Range;
  /** The 1-based lines it silences, inclusive (none for `enable`). */
  fromLine: number;
  toLine: number;
}

const COMMENT = /<!--\s*skillhub-(disable-next-line|disable|enable)\b([\s\S]*?)-->/g;

export function hasDirectives(text: string): boolean {
  return text.includes('skillhub-');
}

/** The directives of a document, each with the lines it covers: the next block, or up to the matching enable. */
export function collectDirectives(doc: SkillDocument): Directive[] {
  const found: Directive[] = [];
  const lastLine = doc.source.lineStarts.length;
  const visit = (parent: Parent) => {
    parent.children.forEach((child, index) => {
      if (child.type === 'html' && child.position) {
        for (const match of child.value.matchAll(COMMENT)) {
          const start = (child.position.start.offset ?? 0) + (match.index ?? 0);
          const directive = parseDirective(match[1] as DirectiveKind, match[2] ?? '', rangeAt(doc.source, start, start + match[0].length));
          if (directive.kind === 'disable-next-line') {
            const next = parent.children[index + 1] as Nodes | undefined;
            const lineAfter = directive.range.end.line + 1;
            directive.fromLine = next?.position ? next.position.start.line : lineAfter;
            directive.toLine = next?.position ? next.position.end.line : lineAfter;
          }
          found.push(directive);
        }
      }
      if ('children' in child) visit(child as Parent);
    });
  };
  visit(doc.body);
  found.sort((a, b) => a.range.start.line - b.range.start.line || a.range.start.column - b.range.start.column);
  closeRanges(found, lastLine);
  return found;
}

function parseDirective(kind: DirectiveKind, content: string, range: Range): Directive {
  const [ruleText = '', ...reason] = content.split(/\s--\s|\s--$/);
  const rules = ruleText.split(/[\s,]+/).filter((word) => word !== '');
  const directive: Directive = { kind, rules, range, fromLine: range.start.line, toLine: range.end.line };
  const why = reason.join(' -- ').trim();
  if (why !== '') directive.reason = why;
  return directive;
}

/** A `disable` covers its lines up to the `enable` that names its rule (or names none), else to the end. */
function closeRanges(directives: Directive[], lastLine: number): void {
  directives.forEach((directive, index) => {
    if (directive.kind !== 'disable') return;
    const enable = directives
      .slice(index + 1)
      .find((later) => later.kind === 'enable' && (later.rules.length === 0 || directive.rules.some((rule) => later.rules.includes(rule))));
    directive.toLine = enable ? enable.range.start.line : lastLine;
  });
}

/** Rules no comment can silence: the safety rules, and the rule about the comments themselves. */
export function isSilenceable(ruleId: string): boolean {
  return !SAFETY_RULES.has(ruleId) && ruleId !== DIRECTIVE_RULE;
}

/**
 * Applies the configuration's severities and the file's disable comments to the diagnostics of
 * one file; reports unused directives when asked. Pure: the analysis is not changed.
 */
export function applyPolicy(
  filePath: string,
  diagnostics: readonly Diagnostic[],
  directives: readonly Directive[],
  policy: RulePolicy | undefined,
  knownRules: ReadonlySet<string>,
): Diagnostic[] {
  const used = new Set<string>();
  const kept: Diagnostic[] = [];
  for (const diagnostic of diagnostics) {
    const severity = policy ? policy.severityFor(diagnostic.filePath, diagnostic.ruleId, diagnostic.severity) : diagnostic.severity;
    if (severity === 'off') continue;
    if (diagnostic.filePath === filePath && isSilenceable(diagnostic.ruleId)) {
      const line = diagnostic.range.start.line;
      const index = directives.findIndex(
        (directive) => directive.kind !== 'enable' && directive.rules.includes(diagnostic.ruleId) && line >= directive.fromLine && line <= directive.toLine,
      );
      if (index >= 0) {
        used.add(`${index}:${diagnostic.ruleId}`);
        continue;
      }
    }
    kept.push(severity === diagnostic.severity ? diagnostic : { ...diagnostic, severity });
  }
  const reportUnused = policy?.reportUnused ?? 'off';
  if (reportUnused === 'off') return kept;
  const silenced = (ruleId: string) => (policy ? policy.severityFor(filePath, ruleId, 'error') === 'off' : false);
  directives.forEach((directive, index) => {
    if (directive.kind === 'enable') return;
    for (const ruleId of directive.rules) {
      if (used.has(`${index}:${ruleId}`) || !knownRules.has(ruleId) || !isSilenceable(ruleId) || silenced(ruleId)) continue;
      kept.push({
        ruleId: DIRECTIVE_RULE,
        severity: reportUnused,
        message: `\`skillhub-${directive.kind} ${ruleId}\` silenced nothing: \`${ruleId}\` reports no problem ${directive.kind === 'disable' ? 'in that range' : 'in the next block'}. Remove it.`,
        filePath,
        range: directive.range,
      });
    }
  });
  return kept;
}

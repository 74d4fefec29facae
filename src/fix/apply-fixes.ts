import type { Diagnostic, Fix } from '../core/diagnostic.js';

/**
 * Applies fixes to a text the way ESLint does: in order of position, skipping any fix that
 * overlaps one already taken (the next pass picks it up after a re-lint). Pure.
 */
export function applyFixes(text: string, fixes: readonly Fix[]): { text: string; applied: number } {
  const ordered = [...fixes].sort((a, b) => a.range[0] - b.range[0] || a.range[1] - b.range[1]);
  let output = '';
  let cursor = 0;
  let applied = 0;
  let lastEnd = -1;
  for (const fix of ordered) {
    const [start, end] = fix.range;
    if (start < lastEnd || start < cursor || end > text.length || start > end) continue;
    output += text.slice(cursor, start) + fix.text;
    cursor = end;
    lastEnd = end;
    applied++;
  }
  output += text.slice(cursor);
  return { text: output, applied };
}

/** The fixes of a set of diagnostics, by the file they change. */
export function fixesByFile(diagnostics: readonly Diagnostic[], ruleFilter?: (ruleId: string) => boolean): Map<string, Fix[]> {
  const byFile = new Map<string, Fix[]>();
  for (const diagnostic of diagnostics) {
    if (!diagnostic.fix || (ruleFilter && !ruleFilter(diagnostic.ruleId))) continue;
    const list = byFile.get(diagnostic.filePath) ?? [];
    list.push(diagnostic.fix);
    byFile.set(diagnostic.filePath, list);
  }
  return byFile;
}

import path from 'node:path';
import { countBySeverity, type Formatter } from './types.js';

/** ESLint's "stylish" layout: files with problems, one line per problem, then a summary. */
export const formatStylish: Formatter = (reports, { cwd }) => {
  const lines: string[] = [];
  let errors = 0;
  let warnings = 0;
  for (const report of reports) {
    if (report.diagnostics.length === 0) continue;
    const counts = countBySeverity(report.diagnostics);
    errors += counts.errors;
    warnings += counts.warnings;
    lines.push(path.relative(cwd, report.filePath) || report.filePath);
    const rows = report.diagnostics.map((d) => [
      `${d.range.start.line}:${d.range.start.column}`,
      d.severity,
      d.message.replace(/\r?\n/g, ' '),
      d.ruleId,
    ]);
    const positionWidth = Math.max(...rows.map((row) => (row[0] as string).length));
    const severityWidth = Math.max(...rows.map((row) => (row[1] as string).length));
    for (const [position, severity, message, ruleId] of rows) {
      lines.push(`  ${(position as string).padEnd(positionWidth)}  ${(severity as string).padEnd(severityWidth)}  ${message}  ${ruleId}`);
    }
    lines.push('');
  }
  const total = errors + warnings;
  if (total === 0) return '';
  const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`;
  lines.push(`✖ ${plural(total, 'problem')} (${plural(errors, 'error')}, ${plural(warnings, 'warning')})`);
  return `${lines.join('\n')}\n`;
};

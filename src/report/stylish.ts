import path from 'node:path';
import { countBySeverity, type Formatter } from './types.js';

/** ESLint's "stylish" layout: files with problems, one line per problem, then a summary. */
export const formatStylish: Formatter = (reports, { cwd, color }) => {
  const paint = color ? ansi : plain;
  const lines: string[] = [];
  let errors = 0;
  let warnings = 0;
  for (const report of reports) {
    if (report.diagnostics.length === 0) continue;
    const counts = countBySeverity(report.diagnostics);
    errors += counts.errors;
    warnings += counts.warnings;
    lines.push(paint.underline(path.relative(cwd, report.filePath) || report.filePath));
    const rows = report.diagnostics.map((d) => [
      `${d.range.start.line}:${d.range.start.column}`,
      d.severity,
      d.message.replace(/\r?\n/g, ' '),
      d.ruleId,
    ]);
    const positionWidth = Math.max(...rows.map((row) => (row[0] as string).length));
    const severityWidth = Math.max(...rows.map((row) => (row[1] as string).length));
    for (const [position, severity, message, ruleId] of rows) {
      const severityText = (severity as string).padEnd(severityWidth);
      lines.push(
        `  ${paint.dim((position as string).padEnd(positionWidth))}  ${severity === 'error' ? paint.red(severityText) : paint.yellow(severityText)}  ${message}  ${paint.dim(ruleId as string)}`,
      );
    }
    lines.push('');
  }
  const total = errors + warnings;
  if (total === 0) return '';
  const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`;
  const summary = `✖ ${plural(total, 'problem')} (${plural(errors, 'error')}, ${plural(warnings, 'warning')})`;
  lines.push(paint.bold(errors > 0 ? paint.red(summary) : paint.yellow(summary)));
  return `${lines.join('\n')}\n`;
};

type Paint = Record<'underline' | 'dim' | 'red' | 'yellow' | 'bold', (text: string) => string>;

const sgr = (open: number, close: number) => (text: string) => `\x1b[${open}m${text}\x1b[${close}m`;
const ansi: Paint = { underline: sgr(4, 24), dim: sgr(2, 22), red: sgr(31, 39), yellow: sgr(33, 39), bold: sgr(1, 22) };
const same = (text: string) => text;
const plain: Paint = { underline: same, dim: same, red: same, yellow: same, bold: same };

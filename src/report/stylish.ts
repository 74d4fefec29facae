import path from 'node:path';
import type { Formatter } from './types.js';

/**
 * ESLint's "stylish" layout: files with problems, one line per problem, then a summary. Built as
 * one string, a line at a time: a catalog with tens of thousands of problems prints them at once.
 */
export const formatStylish: Formatter = (reports, { cwd, color }) => {
  const paint = color ? ansi : plain;
  const shown = relativeTo(cwd);
  let text = '';
  let errors = 0;
  let warnings = 0;
  for (const report of reports) {
    const { diagnostics } = report;
    if (diagnostics.length === 0) continue;
    let positionWidth = 0;
    let severityWidth = 0;
    for (const d of diagnostics) {
      positionWidth = Math.max(positionWidth, `${d.range.start.line}:${d.range.start.column}`.length);
      severityWidth = Math.max(severityWidth, d.severity.length);
      if (d.severity === 'error') errors++;
      else warnings++;
    }
    text += `${paint.underline(shown(report.filePath))}\n`;
    for (const d of diagnostics) {
      const position = `${d.range.start.line}:${d.range.start.column}`.padEnd(positionWidth);
      const severity = d.severity.padEnd(severityWidth);
      const message = d.message.includes('\n') ? d.message.replace(/\r?\n/g, ' ') : d.message;
      text += `  ${paint.dim(position)}  ${d.severity === 'error' ? paint.red(severity) : paint.yellow(severity)}  ${message}  ${paint.dim(d.ruleId)}\n`;
    }
    text += '\n';
  }
  const total = errors + warnings;
  if (total === 0) return '';
  const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`;
  const summary = `✖ ${plural(total, 'problem')} (${plural(errors, 'error')}, ${plural(warnings, 'warning')})`;
  return `${text}${paint.bold(errors > 0 ? paint.red(summary) : paint.yellow(summary))}\n`;
};

/** A file's path as shown: relative to `cwd` (a plain prefix cut for the files under it), or absolute when it is `cwd`. */
function relativeTo(cwd: string): (filePath: string) => string {
  const prefix = cwd.endsWith(path.sep) ? cwd : `${cwd}${path.sep}`;
  return (filePath) => {
    const under = filePath.startsWith(prefix) && !filePath.includes(`${path.sep}..`) && !filePath.includes(`${path.sep}.${path.sep}`) && !filePath.includes(`${path.sep}${path.sep}`);
    return (under ? filePath.slice(prefix.length) : path.relative(cwd, filePath)) || filePath;
  };
}

type Paint = Record<'underline' | 'dim' | 'red' | 'yellow' | 'bold', (text: string) => string>;

const sgr = (open: number, close: number) => (text: string) => `\x1b[${open}m${text}\x1b[${close}m`;
const ansi: Paint = { underline: sgr(4, 24), dim: sgr(2, 22), red: sgr(31, 39), yellow: sgr(33, 39), bold: sgr(1, 22) };
const same = (text: string) => text;
const plain: Paint = { underline: same, dim: same, red: same, yellow: same, bold: same };

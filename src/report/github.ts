import type { Diagnostic } from '../core/diagnostic.js';
import { relativePosixPath } from './paths.js';
import type { Formatter } from './types.js';

/**
 * GitHub Actions workflow commands (`::error file=...::message`), one per diagnostic, which the
 * runner turns into annotations on the pull request. Nothing else is printed: every stdout line
 * is a command.
 */
export const formatGithub: Formatter = (reports, { cwd }) => {
  const lines: string[] = [];
  for (const report of reports) {
    const file = relativePosixPath(cwd, report.filePath);
    for (const diagnostic of report.diagnostics) lines.push(workflowCommand(file, diagnostic));
  }
  return lines.length === 0 ? '' : `${lines.join('\n')}\n`;
};

function workflowCommand(file: string, d: Diagnostic): string {
  const properties: Array<[string, string | number]> = [
    ['file', file],
    ['line', d.range.start.line],
    ['col', d.range.start.column],
    ['endLine', d.range.end.line],
    ['endColumn', d.range.end.column],
    ['title', d.ruleId],
  ];
  const list = properties.map(([key, value]) => `${key}=${escapeProperty(String(value))}`).join(',');
  return `::${d.severity} ${list}::${escapeData(d.message)}`;
}

/** As @actions/core's escapeData: the message may not contain raw `%`, CR or LF. */
export function escapeData(value: string): string {
  return value.replace(/%/g, '%25').replace(/\r/g, '%0D').replace(/\n/g, '%0A');
}

/** As @actions/core's escapeProperty: `:` and `,` would end a property early. */
export function escapeProperty(value: string): string {
  return escapeData(value).replace(/:/g, '%3A').replace(/,/g, '%2C');
}

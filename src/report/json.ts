import { countBySeverity, type FileReport, type Formatter } from './types.js';

/**
 * Exactly the shape of ESLint's `json` formatter (LintResult[]), so tools that read ESLint
 * output (reviewdog, editors, dashboards) read ours. Paths are absolute, as in ESLint.
 */
export const formatJson: Formatter = (reports) => `${JSON.stringify(reports.map(jsonResult))}\n`;

/**
 * The same text in pieces of about `size` characters (their concatenation is formatJson's text,
 * since JSON.stringify writes an array as its items joined by commas in brackets): printed as
 * they are made, a large report is never held whole. At 10,000 skills the report is 31 MB, held
 * as the string, its flattened copy and the bytes written. 64 KB pieces: each piece's bytes come
 * from memory freed by the last one, where 1 MB pieces were fresh pages every time (writing 31 MB
 * to a file: about 120-190 ms of CPU against 230-260 ms).
 */
export function* jsonReportPieces(reports: readonly FileReport[], size = 1 << 16): Generator<string> {
  let piece = '[';
  for (let index = 0; index < reports.length; index++) {
    piece += `${index > 0 ? ',' : ''}${JSON.stringify(jsonResult(reports[index] as FileReport))}`;
    if (piece.length >= size) {
      yield piece;
      piece = '';
    }
  }
  yield `${piece}]\n`;
}

function jsonResult(report: FileReport) {
  const { errors, warnings } = countBySeverity(report.diagnostics);
  const fixable = countBySeverity(report.diagnostics.filter((d) => d.fix !== undefined));
  return {
    filePath: report.filePath,
    messages: report.diagnostics.map((d) => ({
      ruleId: d.ruleId,
      severity: d.severity === 'error' ? 2 : 1,
      message: d.message,
      line: d.range.start.line,
      column: d.range.start.column,
      nodeType: null,
      endLine: d.range.end.line,
      endColumn: d.range.end.column,
      ...(d.fix ? { fix: d.fix } : {}),
    })),
    suppressedMessages: [],
    errorCount: errors,
    fatalErrorCount: 0,
    warningCount: warnings,
    fixableErrorCount: fixable.errors,
    fixableWarningCount: fixable.warnings,
    ...(report.output === undefined ? {} : { output: report.output }),
    usedDeprecatedRules: [],
  };
}

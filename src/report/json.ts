import { countBySeverity, type Formatter } from './types.js';

/**
 * Exactly the shape of ESLint's `json` formatter (LintResult[]), so tools that read ESLint
 * output (reviewdog, editors, dashboards) read ours. Paths are absolute, as in ESLint.
 */
export const formatJson: Formatter = (reports) => {
  const results = reports.map((report) => {
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
  });
  return `${JSON.stringify(results)}\n`;
};

/** A 1-based line and column; columns count UTF-16 code units, as editors and ESLint do. */
export interface Position {
  line: number;
  column: number;
}

/** A half-open span: `end` is the position just after the last character. */
export interface Range {
  start: Position;
  end: Position;
}

export type Severity = 'error' | 'warning';

export interface Diagnostic {
  ruleId: string;
  severity: Severity;
  message: string;
  /** Absolute path of the file the diagnostic belongs to. */
  filePath: string;
  range: Range;
  /** ESLint's fix shape: replace the text between two offsets of the file's decoded text (no BOM). */
  fix?: Fix;
}

export interface Fix {
  range: [number, number];
  text: string;
}

export function compareDiagnostics(a: Diagnostic, b: Diagnostic): number {
  return (
    compareStrings(a.filePath, b.filePath) ||
    a.range.start.line - b.range.start.line ||
    a.range.start.column - b.range.start.column ||
    compareStrings(a.ruleId, b.ruleId) ||
    compareStrings(a.message, b.message)
  );
}

/** Code-unit order, independent of the locale. */
export function compareStrings(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

export const FILE_START: Range = { start: { line: 1, column: 1 }, end: { line: 1, column: 1 } };

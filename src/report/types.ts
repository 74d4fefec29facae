import type { Diagnostic } from '../core/diagnostic.js';
import type { Rule } from '../check/rule.js';

export interface FileReport {
  filePath: string;
  diagnostics: readonly Diagnostic[];
  /** The fixed text of the file (`--fix-dry-run`), shown by the json format as ESLint's `output`. */
  output?: string;
}

export interface FormatContext {
  /** Paths are shown and URIs built relative to this folder. */
  cwd: string;
  rules: readonly Rule[];
  toolVersion: string;
  /** The project's home page, named in SARIF's `tool.driver.informationUri` when known. */
  informationUri?: string;
  /** ANSI colours in the human-readable format (stylish only; machine formats ignore it). */
  color?: boolean;
}

export type Formatter = (reports: readonly FileReport[], context: FormatContext) => string;

export function countBySeverity(diagnostics: readonly Diagnostic[]): { errors: number; warnings: number } {
  let errors = 0;
  let warnings = 0;
  for (const diagnostic of diagnostics) {
    if (diagnostic.severity === 'error') errors++;
    else warnings++;
  }
  return { errors, warnings };
}
